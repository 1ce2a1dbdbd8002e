#pragma once
// A small reader for the WordNet 3.0 dictionary files (Debian's wordnet-base),
// read directly rather than through libwordnet, whose C API keeps global state.
// Only what the semantic bridge needs: the lemmas of a word's first sense.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rungs::mapping {

class WordNet {
 public:
  /// Loads the index and exception files from `dir`. Throws `rungs::Error`
  /// naming the directory and the package to install when they are missing.
  explicit WordNet(const std::filesystem::path& dir);

  /// Single-word lemmas of the first (most frequent) verb, noun and adjective
  /// sense of `word` (after WordNet's morphology), `word`'s own lemma excluded.
  /// **Example**: `first_sense_synonyms("mentoring")` → `{"teach", "tutor", "wise_man"…}` minus multiword lemmas.
  [[nodiscard]] std::vector<std::string> first_sense_synonyms(const std::string& word) const;

 private:
  struct PartOfSpeech {
    std::string index;                              ///< the whole index.<pos> file, sorted lines
    std::string data;                               ///< the whole data.<pos> file
    std::map<std::string, std::string> exceptions;  ///< <pos>.exc: inflected form → lemma
    std::vector<std::pair<std::string, std::string>> suffixes;  ///< morphy's detachment rules
  };
  [[nodiscard]] std::string lemma_of(const PartOfSpeech& pos, const std::string& word) const;
  [[nodiscard]] std::vector<std::string> first_sense(const PartOfSpeech& pos, const std::string& lemma) const;

  std::vector<PartOfSpeech> parts_;
};

}  // namespace rungs::mapping
