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
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
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
#include "fts5_engine.h"
#include "measure.h"
#include "query_mix.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"
#include "xapian_engine.h"

namespace rungs::bench {
namespace {

namespace fs = std::filesystem;

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
