#pragma once
// Sparse TF-IDF vectors over stems: the statement space the model scores in.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "binary_io.h"

namespace rungs::mapping {

/// Term ids sorted ascending, weights L2-normalised (or empty).
using SparseVector = std::vector<std::pair<std::uint32_t, float>>;

/// Dot product of two sorted sparse vectors (the cosine when both are normalised).
[[nodiscard]] double dot(const SparseVector& a, const SparseVector& b);

/// Term dictionary with document frequencies, then weighting.
class Vocabulary {
 public:
  /// Id of `term`, added when new.
  std::uint32_t intern(const std::string& term);
  /// Id of `term`, or -1 when unknown.
  [[nodiscard]] std::int64_t find(const std::string& term) const;
  /// Counts one document containing each of `terms` (duplicates ignored).
  void count_document(const std::vector<std::uint32_t>& terms);
  /// How many terms the dictionary holds (ids are 0 .. size() - 1).
  [[nodiscard]] std::size_t size() const { return document_frequency_.size(); }
  /// Inverse document frequency, ln(1 + N / df); 0 for unseen terms.
  [[nodiscard]] double idf(std::uint32_t term) const;

  /// (1 + ln tf) · idf per term, scaled by `extra` weights, L2-normalised.
  /// `extra` lists (term, weight) pairs added on top (e.g. synonyms), each at most once.
  [[nodiscard]] SparseVector weigh(const std::vector<std::uint32_t>& terms,
                                   const std::vector<std::pair<std::uint32_t, double>>& extra = {}) const;

  /// Writes the dictionary and frequencies to the model file.
  void write(BinaryWriter& out) const;
  /// Reads what `write` wrote; throws `rungs::Error` when it is inconsistent.
  void read(BinaryReader& in);

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::uint32_t> document_frequency_;
  std::uint32_t documents_ = 0;
};

}  // namespace rungs::mapping
