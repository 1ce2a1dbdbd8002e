// Writing the index (see indexer.h for the guarantees, schema.h for the layout,
// records.h for the stored records, rungs/analysis for the text analysis).
//
// Every run makes its changes inside one unflushed Xapian transaction and ends
// with one explicit commit: readers see the index before the run or after it,
// a failed run changes nothing (the transaction is cancelled before the
// WritableDatabase destructor, which would otherwise commit what was pending),
// and a killed run leaves the previous commit. Spelling data is kept exact:
// replacing or removing a ladder takes the words of the ladder stored in the
// metadata back out of the spelling table.

#include "rungs/indexer/indexer.h"

#include "fail_point.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <system_error>

#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/thesaurus.h"
#include "rungs/analysis/xapian_terms.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;
using corpus::Ladder;
using corpus::StatementKind;

std::string ladder_key(const std::string& id) {
  return std::string(schema::kMetaLadderPrefix) + id;
}

// Whether text is ranked: competencies and summaries, not set-aside boilerplate.
bool is_indexed(StatementKind kind) { return kind != StatementKind::boilerplate; }

std::string rebuild_advice(const fs::path& db) {
  return fmt::format("run `rungs index --rebuild` (or delete {})", db.string());
}

Xapian::WritableDatabase open_writable(const fs::path& db, int action) {
  try {
    return Xapian::WritableDatabase(db.string(), action | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(fmt::format(
        "index {} is being written by another rungs process; try again when it finishes",
        db.string()));
  } catch (const Xapian::DatabaseVersionError& e) {
    throw IndexError(fmt::format("index {} was written by another Xapian version ({}): {}",
                                 db.string(), e.get_msg(), rebuild_advice(db)));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError(
        fmt::format("index {} is corrupt ({}): {}", db.string(), e.get_msg(), rebuild_advice(db)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    if (action == Xapian::DB_OPEN && !fs::exists(db)) {
      throw IndexError(fmt::format("no index at {}: run `rungs index` first", db.string()));
    }
    throw IndexError(fmt::format("cannot open index {}: {}", db.string(), e.get_msg()));
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("cannot open index {}: {}", db.string(), e.get_description()));
  }
}

// Refuses an index of another schema version; stamps a new, empty one.
void check_schema(Xapian::WritableDatabase& wdb, const fs::path& db) {
  const std::string version = wdb.get_metadata(std::string(schema::kMetaSchema));
  const std::string expected = std::to_string(schema::kVersion);
  if (version == expected) return;
  if (version.empty()) {
    if (wdb.get_doccount() == 0 && wdb.metadata_keys_begin() == wdb.metadata_keys_end()) {
      wdb.set_metadata(std::string(schema::kMetaSchema), expected);
      return;
    }
    throw IndexError(fmt::format("{} is not a rungs index (no schema version): {}", db.string(),
                                 rebuild_advice(db)));
  }
  throw IndexError(fmt::format("index {} has schema version {} but this rungs uses version {}: {}",
                               db.string(), version, expected, rebuild_advice(db)));
}

class Writer {
 public:
  explicit Writer(Xapian::WritableDatabase& wdb)
      : wdb_(wdb),
        fresh_(wdb.get_doccount() == 0 &&
               wdb.metadata_keys_begin(std::string(schema::kMetaLadderPrefix)) ==
                   wdb.metadata_keys_end(std::string(schema::kMetaLadderPrefix))) {
    generator_.set_stemmer(Xapian::Stem(std::string(analysis::kStemmer)));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    generator_.set_stopper(
        (new Xapian::SimpleStopper(analysis::stopwords().begin(), analysis::stopwords().end()))
            ->release());
  }

  // Removes ladder `id`'s documents, spelling words and metadata; returns
  // whether anything was there.
  bool erase_ladder(const std::string& id) {
    const std::string term = schema::filter_term(schema::kPrefixLadder, id);
    const std::string stored = wdb_.get_metadata(ladder_key(id));
    const bool indexed = wdb_.term_exists(term);
    if (!stored.empty()) {
      try {
        const Ladder old = stored_ladder(stored, ladder_key(id));
        for (const auto& level : old.levels) {
          for (const auto& statement : level.statements) {
            if (is_indexed(statement.kind)) update_spelling(analyzer_.words(statement.text), false);
          }
        }
      } catch (const rungs::Error&) {
        // Unreadable old entry: its spelling words stay; harmless.
      }
      wdb_.set_metadata(ladder_key(id), "");
    }
    // Deleting by term flushes every buffered position list first (Glass),
    // which costs a lot when done per ladder: only delete what is there.
    if (indexed) wdb_.delete_document(term);
    return indexed || !stored.empty();
  }

  void write_ladder(const Ladder& ladder) {
    if (ladder.id.empty()) throw IndexError("cannot index a ladder without an id");
    // A fresh index holds nothing to replace, unless the same id comes twice.
    const bool repeated = !written_ids_.insert(ladder.id).second;
    if (!fresh_ || repeated) erase_ladder(ladder.id);
    for (const auto& level : ladder.levels) {
      for (std::size_t n = 0; n < level.statements.size(); ++n) {
        const auto& statement = level.statements[n];
        // Set-aside text is indexed too, so that every line read stays
        // findable (`kind:boilerplate`); search leaves it out unless asked.
        const Xapian::Document doc = make_document(ladder, level, statement, n);
        wdb_.add_document(doc);
        if (is_indexed(statement.kind)) {
          // The words the generator just indexed: the text is analysed once.
          const auto words = analysis::positioned_words(doc);
          update_spelling(words, true);
          collect_synonyms(words);
          ++stats.documents;
        } else {
          ++stats.set_aside;
        }
      }
    }
    wdb_.set_metadata(ladder_key(ladder.id), store_ladder(ladder));
    ++stats.ladders;
  }

  // Adds the synonyms collected from the ladders written, keeping
  // those that occur in the index (an expansion to nothing only costs time).
  // Synonyms are only ever added: one left by a removed ladder is harmless.
  void add_synonyms() {
    for (const auto& [term, synonym] : synonyms_) {
      if (wdb_.term_exists(synonym)) wdb_.add_synonym(term, synonym);
    }
  }

  IndexStats stats;

 private:
  // The thesaurus' synonyms of each indexed word (curated groups, WordNet
  // first senses), as stemmed terms and both ways round, so that a query
  // for "train" also finds "coach" (FLAG_AUTO_SYNONYMS).
  void collect_synonyms(const std::vector<std::string>& words) {
    for (const auto& word : words) {
      if (stop_.count(word) != 0 || word.size() < 3 || !seen_words_.insert(word).second) continue;
      const std::string term = "Z" + stemmer_(word);
      for (const auto& synonym : thesaurus_.synonyms(word)) {
        const std::string other = "Z" + stemmer_(synonym);
        if (other == term) continue;
        synonyms_.emplace(term, other);
        synonyms_.emplace(other, term);  // a query for "train" finds "coach" too
      }
    }
  }


  Xapian::Document make_document(const Ladder& ladder, const corpus::Level& level,
                                 const corpus::Statement& statement, std::size_t n) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.set_termpos(0);
    generator_.index_text(analysis::normalize(statement.text));
    generator_.increase_termpos();

    const std::string level_key = ladder.id + "/" + level.id;
    const std::string kind = corpus::to_string(statement.kind);
    doc.add_boolean_term(schema::id_term(ladder.id, level.id, n));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixFramework, ladder.framework));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLadder, ladder.id));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLevel, level.id));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLevel, level_key));
    if (!statement.area.empty()) {
      doc.add_boolean_term(schema::filter_term(schema::kPrefixArea, statement.area));
    }
    doc.add_boolean_term(schema::filter_term(schema::kPrefixTrack, level.track));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixKind, kind));

    doc.add_value(schema::kSlotFramework, ladder.framework);
    doc.add_value(schema::kSlotLadder, ladder.id);
    doc.add_value(schema::kSlotLevel, level_key);
    doc.add_value(schema::kSlotRank, Xapian::sortable_serialise(level.rank));
    doc.add_value(schema::kSlotArea, statement.area);
    doc.add_value(schema::kSlotTrack, level.track);
    doc.add_value(schema::kSlotKind, kind);
    doc.add_value(schema::kSlotFacets,
                  pack_facets({.framework = ladder.framework,
                                       .ladder = ladder.id,
                                       .level = level_key,
                                       .area = statement.area,
                                       .track = level.track,
                                       .kind = kind}));

    const nlohmann::json record = {
        {"framework", ladder.framework},
        {"ladder", ladder.id},
        {"level", level.id},
        {"level_title", level.title},
        {"level_rank", level.rank},
        {"area", statement.area},
        {"kind", kind},
        {"text", statement.text},
        {"source", statement.source},
        {"line", statement.line},
        {"n", n},
    };
    doc.add_value(schema::kSlotRecord, record.dump());
    return doc;
  }

  // Adds (or takes back) one spelling occurrence per word of an indexed
  // statement, stopwords and numbers left out, so that re-indexing keeps
  // frequencies exact.
  void update_spelling(const std::vector<std::string>& words, bool add) {
    for (const auto& word : words) {
      if (stop_.count(word) != 0 || word.size() < 2) continue;
      if (word.find_first_of("0123456789") != std::string::npos) continue;
      if (add) {
        wdb_.add_spelling(word);
      } else {
        wdb_.remove_spelling(word);
      }
    }
  }

  Xapian::WritableDatabase& wdb_;
  bool fresh_;  ///< the index held no ladder when the run began
  std::set<std::string> written_ids_;
  analysis::Thesaurus thesaurus_;
  Xapian::Stem stemmer_{std::string(analysis::kStemmer)};
  std::set<std::string> seen_words_;
  std::set<std::pair<std::string, std::string>> synonyms_;
  Xapian::TermGenerator generator_;
  analysis::Analyzer analyzer_;
  std::set<std::string> stop_{analysis::stopwords().begin(), analysis::stopwords().end()};
};

