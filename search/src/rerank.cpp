// Reordering the top of a ranking by words side by side (see rerank.h).

#include "rerank.h"

#include <algorithm>

namespace rungs::search {
namespace {

// Whether `first` occurs right before `second` in document `docid`.
bool side_by_side(const Xapian::Database& db, Xapian::docid docid, const std::string& first,
                  const std::string& second) {
  std::vector<Xapian::termpos> before;
  for (auto p = db.positionlist_begin(docid, first); p != db.positionlist_end(docid, first); ++p) before.push_back(*p);
  if (before.empty()) return false;
  for (auto p = db.positionlist_begin(docid, second); p != db.positionlist_end(docid, second); ++p) {
    if (*p > 0 && std::binary_search(before.begin(), before.end(), *p - 1)) return true;
  }
  return false;
}

}  // namespace

std::vector<RankedMatch> rerank(const Xapian::Database& db, const Xapian::MSet& mset,
                                const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<RankedMatch> out;
  out.reserve(mset.size());
  double best = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.push_back({*it, it.get_document(), it.get_weight()});
    best = std::max(best, it.get_weight());
  }
  if (pairs.empty()) return out;
  for (auto& match : out) {
    const Xapian::docid docid = match.docid;
    int held = 0;
    for (const auto& [first, second] : pairs) held += side_by_side(db, docid, first, second) ? 1 : 0;
    match.score += held * best;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RankedMatch& a, const RankedMatch& b) { return a.score > b.score; });
  return out;
}

}  // namespace rungs::search
