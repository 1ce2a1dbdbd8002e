// Query parsing (see query.h): the preparation of the user's text, the
// parser set up with the analyzer's stemmer and stopwords and one boolean
// prefix per facet, the plain-words fallback and the filters.

#include "query.h"

#include <algorithm>
#include <array>
#include <vector>

#include "facets.h"
#include "rungs/analysis/word.h"
#include "rungs/analysis/xapian_terms.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"

namespace rungs::search {
namespace {

namespace schema = indexer::schema;
using analysis::is_word_byte;

constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

/// Turns the value of `field:value` into the filter term the indexer wrote.
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::filter_term(prefix_, value));
  }

 private:
  std::string prefix_;
};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Terms `a` then `b`, next to each other.
Xapian::Query side_by_side(const std::string& a, const std::string& b) {
  const std::array<Xapian::Query, 2> terms = {Xapian::Query(a), Xapian::Query(b)};
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), 2);
}

const Field* find_field(std::string_view name) {
  const std::string lower = ascii_lower(name);
  for (const auto& f : kFields) {
    if (f.name == lower) return &f;
  }
  return nullptr;
}

}  // namespace

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

PreparedQuery prepare(std::string_view query) {
  PreparedQuery out;
  std::string pending;  // free text not yet normalised
  auto flush = [&] {
    // QueryParser does not stem a word followed by one of these characters,
    // not even the last word of a phrase before its closing quote; a space
    // in between changes nothing else.
    std::string normalized;
    for (const char c : analysis::normalize(pending)) {
      if (std::string_view("\"(/\\@<>=*[{").find(c) != std::string_view::npos && !normalized.empty() &&
          is_word_byte(static_cast<unsigned char>(normalized.back()))) {
        normalized.push_back(' ');
      }
      normalized.push_back(c);
    }
    out.text += normalized;
    out.plain += normalized;
    pending.clear();
  };
  const std::size_t n = query.size();
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(query[i]);
    const bool word_start = is_word_byte(c) && (i == 0 || !is_word_byte(static_cast<unsigned char>(query[i - 1])));
    if (!word_start) {
      pending.push_back(query[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_byte(static_cast<unsigned char>(query[j]))) ++j;
    const std::string_view word = query.substr(i, j - i);
    const bool token_start =
        i == 0 || is_space(query[i - 1]) || query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-';
    const Field* field =
        (token_start && j + 1 < n && query[j] == ':' && !is_space(query[j + 1])) ? find_field(word) : nullptr;
    if (field != nullptr) {
      flush();
      std::size_t k = j + 1;
      if (query[k] == '"') {
        ++k;
        while (k < n) {
          if (query[k] == '"') {
            if (k + 1 < n && query[k + 1] == '"') {
              k += 2;  // "" is an escaped quote
              continue;
            }
            ++k;
            break;
          }
          ++k;
        }
      } else {
        while (k < n && !is_space(query[k]) && query[k] != ')') ++k;
      }
      const std::string protected_text = std::string(field->name) + std::string(query.substr(j, k - j));
      out.text += protected_text;
      out.plain += protected_text;
      i = k;
      continue;
    }
    if (std::find(kOperators.begin(), kOperators.end(), word) != kOperators.end()) {
      flush();
      out.text += word;
      out.plain += ascii_lower(word);
      i = j;
      continue;
    }
    pending.append(word);
    i = j;
  }
  flush();
  return out;
}

std::optional<std::string> free_text_words(std::string_view query) {
  std::string words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    if (i < query.size() && !is_space(query[i])) continue;
    const std::string_view token = query.substr(start, i - start);
    start = i + 1;
    if (token.empty()) continue;
    if (std::find(kOperators.begin(), kOperators.end(), token) != kOperators.end()) return std::nullopt;
    // A filter such as ladder:ops-sre (its value without quotes or brackets).
    if (const auto colon = token.find(':');
        colon != std::string_view::npos && colon + 1 < token.size() && find_field(token.substr(0, colon)) != nullptr) {
      if (token.find_first_of("\"()", colon) != std::string_view::npos) return std::nullopt;
      continue;
    }
    // Punctuation only inside a word, or a sentence's own at its end.
    const auto first = static_cast<unsigned char>(token.front());
    if (!is_word_byte(first)) return std::nullopt;
    for (std::size_t k = 1; k < token.size(); ++k) {
      const char c = token[k];
      if (is_word_byte(static_cast<unsigned char>(c))) continue;
      if (std::string_view(".,;!?").find(c) != std::string_view::npos && k + 1 == token.size()) continue;
      if (std::string_view("-'").find(c) == std::string_view::npos) return std::nullopt;
    }
    if (!words.empty()) words += ' ';
    words += token;
  }
  return words;
}

