#pragma once
// The analysis as Xapian terms, for the modules that talk to Xapian (the
// indexer and search; mapping never includes this). Unlike the other headers
// of rungs it names a Xapian type: the indexer reads the words back from the
// document its TermGenerator just filled, so that a statement is tokenised
// once, and it must read them exactly as `Analyzer::words` does.

#include <xapian.h>

#include <string>
#include <vector>

namespace rungs::analysis {

/// The unstemmed words TermGenerator indexed in `doc`, in text order (one
/// entry per occurrence). Stemmed `Z` terms and terms without positions
/// (boolean filter terms) are left out.
[[nodiscard]] std::vector<std::string> positioned_words(const Xapian::Document& doc);

/// Whether TermGenerator (STEM_SOME) gives `word` a stemmed `Z` term: words
/// that start with a letter.
[[nodiscard]] bool should_stem(const std::string& word);
/// The stemmed term `word` is indexed under: `Z` and its stem.
[[nodiscard]] std::string stemmed_term(const Xapian::Stem& stemmer, const std::string& word);
/// The term a query for `word` looks up: its stemmed term when it has one,
/// else the word itself.
[[nodiscard]] std::string term_of(const Xapian::Stem& stemmer, const std::string& word);

}  // namespace rungs::analysis
