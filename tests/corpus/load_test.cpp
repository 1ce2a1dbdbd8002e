#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

using test::error_message;
using test::TempDir;

constexpr std::string_view kStructured = R"(id: tiny
name: Tiny Ladder
levels:
  - title: Engineer I
    statements: [Ships small features with guidance.]
)";

TEST_CASE("sniff_format recognises each format from the content") {
  struct Case {
    const char* name;
    std::string_view text;
    Format expected;
  };
  const Case cases[] = {
      {"YAML manifest", "id: x\ndocuments: [a.md]\nlevels: []\n", Format::manifest},
      {"JSON manifest", R"({"id": "x", "documents": ["a.md"], "levels": []})", Format::manifest},
      {"YAML structured ladder", kStructured, Format::structured},
      {"JSON structured ladder", R"({"name": "x", "levels": [{"title": "A"}]})", Format::structured},
      {"exported ladder listing its documents", "id: x\ndocuments: [a.md]\nlevels:\n  - {title: A, statements: []}\n",
       Format::structured},
      {"pipe table", "# T\n\n| Area | A (L1) |\n|---|---|\n| x | y |\n", Format::markdown_table},
      {"pipe table with aligned separator", "| Area | A |\n| :--- | ---: |\n", Format::markdown_table},
      {"ATX headings", "# Ladder\n\n## Level\n\n- a bullet\n", Format::markdown},
      {"heading without text after #", "#\n\n- a bullet\n", Format::markdown},
      {"title line and bullets", "Framework: Level\n- one\n- two\n", Format::plain_text},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(sniff_format(std::string(c.text), "doc") == c.expected);
  }
}

TEST_CASE("sniff_format rejects what is no ladder, naming the file") {
  const char* const texts[] = {
      "just one paragraph of prose\n",
      "- bullets\n- without a title line\n",
      "key: value\nother: map without levels or documents\n",
      "#hashtag is not a heading\n",
      "| a pipe row | without separator |\n",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    const auto message = error_message([&] { (void)sniff_format(text, "notes.txt"); });
    CHECK(message.starts_with("notes.txt: unknown format (expected "));
  }
}

