#pragma once
// Writing files for the user and for caches without ever leaving half of one.

#include <filesystem>
#include <string>
#include <string_view>

namespace rungs::service {

/// Writes all of `content` to the file descriptor `fd`, retrying short
/// writes; false, with `errno` set, when a write fails.
[[nodiscard]] bool write_all(int fd, std::string_view content);

/// What `write_output_file` does with a target that is not a regular file.
enum class NonRegular {
  write_through,  ///< write into it (a device such as /dev/null, a FIFO)
  refuse,         ///< throw `rungs::Error`
};

/// Writes `content` to `path` (`--html FILE`, `export -o FILE`, the model
/// cache): "-" is standard output; a regular file (or nothing) is replaced
/// by a file created exclusively beside it (`O_EXCL | O_NOFOLLOW`, with the
/// old file's mode) and renamed over it, so a failure never leaves half a
/// file; a device or FIFO is written into (or refused, per `non_regular`); a
/// directory, or a symbolic link to a regular file or to nothing, is refused
/// rather than replaced. Safe to call from several threads. Throws
/// `rungs::Error` naming the path and the reason.
void write_output_file(const std::filesystem::path& path, const std::string& content,
                       NonRegular non_regular = NonRegular::write_through);

}  // namespace rungs::service
