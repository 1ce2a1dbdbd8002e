// Full-text search over the index (see searcher.h; layout in indexer/schema.h).
// This file runs a search and hands each job to a collaborator:
//   query.h         the user's text and the filters as a Xapian query
//   rerank.h        the top of the ranking reordered by words side by side
//   facets.h        facet counts over all matches (with the facet column)
//   snippets.h      the highlighted snippet of each hit
//   database.h      the index handle: opening, schema check, retries
//   ladder_store.h  the ladders kept in the index's metadata
//
// Query text goes through the analyzer's normalisation (folding, spelling
// variants, number words) before QueryParser sees it, except for the
// operators AND OR NOT XOR NEAR ADJ (kept upper-case so they stay operators)
// and the values of the prefixes ladder: level: area: framework: track:
// kind:, which FieldProcessors fold and turn into filter terms exactly as the
// indexer does.

#include "rungs/search/searcher.h"

#include <fmt/core.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "database.h"
#include "facets.h"
#include "ladder_store.h"
#include "query.h"
#include "rerank.h"
#include "rungs/analysis/word.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/indexer/facet_column.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "snippets.h"

namespace rungs::search {
namespace {

namespace fs = std::filesystem;
namespace schema = indexer::schema;

}  // namespace

struct Searcher::Impl {
  QueryBuilder queries;
  Highlighter highlighter;
  FacetTable facet_table;
  std::optional<indexer::FacetColumn> facet_column;  ///< of the commit open, when the index has one that fits
  IndexHandle index;

  explicit Impl(fs::path p)
      : index(std::move(p), [this](const Xapian::Database& db, const fs::path& dir) {
          queries.set_database(db);
          if (index.sharded()) {
            std::vector<Xapian::Database> shards;
            for (const auto& shard : index.shards()) shards.push_back(shard.db);
            queries.use_stored_synonyms(std::move(shards));
          }
          // The column numbers the documents of one index; shards count from their values.
          facet_column =
              index.sharded() ? std::nullopt : indexer::FacetColumn::open(dir, db.get_uuid(), db.get_revision());
        }) {
    index.open();
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  static bool asks_for_kind(const SearchRequest& request) {
    if (!request.filters.kinds.empty()) return true;
    std::string folded = request.query;
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
    return folded.find("kind:") != std::string::npos;
  }

  SearchResults run(const SearchRequest& request) {
    SearchResults out;
    out.query = request.query;
    const UserQuery user = queries.user_query(request, out);
    Xapian::Query query = user.match;
    const Xapian::Query filter = QueryBuilder::filter_query(request.filters);
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    if (!asks_for_kind(request)) {
      // Set-aside boilerplate is in the index but out of results unless asked for.
      query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                            Xapian::Query(schema::filter_term(schema::kPrefixKind, "boilerplate")));
    }

    Xapian::Database& db = index.db();
    count_matches(db, query, out);
    // The ranking keeps Xapian's early termination: it scores only what can
    // still reach the page asked for (the counts came from the pass above).
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const auto offset = static_cast<Xapian::doccount>(std::max(0, request.offset));
    const auto limit = static_cast<Xapian::doccount>(std::max(0, request.limit));
    // Words side by side reorder the top of the ranking: the page is cut
    // from a reordered prefix that always starts at the first match, so
    // that pages agree with each other.
    const Xapian::doccount depth = user.side_by_side.empty() ? offset + limit : std::max(offset + limit, kRerankDepth);
    const std::vector<RankedMatch> ranked =
        out.total > 0 ? rerank(db, enquire.get_mset(0, depth), user.side_by_side) : std::vector<RankedMatch>{};
    // Xapian respells every word the index lacks, real words included
    // ("incident war room" → "incidents way root"); a suggestion is only
    // clearly better when the query as typed found nothing.
    if (out.total > 0) out.corrected_query.clear();

    // MSet::snippet in 1.4.22 does not highlight phrases of stemmed terms
    // (hyphenated words, quoted phrases); an OR of the query's terms does.
    const std::set<std::string> query_terms(query.get_terms_begin(), query.get_terms_end());
    const Xapian::MSet highlight = Highlighter::highlight_mset(db, query_terms, {});

    for (std::size_t i = offset; i < ranked.size() && i < std::size_t{offset} + limit; ++i) {
      const auto record = nlohmann::json::parse(ranked[i].document.get_value(schema::kSlotRecord), nullptr, false);
      if (record.is_discarded()) {
        throw IndexError(fmt::format("index {} holds a document rungs cannot read: run `rungs index --rebuild`",
                                     index.path().string()));
      }
      Hit hit;
      hit.score = ranked[i].score;
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
      const auto extra = highlighter.respelled_terms(hit.text, query_terms);
      hit.snippet = highlighter.snippet(extra.empty() ? highlight : Highlighter::highlight_mset(db, query_terms, extra),
                                        hit.text, request);
      out.hits.push_back(std::move(hit));
    }

    return out;
  }

