// Exact totals and facet counts on random queries over the bundled corpus,
// checked against a count of every hit (the ranking asked for all of them),
// from the facet column and, with the column removed, from the values.

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "../indexer/test_support.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/schema.h"
#include "rungs/search/searcher.h"

using rungs::corpus::Ladder;
using rungs::search::Searcher;
using rungs::search::SearchRequest;
using rungs::search::SearchResults;

namespace {

using Counts = std::map<std::string, std::map<std::string, int>>;

// What the facet counts should be: one count per hit.
Counts counted(const SearchResults& results, const std::vector<Ladder>& ladders) {
  Counts out = {{"framework", {}}, {"ladder", {}}, {"level", {}}, {"area", {}}, {"track", {}}, {"kind", {}}};
  for (const auto& hit : results.hits) {
    ++out["framework"][hit.framework];
    ++out["ladder"][hit.ladder];
    ++out["level"][hit.ladder + "/" + hit.level];
    if (!hit.area.empty()) ++out["area"][hit.area];
    ++out["kind"][hit.kind];
    for (const auto& ladder : ladders) {
      if (ladder.id == hit.ladder) ++out["track"][rungs::corpus::find_level(ladder, hit.level)->track];
    }
  }
  return out;
}

Counts reported(const SearchResults& results) {
  Counts out;
  for (const auto& [facet, counts] : results.facets) {
    auto& values = out[facet];
    for (const auto& count : counts) values[count.value] = count.count;
  }
  return out;
}

// Random queries of the corpus' own words: one to three words joined by
// OR, AND or NOT, quoted pairs, and now and then a ladder or kind filter.
std::vector<SearchRequest> random_requests(const std::vector<Ladder>& ladders, int n) {
  std::vector<std::string> words;
  for (const auto& ladder : ladders) {
    for (const auto& level : ladder.levels) {
      for (const auto& statement : level.statements) {
        std::string word;
        for (const char c : statement.text + " ") {
          if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          } else {
            if (word.size() >= 4) words.push_back(word);
            word.clear();
          }
        }
      }
    }
  }
  std::mt19937 rng(17);
  const auto pick = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng); };
  const std::vector<std::string> joins = {" ", " AND ", " NOT ", " OR "};
  std::vector<SearchRequest> out;
  for (int i = 0; i < n; ++i) {
    SearchRequest request;
    request.limit = 100000;
    const std::size_t count = 1 + pick(3);
    for (std::size_t w = 0; w < count; ++w) {
      if (w > 0) request.query += joins[pick(joins.size())];
      request.query += words[pick(words.size())];
    }
    if (pick(6) == 0) request.query = '"' + words[pick(words.size())] + ' ' + words[pick(words.size())] + '"';
    if (pick(4) == 0) request.filters.ladders.push_back(ladders[pick(ladders.size())].id);
    if (pick(8) == 0) request.filters.kinds.push_back("summary");
    out.push_back(request);
  }
  return out;
}

}  // namespace

TEST_CASE("totals and facet counts are exact on random queries, with the facet column and without it") {
  rungs::testing::TempDir tmp;
  const auto db = tmp.path() / "index";
  const auto ladders = rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders");
  rungs::indexer::build_index(db, ladders);
  const auto requests = random_requests(ladders, 150);

  std::vector<SearchResults> with_column;
  {
    Searcher searcher(db);
    int matched = 0;
    for (const auto& request : requests) {
      CAPTURE(request.query);
      with_column.push_back(searcher.search(request));
      const auto& results = with_column.back();
      REQUIRE(static_cast<int>(results.hits.size()) == results.total);
      CHECK(reported(results) == counted(results, ladders));
      if (results.total > 0) ++matched;
    }
    CHECK(matched > 75);  // the check is not about empty results
  }

  std::filesystem::remove(db / rungs::indexer::schema::kFacetColumnFile);
  Searcher searcher(db);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(requests[i].query);
    const auto results = searcher.search(requests[i]);
    CHECK(results.total == with_column[i].total);
    CHECK(results.facets == with_column[i].facets);
  }
}
