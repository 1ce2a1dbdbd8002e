#pragma once
// Bare Xapian on the rungs index, with the peer's BM25 constants
// (BM25Weight(1.2, 0, 1, 0.75, 0.5)), no spelling or synonyms, facets by one
// ValueCountMatchSpy over the packed slot with checkatleast = doccount:
// what the Searcher layer costs above Xapian.

#include <xapian.h>

#include <filesystem>
#include <vector>

#include "query_mix.h"
#include "rungs/analysis/analyzer.h"

namespace rungs::bench {

class XapianEngine {
 public:
  explicit XapianEngine(const std::filesystem::path& path)
      : db_(path.string()), stemmer_(std::string(analysis::kStemmer)) {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
  }

  /// Top 10 with snippets and records, the total and six exact facets; returns the total.
  int run(const QuerySpec& q, std::vector<Xapian::docid>* ids = nullptr);

 private:
  Xapian::Database db_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
};

}  // namespace rungs::bench
