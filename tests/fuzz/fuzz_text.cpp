// Text normalisation: UTF-8 validation, mojibake repair, NFC, case folding,
// slugs, the analyzer's word normalisation and stemming, and title reading.
#include "fuzz_support.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/corpus/text.h"
#include "rungs/corpus/title.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const rungs::analysis::Analyzer analyzer;
  const std::string raw = rungs::fuzz::as_string(data, size);
  (void)rungs::corpus::repair_mojibake(raw);
  // Titles are read from raw input too (`rungs level`, `rungs assign` before its checks).
  (void)rungs::corpus::title_key(rungs::corpus::read_title(raw));
  if (const auto split = rungs::corpus::find_title(raw); split && split->title.size() > raw.size()) std::abort();
  rungs::fuzz::expect_only_rungs_errors([&] {
    const std::string text = rungs::corpus::normalize_text(raw, "fuzz.txt", 1);
    // Normalising normalised text changes nothing.
    if (rungs::corpus::normalize_text(text, "again.txt", 1) != text) std::abort();
    (void)rungs::corpus::fold_case(text);
    (void)rungs::corpus::slugify(text);
    (void)rungs::analysis::normalize(text);
    (void)analyzer.words(text);
    (void)analyzer.stems(text);
  });
  return 0;
}
