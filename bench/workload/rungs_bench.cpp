// rungs_bench: the workload driver, in the manner of leveldb's db_bench, with
// SQLite FTS5 as the peer run in the same process on the same statements and
// queries. Each engine phase runs in a forked child, so that its peak RSS
// (getrusage of the child) is its own.
//
// Workloads, for each size in --sizes (indexed statements):
//   generate      the seeded corpus (bench/common/generator.h) from the bundled ladders
//   build         rungs::indexer::build_index (one commit, fsync'd): seconds,
//                 statements/s, index size on disk, peak RSS
//   fts5_build    the peer: FTS5 `porter unicode61 remove_diacritics 0` plus a
//                 facet table, one transaction, WAL, synchronous=FULL; same
//                 measures, and the size after `optimize`
//   query         rungs::search::Searcher over the query mix, top 10 with
//                 snippets and exact facet counts (six facets): p50/p95/p99
//                 overall and per class, and the first (cold) query alone
//   xapian_query  bare Xapian on the same index with the peer's BM25 constants
//                 (BM25Weight(1.2, 0, 1, 0.75, 0.5)), no spelling or synonyms,
//                 same facets (one ValueCountMatchSpy over the packed facets,
//                 checkatleast = doccount, as rungs counted before the facet column) and
//                 snippets: what the Searcher layer costs above Xapian
//   fts5_query    the peer: top 10 by bm25() with snippet(), facet counts by
//                 GROUP BY over the matched rowids joined to the facet table
//   parity        top-10 overlap of bare Xapian and FTS5 on the OR queries
//   ladders       Searcher::ladders() (every ladder read back from the index,
//                 which every `rungs level`/`rungs map` process does first)
//   model         rungs::mapping::Model construction over the first
//                 --model-ladders ladders (and over all of them up to
//                 --model-all-max statements)
//   level         Model::match_phrase latency (phrases of 3-6 corpus words)
//   map           Model::map_ladders latency on random ladder pairs
// And once, for each N in --allpairs:
//   allpairs      Model::map_ladders on every unordered pair of N generated
//                 ladders, on --threads workers (default: every core) sharing
//                 one Model; stops after --allpairs-budget seconds and
//                 extrapolates the rest linearly (said so in the output);
//                 "per pair" is wall time over pairs done, all workers together
//
// The query mix (fixed by --seed, drawn from the corpus' own words):
//   word      one word                         FTS5: "w"
//   phrase    "a b" (adjacent corpus words)    FTS5: "a b"
//   and       a AND b                          FTS5: "a" AND "b"
//   or        a b c (rungs' default is OR)     FTS5: "a" OR "b" OR "c"
//   not       a NOT b                          FTS5: "a" NOT "b"
//   framework a word, filtered by framework    FTS5: join on the facet table
//   ladder    a word, filtered by ladder       FTS5: join on the facet table
//
// Output: one line per workload on stdout, and with --json=FILE every number.
// Example: rungs_bench --sizes=1000,10000 --queries=1000 --json=results.json

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../common/generator.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Flags {
  std::vector<std::size_t> sizes = {1000, 10000};
  std::vector<std::size_t> allpairs = {100};
  std::size_t queries = 1000;       // measured queries per engine (after one warm-up pass)
  std::size_t model_ladders = 100;  // ladders in the Model for level/map at big sizes
  std::size_t model_all_max = 100000;
  std::size_t level_runs = 200;
  std::size_t map_runs = 200;
  double allpairs_budget = 60;  // seconds per allpairs run before extrapolating
  std::size_t threads = std::max(1U, std::thread::hardware_concurrency());  // allpairs workers
  std::uint64_t seed = 42;
  std::string corpus = RUNGS_CORPUS_DIR;
  std::string work = "";  // scratch directory for the indexes
  std::string json_path;
  std::string write_yaml;  // write the first size's ladders here and stop
  bool keep = false;       // keep the indexes
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::uint64_t dir_bytes(const fs::path& path) {
  std::uint64_t total = 0;
  if (fs::is_regular_file(path)) return fs::file_size(path);
  for (const auto& e : fs::recursive_directory_iterator(path)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

std::uint64_t rss_now_kb() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
}

// Runs `body` in a forked child; returns its JSON result plus "peak_rss_mb"
// (the child's ru_maxrss) and "base_rss_mb" (the parent's RSS at the fork,
// which the child starts with).
json in_child(const std::function<json()>& body) {
  std::fflush(stdout);
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const std::uint64_t base = rss_now_kb();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    int code = 0;
    try {
      out = body().dump();
    } catch (const std::exception& e) {
      out = json{{"error", e.what()}}.dump();
      code = 1;
    }
    std::size_t done = 0;
    while (done < out.size()) {
      const auto n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    std::fflush(stdout);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  json result = text.empty() ? json{{"error", "child died"}} : json::parse(text);
  result["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024;
  result["base_rss_mb"] = static_cast<double>(base) / 1024;
  if (result.contains("error")) throw std::runtime_error(result["error"].get<std::string>());
  return result;
}

struct Latencies {
  std::vector<double> ms;
  json summary() const {
    if (ms.empty()) return json{{"n", 0}};
    auto sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double p) {
      const auto i = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size()))) - 1;
      return sorted[std::min(i, sorted.size() - 1)];
    };
    double sum = 0;
    for (double v : sorted) sum += v;
    return {{"n", sorted.size()},
            {"p50", pct(50)},
            {"p95", pct(95)},
            {"p99", pct(99)},
            {"mean", sum / static_cast<double>(sorted.size())},
            {"max", sorted.back()}};
  }
};

