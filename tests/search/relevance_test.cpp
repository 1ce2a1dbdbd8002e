// Free-text ranking as people type: compounds in any spelling, words side by
// side above scattered words, synonyms below every typed word, and no
// respelling that is not a typo.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../indexer/test_support.h"
#include "rungs/indexer/indexer.h"
#include "rungs/search/searcher.h"

using rungs::corpus::Ladder;
using rungs::search::Searcher;
using rungs::search::SearchRequest;
using rungs::search::SearchResults;

namespace {

Ladder ladder_of(const std::vector<std::string>& texts) {
  Ladder ladder;
  ladder.id = "rel";
  ladder.framework = "rel";
  ladder.name = "Relevance";
  rungs::corpus::Level level;
  level.id = "l1";
  level.title = "Level 1";
  level.rank = 1;
  for (const auto& text : texts) {
    rungs::corpus::Statement statement;
    statement.text = text;
    level.statements.push_back(statement);
  }
  ladder.levels.push_back(level);
  return ladder;
}

struct Index {
  rungs::testing::TempDir tmp;
  std::filesystem::path db = tmp.path() / "index";
  explicit Index(const std::vector<std::string>& texts) {
    rungs::indexer::build_index(db, std::vector<Ladder>{ladder_of(texts)});
  }
};

SearchResults search(const Index& index, const std::string& query) {
  Searcher searcher(index.db);
  SearchRequest request;
  request.query = query;
  request.limit = 50;
  return searcher.search(request);
}

std::vector<std::string> texts_of(const SearchResults& results) {
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(hit.text);
  return out;
}

}  // namespace

TEST_CASE("on call, on-call and oncall find each other's statements, side by side first") {
  const Index index({"Joins the team calls every week.", "Takes on-call shifts.", "Leads the on call rotation.",
                     "Carries the oncall pager.", "Calls out risks early and often."});
  for (const char* query : {"on call", "on-call", "oncall"}) {
    const std::string q = query;
    CAPTURE(q);
    const auto texts = texts_of(search(index, q));
    REQUIRE(texts.size() >= 3);
    // The three on-call statements come first, whatever the spelling typed.
    std::vector<std::string> top(texts.begin(), texts.begin() + 3);
    std::sort(top.begin(), top.end());
    if (q == "oncall") {
      CHECK(std::count(top.begin(), top.end(), "Carries the oncall pager.") == 1);
    } else {
      CHECK(top == std::vector<std::string>{"Carries the oncall pager.", "Leads the on call rotation.",
                                            "Takes on-call shifts."});
    }
  }
  // The joined form also finds the spaced and hyphenated ones.
  CHECK(search(index, "oncall").total == 3);
}

TEST_CASE("a statement matching a typed word ranks above every statement matching only a related word") {
  // The index's synonyms join "train" and "coach" (curated group or WordNet).
  const Index index({"Coaches new hires through their first month.", "Coaches and coaches and coaches others.",
                     "Trains new hires on the tooling."});
  const auto results = search(index, "trains");
  REQUIRE(results.total == 3);  // the related word finds statements too
  CHECK(results.hits.front().text == "Trains new hires on the tooling.");
  for (std::size_t i = 1; i < results.hits.size(); ++i) CHECK(results.hits[i].score < results.hits[0].score / 100);
}

TEST_CASE("a respelling is offered for typos, not for words the index lacks") {
  const Index index({"Writes clear incident reports.", "Most work is reviewed by more than one person."});
  const auto typo = search(index, "incidnt");
  CHECK(typo.corrected_query == "incident");
  CHECK(typo.showing_corrected);
  const auto absent = search(index, "post mortem");  // not "most more"
  CHECK(absent.total == 0);
  CHECK(absent.corrected_query.empty());
}
