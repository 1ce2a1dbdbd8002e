#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

using test::error_message;

TEST_CASE("manifest errors name the manifest or the document, and the line") {
  struct Case {
    const char* manifest;
    const char* expected;  // the message, after the fixtures directory
  };
  const Case cases[] = {
      {"missing-document.yaml", "bad/missing-document.yaml:3: document 'no-such-file.md' does not exist"},
      {"wrong-order.yaml",
       "bad/two-levels.md:7: level order contradicts wrong-order.yaml: 'senior' comes after 'junior' here but "
       "before it in the manifest"},
      {"duplicate-ids.yaml", "bad/duplicate-ids.yaml:6: two levels share the id 'junior'"},
      {"level-not-found.yaml", "bad/level-not-found.yaml:7: level 'staff' (\"Staff\") has no section in the documents"},
      {"unmatched-section.yaml",
       "bad/two-levels.md:7: section 'Senior (J2)' matches no level of unmatched-section.yaml"},
      {"section-twice.yaml",
       "bad/two-levels.md:7: section 'Senior (J2)' matches level 'junior' again (first at two-levels.md:3)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.manifest);
    const auto message = error_message([&] { (void)load_ladder(test::fixture("bad") / c.manifest); });
    CHECK(message.starts_with((test::fixture("") / c.expected).string()));
  }
}

TEST_CASE("manifest fields are checked") {
  const test::TempDir dir;
  dir.write("levels.md", "# Ladder\n\n## Junior (J1)\n\n- a\n\n## Senior (J2)\n\n- b\n");
  struct Case {
    const char* name;
    const char* manifest;
    const char* expected;  // the message, after the temp directory
  };
  const Case cases[] = {
      {"unknown key", "documents: [levels.md]\nlevles: []\n", "m.yaml:2: unknown key 'levles'"},
      {"unknown level key", "id: x\ndocuments: [levels.md]\nlevels:\n  - {title: Junior, mising: true}\n",
       "m.yaml:4: unknown key 'mising'"},
      {"no levels", "id: x\ndocuments: [levels.md]\n", "m.yaml: 'levels' must list the levels in ladder order"},
      {"bad track", "id: x\ndocuments: [levels.md]\nlevels:\n  - {title: Junior, track: sideways}\n",
       "m.yaml:4: track must be 'individual' or 'management', not 'sideways'"},
      {"document found for a missing level",
       "id: x\ndocuments: [levels.md]\nlevels:\n  - {title: Junior}\n  - {title: Senior, missing: true}\n",
       "levels.md:7: section 'Senior (J2)' is level 'senior', which m.yaml declares missing"},
      {"a manifest as document", "id: x\ndocuments: [m.yaml]\nlevels:\n  - {title: Junior}\n",
       "m.yaml: a manifest is not a ladder document"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto file = dir.write("m.yaml", c.manifest);
    CHECK(error_message([&] { (void)load_ladder(file); }).starts_with((dir.path() / c.expected).string()));
  }
}

TEST_CASE("a JSON manifest with headings, aliases and defaults") {
  const test::TempDir dir;
  dir.write("levels.md", "# Ladder\n\n## Junior (J1)\n\n- a\n\n## J2: Senior Engineer\n\n- b\n");
  const auto file = dir.write("m.json", R"({"name": "Acme Engineering", "documents": ["levels.md"],
    "levels": [{"title": "Associate", "aliases": ["junior"]}, {"title": "Senior", "heading": "J2: Senior Engineer"}]})");
  const Ladder ladder = load_ladder(file);
  CHECK(ladder.id == "acme-engineering");
  CHECK(ladder.framework == "acme-engineering");
  test::check_levels(ladder, {{"associate", 1, 0, 0}, {"senior", 1, 0, 0}});
  CHECK(ladder.levels[0].track == "individual");
  CHECK(ladder.levels[1].code.empty());  // codes come from the manifest only
  CHECK(ladder.levels[1].statements[0].line == 9);
}

// Every `- ` line of a bundled document must have become a statement of some
// kind: nothing a ladder says is silently dropped.
TEST_CASE("every bullet line of the bundled documents becomes a statement") {
  std::map<std::string, std::set<int>> found;  // document → lines with a statement
  for (const auto& ladder : load_corpus(test::bundled(""))) {
    for (const auto& level : ladder.levels) {
      for (const auto& s : level.statements) found[s.source].insert(s.line);
    }
  }
  const char* const documents[] = {"000_d920310d38bf7d2c.txt", "001_03ae152ee6e2f060.txt", "002_1286b0384c8443b3.txt",
                                   "003_4a211893cc7d4cba.txt", "004_6727a1017ec8ed27.txt"};
  int total = 0;
  for (const char* document : documents) {
    CAPTURE(document);
    std::ifstream in(test::bundled(document));
    int number = 0;
    int bullets = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      if (!line.starts_with("- ")) continue;
      ++bullets;
      CAPTURE(number);
      CHECK(found[document].contains(number));
    }
    CHECK(bullets > 0);
    total += bullets;
  }
  CHECK(total == 23 + 88 + 26 + 27 + 60);
}

}  // namespace
}  // namespace rungs::corpus

