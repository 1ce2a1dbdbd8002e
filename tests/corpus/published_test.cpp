// Ladders as companies publish them, in small fixtures of our own written in
// the layouts of real published ladders (tests/fixtures/published/).
#include <doctest/doctest.h>

#include <algorithm>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

std::filesystem::path published(std::string_view name) { return test::fixture("published") / name; }

struct Expected {
  const char* title;
  const char* code;
  const char* track;
  int competencies;
};

void check_ladder(const Ladder& ladder, const std::vector<Expected>& expected) {
  REQUIRE(ladder.levels.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Level& level = ladder.levels[i];
    CAPTURE(level.title);
    CHECK(level.title == expected[i].title);
    CHECK(level.code == expected[i].code);
    CHECK(level.track == expected[i].track);
    CHECK(level.rank == static_cast<int>(i) + 1);
    CHECK(count(level, StatementKind::competency) == expected[i].competencies);
  }
}

bool has_notice(const LoadResult& result, Notice::Kind kind, std::string_view file, std::string_view text) {
  return std::any_of(result.notices.begin(), result.notices.end(), [&](const Notice& n) {
    return n.kind == kind && n.path.filename() == file && n.message.find(text) != std::string::npos;
  });
}

TEST_CASE("a folder of level pages with front matter is one ladder, ordered by weight; index and FAQ pages left out") {
  const LoadResult result = load_inputs({published("hugo-folder")});
  REQUIRE(result.ladders.size() == 1);
  const Ladder& ladder = result.ladders[0];
  CHECK(ladder.id == "hugo-folder");
  CHECK(ladder.name == "Platform Engineering");  // the index page's title
  check_ladder(ladder, {{"Junior Platform Engineer", "", "individual", 4},
                        {"Platform Engineer", "", "individual", 2},
                        {"Senior Platform Engineer", "", "individual", 3}});
  CHECK(has_notice(result, Notice::Kind::left_out, "_index.md", "index"));
  CHECK(has_notice(result, Notice::Kind::left_out, "faq.md", "FAQ"));
  // Areas come from the page's sections; a bullet ending in ':' keeps its examples.
  const auto& junior = ladder.levels[0].statements;
  REQUIRE(junior.size() == 4);
  CHECK(junior[0].area == "Core Competencies");
  CHECK(junior[2].area == "Functional Competencies / Operations");
  CHECK(junior[3].text == "You join community activities such as: internal meetups; reading groups");
}

TEST_CASE("pages named by level code: Overview is a summary, Anti-patterns and the next-level link are set aside") {
  const LoadResult result = load_inputs({published("code-pages")});
  REQUIRE(result.ladders.size() == 1);
  const Ladder& ladder = result.ladders[0];
  CHECK(ladder.name == "Our ladder");
  check_ladder(ladder, {{"E1", "E1", "individual", 2}, {"E2", "E2", "individual", 3}});
  const Level& e1 = ladder.levels[0];
  CHECK(count(e1, StatementKind::summary) == 1);
  for (const auto& s : e1.statements) {
    CAPTURE(s.text);
    if (s.area == "Anti-patterns") {
      CHECK(s.kind == StatementKind::boilerplate);
      CHECK(s.reason.find("what not to do") != std::string::npos);
    }
  }
  CHECK(has_notice(result, Notice::Kind::left_out, "README.md", "README"));
}

TEST_CASE("level pages named together make one ladder; one page named alone is a one-level ladder with a warning") {
  const LoadResult both = load_inputs({published("html-pages/senior.html"), published("html-pages/junior.html")});
  REQUIRE(both.ladders.size() == 1);
  check_ladder(both.ladders[0], {{"Junior Engineer", "", "individual", 2}, {"Senior Engineer", "", "individual", 2}});
  // Navigation, scripts, footers and hidden columns are not read; a lead paragraph keeps its examples.
  const auto& junior = both.ladders[0].levels[0].statements;
  CHECK(std::none_of(junior.begin(), junior.end(), [](const Statement& s) {
    return s.text.find("Home") != std::string::npos || s.text.find("not text") != std::string::npos ||
           s.text.find("Example Ltd") != std::string::npos;
  }));
  const auto technical =
      std::find_if(junior.begin(), junior.end(), [](const Statement& s) { return s.area == "Technical"; });
  REQUIRE(technical != junior.end());
  CHECK(technical->text ==
        "Maintains their development environment, e.g. Keeps their local tools up to date; Follows the set-up guide");

  const LoadResult one = load_inputs({published("html-pages/junior.html")});
  REQUIRE(one.ladders.size() == 1);
  CHECK(one.ladders[0].levels.size() == 1);
  CHECK(has_notice(one, Notice::Kind::warning, "junior.html", "describes one level"));
}

TEST_CASE("statements written as paragraphs are statements") {
  const Ladder ladder = load_ladder(published("paragraphs.md"));
  check_ladder(ladder, {{"Advocate I", "", "individual", 3},
                        {"Advocate II", "", "individual", 2},
                        {"Senior Advocate", "", "individual", 3}});
}

