#include <doctest/doctest.h>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

using test::check_levels;
using test::statement_at;

TEST_CASE("Octopus support roles: levels below an H1, quotes and code as summaries, cross-references set aside") {
  const Ladder ladder = load_ladder(test::bundled("octopus-support.yaml"));
  CHECK(ladder.name == "Octopus Deploy Support Roles");
  CHECK(ladder.documents == std::vector<std::string>{"001_03ae152ee6e2f060.txt"});
  check_levels(ladder, {
                           {"application-support-engineer", 22, 2, 0},
                           {"senior-application-support-engineer", 24, 1, 1},
                           {"devops-application-engineer", 16, 1, 1},
                           {"senior-devops-application-engineer", 17, 1, 1},
                           {"application-support-manager", 9, 1, 1},
                           {"senior-application-support-manager", 0, 0, 2},
                       });
  CHECK(ladder.levels[0].title == "Application Support Engineer");
  CHECK(ladder.levels[0].aliases == std::vector<std::string>{"Junior Application Support Engineer"});
  CHECK(ladder.levels[3].track == "individual");
  CHECK(ladder.levels[4].track == "management");

  struct Case {
    std::size_t level;
    int line;
    StatementKind kind;
    const char* area;
    const char* reason;
    const char* text_start;
  };
  const Case cases[] = {
      {0, 5, StatementKind::summary, "", "", "We avoid distinguishing too much"},         // block quote
      {0, 7, StatementKind::summary, "", "", "I am a valuable and enthusiastic member"},  // indented code
      {0, 12, StatementKind::competency, "I write high quality responses quickly and with minimal oversight", "",
       "I recognise that Octopus (and surrounding technologies)"},
      {1, 43, StatementKind::boilerplate, "", "cross-reference",
       "The Senior Application Support Engineer role builds upon"},
      {4, 157, StatementKind::boilerplate, "", "cross-reference", "We consider a support manager"},
      {4, 159, StatementKind::summary, "", "", "I take responsibility for 6-10 people"},
      {4, 161, StatementKind::competency, "", "", "I take responsibility for the people in my team"},
      {5, 173, StatementKind::boilerplate, "", "cross-reference",
       "This roles builds on the Application Support Manager role. See the manager's handbook."},
      {5, 176, StatementKind::boilerplate, "", "placeholder: level not yet described", "<TBA>"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const Statement* s = statement_at(ladder.levels[c.level], c.line);
    REQUIRE(s != nullptr);
    CHECK(s->kind == c.kind);
    CHECK(s->area == c.area);
    CHECK(s->reason == c.reason);
    CHECK(s->source == "001_03ae152ee6e2f060.txt");
    CHECK(s->text.starts_with(c.text_start));
  }
}

TEST_CASE("Octopus DevOps support: a single H1 level, areas from H2, mojibake repaired") {
  const Ladder ladder = load_ladder(test::bundled("octopus-devops-support.yaml"));
  check_levels(ladder, {{"senior-devops-support-engineer", 23, 2, 0}});
  const Level& level = ladder.levels[0];
  CHECK(level.code == "L3");
  CHECK(level.title == "Senior DevOps Support Engineer");

  struct Case {
    int line;
    StatementKind kind;
    const char* area;
    const char* text;
  };
  const Case cases[] = {
      {7, StatementKind::competency, "Impact",
       "I take ownership of complex issues, often involving multiple teams or systems"},
      {35, StatementKind::summary, "What success looks like",
       "Success at this level reflects deep technical ownership, mentorship, and consistent leadership through "
       "complex or ambiguous problems. These examples align with the principles in How We Work in Support."},
      {41, StatementKind::competency, "What success looks like",
       "Take initiative on work that’s high-leverage but not always clearly owned"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const Statement* s = statement_at(level, c.line);
    REQUIRE(s != nullptr);
    CHECK(s->kind == c.kind);
    CHECK(s->area == c.area);
    CHECK(s->text == c.text);
  }
}

TEST_CASE("Basecamp ops ladder: H2 levels, nested areas joined, thematic breaks ignored") {
  const Ladder ladder = load_ladder(test::bundled("ops-sre.yaml"));
  check_levels(ladder, {{"l1", 12, 0, 0}, {"l2", 12, 0, 0}, {"l3", 12, 0, 0}, {"l4", 12, 0, 0}, {"l5", 12, 0, 0}});
  CHECK(ladder.levels[3].code == "L4");
  CHECK(ladder.levels[3].title == "Lead SRE");

  struct Case {
    std::size_t level;
    int line;
    const char* area;
  };
  const Case cases[] = {
      {0, 9, "Skill / Mastery"},
      {0, 15, "Skill / Tech and Tooling"},
      {0, 29, "Engagement / Ownership — Manager of One"},
      {0, 51, "Coachability / Feedback"},
      {4, 259, "Coachability / Feedback"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const Statement* s = statement_at(ladder.levels[c.level], c.line);
    REQUIRE(s != nullptr);
    CHECK(s->area == c.area);
  }
}

TEST_CASE("a Markdown document read alone takes its levels from its headings") {
  const Ladder ladder = load_ladder(test::bundled("004_6727a1017ec8ed27.txt"));
  CHECK(ladder.id == "004-6727a1017ec8ed27");
  CHECK(ladder.name == "Titles for Ops");
  check_levels(ladder, {{"junior-sre", 12, 0, 0},
                        {"sre", 12, 0, 0},
                        {"senior-sre", 12, 0, 0},
                        {"lead-sre", 12, 0, 0},
                        {"principal-sre", 12, 0, 0}});
  CHECK(ladder.levels[0].title == "Junior SRE");
  CHECK(ladder.levels[0].code == "L1");
}

TEST_CASE("Markdown inline markup is rendered as text, nested lists flattened") {
  const test::TempDir dir;
  const auto file = dir.write("inline.md", R"(# Engineer (E1)

Intro paragraph
over two lines.

- Uses *emphasis*, **strong**, `code` and [a link](https://example.com)
  on a second line.
  - A nested bullet.
- Last bullet.   

---

```
fenced code
```
)");
  const Ladder ladder = load_ladder(file);
  REQUIRE(ladder.levels.size() == 1);
  const Level& level = ladder.levels[0];
  CHECK(level.id == "engineer");
  CHECK(level.code == "E1");
  CHECK(ladder.name == "inline");  // no H1 above the levels: the file stem

  struct Case {
    int line;
    StatementKind kind;
    const char* text;
  };
  const Case cases[] = {
      {3, StatementKind::summary, "Intro paragraph over two lines."},
      {6, StatementKind::competency, "Uses emphasis, strong, code and a link on a second line."},
      {8, StatementKind::competency, "A nested bullet."},
      {9, StatementKind::competency, "Last bullet."},
      {13, StatementKind::summary, "fenced code"},
  };
  REQUIRE(level.statements.size() == std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    CAPTURE(cases[i].line);
    CHECK(level.statements[i].line == cases[i].line);
    CHECK(level.statements[i].kind == cases[i].kind);
    CHECK(level.statements[i].text == cases[i].text);
  }
}

TEST_CASE("without a manifest the level depth is the shallowest with two headings") {
  struct Case {
    const char* name;
    const char* markdown;
    std::vector<std::string> level_ids;
    const char* ladder_name;
  };
  const Case cases[] = {
      {"H2 levels under an H1", "# Ladder\n\n## One\n\n- a\n\n## Two\n\n- b\n", {"one", "two"}, "Ladder"},
      {"one H1, areas below", "# L3: Only Level\n\n## Area\n\n- a\n", {"only-level"}, "doc"},
      {"H1 levels", "# One\n\n- a\n\n# Two\n\n## Area\n\n- b\n", {"one", "two"}, "doc"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const test::TempDir dir;
    const Ladder ladder = load_ladder(dir.write("doc.md", c.markdown));
    std::vector<std::string> ids;
    for (const auto& level : ladder.levels) ids.push_back(level.id);
    CHECK(ids == c.level_ids);
    CHECK(ladder.name == c.ladder_name);
  }
}

TEST_CASE("a Markdown document read alone rejects two levels with one id") {
  const test::TempDir dir;
  const auto file = dir.write("twice.md", "## Senior (L2)\n\n- a\n\n## Senior (L3)\n\n- b\n");
  CHECK(test::error_message([&] {
          (void)load_ladder(file);
        }).ends_with("twice.md:5: two levels share the id 'senior'; use a manifest to name them"));
}

}  // namespace
}  // namespace rungs::corpus
