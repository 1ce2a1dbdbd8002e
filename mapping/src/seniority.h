#pragma once
// The seniority signal read from the text: words and phrases that career
// ladders use for scope, autonomy, influence, mentoring and risk, each with
// a position on a 0 (entry) to 1 (most senior) scale. It is general
// career-ladder vocabulary, written once and not tuned to any evaluation
// phrase; `rungs eval` reports what it adds.

#include <string>
#include <vector>

#include "phrase_set.h"

namespace rungs::mapping {

/// Seniority read from one text: the mean cue value and how many cues fired.
struct SeniorityReading {
  double sum = 0;
  double cues = 0;

  [[nodiscard]] double mean() const { return cues > 0 ? sum / cues : 0.5; }
  void add(const SeniorityReading& other, double weight = 1) {
    sum += weight * other.sum;
    cues += weight * other.cues;
  }
};

class SeniorityLexicon {
 public:
  SeniorityLexicon();

  /// Reads the cues in `words` (folded words in text order, stopwords kept,
  /// as `analysis::Analyzer::words` gives them). The longest cue wins where
  /// cues overlap. **Example**: "shadows on-call shifts with help" reads low;
  /// "sets company-wide strategy" reads high.
  [[nodiscard]] SeniorityReading read(const std::vector<std::string>& words) const;

  /// Reads a level title ("Senior SRE", "Staff Support Engineer"): the
  /// seniority words the industry uses in titles. No title word, no cue.
  [[nodiscard]] SeniorityReading read_title(const std::vector<std::string>& words) const;

 private:
  PhraseSet cues_;
  PhraseSet title_cues_;
};

}  // namespace rungs::mapping
