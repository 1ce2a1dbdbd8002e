#include "uploads.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "http_errors.h"
#include "rungs/service/files.h"

namespace rungs::server {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kLongestName = 200;

// The last component of a client's file name, checked: no directory parts,
// no hidden or special names, no control characters.
std::string checked_name(const std::string& given) {
  std::string name = given.substr(given.find_last_of("/\\") == std::string::npos ? 0 : given.find_last_of("/\\") + 1);
  if (name.empty())
    throw HttpError(400, "the upload has no file name: send ?filename=NAME.md (the extension tells the format)");
  if (name.size() > kLongestName) throw HttpError(400, fmt::format("the file name is over {} bytes", kLongestName));
  if (name.front() == '.') throw HttpError(400, "a file name may not start with '.': '" + name + "'");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) throw HttpError(400, "the file name holds a control character");
  }
  return name;
}

// A private folder, removed with everything in it when this goes.
struct TemporaryFolder {
  fs::path path;
  TemporaryFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "rungs-upload-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw Error("cannot create a temporary folder for the upload");
    path = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
};

void write_new_file(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot store the upload " + path.filename().string());
  const bool ok = service::write_all(fd, bytes);
  ::close(fd);
  if (!ok) throw Error("cannot store the upload " + path.filename().string());
}

std::string without(std::string text, const std::string& prefix) {
  for (std::size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
  return text;
}

}  // namespace

std::vector<Upload> uploads_of(const httplib::Request& request, const std::string& filename) {
  std::vector<Upload> uploads;
  if (request.is_multipart_form_data()) {
    for (const auto& [field, file] : request.files) {
      if (field == "file") uploads.push_back({checked_name(file.filename), file.content});
    }
    if (uploads.empty()) throw HttpError(400, "the form holds no part called \"file\"");
  } else {
    uploads.push_back({checked_name(filename), request.body});
  }
  std::set<std::string> names;
  for (const auto& u : uploads) {
    if (u.bytes.empty()) throw HttpError(400, "the file " + u.name + " is empty");
    if (!names.insert(u.name).second) throw HttpError(400, "two files are called " + u.name);
  }
  return uploads;
}

corpus::LoadResult read_uploads(const std::vector<Upload>& uploads, const std::string& folder_name) {
  TemporaryFolder temporary;
  // Level pages sent together are one ladder named after their folder.
  const fs::path folder = temporary.path / (folder_name.empty() ? "uploaded-ladder" : checked_name(folder_name));
  fs::create_directory(folder);
  std::vector<fs::path> paths;
  for (const auto& u : uploads) {
    paths.push_back(folder / u.name);
    write_new_file(paths.back(), u.bytes);
  }
  const std::string prefix = folder.string() + "/";
  // The same rules as `rungs index FILE`: a file that cannot be read fails the request.
  corpus::LoadResult result;
  try {
    result = corpus::load_inputs(uploads.size() == 1 ? paths : std::vector<fs::path>{folder});
  } catch (const Error& e) {
    throw HttpError(400, without(without(e.what(), prefix), folder.string()));
  }
  for (auto& notice : result.notices) {
    notice.path = notice.path.lexically_relative(folder);
    notice.message = without(notice.message, prefix);
  }
  for (auto& ladder : result.ladders) ladder.source = without(ladder.source, prefix);
  for (auto& f : result.folders) f = f.lexically_relative(temporary.path);
  return result;
}

}  // namespace rungs::server
