#pragma once
// Fail points: named places in the write path where a test build can make
// `rungs` die as a SIGKILL would (no destructor, no flush, no cleanup), so
// that crash safety is tested at each step deterministically instead of by
// killing at random moments. Compiled in only with RUNGS_FAIL_POINTS (on
// where tests are built); elsewhere `fail_point` is empty.
//
// `RUNGS_FAIL_AT=NAME` dies the first time NAME is reached; `NAME:N` the
// N-th time. The exit status is 137, what a shell reports for SIGKILL.

#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

namespace rungs::indexer {

inline void fail_point([[maybe_unused]] const char* name) {
#ifdef RUNGS_FAIL_POINTS
  static const char* const kWanted = std::getenv("RUNGS_FAIL_AT");
  if (kWanted == nullptr || *kWanted == '\0') return;
  static int seen = 0;
  const char* colon = std::strchr(kWanted, ':');
  const std::size_t length = colon ? static_cast<std::size_t>(colon - kWanted) : std::strlen(kWanted);
  if (std::strlen(name) != length || std::strncmp(kWanted, name, length) != 0) return;
  const int at = colon ? std::atoi(colon + 1) : 1;
  if (++seen == at) ::_exit(137);
#endif
}

}  // namespace rungs::indexer
