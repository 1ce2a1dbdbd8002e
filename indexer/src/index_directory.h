#pragma once
// Private to the indexer: the index as a directory on disk. Its real path,
// the writer lock beside it (`<db>.lock`), the directories a killed run
// leaves (`<db>.tmp-<pid>`, `<db>.old-<pid>`), and the atomic exchange that
// puts a new index in place (indexer.h states the guarantees).

#include <filesystem>
#include <string>

namespace rungs::indexer {

/// `db` without a trailing separator, so that siblings can be named from it.
/// The index's real place: symbolic links resolved, so that a rebuild through
/// a link replaces the index it points to (not the link), and every name of
/// one index takes the same writer lock.
[[nodiscard]] std::filesystem::path clean_path(const std::filesystem::path& db);

/// Whether `dir` holds a Xapian Glass index.
[[nodiscard]] bool looks_like_index(const std::filesystem::path& dir);

/// `db` with `suffix` appended to its last component.
[[nodiscard]] std::filesystem::path sibling(const std::filesystem::path& db, const std::string& suffix);

/// The writer lock: an exclusive `flock` on `<db>.lock` beside the index,
/// held for the whole run. It outlives the directory swaps of `build_index`
/// (Xapian's own lock lives inside the directory being replaced), and the
/// kernel drops it when its holder dies, so a killed run leaves no stale lock.
class WriterLock {
 public:
  /// Takes the lock, waiting for another writer when `wait`; otherwise throws
  /// `IndexError` naming the holder's pid.
  WriterLock(const std::filesystem::path& db, bool wait);
  ~WriterLock();  // closing the descriptor releases the lock
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

/// Called with the writer lock held, so no other run owns these: puts back an
/// index a killed run had moved aside (only possible without RENAME_EXCHANGE)
/// and removes half-built and retired directories.
void recover(const std::filesystem::path& db);

/// Makes a rename in `dir` durable.
void sync_directory(const std::filesystem::path& dir);

/// Puts `fresh` in place at `db`. With an index already there, the two are
/// exchanged atomically (renameat2 RENAME_EXCHANGE), so `db` names a whole
/// index at every instant, and the old one ends up at `fresh` for removal.
/// Returns false when the file system cannot exchange; the caller falls back.
[[nodiscard]] bool exchange(const std::filesystem::path& fresh, const std::filesystem::path& db);

}  // namespace rungs::indexer
