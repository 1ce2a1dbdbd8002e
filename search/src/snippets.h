#pragma once
// Private to search: the snippet of a hit, with the words the query matched
// between the caller's markers. Xapian's MSet::snippet does the work; this
// adds what it misses in 1.4.22 (phrases of stemmed terms, words that matched
// only after normalisation) and undoes its HTML escaping.

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "rungs/analysis/analyzer.h"
#include "rungs/search/searcher.h"

namespace rungs::search {

/// Highlights the hits of one index. Not thread-safe.
class Highlighter {
 public:
  Highlighter();
  Highlighter(const Highlighter&) = delete;
  Highlighter& operator=(const Highlighter&) = delete;

  /// An MSet of `db` whose query is the OR of `terms` and `extra`, for `snippet`.
  [[nodiscard]] static Xapian::MSet highlight_mset(const Xapian::Database& db, const std::set<std::string>& terms,
                                                   const std::vector<std::string>& extra);

  /// MSet::snippet stems the stored text as written, so a word that matched
  /// only after normalisation ("Prioritises" for "prioritize", "six" for
  /// "6") would not be highlighted: returns the terms of such words as
  /// written, to add to the highlight query.
  [[nodiscard]] std::vector<std::string> respelled_terms(const std::string& text,
                                                         const std::set<std::string>& query_terms);

  /// `text` as plain text, the terms of `mset`'s query between the markers of `request`.
  [[nodiscard]] std::string snippet(const Xapian::MSet& mset, const std::string& text,
                                    const SearchRequest& request) const;

 private:
  Xapian::Stem stemmer_{std::string(analysis::kStemmer)};
  analysis::Analyzer analyzer_;
  Xapian::TermGenerator raw_words_;  ///< STEM_NONE tokeniser for the text as written
};

}  // namespace rungs::search
