#include "rungs/analysis/wordnet.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "rungs/corpus/error.h"
#include "sorted_lines.h"

namespace rungs::analysis {
namespace {

// The first line of a sorted WordNet file that starts with `key + ' '`, or
// "". The index files open with a licence block whose lines start with two
// spaces, which sort before every lemma; the exception files repeat a form
// on consecutive lines when it has several lemmas. (A lemma's line sorts
// where its lemma does: every lemma character sorts after the space.)
std::string_view find_line(std::string_view index, const std::string& key) {
  const std::string prefix = key + ' ';
  const std::string_view line = line_at(index, first_line_with_prefix(index, prefix));
  return line.starts_with(prefix) ? line : std::string_view();
}

std::string folded_lemma(std::string field) {
  if (const auto paren = field.find('('); paren != std::string::npos) field.resize(paren);  // "(a)", "(p)" markers
  std::transform(field.begin(), field.end(), field.begin(), [](unsigned char c) { return std::tolower(c); });
  return field;
}

constexpr std::string_view kRemedy = "install the Debian package wordnet-base, or pass --no-synonyms to level/map";

// Senses weighing less than this share of the word's most used sense are noise for a bridge.
constexpr double kMinSenseShare = 0.1;
// A linked word (hypernym, derivation, similar) weighs this share of its sense.
constexpr double kLinkShare = 0.5;
// The index's synonym table takes first senses of verbs, nouns and adjectives (not adverbs).
constexpr std::size_t kSynonymTableParts = 3;
// A word of a sense's definition weighs this share of it.
constexpr double kGlossShare = 0.25;

}  // namespace

void add_weighted(std::vector<WeightedWord>& out, std::string word, double weight) {
  for (auto& w : out) {
    if (w.word == word) {
      w.weight = std::max(w.weight, weight);
      return;
    }
  }
  out.push_back({std::move(word), weight});
}

std::filesystem::path WordNet::default_dir() { return RUNGS_WORDNET_DIR; }

WordNet::WordNet(const std::filesystem::path& dir) : sense_counts_(dir / "cntlist.rev", kRemedy) {
  struct Files {
    const char* name;
    std::vector<std::pair<std::string, std::string>> suffixes;
  };
  // Morphy's detachment rules (WordNet morph.c), per part of speech.
  const Files files[] = {
      {"verb", {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}},
      {"noun",
       {{"s", ""},
        {"ses", "s"},
        {"xes", "x"},
        {"zes", "z"},
        {"ches", "ch"},
        {"shes", "sh"},
        {"men", "man"},
        {"ies", "y"}}},
      {"adj", {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}},
      {"adv", {}},
  };
  for (const auto& f : files) {
    parts_.push_back({MappedFile(dir / (std::string("index.") + f.name), kRemedy),
                      MappedFile(dir / (std::string("data.") + f.name), kRemedy),
                      MappedFile(dir / (std::string(f.name) + ".exc"), kRemedy), f.suffixes});
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
  std::istringstream data{std::string(line_at(file, static_cast<std::size_t>(offset)))};
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
  for (std::size_t p = 0; p < kSynonymTableParts; ++p) {
    const PartOfSpeech& pos = parts_[p];
    const std::string lemma = lemma_of(pos, word);
    if (lemma.empty()) continue;
    for (auto& synonym : first_sense(pos, lemma)) {
      if (synonym != word && std::find(out.begin(), out.end(), synonym) == out.end()) out.push_back(std::move(synonym));
    }
  }
  return out;
}

std::vector<WordNet::Sense> WordNet::weighted_senses(const std::string& word) const {
  // Sense keys name the part of speech by digit: noun 1, verb 2, adjective 3 (satellite 5).
  static constexpr const char* kKeyDigits[] = {"2", "1", "35", "4"};  // parts_: verb, noun, adjective, adverb
  std::string key = word;
  std::replace(key.begin(), key.end(), ' ', '_');
  std::vector<Sense> senses;
  std::vector<int> counts;
  for (std::size_t p = 0; p < parts_.size(); ++p) {
    const PartOfSpeech& pos = parts_[p];
    std::string lemma = lemma_of(pos, key);
    if (lemma.empty() && key.find('_') != std::string::npos) {  // "acts_up": the head word inflected
      const std::string head = lemma_of(pos, key.substr(0, key.find('_')));
      if (!head.empty() && !find_line(pos.index.view(), head + key.substr(key.find('_'))).empty()) {
        lemma = head + key.substr(key.find('_'));
      }
    }
    if (lemma.empty()) continue;
    // index line: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset...
    std::istringstream line{std::string(find_line(pos.index.view(), lemma))};
    std::string field;
    int synsets = 0, pointers = 0, tagged = 0;
    line >> field >> field >> synsets >> pointers;
    for (int i = 0; i < pointers; ++i) line >> field;
    line >> field >> tagged;
    std::vector<long> offsets;
    for (long offset = 0; line >> offset;) offsets.push_back(offset);
    // cntlist.rev: "lemma%<digit>:... sense_number count", the sense numbers following the index's order.
    std::vector<int> by_number(offsets.size(), 0);
    const std::string_view file = sense_counts_.view();
    for (std::size_t at = first_line_with_prefix(file, lemma + "%"); at < file.size();) {
      const std::string_view entry = line_at(file, at);
      at += entry.size() + 1;
      if (!entry.starts_with(lemma + "%")) break;
      if (std::string_view(kKeyDigits[p]).find(entry[lemma.size() + 1]) == std::string_view::npos) continue;
      std::istringstream fields{std::string(entry)};
      int number = 0, count = 0;
      fields >> field >> number >> count;
      if (number >= 1 && static_cast<std::size_t>(number) <= by_number.size()) by_number[number - 1] += count;
    }
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      senses.push_back({p, offsets[i], 0});
      counts.push_back(by_number[i]);
    }
  }
  if (senses.empty()) return senses;
  const double top = *std::max_element(counts.begin(), counts.end()) + 1.0;
  std::vector<Sense> kept;
  for (std::size_t i = 0; i < senses.size(); ++i) {
    senses[i].weight = (counts[i] + 1.0) / top;
    if (senses[i].weight >= kMinSenseShare) kept.push_back(senses[i]);
  }
  return kept;
}

WordNet::Synset WordNet::synset(std::size_t part, long offset) const {
  const std::string_view file = parts_[part].data.view();
  Synset result;
  if (offset < 0 || static_cast<std::size_t>(offset) >= file.size()) return result;
  // data line: offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos source/target]... |
  // gloss
  std::istringstream data{std::string(line_at(file, static_cast<std::size_t>(offset)))};
  std::string field, lex_id;
  int words = 0, pointers = 0;
  data >> field >> field >> field >> std::hex >> words >> std::dec;
  for (int i = 0; i < words && data >> field >> lex_id; ++i) result.lemmas.push_back(folded_lemma(field));
  data >> pointers;
  for (int i = 0; i < pointers; ++i) {
    Synset::Pointer pointer;
    std::string pos, source_target;
    if (!(data >> pointer.symbol >> pointer.offset >> pos >> source_target) || pos.empty() || source_target.size() != 4)
      break;
    pointer.pos = pos[0];
    const int source = std::stoi(source_target.substr(0, 2), nullptr, 16);
    pointer.target = std::stoi(source_target.substr(2, 2), nullptr, 16);
    if (source != 0) pointer.symbol += ":" + std::to_string(source);  // a link of one lemma, not of the synset
    result.pointers.push_back(std::move(pointer));
  }
  std::string rest;
  std::getline(data, rest);
  if (const auto bar = rest.find('|'); bar != std::string::npos) {
    result.definition = rest.substr(bar + 1);
    result.definition = result.definition.substr(0, std::min(result.definition.find(';'), result.definition.find('"')));
  }
  return result;
}

std::vector<WeightedWord> WordNet::sense_synonyms(const std::string& word) const {
  std::string own = word;
  std::replace(own.begin(), own.end(), ' ', '_');
  std::vector<WeightedWord> out;
  for (const auto& sense : weighted_senses(word)) {
    const std::string base = lemma_of(parts_[sense.part], own);  // "teaching" → "teach": not its own synonym
    for (auto& lemma : synset(sense.part, sense.offset).lemmas) {
      if (lemma.find('_') != std::string::npos || lemma == own || lemma == base) continue;
      add_weighted(out, std::move(lemma), sense.weight);
    }
  }
  return out;
}

std::vector<WeightedWord> WordNet::linked_words(const std::string& word) const {
  // Pointer symbols followed: hypernym (instance too), derivation, similar
  // adjective, verb group, pertainym ("independently" → "independent").
  static const std::vector<std::string_view> kFollowed = {"@", "@i", "+", "&", "$", "\\"};
  std::string own = word;
  std::replace(own.begin(), own.end(), ' ', '_');
  std::vector<WeightedWord> out;
  for (const auto& sense : weighted_senses(word)) {
    const Synset here = synset(sense.part, sense.offset);
    const std::string lemma = lemma_of(parts_[sense.part], own);
    const auto position = std::find(here.lemmas.begin(), here.lemmas.end(), lemma) - here.lemmas.begin() + 1;
    for (const auto& pointer : here.pointers) {
      const std::string_view symbol = std::string_view(pointer.symbol).substr(0, pointer.symbol.find(':'));
      if (std::find(kFollowed.begin(), kFollowed.end(), symbol) == kFollowed.end()) continue;
      // A lemma's own link (derivation, pertainym) counts only for the lemma asked about.
      if (symbol.size() < pointer.symbol.size() && pointer.symbol.substr(symbol.size() + 1) != std::to_string(position))
        continue;
      const std::size_t part = pointer.pos == 'v' ? 0 : pointer.pos == 'n' ? 1 : pointer.pos == 'r' ? 3 : 2;
      const Synset there = synset(part, pointer.offset);
      for (std::size_t k = 0; k < there.lemmas.size(); ++k) {
        if (pointer.target != 0 && static_cast<int>(k) + 1 != pointer.target) continue;
        const std::string& linked = there.lemmas[k];
        if (linked.find('_') != std::string::npos || linked == own || linked == lemma) continue;
        add_weighted(out, linked, kLinkShare * sense.weight);
      }
    }
  }
  return out;
}

std::vector<WeightedWord> WordNet::gloss_words(const std::string& word) const {
  std::vector<WeightedWord> out;
  for (const auto& sense : weighted_senses(word)) {
    const std::string definition = synset(sense.part, sense.offset).definition;
    std::string current;
    for (std::size_t i = 0; i <= definition.size(); ++i) {
      const char c = i < definition.size() ? definition[i] : ' ';
      if (std::isalpha(static_cast<unsigned char>(c))) {
        current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        continue;
      }
      if (current.size() >= 3 && current != word) add_weighted(out, current, kGlossShare * sense.weight);
      current.clear();
    }
  }
  return out;
}

}  // namespace rungs::analysis
