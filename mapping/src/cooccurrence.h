#pragma once
// The ladders' own part of the semantic bridge: words that keep company in
// the statements of the user's index ("pager" with "on-call", "postmortem"
// with "incident"), computed when the model is built, so the bridge grows
// with the corpus and speaks its vocabulary.

#include <cstdint>
#include <vector>

#include "binary_io.h"
#include "vector_space.h"

namespace rungs::mapping {

/// Per word term id: its most associated word terms, (id, association in (0, 1]).
class CooccurrenceTable {
 public:
  /// Counts the word terms of `texts` (one entry per distinct statement: its
  /// word term ids). Two words are associated when they share at least
  /// kMinShared statements; the association is shared / sqrt(df_a · df_b)
  /// (the cosine of their statement sets), each word keeping its
  /// kNeighbours best above kMinAssociation. At most kMaxTexts texts are
  /// read, evenly spaced: the counts grow with the square of a text's words.
  static CooccurrenceTable build(const std::vector<std::vector<std::uint32_t>>& texts, std::size_t terms);

  /// The associated terms of `term`, best first; empty for an unknown term.
  [[nodiscard]] const SparseVector& of(std::uint32_t term) const;

  /// What the model file holds of the table (`Io` as in binary_io.h).
  template <typename Io, Is<CooccurrenceTable> T>
  friend void fields(Io& io, T& table) {
    io.field(table.neighbours_);
  }

  static constexpr std::size_t kMinShared = 2;
  static constexpr double kMinAssociation = 0.3;
  static constexpr std::size_t kNeighbours = 5;
  static constexpr std::size_t kMaxTexts = 50000;

 private:
  std::vector<SparseVector> neighbours_;  ///< per term id
};

}  // namespace rungs::mapping
