#pragma once
// Private to search: the top of a ranking reordered so that statements
// holding query words side by side come before those holding them scattered
// ("on-call shifts" before "team calls" for the query "on call"). Done on
// the top matches rather than inside the Xapian query, where a phrase
// would be checked for every candidate of every query.

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace rungs::search {

/// How many top matches are reordered (more when the page asked for ends deeper).
inline constexpr Xapian::doccount kRerankDepth = 50;

struct RankedMatch {
  Xapian::docid docid = 0;  ///< in the database searched (a document of a shard knows only its shard's id)
  Xapian::Document document;
  double score = 0;
};

/// `mset`'s matches, each holding k of the `pairs` side by side (in order)
/// given k times the best score of the ranking on top, stably resorted:
/// more pairs first, then Xapian's order; scores stay comparable.
[[nodiscard]] std::vector<RankedMatch> rerank(const Xapian::Database& db, const Xapian::MSet& mset,
                                              const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace rungs::search
