// The JSON form of a ladder (ladder_json.h) and the YAML of `rungs export`,
// both walking the one field description of ladder_fields.h.
#include <doctest/doctest.h>

#include <string>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_fields.h"
#include "rungs/corpus/ladder_json.h"
#include "rungs/corpus/load.h"

using namespace rungs::corpus;

namespace {

Statement statement(const std::string& text, StatementKind kind, const std::string& area, int line) {
  Statement s;
  s.text = text;
  s.kind = kind;
  s.area = area;
  s.source = line > 0 ? "acme.md" : "";
  s.line = line;
  return s;
}

Level level(const std::string& id, const std::string& title, int rank) {
  Level l;
  l.id = id;
  l.title = title;
  l.rank = rank;
  return l;
}

Ladder sample() {
  Ladder ladder;
  ladder.id = ladder.framework = "acme";
  ladder.name = "Acme SRE";
  ladder.documents = {"acme.md"};
  Level junior = level("l1", "Junior SRE", 1);
  junior.code = "L1";
  junior.statements.push_back(statement("Shadows on-call shifts.", StatementKind::competency, "Operations", 4));
  junior.statements.push_back(statement("Home | About", StatementKind::boilerplate, "", 2));
  junior.statements.back().reason = "navigation";
  Level manager = level("l2", "Engineering Manager", 2);
  manager.track = "management";
  manager.missing = true;
  Level staff = level("l3", "Staff SRE", 3);
  staff.aliases = {"Staff", "L3 SRE"};
  staff.statements.push_back(statement("Sets the reliability strategy.", StatementKind::summary, "", 0));
  ladder.levels = {junior, manager, staff};
  return ladder;
}

int field_count(const Statement& statement) {
  int n = 0;
  for_each_field(statement, [&](const char*, const auto&, Presence) { ++n; });
  return n;
}

}  // namespace

TEST_CASE("a ladder reads back from its JSON, statements as objects or as rows") {
  const Ladder ladder = sample();
  CHECK(ladder_from_json(as_json(ladder)) == ladder);
  const auto rows = as_json(ladder, StatementForm::row);
  CHECK(rows["levels"][0]["statements"][0].is_array());
  CHECK(rows["levels"][0]["statements"][0].size() == static_cast<std::size_t>(field_count(Statement{})));
  CHECK(rows["levels"][0]["statements"][1][2] == "boilerplate");
  CHECK(ladder_from_json(rows) == ladder);
}

TEST_CASE("JSON writes every field, the ones at their default too, and can leave statements out") {
  const auto level = as_json(sample().levels[2]);
  CHECK(level["code"] == "");
  CHECK(level["missing"] == false);
  CHECK(level["statements"][0]["kind"] == "summary");
  CHECK(level["statements"][0]["line"] == 0);
  const auto listing = as_json(sample(), StatementForm::left_out);
  CHECK(listing["levels"].size() == 3);
  CHECK_FALSE(listing["levels"][0].contains("statements"));
}

TEST_CASE("reading JSON: required fields are named when missing, optional ones default") {
  auto json = as_json(sample());
  json["levels"][0].erase("code");
  json["levels"][0]["statements"][0].erase("area");
  const Ladder read = ladder_from_json(json);
  CHECK(read.levels[0].code.empty());
  CHECK(read.levels[0].statements[0].area.empty());

  json["levels"][1].erase("title");
  CHECK_THROWS_WITH_AS((void)ladder_from_json(json), doctest::Contains("'title' is missing"), rungs::Error);
  json = as_json(sample());
  json["levels"][0]["rank"] = "first";
  CHECK_THROWS_WITH_AS((void)ladder_from_json(json), doctest::Contains("'rank'"), rungs::Error);
  json = as_json(sample());
  json["levels"][0]["statements"][0]["kind"] = "poem";
  CHECK_THROWS_AS((void)ladder_from_json(json), rungs::Error);
  CHECK_THROWS_AS((void)ladder_from_json(nlohmann::json::array()), rungs::Error);
}

TEST_CASE("the export YAML leaves out fields at their default and reads back as the same ladder") {
  const std::string yaml = to_yaml(sample());
  CHECK(yaml.find("source:") != std::string::npos);    // the statements' sources
  CHECK(yaml.find("\nsource:") == std::string::npos);  // the ladder's own source is empty
  CHECK(yaml.find("aliases: [Staff, L3 SRE]") != std::string::npos);
  CHECK(yaml.find("missing: true") != std::string::npos);
  CHECK(yaml.find("missing: false") == std::string::npos);
  CHECK(yaml.find("kind: competency") == std::string::npos);
  CHECK(yaml.find("kind: summary") != std::string::npos);
  CHECK(yaml.find("track: individual") != std::string::npos);  // always written: a reader would infer it
}
