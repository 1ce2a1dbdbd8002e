#pragma once
// Private to search: from a `SearchRequest` to a Xapian query. The user's
// text is prepared (normalised as indexing normalises, operators and prefix
// values kept as typed), parsed with the stemmer and stopwords of the
// analyzer, and falls back to plain words when it does not parse; filters
// become the filter terms the indexer wrote.

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rungs/analysis/analyzer.h"
#include "rungs/search/searcher.h"

namespace rungs::search {

/// A user query made ready for QueryParser.
struct PreparedQuery {
  std::string text;   ///< for FLAG_DEFAULT parsing: operators kept
  std::string plain;  ///< for the fallback: operators read as words
};

/// Normalises the free text of a user query, leaving operators and prefix
/// values as typed (field names are lower-cased so "Ladder:" works too).
[[nodiscard]] PreparedQuery prepare(std::string_view query);

/// The words of `query` when it is free text: words, spaces and in-word
/// punctuation (on-call, don't) besides filters such as `ladder:ops-sre`;
/// nullopt when it holds operators, quotes or brackets.
[[nodiscard]] std::optional<std::string> free_text_words(std::string_view query);

/// Whether `text` holds a word (`analysis::is_word_byte`).
[[nodiscard]] bool has_word(std::string_view text);

/// ASCII white space, as the query syntax reads it.
[[nodiscard]] bool is_space(char c);

/// What a user query matches, and the pairs of its terms that, found side by
/// side in a match, rank it higher (free text only).
struct UserQuery {
  Xapian::Query match;
  std::vector<std::pair<std::string, std::string>> side_by_side;
};

/// Builds Xapian queries with the index's analysis. Not thread-safe.
class QueryBuilder {
 public:
  QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  /// The database spelling correction, synonyms and compounds come from.
  void set_database(const Xapian::Database& db) {
    db_ = db;
    parser_.set_database(db);
    synonym_shards_.clear();
  }
  /// Synonyms for free text from the metadata of these shards rather than
  /// the database's synonym table, which Xapian's remote backend does not carry.
  void use_stored_synonyms(std::vector<Xapian::Database> shards) { synonym_shards_ = std::move(shards); }

  /// The query for `request.query`; notes a spelling correction and a
  /// fallback to plain words in `out`.
  [[nodiscard]] UserQuery user_query(const SearchRequest& request, SearchResults& out);

  /// The AND over facets of the OR of each facet's filter terms; an empty
  /// query when nothing is filtered.
  [[nodiscard]] static Xapian::Query filter_query(const Filters& filters);

 private:
  // Plain words → OR of the terms indexing wrote.
  [[nodiscard]] Xapian::Query plain_query(const std::string& text) const;
  // Free text (words only, no operators, quotes or prefixes), ranked as
  // people expect: see query.cpp.
  // `text` is the prepared query, `free_words` its words without filters.
  [[nodiscard]] UserQuery free_text_query(const std::string& text, const std::string& free_words, SearchResults& out);
  // The parser's spelling correction of `text` when worth showing, else "".
  [[nodiscard]] std::string suggestion(const std::string& text) const;
  // The term indexing wrote for `word` (its Z stem, or the word itself).
  [[nodiscard]] std::string term_of(const std::string& word) const;
  // The synonyms the index holds for `term`: its synonym table, or on
  // shards the lists kept in their metadata.
  [[nodiscard]] std::vector<std::string> synonyms_of(const std::string& term) const;
  // `word` read as two words the index holds side by side ("oncall" → on call).
  [[nodiscard]] Xapian::Query split_compound(const std::string& word) const;

  Xapian::Stem stemmer_{std::string(analysis::kStemmer)};
  std::set<std::string> stop_{analysis::stopwords().begin(), analysis::stopwords().end()};
  Xapian::QueryParser parser_;
  Xapian::Database db_;
  std::vector<Xapian::Database> synonym_shards_;
  analysis::Analyzer analyzer_;
};

}  // namespace rungs::search
