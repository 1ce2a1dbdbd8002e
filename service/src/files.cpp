// Writing files whole or not at all.
#include "rungs/service/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "rungs/corpus/error.h"

namespace rungs::service {
namespace {

std::string reason(int error) { return std::error_code(error, std::generic_category()).message(); }

// Writes `content` into what already exists at `path` (a device, a FIFO),
// without replacing it.
void write_through(const std::filesystem::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  const bool ok = write_all(fd, content);
  const int error = errno;
  ::close(fd);
  if (!ok) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(error)));
}

}  // namespace

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void write_output_file(const std::filesystem::path& path, const std::string& content, NonRegular non_regular) {
  if (path == "-") {
    // Through stdout, and so through the terminal filter (terminal.h).
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0) {
      throw Error("cannot write to standard output: " + reason(errno));
    }
    return;
  }
  struct stat link {};
  std::optional<mode_t> mode;  // the mode of the file replaced, if any
  if (::lstat(path.c_str(), &link) == 0) {
    struct stat target {};
    const bool resolves = ::stat(path.c_str(), &target) == 0;
    if (S_ISDIR(resolves ? target.st_mode : link.st_mode)) {
      throw Error(fmt::format("cannot write {}: it is a directory; name a file", path.string()));
    }
    if (S_ISLNK(link.st_mode) && (!resolves || S_ISREG(target.st_mode))) {
      std::error_code ignored;
      throw Error(
          fmt::format("cannot write {}: it is a symbolic link (to {}), and rungs does not replace links; name "
                      "the file itself, or remove the link",
                      path.string(), std::filesystem::read_symlink(path, ignored).string()));
    }
    if (!S_ISREG(target.st_mode)) {
      if (non_regular == NonRegular::refuse) {
        throw Error(fmt::format("cannot write {}: not a regular file", path.string()));
      }
      write_through(path, content);
      return;
    }
    mode = link.st_mode & 0777;  // permissions only: never a set-user-id bit on what we wrote
  } else if (errno != ENOENT) {
    throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  }
  // A new file beside the target, created exclusively (never through a link
  // someone put there), then renamed over it: readers see the old file or the
  // new one, never half of one.
  // A name already taken (a file or link someone put there) is never opened:
  // the next name is tried.
  static std::atomic<int> counter = 0;  // several threads write caches (rungs serve)
  std::filesystem::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = path.string() + fmt::format(".tmp-{}-{}", ::getpid(), counter.fetch_add(1));
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode ? 0600 : 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  bool ok = write_all(fd, content) && (!mode || ::fchmod(fd, *mode) == 0);
  int error = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write {}: {}", path.string(), reason(error)));
  }
}

}  // namespace rungs::service
