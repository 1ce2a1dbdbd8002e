// The text normalisation of the analyzer (see analyzer.h): case folding,
// British -> American spelling variants and number words to digits, applied
// word by word with the word-boundary rule of word.h.

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>

#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/word.h"
#include "rungs/corpus/text.h"

namespace rungs::analysis {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::array<std::string_view, 20> kNumberWords = {
    "one",    "two",    "three",    "four",     "five",    "six",     "seven",     "eight",    "nine",     "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

// Whole-word British → American respellings outside the rules below.
constexpr std::pair<std::string_view, std::string_view> kWordMap[] = {
    {"practise", "practice"},     {"practised", "practiced"},  {"practises", "practices"},
    {"practising", "practicing"}, {"centre", "center"},        {"centres", "centers"},
    {"centred", "centered"},      {"centring", "centering"},   {"defence", "defense"},
    {"defences", "defenses"},     {"offence", "offense"},      {"offences", "offenses"},
    {"licence", "license"},       {"licences", "licenses"},    {"judgement", "judgment"},
    {"judgements", "judgments"},  {"enrolment", "enrollment"}, {"enrolments", "enrollments"},
};

// -our words whose American form drops the u; derivatives follow
// ("behavioural", "favourite", "honourable").
constexpr std::array<std::string_view, 23> kOurWords = {
    "behaviour", "colour",    "favour", "honour",    "labour",  "neighbour", "humour", "rumour",
    "harbour",   "endeavour", "savour", "flavour",   "vigour",  "candour",   "armour", "odour",
    "valour",    "rigour",    "tumour", "splendour", "saviour", "parlour",   "clamour"};

// -ise words that are not British variants of an -ize word.
const std::set<std::string_view>& ise_exceptions() {
  static const std::set<std::string_view> kNotVariants = {
      "advertise", "advise",    "apprise",   "arise",     "chastise", "circumcise",  "comprise", "compromise",
      "concise",   "demise",    "despise",   "devise",    "disguise", "enterprise",  "excise",   "exercise",
      "exorcise",  "expertise", "franchise", "improvise", "incise",   "merchandise", "mortise",  "noise",
      "otherwise", "paradise",  "precise",   "premise",   "promise",  "raise",       "reprise",  "revise",
      "rise",      "sunrise",   "supervise", "surmise",   "surprise", "televise",    "treatise", "wise",
  };
  return kNotVariants;
}

bool ise_is_variant(std::string_view base) {
  if (base.size() < 4) return false;
  const std::string lemma = std::string(base) + "ise";
  if (ise_exceptions().count(lemma) != 0) return false;
  for (std::string_view tail : {"wise", "vise", "prise", "raise", "guise", "oise", "uise", "chise"}) {
    if (ends_with(lemma, tail)) return false;
  }
  return true;
}

bool is_lower_ascii_word(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::string normalize_word(std::string_view word) {
  if (!is_lower_ascii_word(word)) return std::string(word);
  for (std::size_t i = 0; i < kNumberWords.size(); ++i) {
    if (word == kNumberWords[i]) return std::to_string(i + 1);
  }
  for (const auto& [british, american] : kWordMap) {
    if (word == british) return std::string(american);
  }
  for (std::string_view our : kOurWords) {
    if (word.substr(0, our.size()) == our) {
      std::string out(our.substr(0, our.size() - 2));  // drop "ur"
      out.push_back('r');
      out.append(word.substr(our.size()));
      return out;
    }
  }
  // -lyse family: analyse, paralyse, catalyse, dialyse, hydrolyse...
  for (std::string_view suffix : {"lysers", "lysing", "lysed", "lyses", "lyser", "lyse"}) {
    if (ends_with(word, suffix) && word.size() - suffix.size() >= 2) {
      std::string out(word);
      out[word.size() - suffix.size() + 2] = 'z';
      return out;
    }
  }
  // -ise family, longest suffix first.
  for (std::string_view suffix :
       {"isational", "isations", "isation", "ising", "isers", "iser", "ised", "ises", "ise"}) {
    if (ends_with(word, suffix)) {
      const std::string_view base = word.substr(0, word.size() - suffix.size());
      if (!ise_is_variant(base)) break;
      std::string out(base);
      out.append("iz").append(suffix.substr(2));
      return out;
    }
  }
  return std::string(word);
}

std::string normalize(std::string_view text) {
  const std::string folded = corpus::fold_case(text);
  std::string out;
  out.reserve(folded.size());
  const std::size_t n = folded.size();
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (!is_word_byte(c)) {
      out.push_back(folded[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < n) {
      const auto d = static_cast<unsigned char>(folded[j]);
      if (is_word_byte(d)) {
        ++j;
      } else if (d == '\'' && j + 1 < n && is_word_byte(static_cast<unsigned char>(folded[j + 1]))) {
        j += 2;  // an apostrophe inside a word ("one's") keeps the word whole
      } else {
        break;
      }
    }
    out.append(normalize_word(std::string_view(folded).substr(i, j - i)));
    i = j;
  }
  return out;
}

}  // namespace rungs::analysis
