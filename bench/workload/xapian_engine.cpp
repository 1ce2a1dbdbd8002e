// Bare Xapian (see xapian_engine.h).

#include "xapian_engine.h"

#include <array>
#include <map>
#include <string>

#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"

namespace rungs::bench {

int XapianEngine::run(const QuerySpec& q, std::vector<Xapian::docid>* ids) {
  Xapian::Query query = parser_.parse_query(analysis::normalize(q.rungs), Xapian::QueryParser::FLAG_DEFAULT);
  if (!q.framework.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(indexer::schema::filter_term(indexer::schema::kPrefixFramework, q.framework)));
  }
  if (!q.ladder.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(indexer::schema::filter_term(indexer::schema::kPrefixLadder, q.ladder)));
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  Xapian::ValueCountMatchSpy spy(indexer::schema::kSlotFacets);
  enquire.add_matchspy(&spy);
  const Xapian::MSet mset = enquire.get_mset(0, 10, db_.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (ids) ids->push_back(*it);
    const json record = json::parse(it.get_document().get_value(indexer::schema::kSlotRecord));
    const std::string snippet =
        mset.snippet(record.value("text", ""), 200, stemmer_, Xapian::MSet::SNIPPET_BACKGROUND_MODEL, "[", "]", "...");
    (void)snippet;
  }
  // Each facet's counts from the counts of the facet combinations.
  std::array<std::map<std::string, Xapian::doccount>, indexer::kFacetFields.size()> counts;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    const indexer::FacetValues values = indexer::unpack_facets(*v);
    for (std::size_t f = 0; f < counts.size(); ++f)
      counts[f][values.*indexer::kFacetFields[f].value] += v.get_termfreq();
  }
  return static_cast<int>(mset.get_matches_estimated());
}

}  // namespace rungs::bench
