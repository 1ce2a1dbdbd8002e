#pragma once
// What every libFuzzer target shares. A target feeds its input to one entry
// point; a `rungs::Error` is the expected answer to bad input, anything else
// escaping (another exception type, a crash, a sanitizer report, a hang) is
// a finding.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "rungs/corpus/error.h"

namespace rungs::fuzz {

/// Runs `body`; returns normally for `rungs::Error`, aborts (a libFuzzer
/// crash, with the input saved) for any other exception.
template <typename Body>
void expect_only_rungs_errors(Body&& body) {
  try {
    body();
  } catch (const rungs::Error&) {
    // bad input, reported to the user: fine
  } catch (const std::exception& e) {
    std::fprintf(stderr, "escaped exception (not rungs::Error): %s\n", e.what());
    std::abort();
  }
}

inline std::string as_string(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace rungs::fuzz
