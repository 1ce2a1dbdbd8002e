#pragma once
// Private to search: the six facets (query prefix, filter-term prefix, packed
// value) and their counting. `FacetTable` owns the facet combinations a
// Searcher has met; `FacetSpy` counts one query's matches per combination.

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "rungs/search/searcher.h"

namespace rungs::search {

struct Field {
  std::string_view name;                     ///< query prefix and key in SearchResults::facets, e.g. "ladder"
  std::string_view prefix;                   ///< term prefix
  std::string indexer::FacetValues::*value;  ///< the facet's value among the packed ones
};

inline constexpr std::array<Field, 6> kFields = {{
    {"framework", indexer::schema::kPrefixFramework, &indexer::FacetValues::framework},
    {"ladder", indexer::schema::kPrefixLadder, &indexer::FacetValues::ladder},
    {"level", indexer::schema::kPrefixLevel, &indexer::FacetValues::level},
    {"area", indexer::schema::kPrefixArea, &indexer::FacetValues::area},
    {"track", indexer::schema::kPrefixTrack, &indexer::FacetValues::track},
    {"kind", indexer::schema::kPrefixKind, &indexer::FacetValues::kind},
}};

/// The facet combinations met so far (packed values of `schema::kSlotFacets`),
/// each unpacked once and its six values interned, for the life of a
/// Searcher: counting a match is then one hash lookup and one increment, and
/// the six facets' counts are sums over the combinations a query met.
class FacetTable {
 public:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;  ///< an empty value, not counted

  /// The id of combination `packed` (`indexer::pack_facets`), added when new;
  /// throws `IndexError` when `packed` is malformed.
  [[nodiscard]] std::uint32_t intern(const std::string& packed);

  /// Every facet's values with their counts, highest first (ties by value),
  /// from the count of each combination in `met`.
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts(
      const std::vector<std::pair<std::uint32_t, int>>& met) const;

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::array<std::uint32_t, kFields.size()>> combinations_;  ///< value ids per facet
  std::array<std::vector<std::string>, kFields.size()> values_;
  std::array<std::unordered_map<std::string, std::uint32_t>, kFields.size()> value_ids_;
};

/// Counts one query's matches per facet combination: one value read per
/// match, where a ValueCountMatchSpy per facet took six reads and six
/// string-keyed tree updates.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetTable& table) : table_(table) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts() const;

 private:
  FacetTable& table_;
  std::vector<int> matches_;        ///< by combination id
  std::vector<std::uint32_t> met_;  ///< the combinations met, in order
};

}  // namespace rungs::search
