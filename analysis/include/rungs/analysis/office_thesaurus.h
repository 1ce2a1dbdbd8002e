#pragma once
// A reader for the OpenOffice/LibreOffice thesaurus (Debian's mythes-en-us,
// `th_en_US_v2.idx` and `.dat`), read in place through memory maps rather
// than through libmythes, whose constructor reads the whole index (14-21 ms
// here, more than a whole `rungs level`). Its entries list, per sense of a
// word, synonyms and broader, similar and related terms: a second view of
// WordNet with multiword and everyday entries the bridge lacked.

#include <filesystem>
#include <string>
#include <vector>

#include "rungs/analysis/mapped_file.h"
#include "rungs/analysis/wordnet.h"

namespace rungs::analysis {

class OfficeThesaurus {
 public:
  /// Maps `dir`/th_en_US_v2.{idx,dat}; throws `rungs::Error` naming the file
  /// and the package to install when they are missing.
  explicit OfficeThesaurus(const std::filesystem::path& dir = default_dir());

  /// Where mythes-en-us installs the thesaurus (set at build time).
  [[nodiscard]] static std::filesystem::path default_dir();

  /// The terms listed for `word` (folded; a spaced multiword expression such
  /// as "act up" is looked up whole; an inflected form, or a multiword
  /// expression whose first word is inflected, falls back to the form
  /// without its -s, -es, -ed or -ing: "calls" → "call", "acts up" → "act up"): the first sense's synonyms 1,
  /// later senses' 0.6, a broader, similar or related term half its sense;
  /// antonyms left out. `word` itself excluded; a term listed twice keeps its
  /// best weight. **Example**: `related("babysitter")` → `{{"baby-sitter", 1}, {"sitter", 1}, {"keeper", 0.5}}`.
  [[nodiscard]] std::vector<WeightedWord> related(const std::string& word) const;

 private:
  [[nodiscard]] std::vector<WeightedWord> entry(const std::string& word) const;

  MappedFile index_;  ///< "word|offset" lines, sorted, after two header lines
  MappedFile data_;   ///< at each offset: "word|senses", then a line per sense "(pos)|term|term (generic term)|..."
};

}  // namespace rungs::analysis
