#include "phrase_set.h"

#include <algorithm>
#include <sstream>

namespace rungs::mapping {
namespace {

bool word_matches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return pattern == word;
}

}  // namespace

void PhraseSet::add(std::string_view phrases, double value) {
  std::istringstream alternatives{std::string(phrases)};
  for (std::string phrase; std::getline(alternatives, phrase, '|');) {
    std::replace(phrase.begin(), phrase.end(), '-', ' ');
    std::istringstream in(phrase);
    Phrase p{{}, value};
    for (std::string w; in >> w;) p.words.push_back(w);
    if (!p.words.empty()) phrases_.push_back(std::move(p));
  }
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
}

std::vector<double> PhraseSet::find(const std::vector<std::string>& words) const {
  std::vector<double> found;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t taken = 1;
    for (const auto& p : phrases_) {
      if (i + p.words.size() > words.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < p.words.size() && all; ++k) all = word_matches(p.words[k], words[i + k]);
      if (all) {
        found.push_back(p.value);
        taken = p.words.size();
        break;
      }
    }
    i += taken;
  }
  return found;
}

}  // namespace rungs::mapping
