#pragma once
// The query mix of rungs_bench, fixed by the seed and drawn from the corpus'
// own words (classes in rungs_bench.cpp's header), the phrases for `rungs
// level`, and the loop that times an engine over the mix.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "measure.h"
#include "rungs/corpus/ladder.h"

namespace rungs::bench {

struct QuerySpec {
  std::string cls;
  std::string rungs;               // rungs query syntax
  std::string fts;                 // FTS5 MATCH expression
  std::string framework, ladder;   // filters (at most one set)
  std::vector<std::string> words;  // for the "or" parity check
};

/// The words of `text` of three letters or more, lower-cased.
std::vector<std::string> plain_words(const std::string& text);
/// 20 queries of each class, in rungs' syntax and FTS5's.
std::vector<QuerySpec> query_mix(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed);
/// Phrases for `rungs level`: 3-6 consecutive words of a corpus statement.
std::vector<std::string> level_phrases(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed, std::size_t n);

// Runs `one` over the mix: the first query alone (cold), one warm-up pass,
// then passes until `count` queries are measured.
template <typename One>
json run_mix(const std::vector<QuerySpec>& mix, std::size_t count, One&& one) {
  json out;
  auto start = Clock::now();
  out["first_query_ms"] = (one(mix.front()), seconds_since(start) * 1000);
  std::size_t hits = 0;
  for (const auto& q : mix) hits += one(q) > 0 ? 1 : 0;
  out["queries_with_hits"] = hits;
  std::map<std::string, Latencies> per_class;
  Latencies all;
  std::size_t done = 0;
  while (done < count) {
    for (const auto& q : mix) {
      if (done++ >= count) break;
      start = Clock::now();
      one(q);
      const double ms = seconds_since(start) * 1000;
      all.ms.push_back(ms);
      per_class[q.cls].ms.push_back(ms);
    }
  }
  out["all"] = all.summary();
  for (const auto& [cls, lat] : per_class) out["class"][cls] = lat.summary();
  return out;
}

}  // namespace rungs::bench
