// The structured YAML/JSON format, and its round trip: whatever it reads,
// `to_yaml` writes back in a form it reads again, equal.
#include <cstdio>

#include "fuzz_support.h"
#include "rungs/corpus/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rungs::fuzz::expect_only_rungs_errors([&] {
    const auto ladder = rungs::corpus::ladder_from_yaml(rungs::fuzz::as_string(data, size), "fuzz.yaml");
    const std::string yaml = rungs::corpus::to_yaml(ladder);
    try {
      const auto again = rungs::corpus::ladder_from_yaml(yaml, "exported.yaml");
      if (!(again == ladder)) {
        std::fprintf(stderr, "round trip changed the ladder; exported:\n%s\n", yaml.c_str());
        std::abort();
      }
    } catch (const rungs::Error& e) {
      std::fprintf(stderr, "exported YAML does not read back: %s\n%s\n", e.what(), yaml.c_str());
      std::abort();
    }
  });
  return 0;
}