  // The exact total and facet counts of `query`: every match visited
  // unweighted, in document order, by a spy that reads the facet column (or,
  // without one, the packed values; on shards, with Xapian's own spy).
  void count_matches(Xapian::Database& db, const Xapian::Query& query, SearchResults& out) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const auto visit = [&](auto& spy) {
      enquire.add_matchspy(&spy);
      (void)enquire.get_mset(0, 0, db.get_doccount());
      out.total = spy.matches();
      out.facets = spy.counts();
    };
    if (facet_column) {
      ColumnSpy spy(*facet_column);
      visit(spy);
    } else if (index.sharded()) {
      // Remote shards run only Xapian's own match spies, which merge exactly.
      PackedFacetSpy spy(facet_table);
      visit(spy);
    } else {
      FacetSpy spy(facet_table);
      visit(spy);
    }
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
      const bool word_start = analysis::is_word_byte(c) &&
                              (i == 0 || !analysis::is_word_byte(static_cast<unsigned char>(checked.query[i - 1])));
      if (word_start) ++words;
    }
    if (words > kMaxQueryWords) {
      throw QueryError(
          fmt::format("the query has {} words; rungs searches queries of up to {} words", words, kMaxQueryWords));
    }
  }
  SearchResults results =
      impl_->index.with_retry(fmt::format("search for '{}'", checked.query), [&] { return impl_->run(checked); });
  if (results.total == 0 && !results.corrected_query.empty()) {
    // "comunication" finds nothing; "communication" does: answer that, and say so.
    SearchRequest respelled = checked;
    respelled.query = results.corrected_query;
    SearchResults second =
        impl_->index.with_retry(fmt::format("search for '{}'", respelled.query), [&] { return impl_->run(respelled); });
    if (second.total > 0) {
      second.query = results.query;
      second.corrected_query = results.corrected_query;
      second.showing_corrected = true;
      return second;
    }
  }
  return results;
}

std::vector<corpus::Ladder> Searcher::ladders() {
  return impl_->index.with_retry("list the ladders",
                                 [&] { return read_ladders(impl_->index.shards(), impl_->index.path()); });
}

corpus::Ladder Searcher::ladder(const std::string& id) {
  return impl_->index.with_retry("read ladder '" + id + "'",
                                 [&] { return read_ladder(impl_->index.shards(), impl_->index.path(), id); });
}

std::string Searcher::metadata(const std::string& key) {
  return impl_->index.with_retry("read metadata", [&] {
    for (const auto& shard : impl_->index.shards()) {
      if (std::string value = shard.db.get_metadata(key); !value.empty()) return value;
    }
    return std::string();
  });
}

std::string Searcher::contents_id() {
  return impl_->index.with_retry("read the index's identity", [&] {
    std::string id;
    for (const auto& shard : impl_->index.shards()) {
      if (!id.empty()) id += "; ";
      id += shard.db.get_uuid() + " commit " + shard.db.get_metadata(std::string(schema::kMetaCommit));
      try {
        id += " revision " + std::to_string(shard.db.get_revision());
      } catch (const Xapian::UnimplementedError&) {
        // A remote shard: the commit count stands for the revision.
      }
    }
    return id;
  });
}

void Searcher::reopen() { impl_->index.open(); }

std::size_t Searcher::document_count() {
  return impl_->index.with_retry("count documents", [&] {
    Xapian::Database& db = impl_->index.db();
    const auto boilerplate = db.get_termfreq(schema::filter_term(schema::kPrefixKind, "boilerplate"));
    return static_cast<std::size_t>(db.get_doccount() - boilerplate);
  });
}

}  // namespace rungs::search
