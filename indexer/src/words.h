#pragma once
// Private to the indexer: reading words back from a document TermGenerator filled.

#include <xapian.h>

#include <string>
#include <vector>

namespace rungs::indexer {

/// The unstemmed words TermGenerator indexed in `doc`, in text order (one
/// entry per occurrence). Stemmed `Z` terms and terms without positions
/// (boolean filter terms) are left out.
[[nodiscard]] std::vector<std::string> positioned_words(const Xapian::Document& doc);

}  // namespace rungs::indexer
