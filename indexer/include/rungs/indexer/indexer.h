#pragma once
// Writing the index. One writer at a time: every run holds an exclusive
// `flock` on `<db>.lock` beside the index (released by the kernel when the
// holder dies, so it never goes stale). Readers see either the index before a
// run or after it, never a half-written one: a run makes all its changes in
// one commit, and a new index is built in `<db>.tmp-<pid>` and exchanged with
// the old one atomically (renameat2 RENAME_EXCHANGE). A run killed at any
// point leaves the last commit; the next run removes what it left behind.

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"

namespace rungs::indexer {

/// How far a run is, for a progress display.
struct IndexProgress {
  std::size_t ladders_done = 0;
  std::size_t ladders_total = 0;
  std::size_t statements_done = 0;  ///< every statement written, set-aside text included
  std::size_t statements_total = 0;
  std::string ladder;       ///< the ladder just written ("" when committing)
  bool committing = false;  ///< every ladder is written; the commit and the facet column are under way
};

struct IndexOptions {
  /// Called after each ladder is written, and once more before the commit.
  std::function<void(const IndexProgress&)> progress;
  /// Stored as `rungs.fingerprint`; "" leaves it unset.
  std::string fingerprint;
  /// When another process is writing the same index: wait for it (true), or
  /// throw `IndexError` at once (false, the default).
  bool wait_for_lock = false;
  /// Ladder ids to remove in the same commit as the ladders written (a
  /// ladder both removed and written is replaced). An id that is neither in
  /// the index nor among the ladders written throws `QueryError`, and
  /// nothing is written.
  std::vector<std::string> remove;
  /// Threads of a fresh build (`build_index`, or the first `add_ladders`):
  /// 0 uses every core for builds of 20,000 statements or more, 1 one thread.
  /// The index is the same either way.
  std::size_t threads = 0;
};

struct IndexStats {
  std::size_t ladders = 0;
  std::size_t documents = 0;  ///< statements written (competencies and summaries)
  std::size_t set_aside = 0;  ///< boilerplate: indexed as kind "boilerplate", left out of results unless asked for
};

/// Adds `ladders` to the index at `db`, creating it when missing. A ladder
/// already in the index is replaced as a whole. Throws `IndexError` when the
/// index is locked by another writer or has another schema version.
IndexStats add_ladders(const std::filesystem::path& db, std::span<const corpus::Ladder> ladders,
                       const IndexOptions& options = {});

/// Builds a fresh index of `ladders` at `db` (replacing what is there) by
/// writing a temporary directory beside it and renaming it into place.
IndexStats build_index(const std::filesystem::path& db, std::span<const corpus::Ladder> ladders,
                       const IndexOptions& options = {});

/// What `add_ladders_to_shards` wrote to one shard.
struct ShardWrite {
  std::string where;                 ///< the stub's line naming the shard
  std::filesystem::path shard;       ///< its index directory
  std::vector<std::string> added;    ///< ladders written to it, new or replaced
  std::vector<std::string> removed;  ///< ladders removed from it
  IndexStats stats;
};

/// Adds `ladders` and removes `options.remove` through the stub file `stub`
/// (`stub.h`): a ladder goes to the local shard that holds it already, a new
/// one to the local shard with the fewest documents. Each shard is written by
/// `add_ladders` (its lock, one commit, the swap); shards commit one after
/// another, not as one. Nothing is written, and `QueryError` or `IndexError`
/// says why, when a ladder or a removal is held by a remote shard (write it
/// where that shard is served) or by two shards, when an id to remove is in
/// no shard, or when the stub lists no local shard.
std::vector<ShardWrite> add_ladders_to_shards(const std::filesystem::path& stub,
                                              std::span<const corpus::Ladder> ladders,
                                              const IndexOptions& options = {});

/// Removes ladder `ladder_id` from the index; returns false when it was not there.
bool remove_ladder(const std::filesystem::path& db, const std::string& ladder_id);

}  // namespace rungs::indexer
