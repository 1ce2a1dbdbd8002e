#include <limits>

#include "rungs/mapping/mapping.h"

namespace rungs::mapping {

// Dynamic programme over rows; state = the last column matched so far
// (-1 = none yet). A row either takes a column at or after the last one, or
// is skipped for `skip_gain`. O(rows · columns²), trivial for ladders.
std::vector<int> align_monotone(const std::vector<std::vector<double>>& scores, double skip_gain) {
  constexpr double kForbidden = -std::numeric_limits<double>::infinity();
  const std::size_t rows = scores.size();
  if (rows == 0) return {};
  const std::size_t cols = scores.front().size();
  // best[s]: best total with last matched column s-1 (s = 0: none yet).
  std::vector<double> best(cols + 1, kForbidden);
  best[0] = 0;
  // choice[i][s]: for state s after row i, the state before row i and whether row i was matched.
  std::vector<std::vector<std::pair<std::size_t, bool>>> choice(rows,
                                                                std::vector<std::pair<std::size_t, bool>>(cols + 1));
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<double> next(cols + 1, kForbidden);
    for (std::size_t s = 0; s <= cols; ++s) {  // row i skipped
      if (best[s] == kForbidden) continue;
      next[s] = best[s] + skip_gain;
      choice[i][s] = {s, false};
    }
    double prefix = kForbidden;  // max best[s'] over s' <= s (columns before or equal)
    std::size_t prefix_state = 0;
    for (std::size_t s = 1; s <= cols; ++s) {
      if (best[s - 1] > prefix) {
        prefix = best[s - 1];
        prefix_state = s - 1;
      }
      if (best[s] > prefix) {  // sharing the previous row's column
        prefix = best[s];
        prefix_state = s;
      }
      const double gain = scores[i][s - 1];
      if (prefix == kForbidden || gain == kForbidden) continue;
      if (prefix + gain > next[s]) {
        next[s] = prefix + gain;
        choice[i][s] = {prefix_state, true};
      }
    }
    best = std::move(next);
  }
  std::size_t state = 0;
  for (std::size_t s = 1; s <= cols; ++s) {
    if (best[s] > best[state]) state = s;
  }
  std::vector<int> result(rows, -1);
  for (std::size_t i = rows; i-- > 0;) {
    const auto [before, matched] = choice[i][state];
    if (matched) result[i] = static_cast<int>(state) - 1;
    state = before;
  }
  return result;
}

}  // namespace rungs::mapping