// ---------------------------------------------------------------------------
// The query mix.

struct QuerySpec {
  std::string cls;
  std::string rungs;               // rungs query syntax
  std::string fts;                 // FTS5 MATCH expression
  std::string framework, ladder;   // filters (at most one set)
  std::vector<std::string> words;  // for the "or" parity check
};

std::vector<std::string> plain_words(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3) words.push_back(w);
    w.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::vector<QuerySpec> query_mix(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed) {
  std::mt19937_64 random(seed ^ 0x9e3779b97f4a7c15ULL);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const std::set<std::string> stop(analysis::stopwords().begin(), analysis::stopwords().end());
  auto any_statement = [&]() -> const corpus::Statement& {
    for (;;) {
      const auto& ladder = ladders[below(ladders.size())];
      const auto& level = ladder.levels[below(ladder.levels.size())];
      if (!level.statements.empty()) return level.statements[below(level.statements.size())];
    }
  };
  auto content = [&](const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) {
      if (w.size() >= 4 && !stop.contains(w) && w != "and" && w != "not") out.push_back(w);
    }
    return out;
  };
  auto word = [&]() {
    for (;;) {
      auto words = content(plain_words(any_statement().text));
      if (!words.empty()) return words[below(words.size())];
    }
  };
  auto quote = [](const std::string& w) { return "\"" + w + "\""; };
  std::vector<QuerySpec> mix;
  constexpr int kPerClass = 20;
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"word", w, quote(w), "", "", {w}});
  }
  for (int i = 0; i < kPerClass;) {
    const auto words = plain_words(any_statement().text);
    if (words.size() < 2) continue;
    const std::size_t k = below(words.size() - 1);
    if (stop.contains(words[k]) || stop.contains(words[k + 1])) continue;
    const std::string p = words[k] + " " + words[k + 1];
    mix.push_back({"phrase", quote(p), quote(p), "", "", {}});
    ++i;
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word();
    mix.push_back({"and", a + " AND " + b, quote(a) + " AND " + quote(b), "", "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word(), c = word();
    mix.push_back({"or", a + " " + b + " " + c, quote(a) + " OR " + quote(b) + " OR " + quote(c), "", "", {a, b, c}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word();
    mix.push_back({"not", a + " NOT " + b, quote(a) + " NOT " + quote(b), "", "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"framework", w, quote(w), ladders[below(ladders.size())].framework, "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"ladder", w, quote(w), "", ladders[below(ladders.size())].id, {}});
  }
  return mix;
}

// Phrases for `rungs level`: 3-6 consecutive words of a corpus statement.
std::vector<std::string> level_phrases(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed, std::size_t n) {
  std::mt19937_64 random(seed + 7);
  std::vector<std::string> out;
  while (out.size() < n) {
    const auto& ladder = ladders[random() % ladders.size()];
    const auto& level = ladder.levels[random() % ladder.levels.size()];
    if (level.statements.empty()) continue;
    const auto words = plain_words(level.statements[random() % level.statements.size()].text);
    if (words.size() < 3) continue;
    const std::size_t len = std::min<std::size_t>(words.size(), 3 + random() % 4);
    const std::size_t start = random() % (words.size() - len + 1);
    std::string phrase;
    for (std::size_t i = start; i < start + len; ++i) phrase += (phrase.empty() ? "" : " ") + words[i];
    out.push_back(phrase);
  }
  return out;
}

// Runs `one` over the mix: the first query alone (cold), one warm-up pass,
// then passes until `count` queries are measured.
template <typename One>
json run_mix(const std::vector<QuerySpec>& mix, std::size_t count, One&& one) {
  json out;
  auto start = Clock::now();
  out["first_query_ms"] = (one(mix.front()), seconds_since(start) * 1000);
  std::size_t hits = 0;
  for (const auto& q : mix) hits += one(q) > 0 ? 1 : 0;
  out["queries_with_hits"] = hits;
  std::map<std::string, Latencies> per_class;
  Latencies all;
  std::size_t done = 0;
  while (done < count) {
    for (const auto& q : mix) {
      if (done++ >= count) break;
      start = Clock::now();
      one(q);
      const double ms = seconds_since(start) * 1000;
      all.ms.push_back(ms);
      per_class[q.cls].ms.push_back(ms);
    }
  }
  out["all"] = all.summary();
  for (const auto& [cls, lat] : per_class) out["class"][cls] = lat.summary();
  return out;
}

// ---------------------------------------------------------------------------
// SQLite FTS5, the peer.

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(fmt::format("sqlite {}: {}", what, sqlite3_errmsg(db)));
  }
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string message = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + message + " in " + sql);
  }
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr), db, "prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  void bind(int i, const std::string& s) {
    check(sqlite3_bind_text(stmt_, i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT), db_, "bind");
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    check(rc, db_, "step");
    return rc == SQLITE_ROW;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

