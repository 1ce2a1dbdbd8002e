// A file of any format, as `rungs index FILE` reads it: format sniffing and
// whichever parser it picks (manifests resolve documents beside the file).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.h"
#include "rungs/corpus/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto path =
      std::filesystem::temp_directory_path() / ("rungs-fuzz-load-" + std::to_string(::getpid()) + ".md");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  rungs::fuzz::expect_only_rungs_errors([&] { (void)rungs::corpus::load_ladder(path); });
  return 0;
}
