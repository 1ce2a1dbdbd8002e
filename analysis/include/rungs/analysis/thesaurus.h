#pragma once
// The semantic bridge between ladders' vocabularies: a small curated table of
// words career ladders use interchangeably ("mentor", "coach"; "outage",
// "incident"), consulted before WordNet's first senses. Used for the index's
// synonym table and by the mapping model, so search and mapping agree.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "rungs/analysis/wordnet.h"

namespace rungs::analysis {

class Thesaurus {
 public:
  /// Loads WordNet from `wordnet_dir`; throws `rungs::Error` when it is missing.
  explicit Thesaurus(const std::filesystem::path& wordnet_dir = WordNet::default_dir());

  /// Words that can stand for `word` (folded, unstemmed): the other members
  /// of its curated groups, then its WordNet first-sense synonyms; `word`
  /// itself excluded, no duplicates.
  /// **Example**: `synonyms("coach")` → `{"mentor", "teach", "tutor", "guide", "train", …}`.
  [[nodiscard]] std::vector<std::string> synonyms(const std::string& word) const;

 private:
  WordNet wordnet_;
  std::map<std::string, std::vector<std::string>> curated_;  ///< word → the other members of its groups
};

}  // namespace rungs::analysis