// Runs `body(writer)` in one transaction on an open database and commits once.
template <typename Body>
IndexStats write_committed(Xapian::WritableDatabase& wdb, const fs::path& db,
                           const IndexOptions& options, Body&& body) {
  wdb.begin_transaction(false);
  try {
    Writer writer(wdb);
    check_schema(wdb, db);
    body(writer);
    writer.add_synonyms();
    if (!options.fingerprint.empty()) {
      wdb.set_metadata(std::string(schema::kMetaFingerprint), options.fingerprint);
    }
    fail_point("before-commit");
    wdb.commit_transaction();
    fail_point("after-commit");
    wdb.commit();
    return writer.stats;
  } catch (...) {
    try {
      wdb.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
    try {
      throw;
    } catch (const Xapian::Error& e) {
      throw IndexError(
          fmt::format("writing index {} failed: {}", db.string(), e.get_description()));
    }
  }
}

IndexStats write_ladders(Xapian::WritableDatabase& wdb, const fs::path& db,
                         std::span<const Ladder> ladders, const IndexOptions& options) {
  return write_committed(wdb, db, options, [&](Writer& writer) {
    for (const auto& id : options.remove) {
      const bool written = std::any_of(ladders.begin(), ladders.end(), [&](const Ladder& l) { return l.id == id; });
      if (!writer.erase_ladder(id) && !written) {
        throw QueryError(fmt::format("no ladder '{}' to remove; nothing was written", id));
      }
      fail_point("ladder-removed");
    }
    std::size_t done = 0;
    for (const auto& ladder : ladders) {
      writer.write_ladder(ladder);
      fail_point("ladder-written");
      if (options.progress) options.progress(++done, ladders.size(), ladder.id);
    }
  });
}

// `db` without a trailing separator, so that siblings can be named from it.
// The index's real place: symbolic links resolved, so that a rebuild through
// a link replaces the index it points to (not the link), and every name of
// one index takes the same writer lock.
fs::path clean_path(const fs::path& db) {
  fs::path p = db.lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  std::error_code ec;
  if (const auto real = fs::weakly_canonical(p, ec); !ec && !real.empty()) p = real;
  return p;
}

bool looks_like_index(const fs::path& dir) { return fs::exists(dir / "iamglass"); }

fs::path sibling(const fs::path& db, const std::string& suffix) {
  fs::path p = db;
  p += suffix;
  return p;
}

// The writer lock: an exclusive `flock` on `<db>.lock` beside the index,
// held for the whole run. It outlives the directory swaps of `build_index`
// (Xapian's own lock lives inside the directory being replaced), and the
// kernel drops it when its holder dies, so a killed run leaves no stale lock.
class WriterLock {
 public:
  WriterLock(const fs::path& db, bool wait) {
    if (!db.parent_path().empty()) fs::create_directories(db.parent_path());
    const fs::path path = sibling(db, ".lock");
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw IndexError(fmt::format("cannot create the lock file {}: {}", path.string(),
                                   std::strerror(errno)));
    }
    while (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      std::string holder;
      char buffer[32] = {};
      if (::pread(fd_, buffer, sizeof buffer - 1, 0) > 0) holder = buffer;
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      ::close(fd_);
      if (error == EWOULDBLOCK) {
        throw IndexError(fmt::format(
            "index {} is being written by another rungs process{}; try again when it finishes",
            db.string(), holder.empty() ? "" : " (pid " + holder + ")"));
      }
      throw IndexError(
          fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
    }
    // The holder's pid, for the message above; informative only.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) {
      [[maybe_unused]] const auto written = ::pwrite(fd_, pid.data(), pid.size(), 0);
    }
  }
  ~WriterLock() { ::close(fd_); }  // closing the descriptor releases the lock
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

// Siblings `<db>.tmp-<pid>` and `<db>.old-<pid>` left by a killed run.
std::vector<fs::path> leftovers(const fs::path& db, std::string_view kind) {
  std::vector<fs::path> out;
  const fs::path parent = db.parent_path().empty() ? fs::path(".") : db.parent_path();
  const std::string prefix = db.filename().string() + std::string(kind);
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) continue;
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Called with the writer lock held, so no other run owns these: puts back an
// index a killed run had moved aside (only possible without RENAME_EXCHANGE)
// and removes half-built and retired directories.
void recover(const fs::path& db) {
  std::error_code ignored;
  if (!fs::exists(db)) {
    for (const auto& old : leftovers(db, ".old-")) {
      if (looks_like_index(old) && !fs::exists(db)) fs::rename(old, db, ignored);
    }
  }
  for (const auto& kind : {".tmp-", ".old-"}) {
    for (const auto& dir : leftovers(db, kind)) fs::remove_all(dir, ignored);
  }
}

// Makes a rename in `dir` durable.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Puts `fresh` in place at `db`. With an index already there, the two are
// exchanged atomically (renameat2 RENAME_EXCHANGE), so `db` names a whole
// index at every instant, and the old one ends up at `fresh` for removal.
// Returns false when the file system cannot exchange; the caller falls back.
bool exchange(const fs::path& fresh, const fs::path& db) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) == 0) {
    return true;
  }
  if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
  throw fs::filesystem_error("renameat2", fresh, db, std::error_code(errno, std::generic_category()));
}

