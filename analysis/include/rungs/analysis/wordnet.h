#pragma once
// A small reader for the WordNet 3.0 dictionary files (Debian's wordnet-base),
// read directly rather than through libwordnet, whose C API keeps global state.
// Only what the semantic bridge needs: the lemmas of a word's first sense
// (the index's synonym table), and the words related to every sense of a
// word, weighted by how often WordNet's tagged corpus uses that sense (the
// mapping model).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/analysis/mapped_file.h"

namespace rungs::analysis {

/// A word related to another, and how strongly: 1 stands for the word itself.
struct WeightedWord {
  std::string word;
  double weight = 0;

  bool operator==(const WeightedWord&) const = default;
};

/// Adds `word` to `out`, or raises its weight there: a word reached twice
/// keeps its best weight, once.
void add_weighted(std::vector<WeightedWord>& out, std::string word, double weight);

class WordNet {
 public:
  /// Maps the index, data and exception files of `dir` (nothing is read until a lookup). Throws `rungs::Error`
  /// naming the directory and the package to install when they are missing.
  explicit WordNet(const std::filesystem::path& dir = default_dir());

  /// Where wordnet-base installs the dictionary (set at build time).
  [[nodiscard]] static std::filesystem::path default_dir();

  /// Single-word lemmas of the first (most frequent) verb, noun and adjective
  /// sense of `word` (after WordNet's morphology), `word`'s own lemma excluded.
  /// **Example**: `first_sense_synonyms("mentoring")` → `{"teach", "tutor", "wise_man"…}` minus multiword lemmas.
  [[nodiscard]] std::vector<std::string> first_sense_synonyms(const std::string& word) const;

  /// Single-word lemmas of every sense of `word` (all parts of speech), each
  /// weighted by its sense's tagged uses relative to the most used sense of
  /// the word (add-one smoothed, so untagged senses weigh alike); senses
  /// under a tenth of the top one are left out. `word` may be a multiword
  /// expression, spaced ("act up", "on call"). `word`'s own lemma excluded.
  /// **Example**: `sense_synonyms("rookie")` → `{{"beginner", 1}, {"novice", 1}, …}`.
  [[nodiscard]] std::vector<WeightedWord> sense_synonyms(const std::string& word) const;

  /// Words one link away from those senses, at half their sense's weight:
  /// the hypernym ("firefighting" → "fighting"), the derivationally related
  /// forms ("supervise" → "supervision", "supervisor"), similar adjectives
  /// and verb groups. Single words only.
  [[nodiscard]] std::vector<WeightedWord> linked_words(const std::string& word) const;

  /// The words of the definitions of those senses (before any example), at
  /// a quarter of their sense's weight: a dictionary's way of saying what a
  /// word means in other words ("rookie" → "inexperienced", "youth").
  /// Lower-case words of three letters or more; the caller drops function words.
  [[nodiscard]] std::vector<WeightedWord> gloss_words(const std::string& word) const;

 private:
  struct PartOfSpeech {
    MappedFile index;                                           ///< index.<pos>: sorted lines
    MappedFile data;                                            ///< data.<pos>: synsets at byte offsets
    MappedFile exceptions;                                      ///< <pos>.exc: sorted "inflected lemma..." lines
    std::vector<std::pair<std::string, std::string>> suffixes;  ///< morphy's detachment rules
  };
  /// One synset as the data file has it: its lemmas and its pointers.
  struct Synset {
    std::vector<std::string> lemmas;  ///< folded, multiword lemmas with '_'
    struct Pointer {
      std::string symbol;  ///< "@" hypernym, "+" derivation, "&" similar, "$" verb group...
      long offset = 0;
      char pos = 'n';  ///< n, v, a, s or r
      int target = 0;  ///< 0: the whole synset; k: its k-th lemma
    };
    std::vector<Pointer> pointers;
    std::string definition;  ///< the gloss up to its first example or ';'
  };
  struct Sense {
    std::size_t part = 0;  ///< index into parts_
    long offset = 0;
    double weight = 0;
  };
  [[nodiscard]] std::string lemma_of(const PartOfSpeech& pos, const std::string& word) const;
  [[nodiscard]] std::vector<std::string> first_sense(const PartOfSpeech& pos, const std::string& lemma) const;
  [[nodiscard]] std::vector<Sense> weighted_senses(const std::string& word) const;
  [[nodiscard]] Synset synset(std::size_t part, long offset) const;

  std::vector<PartOfSpeech> parts_;  ///< verb, noun, adjective, adverb
  MappedFile sense_counts_;          ///< cntlist.rev: "sense_key sense_number tag_count", sorted by key
};

}  // namespace rungs::analysis
