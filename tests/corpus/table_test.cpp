#include <doctest/doctest.h>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

TEST_CASE("Markdown table: columns are levels, rows are areas, <br> splits a cell") {
  const Ladder ladder = load_ladder(test::fixture("titles-for-support.md"));
  CHECK(ladder.id == "titles-for-support");
  CHECK(ladder.name == "Titles for Support");
  test::check_levels(ladder, {{"support-specialist", 5, 0, 0},
                              {"senior-support-specialist", 5, 0, 0},
                              {"lead-support-specialist", 6, 0, 0},
                              {"principal-support-specialist", 5, 0, 0}});
  CHECK(ladder.levels[0].title == "Support Specialist");
  CHECK(ladder.levels[0].code == "L1");
  CHECK(ladder.levels[3].code == "L4");

  struct Case {
    std::size_t level;
    std::size_t index;
    const char* area;
    int line;
    const char* text;
  };
  const Case cases[] = {
      {0, 0, "Troubleshooting", 7, "Reproduces reported problems by following the triage checklist."},
      {0, 1, "Troubleshooting", 7, "Asks for help after an hour without progress."},
      {0, 2, "Writing", 8, "Answers tickets in a clear, friendly tone."},           // emphasis removed
      {0, 4, "Tooling", 11, "Uses the helpdesk macros."},                           // bold area, code span
      {1, 3, "Mentoring", 10, "Pairs with new hires during their first month."},    // level 1 has no mentoring cell
      {2, 1, "Troubleshooting", 7, "Writes the runbook entry afterwards."},         // <br/>
      {2, 2, "Writing", 8, "Edits the team's saved replies and the public docs."},  // link text kept
      {2, 5, "Tooling", 11, "Builds small internal tools | scripts."},              // escaped pipe
      {3, 2, "Customer care", 9, "Owns the relationship with the largest accounts."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto& statements = ladder.levels[c.level].statements;
    REQUIRE(c.index < statements.size());
    const Statement& s = statements[c.index];
    CHECK(s.kind == StatementKind::competency);
    CHECK(s.area == c.area);
    CHECK(s.line == c.line);
    CHECK(s.text == c.text);
    CHECK(s.source == "titles-for-support.md");
  }
}

TEST_CASE("Markdown table: a row wider than the header is an error") {
  const test::TempDir dir;
  const auto file = dir.write("wide.md", "| Area | A | B |\n|---|---|---|\n| x | 1 | 2 | 3 |\n");
  CHECK(
      test::error_message([&] { (void)load_ladder(file); }).ends_with("wide.md:3: the row has 4 cells, the header 3"));
}

}  // namespace
}  // namespace rungs::corpus
