#pragma once
// Private to search: counting the six facets over a query's matches.
// `ColumnSpy` counts from the facet column; where the index has none that
// matches it, `FacetSpy` counts from the packed values, with `FacetTable`
// keeping the facet combinations a Searcher has met.

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rungs/indexer/facet_column.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "rungs/search/searcher.h"

namespace rungs::search {

using Field = indexer::FacetField;
inline constexpr const auto& kFields = indexer::kFacetFields;

/// Every facet's values with their counts, as `SearchResults::facets` has
/// them: highest count first, ties by value, values counted 0 left out.
/// `count(f, i)` and `value(f, i)` give facet f's i-th value, i < `sizes[f]`.
template <typename Count, typename Value>
std::map<std::string, std::vector<FacetCount>> facet_counts(const std::array<std::size_t, kFields.size()>& sizes,
                                                            Count&& count, Value&& value);

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

/// Counts one query's matches per facet combination from the packed values:
/// one value read per match, where a ValueCountMatchSpy per facet took six
/// reads and six string-keyed tree updates. For an index without a usable
/// facet column.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetTable& table) : table_(table) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts() const;
  [[nodiscard]] int matches() const { return total_; }

 private:
  FacetTable& table_;
  std::vector<int> matches_;        ///< by combination id
  std::vector<std::uint32_t> met_;  ///< the combinations met, in order
  int total_ = 0;
};

/// Counts one query's matches per facet combination with Xapian's own
/// `ValueCountMatchSpy` over the packed values: the one spy remote shards run
/// (`xapian-tcpsrv` knows only Xapian's classes), its counts merged exactly.
class PackedFacetSpy : public Xapian::ValueCountMatchSpy {
 public:
  explicit PackedFacetSpy(FacetTable& table)
      : Xapian::ValueCountMatchSpy(indexer::schema::kSlotFacets), table_(table) {}
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts() const;
  [[nodiscard]] int matches() const { return static_cast<int>(get_total()); }

 private:
  FacetTable& table_;
};

/// Counts one query's matches per facet value from the facet column: one
/// row read per match, the document itself never read.
class ColumnSpy : public Xapian::MatchSpy {
 public:
  explicit ColumnSpy(const indexer::FacetColumn& column);
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts() const;
  [[nodiscard]] int matches() const { return total_; }

 private:
  const indexer::FacetColumn& column_;
  std::array<std::vector<int>, kFields.size()> counts_;  ///< by facet, by value ordinal
  int total_ = 0;
};

template <typename Count, typename Value>
std::map<std::string, std::vector<FacetCount>> facet_counts(const std::array<std::size_t, kFields.size()>& sizes,
                                                            Count&& count, Value&& value) {
  std::map<std::string, std::vector<FacetCount>> out;
  std::vector<std::pair<int, std::size_t>> counted;  // (count, value index): sorted before any string is made
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    counted.clear();
    for (std::size_t i = 0; i < sizes[f]; ++i) {
      if (const int n = count(f, i); n > 0) counted.emplace_back(n, i);
    }
    std::sort(counted.begin(), counted.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : value(f, a.second) < value(f, b.second);
    });
    std::vector<FacetCount> counts;
    counts.reserve(counted.size());
    for (const auto& [n, i] : counted) counts.push_back(FacetCount{std::string(value(f, i)), n});
    out[std::string(kFields[f].name)] = std::move(counts);
  }
  return out;
}

}  // namespace rungs::search