sqlite3* open_sqlite(const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path.string());
  return db;
}

json fts5_build(const std::vector<corpus::Ladder>& ladders, const fs::path& path) {
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
  const auto start = Clock::now();
  sqlite3* db = open_sqlite(path);
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  exec(db,
       "CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter unicode61 remove_diacritics 0');"
       "CREATE TABLE meta(id INTEGER PRIMARY KEY, framework TEXT, ladder TEXT, level TEXT, area TEXT,"
       " track TEXT, kind TEXT, record TEXT);");
  exec(db, "BEGIN");
  std::size_t n = 0;
  {
    Statement text(db, "INSERT INTO fts(rowid, text) VALUES(?1, ?2)");
    Statement meta(db, "INSERT INTO meta VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& ladder : ladders) {
      for (const auto& level : ladder.levels) {
        for (std::size_t i = 0; i < level.statements.size(); ++i) {
          const auto& s = level.statements[i];
          if (s.kind == corpus::StatementKind::boilerplate) continue;
          ++n;
          const std::string kind = corpus::to_string(s.kind);
          sqlite3_bind_int64(text.get(), 1, static_cast<sqlite3_int64>(n));
          text.bind(2, s.text);
          text.step();
          text.reset();
          // The same display record rungs stores as document data.
          const json record = {{"framework", ladder.framework},
                               {"ladder", ladder.id},
                               {"level", level.id},
                               {"level_title", level.title},
                               {"level_rank", level.rank},
                               {"area", s.area},
                               {"kind", kind},
                               {"text", s.text},
                               {"source", s.source},
                               {"line", s.line},
                               {"n", i}};
          sqlite3_bind_int64(meta.get(), 1, static_cast<sqlite3_int64>(n));
          meta.bind(2, ladder.framework);
          meta.bind(3, ladder.id);
          meta.bind(4, ladder.id + "/" + level.id);
          meta.bind(5, s.area);
          meta.bind(6, level.track);
          meta.bind(7, kind);
          meta.bind(8, record.dump());
          meta.step();
          meta.reset();
        }
      }
    }
  }
  exec(db, "CREATE INDEX meta_framework ON meta(framework); CREATE INDEX meta_ladder ON meta(ladder);");
  exec(db, "COMMIT");
  exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  const double seconds = seconds_since(start);
  sqlite3_close(db);
  const std::uint64_t bytes = fs::file_size(path);
  db = open_sqlite(path);
  const auto optimize_start = Clock::now();
  exec(db, "INSERT INTO fts(fts) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE); VACUUM;");
  const double optimize_seconds = seconds_since(optimize_start);
  sqlite3_close(db);
  return {{"seconds", seconds},
          {"statements", n},
          {"per_second", static_cast<double>(n) / seconds},
          {"bytes", bytes},
          {"optimized_bytes", fs::file_size(path)},
          {"optimize_seconds", optimize_seconds}};
}

