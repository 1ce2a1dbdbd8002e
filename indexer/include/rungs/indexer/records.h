#pragma once
// The records the index stores besides the text, one codec each: the packed
// facet values of a statement (slot `schema::kSlotFacets`) and a whole ladder
// (metadata `rungs.ladder.<id>`). Writing and reading a record go through the
// same pair of functions, so its bytes are defined in one place.

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "rungs/corpus/ladder.h"
#include "rungs/indexer/schema.h"

namespace rungs::indexer {

/// The facet values of one statement, as search counts them.
struct FacetValues {
  std::string framework;
  std::string ladder;
  std::string level;  ///< "<ladder>/<level>", unique across ladders
  std::string area;
  std::string track;
  std::string kind;

  bool operator==(const FacetValues&) const = default;
};

/// One facet: its name (the query prefix and the key of search results'
/// counts, e.g. "ladder"), its filter-term prefix and its value among a
/// statement's `FacetValues`.
struct FacetField {
  std::string_view name;
  std::string_view prefix;
  std::string FacetValues::*value;
};

/// The six facets, in the order of `pack_facets` and of the facet column's rows.
inline constexpr std::array<FacetField, 6> kFacetFields = {{
    {"framework", schema::kPrefixFramework, &FacetValues::framework},
    {"ladder", schema::kPrefixLadder, &FacetValues::ladder},
    {"level", schema::kPrefixLevel, &FacetValues::level},
    {"area", schema::kPrefixArea, &FacetValues::area},
    {"track", schema::kPrefixTrack, &FacetValues::track},
    {"kind", schema::kPrefixKind, &FacetValues::kind},
}};

/// `values` as one string (each field length-prefixed, so any bytes survive).
[[nodiscard]] std::string pack_facets(const FacetValues& values);
/// Inverse of `pack_facets`; throws `IndexError` on a malformed value.
[[nodiscard]] FacetValues unpack_facets(std::string_view packed);

/// Synonym pairs (stemmed term, stemmed synonym), as the indexer meets them.
using SynonymPairs = std::set<std::pair<std::string, std::string>>;

/// A term's synonyms as stored in `rungs.synonym.<term>`: what a reader of
/// remote shards expands queries with, since Xapian's remote backend does
/// not carry the synonym table. One per line.
[[nodiscard]] std::string store_synonyms(const std::set<std::string>& synonyms);
/// Inverse of `store_synonyms`.
[[nodiscard]] std::set<std::string> stored_synonyms(std::string_view record);

/// `ladder` as stored in `rungs.ladder.<id>`: compact JSON, which reads back
/// many times faster than the structured YAML of `rungs export`.
[[nodiscard]] std::string store_ladder(const corpus::Ladder& ladder);
/// Inverse of `store_ladder`; throws `IndexError` naming `key` when
/// `record` cannot be read.
[[nodiscard]] corpus::Ladder stored_ladder(std::string_view record, std::string_view key);

}  // namespace rungs::indexer
