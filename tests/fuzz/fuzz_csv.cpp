// CSV competency matrices: quoting, wide and long shapes, the table outline.
#include "fuzz_support.h"
#include "parsers.h"
#include "rungs/corpus/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rungs::fuzz::expect_only_rungs_errors([&] {
    const std::string text = rungs::corpus::normalize_text(rungs::fuzz::as_string(data, size), "fuzz.csv", 1);
    const auto document = rungs::corpus::detail::parse_csv(text, "fuzz.csv");
    (void)rungs::corpus::detail::ladder_from_document(document, "fuzz.csv");
  });
  return 0;
}
