// The handle on one index directory (see database.h).

#include "database.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "rungs/indexer/schema.h"
#include "rungs/indexer/stub.h"
#include "rungs/indexer/xapian_errors.h"

namespace rungs::search {

namespace fs = std::filesystem;
namespace schema = indexer::schema;

IndexHandle::IndexHandle(fs::path path, OnOpen on_open) : path_(std::move(path)), on_open_(std::move(on_open)) {}

IndexHandle::~IndexHandle() { close_dir(); }

void IndexHandle::close_dir() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
  dir_fd_ = -1;
}

// Opens the index at `path`. A writer may be swapping a new index into
// place (indexer.h) while we open: the directory is opened first and Xapian
// reads it through /proc/self/fd, so every table comes from one index even
// if `path` is renamed meanwhile. A directory retired and removed under us
// (or, on file systems without RENAME_EXCHANGE, the instant `path` does not
// exist) fails the open; it is retried a few times before it counts.
void IndexHandle::open() {
  for (int attempt = 1;; ++attempt) {
    try {
      open_once();
      return;
    } catch (const IndexError&) {
      if (attempt >= kRetries) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
  }
}

void IndexHandle::open_once() {
  close_dir();
  std::error_code ec;
  if (!fs::exists(path_, ec)) {
    throw IndexError(fmt::format("no index at {}: run `rungs index` first", path_.string()));
  }
  if (indexer::is_stub_file(path_)) {
    open_sharded();
    return;
  }
  std::string xapian_path = path_.string();
  dir_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd_ >= 0) {
    const std::string pinned = "/proc/self/fd/" + std::to_string(dir_fd_);
    if (fs::exists(pinned + "/.", ec)) xapian_path = pinned;
  }
  try {
    db_ = Xapian::Database(xapian_path);
  } catch (const Xapian::Error&) {
    indexer::rethrow_opening_error(path_.string());
  }
  check_schema(db_, path_.string());
  shards_ = {Shard{path_.string(), db_}};
  sharded_ = false;
  on_open_(db_, xapian_path);
}

// A stub file: every shard opened on its own and checked, then searched as
// one database (Xapian merges the statistics, so ranking is the single
// index's).
void IndexHandle::open_sharded() {
  shards_ = open_shards(path_);
  db_ = Xapian::Database();
  for (const auto& shard : shards_) {
    check_schema(shard.db, shard.where);
    db_.add_database(shard.db);
  }
  sharded_ = true;
  on_open_(db_, path_);
}

void IndexHandle::check_schema(const Xapian::Database& db, const std::string& where) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchema));
  if (version != std::to_string(schema::kVersion)) {
    throw IndexError(
        fmt::format("index {} has schema version {} but this rungs reads version {}: run `rungs "
                    "index --rebuild`",
                    where, version.empty() ? "(none)" : version, schema::kVersion));
  }
}

}  // namespace rungs::search
