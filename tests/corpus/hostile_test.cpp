// Hostile and careless input to the readers (issue 14): YAML aliases that
// would expand a small file past every limit, titles in scripts that have
// no Latin slug.
#include <doctest/doctest.h>

#include <string>

#include "rungs/corpus/load.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

using test::error_message;
using test::TempDir;

// A file of `repeats` aliases to one statement of `statement_bytes` bytes.
std::string alias_bomb(std::size_t statement_bytes, std::size_t repeats) {
  std::string yaml =
      "id: bomb\nlevels:\n  - title: One\n    statements:\n      - &s " + std::string(statement_bytes, 'x') + "\n";
  for (std::size_t i = 0; i < repeats; ++i) yaml += "      - *s\n";
  return yaml;
}

// Nested aliases: each level repeats the one below ten times (a "billion laughs").
std::string nested_bomb() {
  std::string yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 9; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += (j ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  return yaml + "id: laughs\nlevels:\n  - title: One\n    statements: *a8\n";
}

TEST_CASE("YAML aliases cannot expand an input past the limits, and the message names the limit") {
  const TempDir dir;
  struct Case {
    const char* name;
    const char* file;
    std::string yaml;
    std::string expected;  // in the message
  };
  const Case cases[] = {
      // The probe's file: 239 KB standing for 20,000 copies of a 19 KB statement (58 s, 1.9 GB before).
      {"one long statement repeated", "bytes.yaml", alias_bomb(19000, 20000),
       "MB of text; rungs reads up to that much"},
      {"nested aliases", "laughs.yaml", nested_bomb(), "YAML nodes; rungs reads up to that many"},
      {"a manifest", "manifest.yaml",
       "documents: [a.md]\nx: &x " + std::string(1000, 'y') + "\nlevels: [" +
           [] {
             std::string refs;
             for (int i = 0; i < 5000; ++i) refs += i ? ", *x" : "*x";
             return refs;
           }() +
           "]\n",
       "MB of text"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto file = dir.write(c.file, c.yaml);
    const auto message = error_message([&] { (void)load_ladder(file); });
    CHECK_MESSAGE(message.starts_with(file.string() + ": its aliases expand to over"), message);
    CHECK_MESSAGE(message.find(c.expected) != std::string::npos, message);
  }
  // Aliases within the budget read as before.
  const auto ladder = load_ladder(dir.write("small.yaml", alias_bomb(100, 10)));
  CHECK(ladder.levels.at(0).statements.size() == 11);
}

TEST_CASE("structured levels titled only in Cyrillic, Japanese, Arabic or emoji are read, with ids by position") {
  const TempDir dir;
  struct Case {
    const char* title;
  };
  const Case cases[] = {{"Старший инженер"}, {"シニアエンジニア"}, {"مهندس أول"}, {"🚀🚀"}};
  std::string yaml = "id: world\nlevels:\n  - title: Junior Engineer\n    statements: [Answers tickets.]\n";
  for (const auto& c : cases) yaml += std::string("  - title: ") + c.title + "\n    statements: [Leads incidents.]\n";
  const auto ladder = load_ladder(dir.write("world.yaml", yaml));
  REQUIRE(ladder.levels.size() == 5);
  CHECK(ladder.levels[0].id == "junior-engineer");
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(cases[i].title);
    CHECK(ladder.levels[i + 1].title == cases[i].title);
    CHECK(ladder.levels[i + 1].id == "level-" + std::to_string(i + 2));
  }
  // A level with neither title nor id is still refused.
  CHECK(error_message([&] {
          (void)load_ladder(dir.write("bare.yaml", "id: b\nlevels:\n  - code: X\n    statements: [A.]\n"));
        }).find("a level needs a 'title' or an 'id'") != std::string::npos);
}

TEST_CASE("a manifest reads documents from its own folder only, symlinks resolved, unless trusted") {
  const TempDir dir;
  const std::string page = "# Acme\n\n## Engineer I\n\n- Answers tickets.\n\n## Engineer II\n\n- Leads incidents.\n";
  for (const char* sub : {"outside", "ladder/sub"}) std::filesystem::create_directories(dir.path() / sub);
  dir.write("outside/secret.md", page);
  dir.write("ladder/inside.md", page);
  dir.write("ladder/sub/nested.md", page);
  std::filesystem::create_symlink(dir.path() / "outside" / "secret.md", dir.path() / "ladder" / "link.md");
  std::filesystem::create_symlink(dir.path() / "ladder" / "inside.md", dir.path() / "ladder" / "link-in.md");
  struct Case {
    const char* document;
    bool inside;
  };
  const std::string absolute = (dir.path() / "outside" / "secret.md").string();
  const Case cases[] = {
      {"inside.md", true},
      {"sub/nested.md", true},
      {"link-in.md", true},
      {"../outside/secret.md", false},
      {absolute.c_str(), false},
      {"link.md", false},
      {"sub/../../outside/secret.md", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.document);
    const auto manifest =
        dir.write("ladder/m.yaml", std::string("id: m\ndocuments: [\"") + c.document +
                                       "\"]\nlevels:\n  - title: Engineer I\n  - title: Engineer II\n");
    const auto message = error_message([&] { (void)load_inputs({manifest}); });
    if (c.inside) {
      CHECK_MESSAGE(message.empty(), message);
    } else {
      CHECK_MESSAGE(message.find(":2: document '" + std::string(c.document) + "' is outside the manifest's folder") !=
                        std::string::npos,
                    message);
      CHECK(load_inputs({manifest}, {}, {.documents_outside_manifest_folder = true}).ladders.size() == 1);
    }
  }
}

TEST_CASE("ladder and level ids are letters, digits, '-', '_' and '.', starting with a letter or digit") {
  struct Case {
    const char* id;
    bool valid;
  };
  const Case cases[] = {
      {"ops-sre", true},    {"l4", true},    {"E1.2", true},     {"level_3", true}, {"a/b", false},
      {"../../etc", false}, {"-rf", false},  {".hidden", false}, {"", false},       {"a b", false},
      {"é", false},         {"a\nb", false}, {"x;rm", false},
  };
  const TempDir dir;
  for (const auto& c : cases) {
    CAPTURE(c.id);
    CHECK(is_valid_id(c.id) == c.valid);
    if (std::string_view(c.id).empty() || std::string_view(c.id).find('\n') != std::string_view::npos) continue;
    for (const bool ladder_id : {true, false}) {
      const std::string yaml =
          ladder_id ? std::string("id: \"") + c.id + "\"\nlevels:\n  - title: One\n    statements: [A.]\n"
                    : std::string("id: x\nlevels:\n  - id: \"") + c.id + "\"\n    title: One\n    statements: [A.]\n";
      const auto message = error_message([&] { (void)load_ladder(dir.write("ids.yaml", yaml)); });
      CAPTURE(message);
      CHECK((message.find("is not valid") != std::string::npos) == !c.valid);
    }
  }
}

TEST_CASE("one ladder id in two files named together is refused, naming both (not the last one winning)") {
  const TempDir dir;
  const std::string yaml = "id: same\nlevels:\n  - title: One\n    statements: [A.]\n";
  struct Case {
    const char* first;
    const char* second;
  };
  const Case cases[] = {{"a.yaml", "b.yaml"}, {"a.yaml", "b.json"}, {"same.md", "b.yaml"}};
  for (const auto& c : cases) {
    CAPTURE(c.second);
    const auto first = std::string_view(c.first).ends_with(".md")  // its id is its file name's
                           ? dir.write(c.first, "# Same\n\n## One\n\n- A.\n\n## Two\n\n- B.\n")
                           : dir.write(c.first, yaml);
    const auto second =
        dir.write(c.second, std::string_view(c.second).ends_with(".json")
                                ? R"({"id": "same", "levels": [{"title": "One", "statements": ["A."]}]})"
                                : yaml);
    const auto message = error_message([&] { (void)load_inputs({first, second}); });
    CAPTURE(message);
    CHECK_MESSAGE(message.find("gives ladder id 'same', as " + first.string()) != std::string::npos, message);
    CHECK(message.starts_with(second.string()));
  }
}

}  // namespace
}  // namespace rungs::corpus
