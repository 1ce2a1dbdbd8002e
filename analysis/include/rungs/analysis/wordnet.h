#pragma once
// A small reader for the WordNet 3.0 dictionary files (Debian's wordnet-base),
// read directly rather than through libwordnet, whose C API keeps global state.
// Only what the semantic bridge needs: the lemmas of a word's first sense,
// used for the index's synonym table and by the mapping model.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rungs::analysis {

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

 private:
  /// A read-only memory map: only the pages a lookup touches are read.
  class MappedFile {
   public:
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    MappedFile& operator=(MappedFile&&) = delete;
    [[nodiscard]] std::string_view view() const { return {data_, size_}; }

   private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
  };

  struct PartOfSpeech {
    MappedFile index;                               ///< index.<pos>: sorted lines
    MappedFile data;                                ///< data.<pos>: synsets at byte offsets
    MappedFile exceptions;                          ///< <pos>.exc: sorted "inflected lemma..." lines
    std::vector<std::pair<std::string, std::string>> suffixes;  ///< morphy's detachment rules
  };
  [[nodiscard]] std::string lemma_of(const PartOfSpeech& pos, const std::string& word) const;
  [[nodiscard]] std::vector<std::string> first_sense(const PartOfSpeech& pos, const std::string& lemma) const;

  std::vector<PartOfSpeech> parts_;
};

}  // namespace rungs::analysis
