#pragma once
// A reproducible corpus of synthetic ladders for benchmarks, grown from the
// bundled ladders so that term statistics look real.
//
// Shape: 3-7 levels per ladder (a management level on top one time in eight),
// 4-16 statements per level (about 50 per ladder, like the bundled ones),
// areas taken from the bundled area headings, one level summary one time in
// three. Text: each statement starts from a bundled statement of a similar
// relative level (so seniority words stay where they belong), half the time
// spliced with a clause of another statement of that band, and about 3% of
// its words are replaced by synthetic words drawn with a Zipf law from a
// lexicon that grows with the corpus (N/20 words), so the vocabulary keeps
// growing with size as real text does (Heaps' law) instead of stopping at the
// ~1,000 words of the bundled corpus.
//
// The same (seed ladders, statements, seed) always gives the same ladders.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "rungs/corpus/ladder.h"

namespace rungs::bench {

struct GeneratorOptions {
  /// Total indexed statements (competencies and summaries) to generate.
  std::size_t statements = 1000;
  /// Seed of the pseudo-random generator; the output depends on nothing else.
  std::uint64_t seed = 42;
  /// Share of words replaced by synthetic words.
  double synthetic_word_rate = 0.03;
};

/// Generates ladders from the statements of `seeds` (the bundled corpus).
/// Ids are `gen-<n>`, frameworks `family-<n>` (about ten ladders each).
[[nodiscard]] std::vector<corpus::Ladder> generate_ladders(const std::vector<corpus::Ladder>& seeds,
                                                           const GeneratorOptions& options);

/// Writes each ladder as structured YAML (`corpus::to_yaml`) to `dir/<id>.yaml`,
/// the format `rungs index` reads.
void write_yaml(const std::vector<corpus::Ladder>& ladders, const std::filesystem::path& dir);

/// Number of indexed statements (competencies and summaries) of `ladders`.
[[nodiscard]] std::size_t indexed_statements(const std::vector<corpus::Ladder>& ladders);

}  // namespace rungs::bench