class Fts5Engine {
 public:
  explicit Fts5Engine(const fs::path& path)
      : db_(open_sqlite(path)),
        top_(db_,
             "SELECT rowid, snippet(fts, 0, '[', ']', '...', 16), bm25(fts) FROM fts WHERE fts MATCH ?1"
             " ORDER BY rank LIMIT 10"),
        top_framework_(db_,
                       "SELECT fts.rowid, snippet(fts, 0, '[', ']', '...', 16), bm25(fts) FROM fts"
                       " JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?1 AND m.framework = ?2"
                       " ORDER BY bm25(fts) LIMIT 10"),
        top_ladder_(db_,
                    "SELECT fts.rowid, snippet(fts, 0, '[', ']', '...', 16), bm25(fts) FROM fts"
                    " JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?1 AND m.ladder = ?2"
                    " ORDER BY bm25(fts) LIMIT 10"),
        facets_(db_, kFacets + std::string(" GROUP BY 1, 2, 3, 4, 5, 6")),
        facets_framework_(db_, kFacets + std::string(" AND m.framework = ?2 GROUP BY 1, 2, 3, 4, 5, 6")),
        facets_ladder_(db_, kFacets + std::string(" AND m.ladder = ?2 GROUP BY 1, 2, 3, 4, 5, 6")),
        record_(db_, "SELECT record FROM meta WHERE id = ?1") {}
  ~Fts5Engine() { sqlite3_close_v2(db_); }

  // Top 10 with snippets and display records, total and six exact facets;
  // returns the total.
  int run(const QuerySpec& q, std::vector<sqlite3_int64>* ids = nullptr) {
    Statement& top = !q.framework.empty() ? top_framework_ : !q.ladder.empty() ? top_ladder_ : top_;
    Statement& facets = !q.framework.empty() ? facets_framework_ : !q.ladder.empty() ? facets_ladder_ : facets_;
    const std::string filter = !q.framework.empty() ? q.framework : q.ladder;
    top.bind(1, q.fts);
    if (!filter.empty()) top.bind(2, filter);
    std::vector<std::pair<std::string, json>> hits;
    while (top.step()) {
      const auto id = sqlite3_column_int64(top.get(), 0);
      if (ids) ids->push_back(id);
      sqlite3_bind_int64(record_.get(), 1, id);
      json record;
      if (record_.step()) record = json::parse(record_.text(0));
      record_.reset();
      hits.emplace_back(top.text(1), std::move(record));
    }
    top.reset();
    facets.bind(1, q.fts);
    if (!filter.empty()) facets.bind(2, filter);
    std::map<std::string, int> counts[6];
    int total = 0;
    while (facets.step()) {
      const int c = sqlite3_column_int(facets.get(), 6);
      total += c;
      for (int f = 0; f < 6; ++f) counts[f][facets.text(f)] += c;
    }
    facets.reset();
    for (auto& facet : counts) {  // sorted by count, as rungs returns them
      std::vector<std::pair<int, std::string>> sorted;
      for (auto& [v, c] : facet) sorted.emplace_back(-c, v);
      std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    return total;
  }
  Fts5Engine(const Fts5Engine&) = delete;
  Fts5Engine& operator=(const Fts5Engine&) = delete;

 private:
  static constexpr const char* kFacets =
      "SELECT m.framework, m.ladder, m.level, m.area, m.track, m.kind, count(*) FROM fts"
      " JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?1";
  sqlite3* db_;
  Statement top_, top_framework_, top_ladder_, facets_, facets_framework_, facets_ladder_, record_;
};

// ---------------------------------------------------------------------------
// Bare Xapian on the rungs index, with the peer's BM25 constants.

class XapianEngine {
 public:
  explicit XapianEngine(const fs::path& path) : db_(path.string()), stemmer_(std::string(analysis::kStemmer)) {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
  }

