// Full-text search over the index (see searcher.h; layout in indexer/schema.h).
//
// Query text goes through the analyzer's normalisation (folding, spelling
// variants, number words) before QueryParser sees it, except for the
// operators AND OR NOT XOR NEAR ADJ (kept upper-case so they stay operators)
// and the values of the prefixes ladder: level: area: framework: track:
// kind:, which FieldProcessors fold and turn into filter terms exactly as the
// indexer does.

#include "rungs/search/searcher.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <chrono>
#include <cstdint>
#include <thread>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/word.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"

namespace rungs::search {
namespace {

namespace fs = std::filesystem;
namespace schema = indexer::schema;
using analysis::is_word_byte;

struct Field {
  std::string_view name;    ///< query prefix and key in SearchResults::facets, e.g. "ladder"
  std::string_view prefix;  ///< term prefix
  std::string indexer::FacetValues::*value;  ///< the facet's value among the packed ones
};

constexpr std::array<Field, 6> kFields = {{
    {"framework", schema::kPrefixFramework, &indexer::FacetValues::framework},
    {"ladder", schema::kPrefixLadder, &indexer::FacetValues::ladder},
    {"level", schema::kPrefixLevel, &indexer::FacetValues::level},
    {"area", schema::kPrefixArea, &indexer::FacetValues::area},
    {"track", schema::kPrefixTrack, &indexer::FacetValues::track},
    {"kind", schema::kPrefixKind, &indexer::FacetValues::kind},
}};

/// The facet combinations met so far (packed values of `schema::kSlotFacets`),
/// each unpacked once and its six values interned, for the life of a
/// Searcher: counting a match is then one hash lookup and one increment, and
/// the six facets' counts are sums over the combinations a query met.
class FacetTable {
 public:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;  ///< an empty value, not counted

  [[nodiscard]] std::uint32_t intern(const std::string& packed) {
    const auto [it, added] = ids_.try_emplace(packed, static_cast<std::uint32_t>(combinations_.size()));
    if (added) {
      const indexer::FacetValues values = indexer::unpack_facets(packed);
      std::array<std::uint32_t, kFields.size()> ids{};
      for (std::size_t f = 0; f < kFields.size(); ++f) {
        const std::string& value = values.*kFields[f].value;
        if (value.empty()) {
          ids[f] = kEmpty;
          continue;
        }
        const auto [v, new_value] =
            value_ids_[f].try_emplace(value, static_cast<std::uint32_t>(values_[f].size()));
        if (new_value) values_[f].push_back(value);
        ids[f] = v->second;
      }
      combinations_.push_back(ids);
    }
    return it->second;
  }

  /// Every facet's values with their counts, highest first (ties by value),
  /// from the count of each combination in `met`.
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts(
      const std::vector<std::pair<std::uint32_t, int>>& met) const {
    std::map<std::string, std::vector<FacetCount>> out;
    std::unordered_map<std::uint32_t, int> totals;
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      totals.clear();
      for (const auto& [combination, count] : met) {
        const std::uint32_t value = combinations_[combination][f];
        if (value != kEmpty) totals[value] += count;
      }
      std::vector<FacetCount> counts;
      counts.reserve(totals.size());
      for (const auto& [value, count] : totals) counts.push_back(FacetCount{values_[f][value], count});
      std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      out[std::string(kFields[f].name)] = std::move(counts);
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::array<std::uint32_t, kFields.size()>> combinations_;  ///< value ids per facet
  std::array<std::vector<std::string>, kFields.size()> values_;
  std::array<std::unordered_map<std::string, std::uint32_t>, kFields.size()> value_ids_;
};

/// Counts one query's matches per facet combination: one value read per
/// match, where a ValueCountMatchSpy per facet took six reads and six
/// string-keyed tree updates.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetTable& table) : table_(table) {}
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const std::uint32_t combination = table_.intern(doc.get_value(schema::kSlotFacets));
    if (combination >= matches_.size()) matches_.resize(combination + 1, 0);
    if (matches_[combination]++ == 0) met_.push_back(combination);
  }
  [[nodiscard]] std::map<std::string, std::vector<FacetCount>> counts() const {
    std::vector<std::pair<std::uint32_t, int>> met;
    met.reserve(met_.size());
    for (const std::uint32_t combination : met_) met.emplace_back(combination, matches_[combination]);
    return table_.counts(met);
  }

