// Facet counting (see facets.h): from the facet column, one row per match;
// or from the packed values, combinations interned once per Searcher and
// counted once per match.

#include "facets.h"

#include <algorithm>

#include "rungs/corpus/error.h"

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
  std::array<std::vector<int>, kFields.size()> totals;
  std::array<std::size_t, kFields.size()> sizes{};
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    sizes[f] = values_[f].size();
    totals[f].assign(sizes[f], 0);
  }
  for (const auto& [combination, count] : met) {
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      const std::uint32_t value = combinations_[combination][f];
      if (value != kEmpty) totals[f][value] += count;
    }
  }
  return facet_counts(
      sizes, [&](std::size_t f, std::size_t i) { return totals[f][i]; },
      [&](std::size_t f, std::size_t i) -> const std::string& { return values_[f][i]; });
}

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::uint32_t combination = table_.intern(doc.get_value(indexer::schema::kSlotFacets));
  if (combination >= matches_.size()) matches_.resize(combination + 1, 0);
  if (matches_[combination]++ == 0) met_.push_back(combination);
  ++total_;
}

std::map<std::string, std::vector<FacetCount>> FacetSpy::counts() const {
  std::vector<std::pair<std::uint32_t, int>> met;
  met.reserve(met_.size());
  for (const std::uint32_t combination : met_) met.emplace_back(combination, matches_[combination]);
  return table_.counts(met);
}

namespace {

IndexError column_error() {
  return IndexError("the index's facet column does not fit its documents: run `rungs index --rebuild`");
}

}  // namespace

std::map<std::string, std::vector<FacetCount>> PackedFacetSpy::counts() const {
  std::vector<std::pair<std::uint32_t, int>> met;
  for (auto v = values_begin(); v != values_end(); ++v) {
    met.emplace_back(table_.intern(*v), static_cast<int>(v.get_termfreq()));
  }
  return table_.counts(met);
}

ColumnSpy::ColumnSpy(const indexer::FacetColumn& column) : column_(column) {
  for (std::size_t f = 0; f < kFields.size(); ++f) counts_[f].assign(column.values(f).size(), 0);
}

void ColumnSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const Xapian::docid id = doc.get_docid();
  if (id >= column_.rows()) throw column_error();
  const std::uint32_t* row = column_.row(id);
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    const std::uint32_t value = row[f];
    if (value == indexer::FacetColumn::kNone) continue;
    if (value >= counts_[f].size()) throw column_error();
    ++counts_[f][value];
  }
  ++total_;
}

std::map<std::string, std::vector<FacetCount>> ColumnSpy::counts() const {
  std::array<std::size_t, kFields.size()> sizes{};
  for (std::size_t f = 0; f < kFields.size(); ++f) sizes[f] = counts_[f].size();
  return facet_counts(
      sizes, [&](std::size_t f, std::size_t i) { return counts_[f][i]; },
      [&](std::size_t f, std::size_t i) { return column_.values(f)[i]; });
}

}  // namespace rungs::search