  int run(const QuerySpec& q, std::vector<Xapian::docid>* ids = nullptr) {
    Xapian::Query query = parser_.parse_query(analysis::normalize(q.rungs), Xapian::QueryParser::FLAG_DEFAULT);
    if (!q.framework.empty()) {
      query =
          Xapian::Query(Xapian::Query::OP_FILTER, query,
                        Xapian::Query(indexer::schema::filter_term(indexer::schema::kPrefixFramework, q.framework)));
    }
    if (!q.ladder.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(indexer::schema::filter_term(indexer::schema::kPrefixLadder, q.ladder)));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    Xapian::ValueCountMatchSpy spy(indexer::schema::kSlotFacets);
    enquire.add_matchspy(&spy);
    const Xapian::MSet mset = enquire.get_mset(0, 10, db_.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (ids) ids->push_back(*it);
      const json record = json::parse(it.get_document().get_value(indexer::schema::kSlotRecord));
      const std::string snippet = mset.snippet(record.value("text", ""), 200, stemmer_,
                                               Xapian::MSet::SNIPPET_BACKGROUND_MODEL, "[", "]", "...");
      (void)snippet;
    }
    // Each facet's counts from the counts of the facet combinations.
    std::array<std::map<std::string, Xapian::doccount>, indexer::kFacetFields.size()> counts;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
      const indexer::FacetValues values = indexer::unpack_facets(*v);
      for (std::size_t f = 0; f < counts.size(); ++f)
        counts[f][values.*indexer::kFacetFields[f].value] += v.get_termfreq();
    }
    return static_cast<int>(mset.get_matches_estimated());
  }

 private:
  Xapian::Database db_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
};

// ---------------------------------------------------------------------------

std::string mb(double bytes) { return fmt::format("{:.1f} MB", bytes / 1e6); }