 private:
  FacetTable& table_;
  std::vector<int> matches_;          ///< by combination id
  std::vector<std::uint32_t> met_;    ///< the combinations met, in order
};

constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

// Markers handed to MSet::snippet (1.4.22 mis-escapes with empty ones); they
// are replaced by the caller's markers once Xapian's escaping is undone.
constexpr std::string_view kMarkOpen = "\x01";
constexpr std::string_view kMarkClose = "\x02";
constexpr std::size_t kSnippetBytes = 300;
constexpr int kRetries = 5;

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

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const Field* find_field(std::string_view name) {
  const std::string lower = ascii_lower(name);
  for (const auto& f : kFields) {
    if (f.name == lower) return &f;
  }
  return nullptr;
}

struct PreparedQuery {
  std::string text;   ///< for FLAG_DEFAULT parsing: operators kept
  std::string plain;  ///< for the fallback: operators read as words
};

// Normalises the free text of a user query, leaving operators and prefix
// values as typed (field names are lower-cased so "Ladder:" works too).
PreparedQuery prepare(std::string_view query) {
  PreparedQuery out;
  std::string pending;  // free text not yet normalised
  auto flush = [&] {
    // QueryParser does not stem a word followed by one of these characters,
    // not even the last word of a phrase before its closing quote; a space
    // in between changes nothing else.
    std::string normalized;
    for (const char c : analysis::normalize(pending)) {
      if (std::string_view("\"(/\\@<>=*[{").find(c) != std::string_view::npos &&
          !normalized.empty() && is_word_byte(static_cast<unsigned char>(normalized.back()))) {
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
    const bool word_start =
        is_word_byte(c) && (i == 0 || !is_word_byte(static_cast<unsigned char>(query[i - 1])));
    if (!word_start) {
      pending.push_back(query[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_byte(static_cast<unsigned char>(query[j]))) ++j;
    const std::string_view word = query.substr(i, j - i);
    const bool token_start = i == 0 || is_space(query[i - 1]) || query[i - 1] == '(' ||
                             query[i - 1] == '+' || query[i - 1] == '-';
    const Field* field = (token_start && j + 1 < n && query[j] == ':' && !is_space(query[j + 1]))
                             ? find_field(word)
                             : nullptr;
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
      const std::string protected_text =
          std::string(field->name) + std::string(query.substr(j, k - j));
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

bool has_word(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return is_word_byte(static_cast<unsigned char>(c)); });
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

// Undoes MSet::snippet's HTML escaping.
std::string unescape_html(std::string text) {
  if (text.find('&') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  static constexpr std::array<std::pair<std::string_view, char>, 6> kEntities = {{
      {"&amp;", '&'},
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&quot;", '"'},
      {"&#39;", '\''},
      {"&apos;", '\''},
  }};
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, ch] : kEntities) {
        if (text.compare(i, entity.size(), entity) == 0) {
          out.push_back(ch);
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(text[i++]);
  }
  return out;
}

bool should_stem(const std::string& word) {
  Xapian::Utf8Iterator u(word);
  if (u == Xapian::Utf8Iterator()) return false;
  switch (Xapian::Unicode::get_category(*u)) {
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct Searcher::Impl {
  fs::path path;
  int dir_fd = -1;  ///< the index directory opened, so that a rename does not move it under us
  Xapian::Database db;
  Xapian::Stem stemmer{std::string(analysis::kStemmer)};
  std::set<std::string> stop{analysis::stopwords().begin(), analysis::stopwords().end()};
  Xapian::QueryParser parser;
  analysis::Analyzer analyzer;
  Xapian::TermGenerator raw_words;  ///< STEM_NONE tokeniser for the text as written
  FacetTable facet_table;

  explicit Impl(fs::path p) : path(std::move(p)) {
    raw_words.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME_FULL_POS);
    parser.set_stopper((new Xapian::SimpleStopper(stop.begin(), stop.end()))->release());
    parser.set_default_op(Xapian::Query::OP_OR);
    for (const auto& field : kFields) {
      parser.add_boolean_prefix(std::string(field.name),
                                (new FilterProcessor(field.prefix))->release());
    }
    open();
  }
  ~Impl() { close_dir(); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void close_dir() {
    if (dir_fd >= 0) ::close(dir_fd);
    dir_fd = -1;
  }

  // Opens the index at `path`. A writer may be swapping a new index into
  // place (indexer.h) while we open: the directory is opened first and Xapian
  // reads it through /proc/self/fd, so every table comes from one index even
  // if `path` is renamed meanwhile. A directory retired and removed under us
  // (or, on file systems without RENAME_EXCHANGE, the instant `path` does not
  // exist) fails the open; it is retried a few times before it counts.
  void open() {
    for (int attempt = 1;; ++attempt) {
      try {
        open_once();
        return;
      } catch (const IndexError&) {
        if (attempt >= kRetries) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
      }
    }
  }

  void open_once() {
    close_dir();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw IndexError(fmt::format("no index at {}: run `rungs index` first", path.string()));
    }
    std::string xapian_path = path.string();
    dir_fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      const std::string pinned = "/proc/self/fd/" + std::to_string(dir_fd);
      if (fs::exists(pinned + "/.", ec)) xapian_path = pinned;
    }
    try {
      db = Xapian::Database(xapian_path);
    } catch (const Xapian::DatabaseVersionError& e) {
      throw IndexError(fmt::format(
          "index {} was written by another Xapian version ({}): run `rungs index --rebuild`",
          path.string(), e.get_msg()));
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexError(fmt::format("index {} is corrupt ({}): run `rungs index --rebuild`",
                                   path.string(), e.get_msg()));
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexError(
          fmt::format("no index at {} ({}): run `rungs index` first", path.string(), e.get_msg()));
    } catch (const Xapian::Error& e) {
      throw IndexError(fmt::format("cannot open index {}: {}", path.string(), e.get_description()));
    }
    const std::string version = db.get_metadata(std::string(schema::kMetaSchema));
    if (version != std::to_string(schema::kVersion)) {
      throw IndexError(
          fmt::format("index {} has schema version {} but this rungs reads version {}: run `rungs "
                      "index --rebuild`",
                      path.string(), version.empty() ? "(none)" : version, schema::kVersion));
    }
    parser.set_database(db);
  }

  // Runs `body` and retries after reopening when a writer commits under us
  // (or retired the directory we read); turns Xapian errors into rungs errors.
  template <typename Body>
  auto with_retry(std::string_view what, Body&& body) -> decltype(body()) {
    for (int attempt = 1;; ++attempt) {
      try {
        return body();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kRetries) {
          throw IndexError(fmt::format("index {} keeps changing while being read ({}); try again",
                                       path.string(), e.get_msg()));
        }
        open();  // the newest commit, wherever `path` now points
      } catch (const Xapian::DatabaseOpeningError& e) {
        // A table opened lazily from a directory retired meanwhile.
        if (attempt >= kRetries) {
          throw IndexError(fmt::format("cannot read index {}: {}", path.string(), e.get_msg()));
        }
        open();
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw IndexError(fmt::format("index {} is corrupt ({}): run `rungs index --rebuild`",
                                     path.string(), e.get_msg()));
      } catch (const Xapian::DatabaseError& e) {
        throw IndexError(
            fmt::format("cannot read index {}: {}", path.string(), e.get_description()));
      } catch (const Xapian::Error& e) {
        throw QueryError(fmt::format("cannot {}: {}", what, e.get_description()));
      }
    }
  }

  // Plain words → OR of the terms indexing wrote (Z-stems, or the word itself
  // when it does not start with a letter).
  Xapian::Query plain_query(const std::string& text) const {
    std::vector<Xapian::Query> terms;
    for (const auto& word : analyzer.words(text)) {
      if (stop.count(word) != 0) continue;
      terms.emplace_back(should_stem(word) ? "Z" + stemmer(word) : word);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  Xapian::Query user_query(const SearchRequest& request, SearchResults& out) {
    if (!has_word(request.query)) {
      // Nothing typed: the filters alone decide. Only punctuation: nothing matches.
      const bool blank = std::all_of(request.query.begin(), request.query.end(), [](char c) { return is_space(c); });
      return blank ? Xapian::Query::MatchAll : Xapian::Query::MatchNothing;
    }
    if (request.plain_words) return plain_query(request.query);
    const PreparedQuery prepared = prepare(request.query);
    constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                Xapian::QueryParser::FLAG_SPELLING_CORRECTION |
                                Xapian::QueryParser::FLAG_SYNONYM |
                                Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
    try {
      Xapian::Query query = parser.parse_query(prepared.text, kFlags);
      out.corrected_query = parser.get_corrected_query_string();
      return query;
    } catch (const Xapian::QueryParserError&) {
      out.fell_back_to_plain = true;
    }
    try {
      Xapian::Query query =
          parser.parse_query(prepared.plain, Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      out.corrected_query = parser.get_corrected_query_string();
      return query;
    } catch (const Xapian::QueryParserError&) {
      return plain_query(request.query);
    }
  }

  static Xapian::Query filter_query(const Filters& filters) {
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

  // An MSet whose query is the OR of `terms` and `extra`, for MSet::snippet.
  Xapian::MSet highlight_mset(const std::set<std::string>& terms,
                              const std::vector<std::string>& extra) const {
    std::vector<std::string> all(terms.begin(), terms.end());
    all.insert(all.end(), extra.begin(), extra.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, all.begin(), all.end()));
    return enquire.get_mset(0, 0);
  }

  // MSet::snippet stems the stored text as written, so a word that matched
  // only after normalisation ("Prioritises" for "prioritize", "six" for
  // "6") would not be highlighted: returns the terms of such words as
  // written, to add to the highlight query.
  std::vector<std::string> respelled_terms(const std::string& text,
                                           const std::set<std::string>& query_terms) {
    std::vector<std::string> extra;
    const std::string folded = corpus::fold_case(text);
    // Most statements read the same once normalised: then no word was respelled.
    if (analysis::normalize(text) == folded) return extra;
    const auto normalized = analyzer.words(text);
    Xapian::Document doc;
    raw_words.set_document(doc);
    raw_words.set_termpos(0);
    raw_words.index_text(folded);
    std::vector<std::pair<Xapian::termpos, std::string>> raw;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        raw.emplace_back(*p, *t);
    }
    if (raw.size() != normalized.size()) return extra;  // cannot pair the words up
    std::sort(raw.begin(), raw.end());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const std::string& word = raw[i].second;
      const std::string& norm = normalized[i];
      if (word == norm) continue;
      const bool matched = query_terms.count(norm) != 0 ||
                           (should_stem(norm) && query_terms.count("Z" + stemmer(norm)) != 0);
      if (!matched) continue;
      extra.push_back(word);
      if (should_stem(word)) extra.push_back("Z" + stemmer(word));
    }
    return extra;
  }

  std::string snippet(const Xapian::MSet& mset, const std::string& text,
                      const SearchRequest& request) const {
    const std::string raw =
        mset.snippet(text, std::max(kSnippetBytes, text.size()), stemmer,
                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                     std::string(kMarkOpen), std::string(kMarkClose), "...");
    std::string plain = unescape_html(raw);
    plain = replace_all(std::move(plain), kMarkOpen, request.highlight_start);
    return replace_all(std::move(plain), kMarkClose, request.highlight_end);
  }

  static bool asks_for_kind(const SearchRequest& request) {
    if (!request.filters.kinds.empty()) return true;
    std::string folded = request.query;
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
    return folded.find("kind:") != std::string::npos;
  }

  SearchResults run(const SearchRequest& request) {
    SearchResults out;
    out.query = request.query;
    Xapian::Query query = user_query(request, out);
    const Xapian::Query filter = filter_query(request.filters);
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    if (!asks_for_kind(request)) {
      // Set-aside boilerplate is in the index but out of results unless asked for.
      query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                            Xapian::Query(schema::filter_term(schema::kPrefixKind, "boilerplate")));
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    FacetSpy spy(facet_table);
    enquire.add_matchspy(&spy);
    const auto offset = static_cast<Xapian::doccount>(std::max(0, request.offset));
    const auto limit = static_cast<Xapian::doccount>(std::max(0, request.limit));
    const Xapian::MSet mset = enquire.get_mset(offset, limit, db.get_doccount());
    out.total = static_cast<int>(mset.get_matches_estimated());

    // MSet::snippet in 1.4.22 does not highlight phrases of stemmed terms
    // (hyphenated words, quoted phrases); an OR of the query's terms does.
    const std::set<std::string> query_terms(query.get_terms_begin(), query.get_terms_end());
    const Xapian::MSet highlight = highlight_mset(query_terms, {});

    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto record = nlohmann::json::parse(it.get_document().get_value(schema::kSlotRecord),
                                                nullptr, false);
      if (record.is_discarded()) {
        throw IndexError(
            fmt::format("index {} holds a document rungs cannot read: run `rungs index --rebuild`",
                        path.string()));
      }
      Hit hit;
      hit.score = it.get_weight();
      hit.framework = record.value("framework", "");
      hit.ladder = record.value("ladder", "");
      hit.level = record.value("level", "");
      hit.level_title = record.value("level_title", "");
      hit.level_rank = record.value("level_rank", 0);
      hit.area = record.value("area", "");
      hit.kind = record.value("kind", "");
      hit.text = record.value("text", "");
      hit.source = record.value("source", "");
      hit.line = record.value("line", 0);
      const auto extra = respelled_terms(hit.text, query_terms);
      hit.snippet = snippet(extra.empty() ? highlight : highlight_mset(query_terms, extra),
                            hit.text, request);
      out.hits.push_back(std::move(hit));
    }

    out.facets = spy.counts();
    return out;
  }

  std::vector<corpus::Ladder> read_ladders() {
    std::vector<corpus::Ladder> out;
    const std::string prefix(schema::kMetaLadderPrefix);
    for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
      out.push_back(parse_ladder(*key, db.get_metadata(*key)));
    }
    std::sort(out.begin(), out.end(),
              [](const corpus::Ladder& a, const corpus::Ladder& b) { return a.id < b.id; });
    return out;
  }

  corpus::Ladder parse_ladder(const std::string& key, const std::string& record) const {
    return indexer::stored_ladder(record, (path / key).string());
  }
};

Searcher::Searcher(const fs::path& db) : impl_(std::make_unique<Impl>(db)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  SearchRequest checked = request;
  if (!request.plain_words) {
    checked.query = corpus::to_nfc(request.query);  // "Cafe\u0301" finds what "Café" finds
    if (checked.query.size() > kMaxQueryBytes) {
      throw QueryError(fmt::format("the query is {} bytes; rungs searches queries of up to {} bytes",
                                   checked.query.size(), kMaxQueryBytes));
    }
    std::size_t words = 0;
    for (std::size_t i = 0; i < checked.query.size(); ++i) {
      const auto c = static_cast<unsigned char>(checked.query[i]);
      if (is_word_byte(c) && (i == 0 || !is_word_byte(static_cast<unsigned char>(checked.query[i - 1])))) ++words;
    }
    if (words > kMaxQueryWords) {
      throw QueryError(
          fmt::format("the query has {} words; rungs searches queries of up to {} words", words, kMaxQueryWords));
    }
  }
  return impl_->with_retry(fmt::format("search for '{}'", checked.query),
                           [&] { return impl_->run(checked); });
}

std::vector<corpus::Ladder> Searcher::ladders() {
  return impl_->with_retry("list the ladders", [&] { return impl_->read_ladders(); });
}

corpus::Ladder Searcher::ladder(const std::string& id) {
  return impl_->with_retry("read ladder '" + id + "'", [&] {
    const std::string key = std::string(schema::kMetaLadderPrefix) + id;
    const std::string record = impl_->db.get_metadata(key);
    if (!record.empty()) return impl_->parse_ladder(key, record);
    std::string known;
    const std::string prefix(schema::kMetaLadderPrefix);
    for (auto k = impl_->db.metadata_keys_begin(prefix); k != impl_->db.metadata_keys_end(prefix);
         ++k) {
      if (!known.empty()) known += ", ";
      known += (*k).substr(prefix.size());
    }
    if (known.empty())
      throw QueryError(fmt::format("unknown ladder '{}' (the index holds no ladders)", id));
    throw QueryError(fmt::format("unknown ladder '{}' (known: {})", id, known));
  });
}

std::string Searcher::metadata(const std::string& key) {
  return impl_->with_retry("read metadata", [&] { return impl_->db.get_metadata(key); });
}

std::string Searcher::contents_id() {
  return impl_->with_retry("read the index's identity", [&] {
    return impl_->db.get_uuid() + " revision " + std::to_string(impl_->db.get_revision());
  });
}

std::size_t Searcher::document_count() {
  return impl_->with_retry("count documents", [&] {
    const auto boilerplate = impl_->db.get_termfreq(schema::filter_term(schema::kPrefixKind, "boilerplate"));
    return static_cast<std::size_t>(impl_->db.get_doccount() - boilerplate);
  });
}

}  // namespace rungs::search
