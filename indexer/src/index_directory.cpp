// The index directory (see index_directory.h): its real path, the writer
// lock beside it, what a killed run left, and the atomic swap of a new index
// into place.

#include "index_directory.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>
#include <vector>

#include "rungs/corpus/error.h"

namespace rungs::indexer {

namespace fs = std::filesystem;

namespace {

// Siblings `<db>.tmp-<pid>` (and its `-shard<i>`) and `<db>.old-<pid>` left by a killed run.
std::vector<fs::path> leftovers(const fs::path& db, std::string_view kind) {
  std::vector<fs::path> out;
  const fs::path parent = db.parent_path().empty() ? fs::path(".") : db.parent_path();
  const std::string prefix = db.filename().string() + std::string(kind);
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    // <pid>, or <pid>-shard<i> (parallel_build.h).
    const std::size_t digits_end = std::min(name.find_first_not_of("0123456789", prefix.size()), name.size());
    if (digits_end == prefix.size()) continue;
    const std::string_view rest = std::string_view(name).substr(digits_end);
    const bool shard = rest.starts_with("-shard") && rest.size() > 6 &&
                       rest.find_first_not_of("0123456789", 6) == std::string_view::npos;
    if (!rest.empty() && !shard) continue;
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

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

WriterLock::WriterLock(const fs::path& db, bool wait) {
  if (!db.parent_path().empty()) fs::create_directories(db.parent_path());
  const fs::path path = sibling(db, ".lock");
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw IndexError(fmt::format("cannot create the lock file {}: {}", path.string(), std::strerror(errno)));
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
      throw IndexBusyError(
          fmt::format("index {} is being written by another rungs process{}; try again when it finishes", db.string(),
                      holder.empty() ? "" : " (pid " + holder + ")"));
    }
    throw IndexError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
  }
  // The holder's pid, for the message above; informative only.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] const auto written = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

WriterLock::~WriterLock() { ::close(fd_); }

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

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool exchange(const fs::path& fresh, const fs::path& db) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) == 0) {
    return true;
  }
  if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
  throw fs::filesystem_error("renameat2", fresh, db, std::error_code(errno, std::generic_category()));
}

}  // namespace rungs::indexer