json run_size(const Flags& flags, const std::vector<corpus::Ladder>& seeds, std::size_t size, const fs::path& work) {
  json r;
  r["size"] = size;
  auto start = Clock::now();
  const auto ladders = generate_ladders(seeds, {.statements = size, .seed = flags.seed});
  const double gen_seconds = seconds_since(start);
  r["ladders"] = ladders.size();
  r["statements"] = indexed_statements(ladders);
  fmt::print("== {} statements in {} ladders (generated in {:.2f} s, seed {})\n", size, ladders.size(), gen_seconds,
             flags.seed);

  const fs::path rungs_db = work / fmt::format("rungs-{}", size);
  const fs::path fts_db = work / fmt::format("fts5-{}.sqlite", size);

  // build
  r["build"] = in_child([&] {
    const auto t = Clock::now();
    const auto stats = indexer::build_index(rungs_db, ladders);
    const double s = seconds_since(t);
    return json{{"seconds", s},
                {"statements", stats.documents},
                {"per_second", static_cast<double>(stats.documents) / s},
                {"bytes", dir_bytes(rungs_db)}};
  });
  const auto& b = r["build"];
  fmt::print(
      "build         : {:8.2f} s  {:9.0f} statements/s  index {}  peak RSS {:.0f} MB (corpus generator held {:.0f} "
      "MB)\n",
      b["seconds"].get<double>(), b["per_second"].get<double>(), mb(b["bytes"].get<double>()),
      b["peak_rss_mb"].get<double>(), b["base_rss_mb"].get<double>());
  r["fts5_build"] = in_child([&] { return fts5_build(ladders, fts_db); });
  const auto& f = r["fts5_build"];
  fmt::print("fts5_build    : {:8.2f} s  {:9.0f} statements/s  index {} ({} after optimize)  peak RSS {:.0f} MB\n",
             f["seconds"].get<double>(), f["per_second"].get<double>(), mb(f["bytes"].get<double>()),
             mb(f["optimized_bytes"].get<double>()), f["peak_rss_mb"].get<double>());
  r["build_rate_ratio"] = b["per_second"].get<double>() / f["per_second"].get<double>();

  const auto mix = query_mix(ladders, flags.seed);
  auto print_lat = [](const char* name, const json& q) {
    const auto& a = q["all"];
    fmt::print(
        "{:14}: p50 {:7.3f} ms  p95 {:7.3f} ms  p99 {:7.3f} ms  (n {}, first query {:.2f} ms, {} of the mix match)\n",
        name, a["p50"].get<double>(), a["p95"].get<double>(), a["p99"].get<double>(), a["n"].get<int>(),
        q["first_query_ms"].get<double>(), q["queries_with_hits"].get<int>());
  };
  r["query"] = in_child([&] {
    search::Searcher searcher(rungs_db);
    return run_mix(mix, flags.queries, [&](const QuerySpec& q) {
      search::SearchRequest request;
      request.query = q.rungs;
      if (!q.framework.empty()) request.filters.frameworks = {q.framework};
      if (!q.ladder.empty()) request.filters.ladders = {q.ladder};
      request.highlight_start = "[";
      request.highlight_end = "]";
      return searcher.search(request).total;
    });
  });
  print_lat("query", r["query"]);
  r["xapian_query"] = in_child([&] {
    XapianEngine engine(rungs_db);
    return run_mix(mix, flags.queries, [&](const QuerySpec& q) { return engine.run(q); });
  });
  print_lat("xapian_query", r["xapian_query"]);
  r["fts5_query"] = in_child([&] {
    Fts5Engine engine(fts_db);
    return run_mix(mix, flags.queries, [&](const QuerySpec& q) { return engine.run(q); });
  });
  print_lat("fts5_query", r["fts5_query"]);
  for (const char* p : {"p50", "p95", "p99"}) {
    r["query_ratio"][p] = r["query"]["all"][p].get<double>() / r["fts5_query"]["all"][p].get<double>();
    r["xapian_query_ratio"][p] = r["xapian_query"]["all"][p].get<double>() / r["fts5_query"]["all"][p].get<double>();
  }
  fmt::print("{:14}: rungs/FTS5 p50 {:.2f}  p99 {:.2f};  bare Xapian/FTS5 p50 {:.2f}  p99 {:.2f}\n", "ratio",
             r["query_ratio"]["p50"].get<double>(), r["query_ratio"]["p99"].get<double>(),
             r["xapian_query_ratio"]["p50"].get<double>(), r["xapian_query_ratio"]["p99"].get<double>());

  r["parity"] = in_child([&] {
    XapianEngine x(rungs_db);
    Fts5Engine s(fts_db);
    double overlap = 0;
    int n = 0;
    for (const auto& q : mix) {
      if (q.cls != "or") continue;
      std::vector<Xapian::docid> a;
      std::vector<sqlite3_int64> c;
      x.run(q, &a);
      s.run(q, &c);
      if (a.empty() && c.empty()) continue;
      const std::set<std::int64_t> sa(a.begin(), a.end());
      int common = 0;
      for (auto id : c) common += sa.count(id) ? 1 : 0;
      overlap += static_cast<double>(common) / static_cast<double>(std::max(a.size(), c.size()));
      ++n;
    }
    return json{{"or_queries", n}, {"mean_top10_overlap", n ? overlap / n : 0.0}};
  });
  fmt::print("parity        : bare Xapian vs FTS5 top-10 overlap on OR queries {:.0f}% (n {})\n",
             100 * r["parity"]["mean_top10_overlap"].get<double>(), r["parity"]["or_queries"].get<int>());

  r["ladders_read"] = in_child([&] {
    search::Searcher searcher(rungs_db);
    const auto t = Clock::now();
    const auto all = searcher.ladders();
    return json{{"seconds", seconds_since(t)}, {"ladders", all.size()}};
  });
  fmt::print("ladders       : {:8.3f} s to read {} ladders back from the index (every rungs level/map does this)\n",
             r["ladders_read"]["seconds"].get<double>(), r["ladders_read"]["ladders"].get<int>());

  r["mapping"] = in_child([&] {
    json out;
    if (r["statements"].get<std::size_t>() <= flags.model_all_max) {
      const auto t = Clock::now();
      mapping::Model all(ladders);
      out["model_all_seconds"] = seconds_since(t);
    }
    const std::size_t k = std::min(flags.model_ladders, ladders.size());
    std::vector<corpus::Ladder> subset(ladders.begin(), ladders.begin() + static_cast<std::ptrdiff_t>(k));
    auto t = Clock::now();
    mapping::Model model(subset);
    out["model_ladders"] = k;
    out["model_seconds"] = seconds_since(t);
    Latencies level;
    for (const auto& phrase : level_phrases(subset, flags.seed, flags.level_runs)) {
      t = Clock::now();
      (void)model.match_phrase(phrase);
      level.ms.push_back(seconds_since(t) * 1000);
    }
    out["level"] = level.summary();
    std::mt19937_64 random(flags.seed + 11);
    Latencies map;
    for (std::size_t i = 0; i < flags.map_runs && k > 1; ++i) {
      const std::size_t a = random() % k;
      std::size_t c = random() % k;
      if (c == a) c = (c + 1) % k;
      t = Clock::now();
      (void)model.map_ladders(subset[a].id, subset[c].id);
      map.ms.push_back(seconds_since(t) * 1000);
    }
    out["map"] = map.summary();
    return out;
  });
  const auto& m = r["mapping"];
  if (m.contains("model_all_seconds")) {
    fmt::print("model         : {:8.3f} s to build the Model over all {} ladders\n",
               m["model_all_seconds"].get<double>(), ladders.size());
  }
  fmt::print("model         : {:8.3f} s over {} ladders (peak RSS {:.0f} MB)\n", m["model_seconds"].get<double>(),
             m["model_ladders"].get<int>(), m["peak_rss_mb"].get<double>());
  fmt::print("level         : p50 {:7.3f} ms  p95 {:7.3f} ms  p99 {:7.3f} ms  (match_phrase over {} ladders)\n",
             m["level"]["p50"].get<double>(), m["level"]["p95"].get<double>(), m["level"]["p99"].get<double>(),
             m["model_ladders"].get<int>());
  if (m["map"]["n"].get<int>() > 0) {
    fmt::print("map           : p50 {:7.3f} ms  p95 {:7.3f} ms  p99 {:7.3f} ms  (map_ladders, random pairs)\n",
               m["map"]["p50"].get<double>(), m["map"]["p95"].get<double>(), m["map"]["p99"].get<double>());
  }
  if (!flags.keep) {
    fs::remove_all(rungs_db);
    fs::remove(fts_db);
  }
  return r;
}

