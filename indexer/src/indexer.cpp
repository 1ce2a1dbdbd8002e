// Writing the index (see indexer.h for the guarantees, schema.h for the layout).
// This file holds the three entry points and the build of a fresh index; it
// hands each job to a collaborator:
//   writer.h           documents, spelling, synonyms and stored ladders, in one transaction
//   index_directory.h  the index's path, the writer lock, leftovers of killed runs, the swap
//   parallel_build.h   a fresh index built on several cores
//
// Every run makes its changes inside one unflushed Xapian transaction and ends
// with one explicit commit: readers see the index before the run or after it,
// a failed run changes nothing (the transaction is cancelled before the
// WritableDatabase destructor, which would otherwise commit what was pending),
// and a killed run leaves the previous commit. Spelling data is kept exact:
// replacing or removing a ladder takes the words of the ladder stored in the
// metadata back out of the spelling table.

#include "rungs/indexer/indexer.h"

#include <fmt/core.h>
#include <unistd.h>
#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "fail_point.h"
#include "index_directory.h"
#include "parallel_build.h"
#include "rungs/corpus/error.h"
#include "writer.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;
using corpus::Ladder;

IndexStats build_index_locked(const fs::path& db, std::span<const Ladder> ladders, const IndexOptions& options) {
  if (fs::exists(db)) {
    const bool empty_dir = fs::is_directory(db) && fs::is_empty(db);
    if (!empty_dir && !looks_like_index(db)) {
      throw IndexError(
          fmt::format("refusing to replace {}: it exists and is not a rungs index; remove it or choose "
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
    stats = build_fresh(tmp, ladders, options);
    fail_point("built-beside");
    // Also hold Xapian's lock on the old index while swapping, against a
    // writer that does not take ours; an old index that cannot be opened
    // (corrupt, another version) is simply replaced.
    std::optional<Xapian::WritableDatabase> lock;
    if (looks_like_index(db)) {
      try {
        lock = open_writable(db, Xapian::DB_OPEN);
      } catch (const IndexBusyError&) {
        throw;
      } catch (const IndexError&) {
        // Corrupt or of another version: replaced below.
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
    throw IndexError(fmt::format("cannot put the new index in place at {}: {}", db.string(), e.code().message()));
  } catch (...) {
    fs::remove_all(tmp, ignored);
    throw;
  }
  return stats;
}

}  // namespace

IndexStats add_ladders(const fs::path& db_arg, std::span<const Ladder> ladders, const IndexOptions& options) {
  const fs::path db = clean_path(db_arg);
  if (fs::exists(db) && !fs::is_directory(db)) {
    throw IndexError(fmt::format(
        "{} is not a directory, so it cannot hold an index (a stub file of shards is read-only: index into the "
        "directory of one shard)",
        db.string()));
  }
  WriterLock lock(db, options.wait_for_lock);
  recover(db);
  // A new index is built beside and renamed into place, so that a killed
  // first run leaves no index rather than an empty one without a schema.
  if (!looks_like_index(db)) return build_index_locked(db, ladders, options);
  auto wdb = open_writable(db, Xapian::DB_OPEN);
  return write_ladders(wdb, db, ladders, options);
}

IndexStats build_index(const fs::path& db_arg, std::span<const Ladder> ladders, const IndexOptions& options) {
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
  return remove_ladder_committed(wdb, db, ladder_id);
}

}  // namespace rungs::indexer
