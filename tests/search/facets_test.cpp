// The private collaborators of search, tested directly: the facet table and
// the query preparation.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "facets.h"
#include "query.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/records.h"

using rungs::indexer::FacetValues;
using rungs::search::FacetCount;
using rungs::search::FacetTable;

namespace {

std::string packed(const char* framework, const char* ladder, const char* level, const char* area, const char* track,
                   const char* kind) {
  return rungs::indexer::pack_facets(FacetValues{
      .framework = framework, .ladder = ladder, .level = level, .area = area, .track = track, .kind = kind});
}

}  // namespace

TEST_CASE("FacetTable interns each combination once and sums the counts of the combinations met") {
  FacetTable table;
  const std::string a = packed("acme", "acme-eng", "acme-eng/e1", "Craft", "individual", "competency");
  const std::string b = packed("acme", "acme-eng", "acme-eng/e2", "Craft", "individual", "summary");
  const std::string c = packed("globex", "globex-sre", "globex-sre/l1", "", "individual", "competency");
  const auto ia = table.intern(a);
  const auto ib = table.intern(b);
  const auto ic = table.intern(c);
  CHECK(ia != ib);
  CHECK(ib != ic);
  CHECK(table.intern(a) == ia);  // the same combination, the same id

  const auto counts = table.counts({{ia, 3}, {ib, 1}, {ic, 2}});
  struct Expected {
    const char* facet;
    std::vector<FacetCount> counts;
  };
  const Expected cases[] = {
      {"framework", {{"acme", 4}, {"globex", 2}}},
      {"ladder", {{"acme-eng", 4}, {"globex-sre", 2}}},
      // Highest count first, ties by value.
      {"level", {{"acme-eng/e1", 3}, {"globex-sre/l1", 2}, {"acme-eng/e2", 1}}},
      // An empty value is not counted.
      {"area", {{"Craft", 4}}},
      {"track", {{"individual", 6}}},
      {"kind", {{"competency", 5}, {"summary", 1}}},
  };
  CHECK(counts.size() == std::size(cases));
  for (const auto& expected : cases) {
    const std::string facet = expected.facet;
    CAPTURE(facet);
    REQUIRE(counts.count(facet) == 1);
    CHECK(counts.at(facet) == expected.counts);
  }
}

TEST_CASE("FacetTable counts nothing when no combination was met, and refuses a malformed value") {
  FacetTable table;
  (void)table.intern(packed("acme", "acme-eng", "acme-eng/e1", "Craft", "individual", "competency"));
  for (const auto& entry : table.counts({})) {  // no structured binding: clang cannot capture one in CAPTURE
    const std::string& facet = entry.first;
    CAPTURE(facet);
    CHECK(entry.second.empty());
  }
  CHECK_THROWS_AS((void)table.intern("\x05"
                                     "ab"),
                  rungs::IndexError);
}

TEST_CASE("prepare normalises free text but keeps operators and prefix values as typed") {
  struct Case {
    const char* query;
    const char* text;
    const char* plain;
  };
  static const Case cases[] = {
      {"Prioritises six Behaviours", "prioritizes 6 behaviors", "prioritizes 6 behaviors"},
      {"mentor AND coach", "mentor AND coach", "mentor and coach"},
      {"Ladder:Ops-SRE mentoring", "ladder:Ops-SRE mentoring", "ladder:Ops-SRE mentoring"},
      {"area:\"Skill / Mastery\" NOT Organise", "area:\"Skill / Mastery\" NOT organize",
       "area:\"Skill / Mastery\" not organize"},
      {"\"on call\"", "\"on call \"", "\"on call \""},
      {"nofield:x", "nofield:x", "nofield:x"},
  };
  for (const auto& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    const auto prepared = rungs::search::prepare(c.query);
    CHECK(prepared.text == c.text);
    CHECK(prepared.plain == c.plain);
  }
  CHECK(rungs::search::has_word("  mentor "));
  CHECK_FALSE(rungs::search::has_word(" -- !? "));
  CHECK(rungs::search::has_word("é"));
}
