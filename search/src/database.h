#pragma once
// Private to search: the handle on one index directory. It opens the index
// so that a writer swapping a new one into place cannot mix two indexes
// under a reader, checks the schema version, reopens when a writer commits
// under a read, and turns Xapian's errors into rungs errors. The index may
// also be a stub file of shards, local or remote (shards.h).

#include <fmt/core.h>
#include <xapian.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/corpus/error.h"
#include "rungs/indexer/xapian_errors.h"
#include "shards.h"

namespace rungs::search {

/// How often a read or an open is tried before its error counts.
inline constexpr int kRetries = 5;

class IndexHandle {
 public:
  /// A handle on the index at `path`; nothing is opened before `open`.
  /// `on_open` is called after every successful open with the database and
  /// the directory it was read from (pinned: see `open`).
  using OnOpen = std::function<void(const Xapian::Database&, const std::filesystem::path&)>;
  IndexHandle(std::filesystem::path path, OnOpen on_open);
  ~IndexHandle();
  IndexHandle(const IndexHandle&) = delete;
  IndexHandle& operator=(const IndexHandle&) = delete;

  /// Opens (again) the newest commit of the index at `path`. Throws
  /// `IndexError` when it is missing, corrupt or of another schema version.
  void open();

  [[nodiscard]] Xapian::Database& db() { return db_; }
  /// The databases `db()` combines: the index itself, or each shard a stub
  /// file lists (shards.h).
  [[nodiscard]] const std::vector<Shard>& shards() const { return shards_; }
  /// Whether `path` is a stub file of shards.
  [[nodiscard]] bool sharded() const { return sharded_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Runs `body` and retries after reopening when a writer commits under us
  /// (or retired the directory we read); turns Xapian errors into rungs
  /// errors, naming `what` was being done.
  template <typename Body>
  auto with_retry(std::string_view what, Body&& body) -> decltype(body());

 private:
  void open_once();
  void open_sharded();
  static void check_schema(const Xapian::Database& db, const std::string& where);
  void close_dir();

  std::filesystem::path path_;
  int dir_fd_ = -1;  ///< the index directory opened, so that a rename does not move it under us
  Xapian::Database db_;
  std::vector<Shard> shards_;
  bool sharded_ = false;
  OnOpen on_open_;
};

template <typename Body>
auto IndexHandle::with_retry(std::string_view what, Body&& body) -> decltype(body()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return body();
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed under us: read the newest commit.
      if (attempt >= kRetries) indexer::rethrow_reading_error(path_.string(), what);
    } catch (const Xapian::DatabaseOpeningError&) {
      // A table opened lazily from a directory a writer retired meanwhile.
      if (attempt >= kRetries) indexer::rethrow_reading_error(path_.string(), what);
    } catch (const Xapian::NetworkError&) {
      // A shard's server restarted, or is gone.
      if (attempt >= kRetries) indexer::rethrow_reading_error(path_.string(), what);
    } catch (const Xapian::Error&) {
      indexer::rethrow_reading_error(path_.string(), what);
    }
    open();  // the newest commit, wherever `path` now points
  }
}

}  // namespace rungs::search
