// The index layout helpers and the shared text analysis (see schema.h).

#include "rungs/indexer/schema.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <utility>

#include "rungs/corpus/text.h"
#include "words.h"

namespace rungs::indexer::schema {
namespace {

// Glass refuses terms longer than this many bytes.
constexpr std::size_t kMaxTermBytes = 245;

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

// `prefix + value`, or when that is over the term limit, a prefix of `value`
// cut at a UTF-8 boundary followed by "#" and a hash of the whole value.
std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) return term.append(value);
  std::size_t keep = kMaxTermBytes - prefix.size() - 17 - 8;
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  term.append(value.substr(0, keep));
  term.push_back('#');
  term.append(fnv1a_hex(value));
  return term;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::array<std::string_view, 20> kNumberWords = {
    "one",     "two",     "three",     "four",     "five",     "six",      "seven",
    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

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
  static const std::set<std::string_view> words = {
      "advertise",   "advise",   "apprise",  "arise",     "chastise",  "circumcise", "comprise",
      "compromise",  "concise",  "demise",   "despise",   "devise",    "disguise",   "enterprise",
      "excise",      "exercise", "exorcise", "expertise", "franchise", "improvise",  "incise",
      "merchandise", "mortise",  "noise",    "otherwise", "paradise",  "precise",    "premise",
      "promise",     "raise",    "reprise",  "revise",    "rise",      "sunrise",    "supervise",
      "surmise",     "surprise", "televise", "treatise",  "wise",
  };
  return words;
}

bool ise_is_variant(std::string_view base) {
  if (base.size() < 4) return false;
  const std::string lemma = std::string(base) + "ise";
  if (ise_exceptions().count(lemma) != 0) return false;
  for (std::string_view tail :
       {"wise", "vise", "prise", "raise", "guise", "oise", "uise", "chise"}) {
    if (ends_with(lemma, tail)) return false;
  }
  return true;
}

bool is_lower_ascii_word(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

}  // namespace

const std::vector<std::string>& stopwords() {
  static const std::vector<std::string> words = {
      "a",    "an",   "and",   "are", "as",   "at",   "be",    "been", "being",
      "by",   "for",  "from",  "has", "have", "in",   "into",  "is",   "it",
      "its",  "of",   "on",    "or",  "that", "the",  "their", "them", "these",
      "they", "this", "those", "to",  "was",  "were", "which", "with",
  };
  return words;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, corpus::fold_case(value));
}

std::string id_term(std::string_view ladder, std::string_view level, std::size_t n) {
  std::string id(ladder);
  id.append("/").append(level).append("/").append(std::to_string(n));
  return bounded_term(kPrefixId, id);
}

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
      } else if (d == '\'' && j + 1 < n &&
                 is_word_byte(static_cast<unsigned char>(folded[j + 1]))) {
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

}  // namespace rungs::indexer::schema

namespace rungs::indexer {

struct Analyzer::Impl {
  Xapian::Stem stemmer{std::string(schema::kStemmer)};
  std::set<std::string> stop{schema::stopwords().begin(), schema::stopwords().end()};
  Xapian::TermGenerator words;

  Impl() { words.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE); }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
// Xapian objects share their internals on copy; a copy builds its own.
Analyzer::Analyzer(const Analyzer&) : impl_(std::make_unique<Impl>()) {}
Analyzer& Analyzer::operator=(const Analyzer& other) {
  if (this != &other) impl_ = std::make_unique<Impl>();
  return *this;
}

std::vector<std::string> positioned_words(const Xapian::Document& doc) {
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    // Text is case-folded first, so only stems start with an upper-case Z.
    if (!term.empty() && term[0] == 'Z') continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      positioned.emplace_back(*p, term);
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> out;
  out.reserve(positioned.size());
  for (auto& [pos, word] : positioned) out.push_back(std::move(word));
  return out;
}

std::vector<std::string> Analyzer::words(std::string_view text) const {
  // Tokenise with Xapian's own TermGenerator so the words are exactly the
  // unstemmed terms indexing produces.
  Xapian::Document doc;
  impl_->words.set_document(doc);
  impl_->words.set_termpos(0);
  impl_->words.index_text(schema::normalize(text));
  return positioned_words(doc);
}

std::vector<std::string> Analyzer::stems(std::string_view text) const {
  std::vector<std::string> out;
  for (const auto& word : words(text)) {
    if (impl_->stop.count(word) != 0) continue;
    out.push_back(impl_->stemmer(word));
  }
  return out;
}

}  // namespace rungs::indexer
