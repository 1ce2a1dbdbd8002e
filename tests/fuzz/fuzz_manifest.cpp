// Manifests, over the bundled documents: a scratch folder holds a copy of
// corpus/ladders, and the input is read as a manifest in that folder.
#include <unistd.h>

#include <filesystem>

#include "fuzz_support.h"
#include "parsers.h"
#include "rungs/corpus/text.h"

namespace {

const std::filesystem::path& folder() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("rungs-fuzz-manifest-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    for (const auto& entry : std::filesystem::directory_iterator(RUNGS_CORPUS_DIR)) {
      std::filesystem::copy_file(entry.path(), d / entry.path().filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = folder() / "fuzz.yaml";
  rungs::fuzz::expect_only_rungs_errors([&] {
    const std::string text = rungs::corpus::normalize_text(rungs::fuzz::as_string(data, size), path, 1);
    (void)rungs::corpus::detail::load_manifest(text, path);
  });
  return 0;
}
