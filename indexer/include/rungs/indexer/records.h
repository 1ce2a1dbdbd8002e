#pragma once
// The records the index stores besides the text, one codec each: the packed
// facet values of a statement (slot `schema::kSlotFacets`) and a whole ladder
// (metadata `rungs.ladder.<id>`). Writing and reading a record go through the
// same pair of functions, so its bytes are defined in one place.

#include <string>
#include <string_view>

#include "rungs/corpus/ladder.h"

namespace rungs::indexer {

/// The facet values of one statement, as search counts them.
struct FacetValues {
  std::string framework;
  std::string ladder;
  std::string level;  ///< "<ladder>/<level>", as in `schema::kSlotLevel`
  std::string area;
  std::string track;
  std::string kind;

  bool operator==(const FacetValues&) const = default;
};

/// `values` as one string (each field length-prefixed, so any bytes survive).
[[nodiscard]] std::string pack_facets(const FacetValues& values);
/// Inverse of `pack_facets`; throws `IndexError` on a malformed value.
[[nodiscard]] FacetValues unpack_facets(std::string_view packed);

/// `ladder` as stored in `rungs.ladder.<id>`: compact JSON, which reads back
/// many times faster than the structured YAML of `rungs export`.
[[nodiscard]] std::string store_ladder(const corpus::Ladder& ladder);
/// Inverse of `store_ladder`; throws `IndexError` naming `key` when
/// `record` cannot be read.
[[nodiscard]] corpus::Ladder stored_ladder(std::string_view record, std::string_view key);

}  // namespace rungs::indexer
