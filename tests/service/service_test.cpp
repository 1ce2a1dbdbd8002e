// The service library: the documents and cells that the CLI and the server
// both write, and the staff lists both read.
#include <doctest/doctest.h>

#include <string>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/service/json.h"
#include "rungs/service/staff_list.h"
#include "rungs/service/tables.h"

namespace {

using namespace rungs;

corpus::Ladder acme() {
  return corpus::ladder_from_yaml(
      "id: acme\nname: Acme\nlevels:\n  - title: Support Engineer I\n    statements: [Answers tickets with help.]\n"
      "  - title: Senior Support Engineer\n    statements: [Leads incident response and mentors others.]\n",
      "acme.yaml");
}

}  // namespace

TEST_CASE("search JSON: the snippet comes whole and in parts, matched parts marked, markers gone") {
  search::SearchResults results;
  results.total = 1;
  search::Hit hit;
  hit.text = "Mentors juniors and leads incidents";
  hit.snippet = std::string(service::kSnippetMarkStart) + "Mentors" + service::kSnippetMarkEnd + " juniors and leads " +
                service::kSnippetMarkStart + "incidents" + service::kSnippetMarkEnd;
  results.hits.push_back(hit);
  const auto json = service::search_results_json(results);
  const auto& out = json["hits"][0];
  CHECK(out["snippet"] == "Mentors juniors and leads incidents");
  REQUIRE(out["snippet_parts"].size() == 3);
  CHECK(out["snippet_parts"][0] == nlohmann::json({{"text", "Mentors"}, {"match", true}}));
  CHECK(out["snippet_parts"][1] == nlohmann::json({{"text", " juniors and leads "}, {"match", false}}));
  CHECK(out["snippet_parts"][2]["match"] == true);
}

TEST_CASE("show JSON: one level, or every level; an unknown level is NotFoundError naming the levels") {
  const auto ladder = acme();
  CHECK(service::shown_levels_json(ladder)["levels"].size() == 2);
  const auto one = service::shown_levels_json(ladder, ladder.levels[1].id);
  REQUIRE(one["levels"].size() == 1);
  CHECK(one["levels"][0]["text"][0]["text"] == "Leads incident response and mentors others.");
  try {
    (void)service::shown_levels_json(ladder, "l9");
    FAIL("no exception");
  } catch (const NotFoundError& e) {
    CHECK(std::string(e.what()).find("support-engineer-i") != std::string::npos);
  }
}

TEST_CASE("CSV cells: RFC 4180 quoting, and formulas neutralised for spreadsheets") {
  CHECK(service::csv_field("plain") == "plain");
  CHECK(service::csv_field("a, b") == "\"a, b\"");
  CHECK(service::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  for (const std::string formula : {"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx"}) {
    CAPTURE(formula);
    CHECK(service::csv_field(formula).rfind("\"'", 0) == 0);
  }
  CHECK(service::csv_text({"a", "b"}, {{"1", "=x"}}) == "a,b\n1,\"'=x\"\n");
  CHECK(service::md_cell("a | <b>") == "a \\| \\<b\\>");
}

TEST_CASE("staff lists: a CSV with a title column, or one title per line; bad rows get their error") {
  const auto csv = service::read_title_rows("name,Job Title\nAda,Senior SRE\nBob,\n\"Cy, Jr\",\"Lead, Platform\"\n", "",
                                            "staff.csv");
  REQUIRE(csv.size() == 3);
  CHECK(csv[0].title == "Senior SRE");
  CHECK(csv[0].line == 2);
  CHECK(csv[1].error == "empty title");
  CHECK(csv[2].title == "Lead, Platform");
  const auto lines = service::read_title_rows("Intern, Site Reliability\n\nStaff Engineer\n\n", "", "-");
  REQUIRE(lines.size() == 3);  // trailing blank lines dropped, a blank line between kept as a bad row
  CHECK(lines[0].title == "Intern, Site Reliability");
  CHECK(lines[1].error == "empty title");
  CHECK(service::read_title_rows(std::string(300, 'x') + "\n", "", "-")[0].error.find("the longest") !=
        std::string::npos);
  CHECK_THROWS_AS((void)service::read_title_rows("name,role\nAda,SRE\n", "position", "staff.csv"), QueryError);
}

TEST_CASE("staff lists: placed on a ladder, every row in order; an unknown ladder fails before any row") {
  const mapping::Model model({acme()});
  auto rows = service::read_title_rows("Senior Support Engineer\n!!!\nSupport Engineer I\n", "", "-");
  CHECK(service::place_title_rows(model, rows, {"acme"}) == 2);
  REQUIRE(rows[0].answers.size() == 1);
  CHECK(rows[0].answers[0].level.title == "Senior Support Engineer");
  CHECK(!rows[1].error.empty());
  CHECK(rows[2].answers[0].level.title == "Support Engineer I");
  const auto table = service::assignment_table(rows, {"acme"}, true);
  CHECK(table.header == std::vector<std::string>{"line", "title", "acme level", "acme title", "acme confidence",
                                                 "acme basis", "acme reason"});
  CHECK(table.rows.size() == 3);
  const auto json = service::assignment_json(rows, {"acme"});
  CHECK(json["rows"][1]["error"] != "");
  auto again = service::read_title_rows("Senior Support Engineer\n", "", "-");
  CHECK_THROWS_AS((void)service::place_title_rows(model, again, {"nope"}), NotFoundError);
}

TEST_CASE("mapping CSV: one row per level of FROM with its header; a cell's JSON names its levels") {
  const auto other = corpus::ladder_from_yaml(
      "id: beta\nname: Beta\nlevels:\n  - title: Analyst\n    statements: [Answers tickets and asks for help.]\n"
      "  - title: Lead\n    statements: [Leads incident response for the team and mentors.]\n",
      "beta.yaml");
  const mapping::Model model({acme(), other});
  const auto table = model.map_ladders("acme", "beta");
  const std::string csv = service::mapping_csv(table);
  CHECK(csv.rfind("from_ladder,from_level,from_title,to_ladder,to_levels,to_titles,confidence,pinned,evidence\n", 0) ==
        0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  const auto cell = model.cell_evidence("acme", "beta", "Senior Support Engineer", "lead");
  CHECK(cell.similarity == doctest::Approx(table.matrix[1][1]));
  REQUIRE(!cell.pairs.empty());
  CHECK(cell.pairs[0].from_statement == "Leads incident response and mentors others.");
  const auto json = service::cell_evidence_json(cell);
  CHECK(json["to_level"]["title"] == "Lead");
  CHECK_THROWS_AS((void)model.cell_evidence("acme", "beta", "l9", "lead"), NotFoundError);
}
