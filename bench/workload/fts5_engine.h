#pragma once
// SQLite FTS5, the peer of rungs_bench: the same statements in an FTS5 table
// (`porter unicode61 remove_diacritics 0`) and a facet table holding the
// display record rungs stores, built in one transaction; and the engine
// that answers the query mix with the same work per query as rungs.

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "measure.h"
#include "query_mix.h"
#include "rungs/corpus/ladder.h"

namespace rungs::bench {

/// Throws when `rc` is an SQLite error, naming `what`.
void check(int rc, sqlite3* db, const char* what);
/// Opens (creating) the SQLite database at `path`.
sqlite3* open_sqlite(const std::filesystem::path& path);

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

/// Builds the FTS5 peer of `ladders` at `path`: seconds, statements/s,
/// bytes, and the same after `optimize` and `VACUUM`.
json fts5_build(const std::vector<corpus::Ladder>& ladders, const std::filesystem::path& path);

class Fts5Engine {
 public:
  explicit Fts5Engine(const std::filesystem::path& path)
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

  /// Top 10 with snippets and display records, total and six exact facets;
  /// returns the total.
  int run(const QuerySpec& q, std::vector<sqlite3_int64>* ids = nullptr);
  Fts5Engine(const Fts5Engine&) = delete;
  Fts5Engine& operator=(const Fts5Engine&) = delete;

 private:
  static constexpr const char* kFacets =
      "SELECT m.framework, m.ladder, m.level, m.area, m.track, m.kind, count(*) FROM fts"
      " JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?1";
  sqlite3* db_;
  Statement top_, top_framework_, top_ladder_, facets_, facets_framework_, facets_ladder_, record_;
};

}  // namespace rungs::bench
