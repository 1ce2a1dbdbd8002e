#include <doctest/doctest.h>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

using test::statement_at;

TEST_CASE("GitLab support: one level per plain-text page, a missing level between") {
  const Ladder ladder = load_ladder(test::bundled("gitlab-support.yaml"));
  test::check_levels(ladder, {{"intermediate", 20, 0, 12}, {"senior", 0, 0, 0}, {"staff", 21, 1, 12}});
  CHECK(ladder.levels[1].missing);
  CHECK(ladder.levels[1].statements.empty());
  CHECK(ladder.documents == std::vector<std::string>{"002_1286b0384c8443b3.txt", "003_4a211893cc7d4cba.txt"});

  struct Case {
    std::size_t level;
    int line;
    StatementKind kind;
    const char* area;
    const char* reason;
    const char* text;
  };
  const Case cases[] = {
      {0, 2, StatementKind::boilerplate, "", "navigation", "Intermediate Support Engineer"},  // breadcrumb
      {0, 3, StatementKind::boilerplate, "", "navigation", "Support Framework | Engineering Framework"},
      {0, 4, StatementKind::boilerplate, "", "introduction",
       "Intermediate Support Engineers at GitLab are expected to exhibit the following competencies:"},
      {0, 7, StatementKind::competency, "Leadership Competencies / Engineering", "",
       "Assumes goodwill, and is able to disagree and commit."},
      {0, 18, StatementKind::competency, "Technical Competencies / Engineering", "",
       "Considers quality, security, and performance of assigned tasks."},
      {0, 31, StatementKind::boilerplate, "Values Alignment / GitLab", "reference to competencies defined elsewhere",
       "Adhere to the Collaboration Competencies for this job grade."},
      {0, 37, StatementKind::boilerplate, "", "footer", "Last modified October 29, 2024: Fix broken links ("},
      {0, 38, StatementKind::boilerplate, "", "footer", "455376ee"},
      {0, 39, StatementKind::boilerplate, "", "footer", ")"},
      {2, 2, StatementKind::boilerplate, "", "navigation", "Support Staff Support Engineer"},
      {2, 7, StatementKind::summary, "Leadership Competencies / Engineering", "",
       "A staff engineer generally operates at a team level scope, serving as the technical leader for one or "
       "more of their team’s domains of responsibility."},
      {2, 16, StatementKind::competency, "Leadership Competencies / Engineering", "",
       "Works frequently with other teams to resolve difficult issues"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const Statement* s = statement_at(ladder.levels[c.level], c.line);
    REQUIRE(s != nullptr);
    CHECK(s->kind == c.kind);
    CHECK(s->area == c.area);
    CHECK(s->reason == c.reason);
    CHECK(s->text == c.text);
  }
  CHECK(statement_at(ladder.levels[2], 7)->source == "003_4a211893cc7d4cba.txt");
}

TEST_CASE("a plain-text page read alone is one level named after its title's colon") {
  const Ladder ladder = load_ladder(test::bundled("003_4a211893cc7d4cba.txt"));
  CHECK(ladder.name == "Support Career Framework");
  test::check_levels(ladder, {{"staff-support-engineer", 21, 1, 12}});
  CHECK(ladder.levels[0].title == "Staff Support Engineer");
}

TEST_CASE("plain-text headings: short lines without a final period, consecutive ones nested") {
  const test::TempDir dir;
  const auto file = dir.write("page.txt", R"(Engineer
Delivery
Planning
- Plans the week.
Writing
This line is prose because it is long enough and has no final period at all here
- Writes docs.
)");
  const Ladder ladder = load_ladder(file);
  REQUIRE(ladder.levels.size() == 1);
  const Level& level = ladder.levels[0];
  CHECK(level.id == "engineer");
  REQUIRE(level.statements.size() == 3);
  CHECK(level.statements[0].area == "Delivery / Planning");
  CHECK(level.statements[1].kind == StatementKind::summary);
  CHECK(level.statements[1].area == "Writing");
  CHECK(level.statements[2].area == "Writing");
  CHECK(level.statements[2].line == 7);
}

}  // namespace
}  // namespace rungs::corpus