json run_allpairs(const Flags& flags, const std::vector<corpus::Ladder>& seeds, std::size_t n) {
  auto ladders = generate_ladders(seeds, {.statements = n * 80, .seed = flags.seed + n});
  if (ladders.size() > n) ladders.resize(n);
  return in_child([&] {
    auto t = Clock::now();
    mapping::Model model(ladders);
    const double model_seconds = seconds_since(t);
    const std::size_t pairs = ladders.size() * (ladders.size() - 1) / 2;
    // Every unordered pair, in a seeded random order, so that a run cut short
    // by the budget times a fair sample of the pairs.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order;
    order.reserve(pairs);
    for (std::uint32_t i = 0; i < ladders.size(); ++i) {
      for (std::uint32_t j = i + 1; j < ladders.size(); ++j) order.emplace_back(i, j);
    }
    std::shuffle(order.begin(), order.end(), std::mt19937_64(flags.seed));
    // The Model is immutable and shared: --threads workers take the next pair in turn.
    std::atomic<std::size_t> next{0}, done{0};
    t = Clock::now();
    auto work = [&] {
      for (std::size_t k; (k = next++) < order.size() && seconds_since(t) < flags.allpairs_budget; ++done) {
        (void)model.map_ladders(ladders[order[k].first].id, ladders[order[k].second].id);
      }
    };
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < flags.threads; ++w) workers.emplace_back(work);
    for (auto& worker : workers) worker.join();
    const double seconds = seconds_since(t);
    const double per_pair = done ? seconds / static_cast<double>(done) : 0;
    return json{{"ladders", ladders.size()},
                {"statements", indexed_statements(ladders)},
                {"model_seconds", model_seconds},
                {"threads", flags.threads},
                {"pairs", pairs},
                {"pairs_done", done.load()},
                {"seconds", seconds},
                {"per_pair_ms", per_pair * 1000},
                {"total_seconds", model_seconds + per_pair * static_cast<double>(pairs)},
                {"extrapolated", done < pairs}};
  });
}

