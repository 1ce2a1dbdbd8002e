// Markdown pipe tables (levels as columns or rows) through the Markdown reader.
#include "fuzz_support.h"
#include "parsers.h"
#include "rungs/corpus/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rungs::fuzz::expect_only_rungs_errors([&] {
    const std::string text = rungs::corpus::normalize_text(rungs::fuzz::as_string(data, size), "fuzz.md", 1);
    (void)rungs::corpus::detail::has_pipe_table(text);
    const auto document = rungs::corpus::detail::parse_markdown(text, "fuzz.md", {});
    (void)rungs::corpus::detail::ladder_from_document(document, "fuzz.md");
  });
  return 0;
}