IndexStats build_index_locked(const fs::path& db, std::span<const Ladder> ladders,
                              const IndexOptions& options) {
  if (fs::exists(db)) {
    const bool empty_dir = fs::is_directory(db) && fs::is_empty(db);
    if (!empty_dir && !looks_like_index(db)) {
      throw IndexError(fmt::format(
          "refusing to replace {}: it exists and is not a rungs index; remove it or choose "
          "another index directory",
          db.string()));
    }
  }
  const std::string pid = std::to_string(::getpid());
  const fs::path tmp = sibling(db, ".tmp-" + pid);
  const fs::path old = sibling(db, ".old-" + pid);
  std::error_code ignored;
  fs::remove_all(tmp, ignored);

  IndexStats stats;
  try {
    {
      auto wdb = open_writable(tmp, Xapian::DB_CREATE_OR_OVERWRITE);
      stats = write_ladders(wdb, tmp, ladders, options);
      wdb.close();
    }
    fail_point("built-beside");
    // Also hold Xapian's lock on the old index while swapping, against a
    // writer that does not take ours; an old index that cannot be opened
    // (corrupt, another version) is simply replaced.
    std::optional<Xapian::WritableDatabase> lock;
    if (looks_like_index(db)) {
      try {
        lock = open_writable(db, Xapian::DB_OPEN);
      } catch (const IndexError& e) {
        if (std::string_view(e.what()).find("being written") != std::string_view::npos) throw;
      }
    }
    const bool had_old = fs::exists(db);
    if (had_old && exchange(tmp, db)) {
      fail_point("swapped");
      if (lock) lock->close();
      fs::remove_all(tmp, ignored);  // the old index, now at tmp
    } else {
      if (had_old) fs::rename(db, old);
      fail_point("old-moved-aside");
      try {
        fs::rename(tmp, db);
      } catch (...) {
        if (had_old) fs::rename(old, db, ignored);
        throw;
      }
      fail_point("renamed-into-place");
      if (lock) lock->close();
      fs::remove_all(old, ignored);
    }
    sync_directory(db.parent_path());
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(tmp, ignored);
    throw IndexError(fmt::format("cannot put the new index in place at {}: {}", db.string(),
                                 e.code().message()));
  } catch (...) {
    fs::remove_all(tmp, ignored);
    throw;
  }
  return stats;
}

}  // namespace