bool has_word(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return is_word_byte(static_cast<unsigned char>(c)); });
}

QueryBuilder::QueryBuilder() {
  parser_.set_stemmer(stemmer_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME_FULL_POS);
  parser_.set_stopper((new Xapian::SimpleStopper(stop_.begin(), stop_.end()))->release());
  parser_.set_default_op(Xapian::Query::OP_OR);
  for (const auto& field : kFields) {
    parser_.add_boolean_prefix(std::string(field.name), (new FilterProcessor(field.prefix))->release());
  }
}

// Plain words → OR of the terms indexing wrote (Z-stems, or the word itself
// when it does not start with a letter).
Xapian::Query QueryBuilder::plain_query(const std::string& text) const {
  std::vector<Xapian::Query> terms;
  for (const auto& word : analyzer_.words(text)) {
    if (stop_.count(word) != 0) continue;
    terms.emplace_back(term_of(word));
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

UserQuery QueryBuilder::user_query(const SearchRequest& request, SearchResults& out) {
  if (!has_word(request.query)) {
    // Nothing typed: the filters alone decide. Only punctuation: nothing matches.
    const bool blank = std::all_of(request.query.begin(), request.query.end(), [](char c) { return is_space(c); });
    return {blank ? Xapian::Query::MatchAll : Xapian::Query::MatchNothing, {}};
  }
  if (request.plain_words) return {plain_query(request.query), {}};
  const PreparedQuery prepared = prepare(request.query);
  if (const auto words = free_text_words(request.query)) return free_text_query(prepared.text, *words, out);
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION |
                              Xapian::QueryParser::FLAG_SYNONYM | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
  try {
    Xapian::Query query = parser_.parse_query(prepared.text, kFlags);
    out.corrected_query = suggestion(prepared.text);
    return {query, {}};
  } catch (const Xapian::QueryParserError&) {
    out.fell_back_to_plain = true;
  }
  try {
    Xapian::Query query = parser_.parse_query(prepared.plain, Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    out.corrected_query = suggestion(prepared.plain);
    return {query, {}};
  } catch (const Xapian::QueryParserError&) {
    return {plain_query(request.query), {}};
  }
}

// The parser's respelling of `text`, when it reads as the typo it fixes.
// Not when it respells a word into a stopword, or changes a word's first
// letter (people rarely mistype that; "post mortem" is not "most more"),
// or rewrites more than half of the words.
std::string QueryBuilder::suggestion(const std::string& text) const {
  const std::string corrected = parser_.get_corrected_query_string();
  if (corrected.empty()) return corrected;
  const auto typed = analyzer_.words(text);
  const auto respelled = analyzer_.words(corrected);
  if (typed.size() != respelled.size()) return "";
  std::size_t changed = 0;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == respelled[i]) continue;
    ++changed;
    if (stop_.count(respelled[i]) != 0 || typed[i].front() != respelled[i].front()) return "";
  }
  return 2 * changed <= typed.size() + 1 ? corrected : "";
}

std::string QueryBuilder::term_of(const std::string& word) const { return analysis::term_of(stemmer_, word); }

std::vector<std::string> QueryBuilder::synonyms_of(const std::string& term) const {
  std::vector<std::string> out;
  if (synonym_shards_.empty()) {
    out.assign(db_.synonyms_begin(term), db_.synonyms_end(term));
    return out;
  }
  // As the indexer adds them to its table: the synonyms the index holds.
  const std::string key = std::string(schema::kMetaSynonymPrefix) + term;
  for (const auto& shard : synonym_shards_) {
    for (const auto& synonym : indexer::stored_synonyms(shard.get_metadata(key))) {
      if (db_.term_exists(synonym)) out.push_back(synonym);
    }
  }
  return out;
}

Xapian::Query QueryBuilder::split_compound(const std::string& word) const {
  for (std::size_t k = 2; k + 2 <= word.size(); ++k) {
    const std::string a = term_of(word.substr(0, k));
    const std::string b = term_of(word.substr(k));
    if (!db_.term_exists(a) || !db_.term_exists(b)) continue;
    const Xapian::Query phrase = side_by_side(a, b);
    Xapian::Enquire probe(db_);
    probe.set_query(phrase);
    if (!probe.get_mset(0, 1).empty()) return phrase;
  }
  return Xapian::Query();
}

// Free text is the parsed words (stemmed, stopwords dropped) with three
// additions. Compounds: a word is also read as two words the index holds
// side by side ("oncall" finds "on call" and "on-call"), and two
// words side by side also find their joined form. Adjacent words: statements
// holding two query words side by side ("on call", stopwords included) rank
// above scattered words ("team calls"): the Searcher reranks the top of the
// ranking by them (a phrase in the query itself made every query that held
// common words several times slower at 100k statements). Synonyms (the
// index's table): they find statements too, but weigh a thousandth of a
// word typed, so every statement matching a typed word ranks above every
// statement that only matches a related one.
UserQuery QueryBuilder::free_text_query(const std::string& text, const std::string& free_words, SearchResults& out) {
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  constexpr double kSynonymWeight = 0.001;
  Xapian::Query query = parser_.parse_query(text, kFlags);
  out.corrected_query = suggestion(text);

  const std::vector<std::string> words = analyzer_.words(free_words);
  std::vector<Xapian::Query> more_matches;
  std::vector<std::pair<std::string, std::string>> adjacent;
  std::set<std::string> typed;
  for (const auto& word : words) typed.insert(term_of(word));
  std::set<std::string> related;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string term = term_of(words[i]);
    if (stop_.count(words[i]) == 0) {
      if (Xapian::Query split = split_compound(words[i]); !split.empty()) more_matches.push_back(split);
      for (auto& synonym : synonyms_of(term)) {
        if (typed.count(synonym) == 0) related.insert(std::move(synonym));
      }
    }
    if (i + 1 < words.size()) {
      const std::string next = term_of(words[i + 1]);
      adjacent.emplace_back(term, next);
      const std::string joined = term_of(words[i] + words[i + 1]);
      if (db_.term_exists(joined)) more_matches.emplace_back(joined);
    }
  }
  if (!more_matches.empty()) {
    more_matches.insert(more_matches.begin(), query);
    query = Xapian::Query(Xapian::Query::OP_OR, more_matches.begin(), more_matches.end());
  }
  if (!related.empty()) {
    const Xapian::Query synonyms(Xapian::Query::OP_OR, related.begin(), related.end());
    query = Xapian::Query(Xapian::Query::OP_OR, query,
                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, synonyms, kSynonymWeight));
  }
  return {query, adjacent};
}

Xapian::Query QueryBuilder::filter_query(const Filters& filters) {
  const std::array<std::pair<std::string_view, const std::vector<std::string>*>, 6> facets = {{
      {schema::kPrefixFramework, &filters.frameworks},
      {schema::kPrefixLadder, &filters.ladders},
      {schema::kPrefixLevel, &filters.levels},
      {schema::kPrefixArea, &filters.areas},
      {schema::kPrefixTrack, &filters.tracks},
      {schema::kPrefixKind, &filters.kinds},
  }};
  std::vector<Xapian::Query> all;
  for (const auto& [prefix, values] : facets) {
    if (values->empty()) continue;
    std::vector<Xapian::Query> any;
    for (const auto& value : *values) any.emplace_back(schema::filter_term(prefix, value));
    all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (all.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

}  // namespace rungs::search
