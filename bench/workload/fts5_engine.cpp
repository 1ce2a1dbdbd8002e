// SQLite FTS5, the peer (see fts5_engine.h).

#include "fts5_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace rungs::bench {

namespace fs = std::filesystem;

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

int Fts5Engine::run(const QuerySpec& q, std::vector<sqlite3_int64>* ids) {
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

}  // namespace rungs::bench
