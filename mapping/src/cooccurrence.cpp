#include "cooccurrence.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace rungs::mapping {

CooccurrenceTable CooccurrenceTable::build(const std::vector<std::vector<std::uint32_t>>& texts, std::size_t terms) {
  CooccurrenceTable table;
  table.neighbours_.resize(terms);
  const std::size_t step = std::max<std::size_t>(1, (texts.size() + kMaxTexts - 1) / kMaxTexts);
  std::vector<std::uint32_t> df(terms, 0);
  std::unordered_map<std::uint64_t, std::uint32_t> shared;  // (a << 32 | b), a < b
  for (std::size_t t = 0; t < texts.size(); t += step) {
    std::vector<std::uint32_t> words = texts[t];
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i] >= terms) continue;
      ++df[words[i]];
      for (std::size_t j = i + 1; j < words.size(); ++j) {
        if (words[j] < terms) ++shared[(static_cast<std::uint64_t>(words[i]) << 32) | words[j]];
      }
    }
  }
  std::vector<std::vector<std::pair<float, std::uint32_t>>> candidates(terms);
  for (const auto& [pair, count] : shared) {
    if (count < kMinShared) continue;
    const auto a = static_cast<std::uint32_t>(pair >> 32), b = static_cast<std::uint32_t>(pair & 0xffffffffu);
    const double association = count / std::sqrt(static_cast<double>(df[a]) * df[b]);
    if (association < kMinAssociation) continue;
    candidates[a].emplace_back(static_cast<float>(association), b);
    candidates[b].emplace_back(static_cast<float>(association), a);
  }
  for (std::size_t term = 0; term < terms; ++term) {
    auto& c = candidates[term];
    // Best first, ties by id: the same corpus always gives the same table.
    std::sort(c.begin(), c.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    if (c.size() > kNeighbours) c.resize(kNeighbours);
    for (const auto& [association, other] : c) table.neighbours_[term].emplace_back(other, association);
  }
  return table;
}

const SparseVector& CooccurrenceTable::of(std::uint32_t term) const {
  static const SparseVector kNone;
  return term < neighbours_.size() ? neighbours_[term] : kNone;
}

}  // namespace rungs::mapping