TEST_CASE("level headings among prose sections: only the coded ones are levels; label bullets are areas") {
  const LoadResult result = load_inputs({published("prose-and-codes.md")});
  REQUIRE(result.ladders.size() == 1);
  check_ladder(result.ladders[0], {{"IC1", "IC1", "individual", 4}, {"IC2", "IC2", "individual", 3}});
  CHECK(has_notice(result, Notice::Kind::set_aside, "prose-and-codes.md", "When do I get promoted?"));
  CHECK(has_notice(result, Notice::Kind::set_aside, "prose-and-codes.md", "Team Leads"));
  const auto& ic1 = result.ladders[0].levels[0].statements;
  struct Case {
    const char* area;
    const char* text;
  };
  const Case cases[] = {
      {"Impact", "Resolves customer tickets using the documentation."},
      {"Impact", "Meets the response time targets."},
      {"Scope", "Learns the product and its tools."},
      {"Teamwork", "Asks teammates for help when blocked."},
  };
  REQUIRE(ic1.size() == std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    CHECK(ic1[i].area == cases[i].area);
    CHECK(ic1[i].text == cases[i].text);
  }
}

TEST_CASE("tables whose rows are levels: an engineer table, a manager table, and a glossary table set aside") {
  const LoadResult result = load_inputs({published("rows-tables.md")});
  REQUIRE(result.ladders.size() == 1);
  check_ladder(result.ladders[0], {{"Associate", "", "individual", 2},
                                   {"Engineer", "", "individual", 2},
                                   {"Senior Engineer", "", "individual", 2},
                                   {"Engineering Manager", "", "management", 2},
                                   {"Director", "", "management", 2}});
  const Statement& s = result.ladders[0].levels[2].statements[1];
  CHECK(s.area == "Contributions");
  CHECK(s.text == "Guides and unblocks others on the team.");
  CHECK(has_notice(result, Notice::Kind::set_aside, "rows-tables.md", "first column: Platform, Devices, Test"));
}

TEST_CASE("a Markdown file that is one HTML table with numbered level rows and list cells") {
  const Ladder ladder = load_ladder(published("html-table.md"));
  check_ladder(ladder, {{"1", "", "individual", 3}, {"2", "", "individual", 2}, {"3", "", "individual", 1}});
  const Statement& s = ladder.levels[0].statements[2];
  CHECK(s.area == "On-call");
  CHECK(s.text == "Keeps the runbooks up to date");
  CHECK(s.line == 14);
}

TEST_CASE("a small table at the top does not beat level headings") {
  const Ladder ladder = load_ladder(published("small-table-top.md"));
  check_ladder(ladder,
               {{"Junior Backend Engineer", "", "individual", 2}, {"Senior Backend Engineer", "", "individual", 2}});
}

TEST_CASE("two README files get their folders' ids; two inputs of one id are an error naming both") {
  const LoadResult result = load_inputs({published("dup-a/README.md"), published("dup-b/README.md")});
  REQUIRE(result.ladders.size() == 2);
  CHECK(result.ladders[0].id == "dup-a");
  CHECK(result.ladders[1].id == "dup-b");

  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "a");
  std::filesystem::create_directories(dir.path() / "b");
  const auto first =
      dir.write("a/ladder.md", "## Junior Engineer\n\n- Fixes bugs.\n\n## Senior Engineer\n\n- Designs.\n");
  const auto second =
      dir.write("b/ladder.md", "## Junior Analyst\n\n- Cleans data.\n\n## Senior Analyst\n\n- Models.\n");
  const std::string message = test::error_message([&] { (void)load_inputs({first, second}); });
  CHECK(message.find("b/ladder.md") != std::string::npos);
  CHECK(message.find("a/ladder.md") != std::string::npos);
  CHECK(message.find("'ladder'") != std::string::npos);
}

TEST_CASE("headings that read as no level title are taken as levels with a warning, never silently") {
  const test::TempDir dir;
  const auto file = dir.write("odd.md", "## Alpha\n\n- One thing.\n\n## Beta\n\n- Another thing.\n");
  const LoadResult result = load_inputs({file});
  REQUIRE(result.ladders.size() == 1);
  CHECK(result.ladders[0].levels.size() == 2);
  CHECK(has_notice(result, Notice::Kind::warning, "odd.md", "no heading reads as a level title"));
}

TEST_CASE("one-word statements and empty levels are warnings naming the file") {
  const test::TempDir dir;
  const auto file = dir.write("yesno.md",
                              "## Junior Engineer\n\n- Yes\n- Fixes bugs.\n\n## Senior Engineer\n\n"
                              "Senior engineers are described elsewhere:\n");
  const LoadResult result = load_inputs({file});
  CHECK(has_notice(result, Notice::Kind::warning, "yesno.md", "one-word statement \"Yes\""));
  CHECK(has_notice(result, Notice::Kind::warning, "yesno.md", "\"Senior Engineer\" has no statements"));
}

}  // namespace
}  // namespace rungs::corpus
