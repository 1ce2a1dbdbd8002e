#include "rungs/analysis/wordnet.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "rungs/corpus/error.h"

namespace rungs::analysis {
namespace {

// The first line of a sorted WordNet file that starts with `key + ' '`, or
// "". The index files open with a licence block whose lines start with two
// spaces, which sort before every lemma; the exception files repeat a form
// on consecutive lines when it has several lemmas.
std::string_view find_line(std::string_view index, const std::string& key) {
  std::string_view found;
  std::size_t lo = 0, hi = index.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    std::size_t start = index.rfind('\n', mid);
    start = start == std::string::npos ? 0 : start + 1;
    std::size_t end = index.find('\n', start);
    if (end == std::string_view::npos) end = index.size();
    const std::string_view line = index.substr(start, end - start);
    const std::string_view lemma = line.substr(0, line.find(' '));
    if (lemma == key) {
      found = line;
      hi = start;
    } else if (lemma < key) {
      lo = end + 1;
    } else {
      hi = start;
    }
  }
  return found;
}

}  // namespace

std::filesystem::path WordNet::default_dir() { return RUNGS_WORDNET_DIR; }

WordNet::MappedFile::MappedFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error("cannot read WordNet file " + path.string() +
                " (install the Debian package wordnet-base, or pass --no-synonyms to level/map)");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      ::close(fd);
      throw Error("cannot map WordNet file " + path.string());
    }
    data_ = static_cast<const char*>(map);
  }
  ::close(fd);
}

WordNet::MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

WordNet::MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

WordNet::WordNet(const std::filesystem::path& dir) {
  struct Files {
    const char* name;
    std::vector<std::pair<std::string, std::string>> suffixes;
  };
  // Morphy's detachment rules (WordNet morph.c), per part of speech.
  const Files files[] = {
      {"verb", {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}},
      {"noun", {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}},
      {"adj", {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}},
  };
  for (const auto& f : files) {
    parts_.push_back({MappedFile(dir / (std::string("index.") + f.name)), MappedFile(dir / (std::string("data.") + f.name)),
                      MappedFile(dir / (std::string(f.name) + ".exc")), f.suffixes});
  }
}

std::string WordNet::lemma_of(const PartOfSpeech& pos, const std::string& word) const {
  // <pos>.exc line: inflected lemma [lemma...]; the first lemma counts.
  if (const auto line = find_line(pos.exceptions.view(), word); line.size() > word.size() + 1) {
    const auto rest = line.substr(word.size() + 1);
    return std::string(rest.substr(0, rest.find(' ')));
  }
  if (!find_line(pos.index.view(), word).empty()) return word;
  for (const auto& [suffix, replacement] : pos.suffixes) {
    if (word.size() > suffix.size() + 1 && word.ends_with(suffix)) {
      std::string base = word.substr(0, word.size() - suffix.size()) + replacement;
      if (!find_line(pos.index.view(), base).empty()) return base;
    }
  }
  return {};
}

std::vector<std::string> WordNet::first_sense(const PartOfSpeech& pos, const std::string& lemma) const {
  // index line: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset...
  std::istringstream line{std::string(find_line(pos.index.view(), lemma))};
  std::string word, part;
  int synsets = 0, pointers = 0;
  line >> word >> part >> synsets >> pointers;
  for (int i = 0; i < pointers; ++i) line >> part;
  int senses = 0, tagged = 0;
  long offset = -1;
  line >> senses >> tagged >> offset;
  const std::string_view file = pos.data.view();
  if (offset < 0 || static_cast<std::size_t>(offset) >= file.size()) return {};
  // data line: offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]...
  const std::size_t end = file.find('\n', static_cast<std::size_t>(offset));
  std::istringstream data{std::string(file.substr(static_cast<std::size_t>(offset), end - static_cast<std::size_t>(offset)))};
  std::string field, lex_id;
  data >> field >> field >> field >> std::hex >> synsets >> std::dec;
  std::vector<std::string> lemmas;
  for (int i = 0; i < synsets && data >> field >> lex_id; ++i) {
    if (field.find('_') != std::string::npos) continue;  // multiword lemmas add noise
    if (const auto paren = field.find('('); paren != std::string::npos) field.resize(paren);
    std::transform(field.begin(), field.end(), field.begin(), [](unsigned char c) { return std::tolower(c); });
    if (field != lemma) lemmas.push_back(field);
  }
  return lemmas;
}

std::vector<std::string> WordNet::first_sense_synonyms(const std::string& word) const {
  std::vector<std::string> out;
  for (const auto& pos : parts_) {
    const std::string lemma = lemma_of(pos, word);
    if (lemma.empty()) continue;
    for (auto& synonym : first_sense(pos, lemma)) {
      if (synonym != word && std::find(out.begin(), out.end(), synonym) == out.end()) out.push_back(std::move(synonym));
    }
  }
  return out;
}

}  // namespace rungs::analysis
