// Facet counting (see facets.h): combinations interned once per Searcher,
// counted once per match.

#include "facets.h"

#include <algorithm>

namespace rungs::search {

std::uint32_t FacetTable::intern(const std::string& packed) {
  const auto [it, added] = ids_.try_emplace(packed, static_cast<std::uint32_t>(combinations_.size()));
  if (added) {
    const indexer::FacetValues values = indexer::unpack_facets(packed);
    std::array<std::uint32_t, kFields.size()> ids{};
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      const std::string& value = values.*kFields[f].value;
      if (value.empty()) {
        ids[f] = kEmpty;
        continue;
      }
      const auto [v, new_value] = value_ids_[f].try_emplace(value, static_cast<std::uint32_t>(values_[f].size()));
      if (new_value) values_[f].push_back(value);
      ids[f] = v->second;
    }
    combinations_.push_back(ids);
  }
  return it->second;
}

std::map<std::string, std::vector<FacetCount>> FacetTable::counts(
    const std::vector<std::pair<std::uint32_t, int>>& met) const {
  std::map<std::string, std::vector<FacetCount>> out;
  std::unordered_map<std::uint32_t, int> totals;
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    totals.clear();
    for (const auto& [combination, count] : met) {
      const std::uint32_t value = combinations_[combination][f];
      if (value != kEmpty) totals[value] += count;
    }
    std::vector<FacetCount> counts;
    counts.reserve(totals.size());
    for (const auto& [value, count] : totals) counts.push_back(FacetCount{values_[f][value], count});
    std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    out[std::string(kFields[f].name)] = std::move(counts);
  }
  return out;
}

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::uint32_t combination = table_.intern(doc.get_value(indexer::schema::kSlotFacets));
  if (combination >= matches_.size()) matches_.resize(combination + 1, 0);
  if (matches_[combination]++ == 0) met_.push_back(combination);
}

std::map<std::string, std::vector<FacetCount>> FacetSpy::counts() const {
  std::vector<std::pair<std::uint32_t, int>> met;
  met.reserve(met_.size());
  for (const std::uint32_t combination : met_) met.emplace_back(combination, matches_[combination]);
  return table_.counts(met);
}

}  // namespace rungs::search
