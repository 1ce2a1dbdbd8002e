// The model of an index, from the cache saved in the index directory.
#include "rungs/service/model_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/search/searcher.h"
#include "rungs/service/files.h"

namespace rungs::service {
namespace {

// The model saved in `cache` for `key` and `options`, or nothing. Only a
// regular file is opened (a FIFO would block), and it is mapped rather than
// read: the header's payload size is checked against the file's size before
// any of the payload is touched, so a huge file costs nothing but the check.
std::optional<mapping::Model> read_model_cache(const std::filesystem::path& cache, const std::string& key,
                                               const mapping::ModelOptions& options) {
  const int fd = ::open(cache.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* bytes = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (bytes == MAP_FAILED) return std::nullopt;
  struct Unmap {
    void* bytes;
    std::size_t size;
    ~Unmap() { ::munmap(bytes, size); }
  } unmap{bytes, size};
  return mapping::Model::deserialize(std::string_view(static_cast<const char*>(bytes), size), key, options);
}

// What a cached model must have been built from: these index contents and
// this very binary (another build of rungs may compute other numbers); ""
// when unknown.
std::string model_key(search::Searcher& searcher) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto size = error ? 0 : std::filesystem::file_size(self, error);
  const auto time = error ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(self, error);
  if (error) return "";
  return fmt::format("index {}; rungs {} bytes, modified {}", searcher.contents_id(), size,
                     time.time_since_epoch().count());
}

}  // namespace

mapping::Model load_model(const std::filesystem::path& db, const mapping::ModelOptions& options,
                          const mapping::Model::BuildProgress& progress) {
  const auto build = [&](std::vector<corpus::Ladder> ladders) {
    return mapping::Model(std::move(ladders), options, progress);
  };
  mapping::ModelOptions cached_kind;
  cached_kind.use_synonyms = options.use_synonyms;
  if (options != cached_kind) {
    // The cache keys only the synonyms switch; other options are evaluation
    // variants, built each time.
    return build(search::Searcher(db).ladders());
  }
  const std::string name = options.use_synonyms ? "model-cache.bin" : "model-cache-no-synonyms.bin";
  // Inside the index directory; beside a stub file of shards, named after it.
  const auto cache =
      std::filesystem::is_regular_file(db) ? db.parent_path() / (db.filename().string() + "." + name) : db / name;
  // One Searcher for the key and the ladders, so both come from one revision
  // (a retry after a concurrent commit only moves it forward, and a model
  // saved under an older key is never loaded again).
  search::Searcher searcher(db);
  const std::string key = model_key(searcher);
  if (!key.empty()) {
    try {
      if (auto model = read_model_cache(cache, key, options)) return std::move(*model);
    } catch (const Error&) {
      // Damaged: built anew and overwritten below.
    }
  }
  mapping::Model model = build(searcher.ladders());
  if (!key.empty()) {
    try {
      write_output_file(cache, model.serialize(key), NonRegular::refuse);
    } catch (const Error&) {
      // A read-only index: the next command builds the model again.
    }
  }
  return model;
}

}  // namespace rungs::service
