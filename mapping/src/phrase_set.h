#pragma once
// Word-sequence lexicons ("company-wide|lead the|mentor*"), shared by the
// seniority cues and the compare themes: each phrase is a run of folded
// words, a trailing '*' matches any ending, a hyphen matches two words.

#include <string>
#include <string_view>
#include <vector>

namespace rungs::mapping {

class PhraseSet {
 public:
  /// Adds '|'-separated `phrases`, each carrying `value`.
  void add(std::string_view phrases, double value = 1);

  /// The values of the phrases found in `words` (folded words in text
  /// order), left to right without overlap, the longest phrase first.
  [[nodiscard]] std::vector<double> find(const std::vector<std::string>& words) const;

 private:
  struct Phrase {
    std::vector<std::string> words;
    double value = 1;
  };
  std::vector<Phrase> phrases_;  ///< longest first
};

}  // namespace rungs::mapping