TEST_CASE("the bundled files sniff as what they are") {
  struct Case {
    const char* file;
    Format expected;
  };
  const Case cases[] = {
      {"000_d920310d38bf7d2c.txt", Format::markdown},   {"001_03ae152ee6e2f060.txt", Format::markdown},
      {"002_1286b0384c8443b3.txt", Format::plain_text}, {"003_4a211893cc7d4cba.txt", Format::plain_text},
      {"004_6727a1017ec8ed27.txt", Format::markdown},   {"ops-sre.yaml", Format::manifest},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    std::ifstream in(test::bundled(c.file), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(sniff_format(text, c.file) == c.expected);
  }
}

TEST_CASE("to_string names every format") {
  CHECK(std::string(to_string(Format::manifest)) == "manifest");
  CHECK(std::string(to_string(Format::structured)) == "structured");
  CHECK(std::string(to_string(Format::markdown)) == "markdown");
  CHECK(std::string(to_string(Format::markdown_table)) == "markdown_table");
  CHECK(std::string(to_string(Format::plain_text)) == "plain_text");
}

TEST_CASE("load_ladder rejects unreadable files with the file and line") {
  const TempDir dir;
  struct Case {
    const char* name;
    const char* file;
    std::string_view bytes;
    std::string expected;  // the message starts with this
  };
  const Case cases[] = {
      {"empty", "empty.md", "", "empty.md: empty file"},
      {"only whitespace", "blank.md", " \n\t\r\n  \n", "blank.md: empty file"},
      {"binary", "image.png", std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
       "image.png:3: binary file (contains NUL bytes)"},
      {"invalid UTF-8", "latin1.md", "# Ladder\n\n## Level\n\n- caf\xE9 au lait\n",
       "latin1.md:5: invalid UTF-8 (byte 0xE9)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto file = dir.write(c.file, c.bytes);
    const auto message = error_message([&] { (void)load_ladder(file); });
    CHECK(message.starts_with((dir.path() / c.expected).string()));
  }
  CHECK(error_message([&] { (void)load_ladder(dir.path() / "absent.md"); }).ends_with("absent.md: no such file"));
  CHECK(error_message([&] { (void)load_ladder(dir.path()); }).ends_with(": is a directory, expected a file"));
}

TEST_CASE("line endings and a byte-order mark change nothing") {
  std::ifstream in(test::bundled("002_1286b0384c8443b3.txt"), std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);

  const TempDir dir;
  const Ladder expected = load_ladder(test::bundled("002_1286b0384c8443b3.txt"));
  CHECK(load_ladder(dir.write("002_1286b0384c8443b3.txt", crlf)) == expected);
}

TEST_CASE("load_corpus loads every manifest of the bundled corpus, sorted by id") {
  const auto ladders = load_corpus(test::bundled(""));
  REQUIRE(ladders.size() == 4);
  CHECK(ladders[0].id == "gitlab-support");
  CHECK(ladders[1].id == "octopus-devops-support");
  CHECK(ladders[2].id == "octopus-support");
  CHECK(ladders[3].id == "ops-sre");
}

TEST_CASE("load_corpus reads structured ladders too and rejects duplicate ids") {
  const TempDir dir;
  dir.write("tiny.yaml", kStructured);
  dir.write("notes.txt", "not a ladder file: ignored");
  const auto ladders = load_corpus(dir.path());
  REQUIRE(ladders.size() == 1);
  CHECK(ladders[0].id == "tiny");

  dir.write("tiny-again.json", R"({"id": "tiny", "levels": [{"title": "Other"}]})");
  CHECK(error_message([&] { (void)load_corpus(dir.path()); }).find("ladder id 'tiny' is already used by") !=
        std::string::npos);
  CHECK(error_message([&] { (void)load_corpus(dir.path() / "absent"); }).ends_with("absent: not a directory"));
}

TEST_CASE("every bundled ladder survives to_yaml and back") {
  const TempDir dir;
  for (const auto& ladder : load_corpus(test::bundled(""))) {
    CAPTURE(ladder.id);
    const std::string yaml = to_yaml(ladder);
    CHECK(ladder_from_yaml(yaml, ladder.id + ".yaml") == ladder);
    CHECK(load_ladder(dir.write(ladder.id + ".yaml", yaml)) == ladder);
  }
}

TEST_CASE("long lines are refused or read, never a crash (std::regex recursion)") {
  // Regression: a 100 kB bullet overflowed the stack in the boilerplate rules.
  const TempDir dir;
  const std::string huge(100000, 'x');
  struct Case {
    const char* file;
    std::string bytes;
    const char* error;  // "" when the file loads
  };
  const Case cases[] = {
      {"bullet.md", "# L\n\n## Level\n\n- " + huge + "\n", "bullet.md:5: a statement of 100000 bytes"},
      {"heading.md", "# L\n\n## " + huge + " (L4)\n\n- Does things.\n", ""},
      {"table.md", "| Area | One |\n|---|" + std::string(100000, '-') + "|\n| A | Does things. |\n", ""},
      {"adhere.txt", "Title: Level\n- Adhere to the " + huge + " Competencies for this job grade\n",
       "adhere.txt:2: a statement of"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const auto file = dir.write(c.file, c.bytes);
    CHECK(error_message([&] { (void)load_ladder(file); }).find(c.error) != std::string::npos);
  }
}

TEST_CASE("a statement with line 0 survives to_yaml and back (fuzz finding)") {
  const std::string yaml =
      "id: z\nlevels:\n  - title: One\n    statements:\n      - text: Ships.\n        line: 0\n"
      "      - text: Leads.\n        line: -3\n      - text: Owns.\n        line: 7\n";
  const Ladder ladder = ladder_from_yaml(yaml, "z.yaml");
  CHECK(ladder.levels[0].statements[0].line == 5);
  CHECK(ladder.levels[0].statements[1].line == 7);
  CHECK(ladder.levels[0].statements[2].line == 7);
  CHECK(ladder_from_yaml(to_yaml(ladder), "again.yaml") == ladder);
}

TEST_CASE("invalid UTF-8 in a structured ladder's documents is refused (fuzz finding)") {
  const std::string yaml = "id: z\ndocuments: [a\xff.md]\nlevels:\n  - title: One\n    statements: [Ships.]\n";
  CHECK(error_message([&] { (void)ladder_from_yaml(yaml, "z.yaml"); }).find("z.yaml:2: invalid UTF-8") !=
        std::string::npos);
}

TEST_CASE("a manifest with a map as a key is refused with its line (fuzz finding)") {
  const TempDir dir;
  const auto file = dir.write("m.yaml", "id: m\ndocuments: [d.md]\nlevels:\n  - {id: l1, title: One}: oops\n");
  CHECK(error_message([&] { (void)load_ladder(file); }).find("m.yaml:4: a key must be text") != std::string::npos);
}

TEST_CASE("a map in a structured ladder's documents list is refused with its line (fuzz finding)") {
  const std::string yaml = "id: z\ndocuments: [a.md, {x: y}]\nlevels:\n  - title: One\n    statements: [Ships.]\n";
  CHECK(error_message([&] { (void)ladder_from_yaml(yaml, "z.yaml"); }).find("z.yaml:2: bad conversion") !=
        std::string::npos);
}

TEST_CASE("a ladder without statements is refused") {
  const TempDir dir;
  const auto file = dir.write("headings.md", "# Ladder\n\n## One\n\n### Area\n\n## Two\n");
  CHECK(error_message([&] { (void)load_ladder(file); }).find("headings.md: no statements found") != std::string::npos);
}

}  // namespace
}  // namespace rungs::corpus

TEST_CASE("a level's track follows its title when nothing declares it") {
  struct Case {
    const char* title;
    const char* track;
  };
  const Case cases[] = {
      {"Engineering Manager", "management"}, {"Director of Support", "management"},
      {"Head of Platform", "management"},    {"VP Engineering", "management"},
      {"Staff Engineer", "individual"},      {"Managing Consultant", "individual"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.title));
    CHECK(rungs::corpus::infer_track(c.title) == c.track);
  }
}