std::vector<std::size_t> parse_sizes(const std::string& text) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    std::size_t scale = 1;
    if (!part.empty() && (part.back() == 'k' || part.back() == 'K')) scale = 1000, part.pop_back();
    if (!part.empty() && (part.back() == 'm' || part.back() == 'M')) scale = 1000000, part.pop_back();
    if (!part.empty()) out.push_back(std::stoull(part) * scale);
    start = end + 1;
  }
  return out;
}

int run(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    const std::string key = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (key == "--sizes")
      flags.sizes = parse_sizes(value);
    else if (key == "--allpairs")
      flags.allpairs = parse_sizes(value);
    else if (key == "--queries")
      flags.queries = std::stoull(value);
    else if (key == "--model-ladders")
      flags.model_ladders = std::stoull(value);
    else if (key == "--model-all-max")
      flags.model_all_max = std::stoull(value);
    else if (key == "--level-runs")
      flags.level_runs = std::stoull(value);
    else if (key == "--map-runs")
      flags.map_runs = std::stoull(value);
    else if (key == "--allpairs-budget")
      flags.allpairs_budget = std::stod(value);
    else if (key == "--threads")
      flags.threads = std::max<std::size_t>(1, std::stoull(value));
    else if (key == "--seed")
      flags.seed = std::stoull(value);
    else if (key == "--corpus")
      flags.corpus = value;
    else if (key == "--work")
      flags.work = value;
    else if (key == "--json")
      flags.json_path = value;
    else if (key == "--write-yaml")
      flags.write_yaml = value;
    else if (key == "--keep")
      flags.keep = true;
    else {
      fmt::print(stderr, "rungs_bench: unknown flag '{}' (the header of bench/workload/rungs_bench.cpp lists them)\n",
                 arg);
      return 2;
    }
  }
  const auto seeds = corpus::load_corpus(flags.corpus);
  if (!flags.write_yaml.empty()) {
    const auto ladders = generate_ladders(seeds, {.statements = flags.sizes.at(0), .seed = flags.seed});
    write_yaml(ladders, flags.write_yaml);
    fmt::print("wrote {} ladders ({} statements) to {}\n", ladders.size(), indexed_statements(ladders),
               flags.write_yaml);
    return 0;
  }
  const fs::path work =
      flags.work.empty() ? fs::temp_directory_path() / fmt::format("rungs-bench-{}", ::getpid()) : fs::path(flags.work);
  fs::create_directories(work);
  fmt::print("rungs_bench: Xapian {}, SQLite {}, {} cores, seed {}\n", Xapian::version_string(), sqlite3_libversion(),
             ::sysconf(_SC_NPROCESSORS_ONLN), flags.seed);
  json all;
  all["xapian"] = Xapian::version_string();
  all["sqlite"] = sqlite3_libversion();
  all["seed"] = flags.seed;
  all["queries"] = flags.queries;
  for (const auto size : flags.sizes) all["sizes"].push_back(run_size(flags, seeds, size, work));
  for (const auto n : flags.allpairs) {
    const auto a = run_allpairs(flags, seeds, n);
    fmt::print(
        "allpairs      : {} ladders, {} pairs: {:.1f} s{} ({:.3f} ms per pair after a {:.2f} s Model; {} pairs timed, "
        "{} threads)\n",
        a["ladders"].get<int>(), a["pairs"].get<std::size_t>(), a["total_seconds"].get<double>(),
        a["extrapolated"].get<bool>() ? " extrapolated" : "", a["per_pair_ms"].get<double>(),
        a["model_seconds"].get<double>(), a["pairs_done"].get<std::size_t>(), a["threads"].get<std::size_t>());
    all["allpairs"].push_back(a);
  }
  if (!flags.keep && flags.work.empty()) fs::remove_all(work);
  if (!flags.json_path.empty()) std::ofstream(flags.json_path) << all.dump(2) << "\n";
  return 0;
}

}  // namespace
}  // namespace rungs::bench

int main(int argc, char** argv) try { return rungs::bench::run(argc, argv); } catch (const std::exception& e) {
  std::fprintf(stderr, "rungs_bench: %s\n", e.what());
  return 1;
}