namespace rungs::corpus {
namespace {

TEST_CASE("manifest: skip sections, match headings by pattern, one document per level, a forced format") {
  const test::TempDir dir;
  dir.write("framework.md",
            "# Framework\n\n## Lead of the pack\n\n- Runs the team.\n\n## When do I get promoted?\n\n- Ask.\n\n"
            "## Junior one\n\n- Learns.\n");
  dir.write("senior.txt", "<html><body><h1>Senior</h1><h2>Craft</h2><ul><li>Designs systems.</li></ul></body></html>");
  const auto manifest = dir.write("m.yaml",
                                  "id: pack\n"
                                  "skip: [\"When do I get promoted?\"]\n"
                                  "documents:\n"
                                  "  - framework.md\n"
                                  "  - {file: senior.txt, format: html, level: senior}\n"
                                  "levels:\n"
                                  "  - {title: Junior, pattern: \"^junior\"}\n"
                                  "  - {title: Senior}\n"
                                  "  - {title: Lead, pattern: \"^lead\\\\b\"}\n");
  // The manifest's order (junior, senior, lead) contradicts framework.md (lead before junior).
  CHECK(test::error_message([&] { (void)load_ladder(manifest); }).find("level order contradicts") != std::string::npos);

  dir.write("m.yaml",
            "id: pack\n"
            "skip: [\"When do I get promoted?\"]\n"
            "documents:\n"
            "  - {file: senior.txt, format: html, level: senior}\n"
            "  - framework.md\n"
            "levels:\n"
            "  - {title: Senior}\n"
            "  - {title: Lead, pattern: \"^lead\\\\b\"}\n"
            "  - {title: Junior, pattern: \"^junior\"}\n");
  const Ladder ladder = load_ladder(manifest);
  REQUIRE(ladder.levels.size() == 3);
  CHECK(ladder.levels[0].statements.size() == 1);
  CHECK(ladder.levels[0].statements[0].area == "Craft");
  CHECK(ladder.levels[1].statements[0].text == "Runs the team.");
  CHECK(ladder.levels[2].statements[0].text == "Learns.");
}

TEST_CASE("manifest: a level with no section lists the headings found") {
  const test::TempDir dir;
  dir.write("doc.md", "## Junior Engineer\n\n- a\n\n## Senior Engineer\n\n- b\n");
  const auto manifest = dir.write("m.yaml",
                                  "id: x\ndocuments: [doc.md]\nlevels:\n  - {title: Junior Engineer}\n"
                                  "  - {title: Senior Engineer}\n  - {title: Staff Engineer}\n");
  const std::string message = test::error_message([&] { (void)load_ladder(manifest); });
  CHECK(message.find("level headings found: \"Junior Engineer\", \"Senior Engineer\"") != std::string::npos);
  dir.write("m.yaml", "id: x\ndocuments: [{file: doc.md, format: pdf}]\nlevels:\n  - {title: A}\n");
  CHECK(test::error_message([&] { (void)load_ladder(manifest); }).find("format must be markdown, html or plain_text") !=
        std::string::npos);
}

}  // namespace
}  // namespace rungs::corpus
