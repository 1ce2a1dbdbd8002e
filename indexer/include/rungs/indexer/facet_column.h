#pragma once
// The facet column: every statement's six facet values as ordinals, one row
// per document id, in a file inside the index directory
// (`schema::kFacetColumnFile`). Search counts a match set's facets from it
// with one row read per match instead of a Xapian value read per match, which
// lets the ranking keep Xapian's early termination (bench/README.md).
//
// The indexer writes the file after every commit and replaces it atomically;
// it is stamped with the index's UUID and revision, and a file that does not
// describe the index it sits in (a writer stopped between its commit and the
// file) is not used: search then counts from the values (`schema::kSlotFacets`),
// as exactly and more slowly. The file is in the host's byte order.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "rungs/indexer/records.h"

namespace rungs::indexer {

class FacetColumn {
 public:
  static constexpr std::size_t kFacets = kFacetFields.size();
  static constexpr std::uint32_t kNone = UINT32_MAX;  ///< an empty value, or no document

  /// The column in index directory `dir` if it describes the index with
  /// `uuid` at `revision`; nullopt when it is missing, stale or malformed.
  [[nodiscard]] static std::optional<FacetColumn> open(const std::filesystem::path& dir, std::string_view uuid,
                                                       std::uint64_t revision);

  /// Document ids below this have a row.
  [[nodiscard]] std::uint64_t rows() const { return rows_; }
  /// The value ordinals of document `docid` (< rows()), one per facet in
  /// `kFacetFields` order, kNone where the value is empty.
  [[nodiscard]] const std::uint32_t* row(std::uint64_t docid) const { return cells_ + docid * kFacets; }
  /// The values of facet `facet`, by ordinal (views into the mapped file).
  [[nodiscard]] const std::vector<std::string_view>& values(std::size_t facet) const { return values_[facet]; }

 private:
  FacetColumn() = default;

  std::shared_ptr<const void> mapping_;  ///< the mapped file, shared by copies
  std::uint64_t rows_ = 0;
  const std::uint32_t* cells_ = nullptr;
  std::vector<std::vector<std::string_view>> values_;
};

}  // namespace rungs::indexer
