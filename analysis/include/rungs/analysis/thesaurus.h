#pragma once
// The semantic bridge between ladders' vocabularies: a small curated table of
// words career ladders use interchangeably ("mentor", "coach"; "outage",
// "incident"), then WordNet and the OpenOffice thesaurus. `synonyms` (curated groups, WordNet's first
// senses) fills the index's synonym table; `related` (every resource,
// weighted) widens what the mapping model compares.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "rungs/analysis/office_thesaurus.h"
#include "rungs/analysis/wordnet.h"

namespace rungs::analysis {

/// The resources `Thesaurus::related` draws on, each switchable so that
/// `rungs eval` can show what it adds.
struct BridgeSources {
  bool curated = true;         ///< the curated groups of ladder vocabulary
  bool wordnet_senses = true;  ///< WordNet: lemmas of every sense, weighted by tagged frequency
  /// WordNet: hypernyms, derivations, similar adjectives. Off by default:
  /// on the dev paraphrases it moved a case either way (docs/MAPPING.md).
  bool wordnet_links = false;
  bool wordnet_glosses = true;  ///< WordNet: the words of the senses' definitions
  /// The OpenOffice thesaurus (mythes-en-us): every sense's synonyms and
  /// broader, similar and related terms, antonyms left out.
  bool office_thesaurus = true;
  /// Words that share statements in the user's own index; computed by the
  /// mapping model (the thesaurus has no corpus and ignores it). Off by
  /// default: on the bundled ladders, and with the seven zoo ladders added,
  /// it left the dev paraphrases as they were (49 and 51 of 115) and cost a
  /// dev phrase; worth measuring again on a corpus of many ladders.
  bool ladder_cooccurrence = false;

  bool operator==(const BridgeSources&) const = default;
};

class Thesaurus {
 public:
  /// Maps WordNet from `wordnet_dir` and the OpenOffice thesaurus from
  /// `office_dir`; throws `rungs::Error` when either is missing.
  explicit Thesaurus(const std::filesystem::path& wordnet_dir = WordNet::default_dir(),
                     const std::filesystem::path& office_dir = OfficeThesaurus::default_dir());

  /// Words that can stand for `word` (folded, unstemmed): the other members
  /// of its curated groups, then its WordNet first-sense synonyms; `word`
  /// itself excluded, no duplicates.
  /// **Example**: `synonyms("coach")` → `{"mentor", "teach", "tutor", "guide", "train", …}`.
  [[nodiscard]] std::vector<std::string> synonyms(const std::string& word) const;

  /// Words related to `word` (folded, unstemmed; a spaced multiword
  /// expression such as "acts up" is looked up whole), with weights in
  /// (0, 1]: a curated group member 1, WordNet as `WordNet::sense_synonyms`
  /// and `linked_words` weigh them, the OpenOffice thesaurus as
  /// `OfficeThesaurus::related` does; a word reached twice keeps its best
  /// weight. `word` itself excluded.
  /// **Example**: `related("rookie", {})` → `{{"beginner", 1}, {"novice", 1}, {"newcomer", 1}, …}`.
  [[nodiscard]] std::vector<WeightedWord> related(const std::string& word, const BridgeSources& sources) const;

 private:
  WordNet wordnet_;
  OfficeThesaurus office_;
  std::map<std::string, std::vector<std::string>> curated_;  ///< word → the other members of its groups
};

}  // namespace rungs::analysis