IndexStats add_ladders(const fs::path& db_arg, std::span<const Ladder> ladders,
                       const IndexOptions& options) {
  const fs::path db = clean_path(db_arg);
  if (fs::exists(db) && !fs::is_directory(db)) {
    throw IndexError(fmt::format("{} is not a directory, so it cannot hold an index", db.string()));
  }
  WriterLock lock(db, options.wait_for_lock);
  recover(db);
  // A new index is built beside and renamed into place, so that a killed
  // first run leaves no index rather than an empty one without a schema.
  if (!looks_like_index(db)) return build_index_locked(db, ladders, options);
  auto wdb = open_writable(db, Xapian::DB_OPEN);
  return write_ladders(wdb, db, ladders, options);
}

IndexStats build_index(const fs::path& db_arg, std::span<const Ladder> ladders,
                       const IndexOptions& options) {
  const fs::path db = clean_path(db_arg);
  WriterLock lock(db, options.wait_for_lock);
  recover(db);
  return build_index_locked(db, ladders, options);
}

bool remove_ladder(const fs::path& db_arg, const std::string& ladder_id) {
  const fs::path db = clean_path(db_arg);
  if (!fs::exists(db)) {
    throw IndexError(fmt::format("no index at {}: run `rungs index` first", db.string()));
  }
  WriterLock lock(db, false);
  recover(db);
  auto wdb = open_writable(db, Xapian::DB_OPEN);
  bool removed = false;
  write_committed(wdb, db, IndexOptions{},
                  [&](Writer& writer) { removed = writer.erase_ladder(ladder_id); });
  return removed;
}

}  // namespace rungs::indexer
