#include "rungs/analysis/office_thesaurus.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sorted_lines.h"

namespace rungs::analysis {
namespace {

constexpr std::string_view kRemedy = "install the Debian package mythes-en-us, or pass --no-synonyms to level/map";

// Weights of the bridge (`rungs eval` shows the source's part): the first
// sense is the word's usual meaning, later ones rarer; a broader, similar or
// related term says less than a synonym.
constexpr double kFirstSense = 1.0;
constexpr double kLaterSense = 0.6;
constexpr double kTermShare = 0.5;

// "keeper (generic term)" → "keeper", and whether it was so marked; an
// antonym comes back empty.
std::pair<std::string, bool> term_of(std::string_view field) {
  bool marked = false;
  if (const auto paren = field.find('('); paren != std::string_view::npos) {
    if (field.substr(paren).starts_with("(antonym)")) return {};
    marked = true;
    field = field.substr(0, paren);
  }
  while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
  std::string term(field);
  std::transform(term.begin(), term.end(), term.begin(), [](unsigned char c) { return std::tolower(c); });
  return {std::move(term), marked};
}

}  // namespace

std::filesystem::path OfficeThesaurus::default_dir() { return RUNGS_MYTHES_DIR; }

OfficeThesaurus::OfficeThesaurus(const std::filesystem::path& dir)
    : index_(dir / "th_en_US_v2.idx", kRemedy), data_(dir / "th_en_US_v2.dat", kRemedy) {}

std::vector<WeightedWord> OfficeThesaurus::entry(const std::string& word) const {
  std::vector<WeightedWord> out;
  // The index opens with two lines (encoding, entry count) outside the order.
  std::string_view index = index_.view();
  for (int header = 0; header < 2 && !index.empty(); ++header)
    index.remove_prefix(std::min(index.size(), index.find('\n') + 1));
  const std::string_view line = line_with_key(index, word, '|');
  if (line.empty()) return out;
  std::size_t offset = 0;
  const auto digits = line.substr(word.size() + 1);
  if (std::from_chars(digits.data(), digits.data() + digits.size(), offset).ec != std::errc{}) return out;
  const std::string_view data = data_.view();
  std::string_view head = line_at(data, offset);  // "word|senses"
  std::size_t senses = 0;
  const auto bar = head.rfind('|');
  if (bar == std::string_view::npos ||
      std::from_chars(head.data() + bar + 1, head.data() + head.size(), senses).ec != std::errc{})
    return out;
  std::size_t at = offset + head.size() + 1;
  for (std::size_t s = 0; s < senses && at < data.size(); ++s) {
    const std::string_view sense = line_at(data, at);  // "(noun)|term|term (generic term)|..."
    at += sense.size() + 1;
    const double weight = s == 0 ? kFirstSense : kLaterSense;
    for (std::size_t from = sense.find('|'); from != std::string_view::npos;) {
      const std::size_t to = sense.find('|', from + 1);
      auto [term, marked] = term_of(sense.substr(from + 1, to == std::string_view::npos ? to : to - from - 1));
      from = to;
      if (term.empty() || term == word) continue;
      add_weighted(out, std::move(term), marked ? weight * kTermShare : weight);
    }
  }
  return out;
}

std::vector<WeightedWord> OfficeThesaurus::related(const std::string& word) const {
  if (auto found = entry(word); !found.empty()) return found;
  // An inflected form: the thesaurus lists base forms ("calls" → "call"); in
  // a multiword expression the first word inflects ("acts up" → "act up").
  const std::size_t space = std::min(word.find(' '), word.size());
  const std::string first = word.substr(0, space);
  for (const std::string_view suffix : {"ing", "ed", "es", "s"}) {
    if (first.size() > suffix.size() + 2 && first.ends_with(suffix)) {
      const std::string base = first.substr(0, first.size() - suffix.size()) + word.substr(space);
      if (auto found = entry(base); !found.empty()) return found;
    }
  }
  return {};
}

}  // namespace rungs::analysis
