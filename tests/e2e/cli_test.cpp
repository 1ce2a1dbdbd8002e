// Runs the `rungs` binary on the bundled corpus and on fixtures, and checks
// what a user sees: exit codes, JSON shapes, and the numbers in them.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using rungs::e2e::slurp_file;

// A scratch directory per test binary run.
const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-e2e"); }

std::string quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

rungs::e2e::Outcome rungs_run(const std::vector<std::string>& args) { return rungs::e2e::run(scratch(), args); }

// The bundled corpus indexed once into the scratch directory.
const std::string& bundled_db() {
  static const std::string db = [] {
    const auto path = (scratch() / "bundled").string();
    const auto run = rungs_run({"index", "--rebuild", "--db", path});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return path;
  }();
  return db;
}

json rungs_json(std::vector<std::string> args) {
  args.insert(args.end(), {"--db", bundled_db(), "--json"});
  const auto run = rungs_run(args);
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  return json::parse(run.out);
}

fs::path write_file(const std::string& name, const std::string& content) {
  const auto path = scratch() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("ladders --json lists the four bundled ladders with their levels in order") {
  const auto out = rungs_json({"ladders"});
  std::map<std::string, std::vector<std::string>> levels;
  for (const auto& l : out["ladders"]) {
    for (const auto& level : l["levels"]) levels[l["id"]].push_back(level["id"]);
    int sum = 0;
    for (const auto& level : l["levels"]) sum += level["statements"].get<int>();
    CHECK(sum == l["statements"].get<int>());
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"gitlab-support", {"intermediate", "staff"}},
      {"octopus-devops-support", {"senior-devops-support-engineer"}},
      {"octopus-support",
       {"application-support-engineer", "senior-application-support-engineer", "devops-application-engineer",
        "senior-devops-application-engineer", "application-support-manager", "senior-application-support-manager"}},
      {"ops-sre", {"l1", "l2", "l3", "l4", "l5"}},
  };
  CHECK(levels == expected);
  for (const auto& l : out["ladders"]) {
    if (l["id"] == "gitlab-support") {
      REQUIRE(l["missing_levels"].size() == 1);
      CHECK(l["missing_levels"][0]["id"] == "senior");
      CHECK(l["set_aside"].get<int>() > 0);
    }
    if (l["id"] == "octopus-support") CHECK(l["levels"][5]["tba"] == true);
  }
}

TEST_CASE("show prints one level's areas and statements, and what was set aside") {
  const auto run = rungs_run({"show", "ops-sre", "l4", "--db", bundled_db()});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("Lead SRE") != std::string::npos);
  CHECK(run.out.find("Leads high-risk maintenance with limited to no customer impact") != std::string::npos);
  const auto gitlab = rungs_run({"show", "gitlab-support", "staff", "--db", bundled_db()});
  CHECK(gitlab.out.find("Set aside") != std::string::npos);
  CHECK(gitlab.out.find("Adhere to the Collaboration Competencies") != std::string::npos);
  const auto bad = rungs_run({"show", "ops-sre", "l9", "--db", bundled_db()});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("l1, l2, l3, l4, l5") != std::string::npos);
}

TEST_CASE("search: filters, field prefixes, exact facet counts, no mojibake") {
  const auto out = rungs_json({"search", "mentor", "--ladder", "octopus-support", "--limit", "1000"});
  REQUIRE(out["total"].get<int>() > 0);
  CHECK(out["hits"].size() == out["total"].get<std::size_t>());
  std::map<std::string, int> per_level;
  for (const auto& h : out["hits"]) {
    CHECK(h["ladder"] == "octopus-support");
    per_level[h["ladder"].get<std::string>() + "/" + h["level"].get<std::string>()] += 1;
  }
  for (const auto& f : out["facets"]["level"]) CHECK(per_level[f["value"]] == f["count"].get<int>());

  const auto prefixed = rungs_json({"search", "level:l4 \"maintenance\""});
  REQUIRE(prefixed["total"].get<int>() > 0);
  for (const auto& h : prefixed["hits"]) {
    CHECK(h["level"] == "l4");
    CHECK(h["text"].get<std::string>().find("maintenance") != std::string::npos);
  }
  const auto apostrophe = rungs_json({"search", "high-leverage", "--limit", "5"});
  REQUIRE(apostrophe["total"].get<int>() >= 1);
  const auto text = apostrophe["hits"][0]["text"].get<std::string>();
  CHECK(text.find("that’s high-leverage") != std::string::npos);
  CHECK(text.find("â€") == std::string::npos);
}

TEST_CASE("search expands WordNet synonyms: a query for 'train' finds 'coach'") {
  const auto out = rungs_json({"search", "train", "--ladder", "octopus-support", "--limit", "100"});
  bool coach = false;
  for (const auto& h : out["hits"]) coach = coach || h["text"].get<std::string>().find("coach") != std::string::npos;
  CHECK(coach);
}

TEST_CASE("search with no match says so and exits 0; bad queries do not crash") {
  const auto none = rungs_run({"search", "zzzyqx", "--db", bundled_db()});
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("No statement matches") != std::string::npos);
  for (const std::string q : {"\"unbalanced", "AND", "NOT NOT OR", "mentor AND", "foo:bar baz"}) {
    CAPTURE(q);
    CHECK(rungs_run({"search", q, "--db", bundled_db()}).exit_code == 0);
  }
}

TEST_CASE("level --json ranks every level of every ladder, with evidence") {
  const auto out = rungs_json({"level", "runs the incident war room"});
  REQUIRE(out["ladders"].size() == 4);
  for (const auto& l : out["ladders"]) {
    REQUIRE_FALSE(l["levels"].empty());
    double last = 1e9;
    for (const auto& level : l["levels"]) {
      CHECK(level["score"].get<double>() <= last);
      last = level["score"].get<double>();
      for (const char* key : {"level", "title", "code", "rank", "evidence"}) CHECK(level.contains(key));
    }
  }
  const auto sre = rungs_json({"level", "mentors juniors", "--ladder", "ops-sre"});
  REQUIRE(sre["ladders"].size() == 1);
  CHECK(sre["ladders"][0]["ladder"] == "ops-sre");
}

TEST_CASE("level places job titles and says what decided, in text and JSON") {
  struct Case {
    const char* title;
    const char* ladder;
    const char* level;
    const char* basis;
  };
  const Case cases[] = {
      {"Senior SRE", "ops-sre", "l3", "title"},
      {"Junior Site Reliability Engineer", "ops-sre", "l1", "title"},
      {"Staff Engineer", "ops-sre", "l4", "seniority word"},
      {"L5", "ops-sre", "l5", "code"},
      {"Intermediate Support Engineer", "gitlab-support", "intermediate", "title"},
      {"Senior Customer Support Engineer", "gitlab-support", "senior", "seniority word"},
  };
  for (const auto& c : cases) {
    const std::string title = c.title;
    CAPTURE(title);
    const auto out = rungs_json({"level", c.title, "--ladder", c.ladder});
    CHECK(out["title"] == c.title);
    const auto& answer = out["ladders"][0];
    CHECK(answer["level"] == c.level);
    CHECK(answer["basis"] == c.basis);
    CHECK_FALSE(answer["reason"].get<std::string>().empty());
  }
  const auto manager = rungs_json({"level", "Engineering Manager", "--ladder", "ops-sre"})["ladders"][0];
  CHECK(manager["confidence"].get<double>() <= 0.15);
  CHECK(manager["note"].get<std::string>().find("no management track") != std::string::npos);
  const auto undescribed = rungs_json({"level", "Senior Support Engineer", "--ladder", "gitlab-support"})["ladders"][0];
  CHECK(undescribed["described"] == false);

  const auto mixed =
      rungs_run({"level", "senior SRE who mentors juniors", "--ladder", "ops-sre", "--db", bundled_db()});
  REQUIRE(mixed.exit_code == 0);
  CHECK(mixed.out.find("Senior SRE [L3]") != std::string::npos);
  CHECK(mixed.out.find("why: ") != std::string::npos);
  CHECK(mixed.out.find("mentor") != std::string::npos);  // the duties' evidence
}

TEST_CASE("assign places every row of a staff list, in input order, and reports bad rows by line") {
  const auto db = (scratch() / "merger-staff").string();
  const std::string examples = std::string(RUNGS_SOURCE_DIR) + "/examples/merger/";
  REQUIRE(rungs_run({"index", examples + "northwind.md", examples + "contoso.yaml", "--db", db}).exit_code == 0);
  auto run = rungs_run(
      {"assign", examples + "staff.csv", "--ladder", "contoso", "--ladder", "northwind", "--db", db, "--json"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto out = json::parse(run.out);
  std::ifstream staff(examples + "staff.csv");
  std::string line;
  std::size_t lines = 0;
  while (std::getline(staff, line)) lines += line.empty() ? 0 : 1;
  REQUIRE(out["rows"].size() == lines - 1);  // the header is not a row
  int last = 0;
  for (const auto& row : out["rows"]) {
    CHECK(row["line"].get<int>() > last);
    last = row["line"].get<int>();
    CHECK(row["error"] == "");
    REQUIRE(row["ladders"].size() == 2);
    CHECK(row["ladders"][0]["ladder"] == "contoso");
    for (const auto& a : row["ladders"]) CHECK_FALSE(a["reason"].get<std::string>().empty());
  }
  CHECK(out["rows"][0]["title"] == "Support Engineer I");
  CHECK(out["rows"][0]["ladders"][1]["level"] == "support-engineer-i");
  CHECK(out["rows"][0]["ladders"][1]["basis"] == "title");
  CHECK(out["rows"][0]["ladders"][0]["level"] == "associate-customer-engineer");

  for (const std::string format : {"table", "markdown", "csv"}) {
    CAPTURE(format);
    run = rungs_run({"assign", examples + "staff.csv", "--ladder", "contoso", "--format", format, "--db", db});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("Staff Customer Engineer") != std::string::npos);
  }

  // One title per line, a quoted title with a comma in a CSV, and bad rows:
  // each reported with its line, the others still placed (exit 3).
  const auto list =
      write_file("titles.txt", "Senior SRE\n\nStaff Engineer\ncaf\xe9 Engineer\n" + std::string(300, 'x') + "\nL2\n");
  run = rungs_run({"assign", list.string(), "--ladder", "ops-sre", "--format", "csv", "--db", bundled_db()});
  CHECK(run.exit_code == 3);
  CHECK(run.err.find(":2: empty title") != std::string::npos);
  CHECK(run.err.find(":4: invalid UTF-8") != std::string::npos);
  CHECK(run.err.find(":5: a title of 300 bytes") != std::string::npos);
  std::vector<std::string> csv_lines;
  std::istringstream csv(run.out);
  while (std::getline(csv, line)) csv_lines.push_back(line);
  REQUIRE(csv_lines.size() == 7);  // header and six rows, bad ones included
  CHECK(csv_lines[1].find(",l3,") != std::string::npos);
  CHECK(csv_lines[3].find(",l4,") != std::string::npos);
  CHECK(csv_lines[6].find(",l2,") != std::string::npos);

  const auto quoted = write_file("quoted.csv", "id,Job Title\n1,\"Intern, Site Reliability\"\n2,Principal SRE\n");
  const auto placed =
      json::parse(rungs_run({"assign", quoted.string(), "--ladder", "ops-sre", "--db", bundled_db(), "--json"}).out);
  REQUIRE(placed["rows"].size() == 2);
  CHECK(placed["rows"][0]["title"] == "Intern, Site Reliability");
  CHECK(placed["rows"][0]["ladders"][0]["level"] == "l1");
  CHECK(placed["rows"][1]["ladders"][0]["level"] == "l5");

  const auto wrong_column = rungs_run({"assign", quoted.string(), "--column", "role", "--db", bundled_db()});
  CHECK(wrong_column.exit_code == 1);
  CHECK(wrong_column.err.find("no column 'role'") != std::string::npos);
  // Standard input, one title per line.
  const auto piped = scratch() / "piped.csv";
  const std::string command = "printf 'Senior SRE\\nLead SRE\\n' | " + quote(RUNGS_BINARY) +
                              " assign --ladder ops-sre --format csv --db " + quote(bundled_db()) + " >" +
                              quote(piped.string());
  CHECK(std::system(command.c_str()) == 0);
  CHECK(slurp_file(piped).find("2,Lead SRE,l4,") != std::string::npos);
  const auto nothing = write_file("nothing.txt", "\n\n");
  CHECK(rungs_run({"assign", nothing.string(), "--db", bundled_db()}).exit_code == 1);
}

TEST_CASE("map works for every pair of bundled ladders in every format") {
  const std::vector<std::string> ids = {"octopus-support", "octopus-devops-support", "gitlab-support", "ops-sre"};
  for (const auto& from : ids) {
    for (const auto& to : ids) {
      if (from == to) continue;
      CAPTURE(from);
      CAPTURE(to);
      const auto out = rungs_json({"map", from, to});
      CHECK(out["from"] == from);
      REQUIRE(out["matrix"].size() == out["equivalences"].size());
      int last = -1;
      for (const auto& e : out["equivalences"]) {
        if (e["to"].empty()) continue;
        // Order preserved: the proposed columns never go back down.
        int column = 0;
        for (std::size_t c = 0; c < out["columns"].size(); ++c) {
          if (out["columns"][c]["level"] == e["to"][0]["level"]) column = static_cast<int>(c);
        }
        CHECK(column >= last);
        last = column;
        CHECK_FALSE(e["evidence"].empty());
      }
    }
  }
  for (const std::string format : {"table", "markdown", "csv"}) {
    const auto run = rungs_run({"map", "gitlab-support", "octopus-support", "--format", format, "--db", bundled_db()});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("Staff Support Engineer") != std::string::npos);
  }
  const auto managers = rungs_json({"map", "octopus-support", "ops-sre"});
  CHECK(managers["equivalences"][4]["to"].empty());
}

TEST_CASE("eval stays at or above the floor reached on the development sets") {
  // Floors: the numbers reached when this was written (README, "Evaluation").
  const auto run = rungs_run({"eval", "--db", bundled_db(), "--min-phrases", "0.95", "--min-mapping", "10", "--min-loo",
                              "0.33", "--min-titles", "1.0", "--min-paraphrases", "0.45"});
  CHECK_MESSAGE(run.exit_code == 0, run.out << run.err);
}

TEST_CASE("index adds a user's ladder; bad input is refused and leaves the index as it was") {
  const auto db = (scratch() / "user").string();
  const auto ladder =
      write_file("acme.md",
                 "# Acme Support\n\n## Support Engineer I\n\n### Customers\n\n- Answers tickets with help.\n\n"
                 "## Support Engineer II\n\n### Customers\n\n- Handles escalations independently.\n");
  auto run = rungs_run({"index", ladder.string(), "--db", db});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  auto listed = rungs_run({"ladders", "--db", db, "--json"});
  const auto before = json::parse(listed.out)["ladders"].size();
  CHECK(before == 5);
  const auto mapped = rungs_run({"map", "acme", "ops-sre", "--db", db, "--json"});
  CHECK(mapped.exit_code == 0);

  for (const auto& file :
       std::vector<std::pair<std::string, std::string>>{{"empty.md", ""},
                                                        {"binary.md", std::string("\x7f"
                                                                                  "ELF\0\0\x01",
                                                                                  7)},
                                                        {"bad-utf8.md", "# T\n\n## L\n\n- caf\xe9\n"}}) {
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    const std::string& name = file.first;
    CAPTURE(name);
    const auto path = write_file(name, file.second);
    run = rungs_run({"index", path.string(), "--db", db});
    CHECK(run.exit_code != 0);
    CHECK(run.err.find(name) != std::string::npos);
  }
  listed = rungs_run({"ladders", "--db", db, "--json"});
  CHECK(json::parse(listed.out)["ladders"].size() == before);
}

TEST_CASE("index through a stub file writes each ladder to one local shard, and refuses what it cannot route") {
  const auto dir = scratch() / "stub";
  fs::create_directories(dir);
  const auto ladder = [&](const std::string& id, const std::string& level) {
    return write_file("stub/" + id + ".md", "# " + id + "\n\n## " + level +
                                                " I\n\n### Work\n\n- Answers tickets with help.\n\n## " + level +
                                                " II\n\n### Work\n\n- Handles escalations independently.\n");
  };
  REQUIRE(rungs_run({"index", ladder("alpha", "Analyst").string(), "--db", (dir / "a").string(), "--no-bundled", "-q"})
              .exit_code == 0);
  REQUIRE(rungs_run({"index", std::string(RUNGS_SOURCE_DIR) + "/corpus/ladders/ops-sre.yaml", "--db",
                     (dir / "b").string(), "--no-bundled", "-q"})
              .exit_code == 0);
  const auto stub = write_file("stub/all.stub", "# two local shards\nauto a\nauto b\n");
  const auto ladders_of = [](const fs::path& db) {  // "id,id" in order, to read in a failure
    std::string ids;
    const auto run = rungs_run({"ladders", "--db", db.string(), "--json"});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    const json listed = json::parse(run.out);
    for (const auto& l : listed["ladders"]) ids += (ids.empty() ? "" : ",") + l["id"].get<std::string>();
    return ids;
  };

  // A new ladder goes to the shard with fewer statements (a: 2, b: ops-sre's).
  auto run = rungs_run({"index", ladder("beta", "Designer").string(), "--db", stub.string(), "--json", "-q"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  CHECK(json::parse(run.out)["shards"][0]["shard"].get<std::string>().ends_with("a"));
  CHECK(ladders_of(dir / "a") == std::string("alpha,beta"));
  // Re-indexing a ladder replaces it where it lives, whichever shard is emptier.
  run =
      rungs_run({"index", std::string(RUNGS_SOURCE_DIR) + "/corpus/ladders/ops-sre.yaml", "--db", stub.string(), "-q"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  CHECK(ladders_of(dir / "b") == std::string("ops-sre"));
  CHECK(ladders_of(stub) == std::string("alpha,beta,ops-sre"));
  // Removal through the stub, from the shard that holds it.
  run = rungs_run({"index", "--remove", "alpha", "--db", stub.string()});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  CHECK(ladders_of(dir / "a") == std::string("beta"));

  // Refused, nothing written: an unknown id to remove, --rebuild, a ladder in two shards.
  run = rungs_run({"index", "--remove", "nope", "--db", stub.string()});
  CHECK(run.exit_code != 0);
  CHECK(run.err.find("no ladder 'nope'") != std::string::npos);
  run = rungs_run({"index", "--rebuild", ladder("gamma", "Writer").string(), "--db", stub.string()});
  CHECK(run.exit_code != 0);
  CHECK(run.err.find("--rebuild") != std::string::npos);
  REQUIRE(rungs_run({"index", ladder("beta", "Designer").string(), "--db", (dir / "b").string(), "-q"}).exit_code == 0);
  run = rungs_run({"index", ladder("beta", "Designer").string(), "--db", stub.string(), "-q"});
  CHECK(run.exit_code != 0);
  CHECK(run.err.find("two shards") != std::string::npos);
  CHECK(ladders_of(dir / "a") == std::string("beta"));
}

TEST_CASE("export writes a ladder that indexes back to the same counts") {
  const auto path = scratch() / "ops-sre.yaml";
  auto run = rungs_run({"export", "ops-sre", "-o", path.string(), "--db", bundled_db()});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto db = (scratch() / "exported").string();
  run = rungs_run({"index", path.string(), "--db", db, "--no-bundled"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto original = rungs_json({"ladders"});
  const auto copy = json::parse(rungs_run({"ladders", "--db", db, "--json"}).out);
  REQUIRE(copy["ladders"].size() == 1);
  for (const auto& l : original["ladders"]) {
    if (l["id"] == "ops-sre") CHECK(l == copy["ladders"][0]);
  }
}

TEST_CASE("usage errors exit non-zero with help") {
  CHECK(rungs_run({}).exit_code != 0);
  CHECK(rungs_run({"map", "only-one"}).exit_code != 0);
  const auto help = rungs_run({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Examples") != std::string::npos);
}

TEST_CASE("harmonise bands the bundled ladders in order, with a management band") {
  const auto out = rungs_json({"harmonise", "octopus-support", "octopus-devops-support", "gitlab-support", "ops-sre"});
  REQUIRE_FALSE(out["bands"].empty());
  std::map<std::string, int> last_band;
  bool management = false;
  for (const auto& band : out["bands"]) {
    management = management || band["track"] == "management";
    if (band["track"] != "individual") continue;
    for (const auto& m : band["members"]) {
      const std::string ladder = m["ladder"];
      CHECK(band["band"].get<int>() >= last_band[ladder]);
      last_band[ladder] = band["band"].get<int>();
    }
  }
  CHECK(management);
  CHECK(rungs_run({"harmonise", "ops-sre", "--db", bundled_db()}).exit_code != 0);
}

TEST_CASE("compare reports themes per level in every format") {
  const auto out = rungs_json({"compare", "gitlab-support", "ops-sre"});
  CHECK(out["a"]["ladder"] == "gitlab-support");
  CHECK(out["b"]["levels"].size() == 5);
  CHECK_FALSE(out["a"]["themes"].empty());
  for (const std::string format : {"table", "markdown", "csv"}) {
    CAPTURE(format);
    const auto run = rungs_run({"compare", "octopus-support", "ops-sre", "--format", format, "--db", bundled_db()});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("mentoring") != std::string::npos);
  }
}

TEST_CASE("the merger walkthrough: two example companies map level for level") {
  const auto db = (scratch() / "merger").string();
  const std::string examples = std::string(RUNGS_SOURCE_DIR) + "/examples/merger/";
  auto run = rungs_run({"index", examples + "northwind.md", examples + "contoso.yaml", "--db", db});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  run = rungs_run({"map", "northwind", "contoso", "--db", db, "--json"});
  REQUIRE(run.exit_code == 0);
  const auto out = json::parse(run.out);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& e : out["equivalences"])
    pairs.emplace_back(e["from"]["level"], e["to"].empty() ? "" : e["to"][0]["level"]);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"support-engineer-i", "associate-customer-engineer"},
      {"support-engineer-ii", "customer-engineer"},
      {"senior-support-engineer", "senior-customer-engineer"},
      {"principal-support-engineer", "staff-customer-engineer"},
      {"support-manager", "customer-engineering-manager"},
  };
  CHECK(pairs == expected);
}

namespace {

// Counts non-overlapping occurrences of `needle`.
std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML reports are self-contained, and a real browser shows the bands and proposals") {
  const auto html = scratch() / "bands.html";
  auto run = rungs_run({"harmonise", "octopus-support", "gitlab-support", "ops-sre", "--html", html.string(), "--db",
                        bundled_db(), "--json"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto bands = json::parse(run.out);
  const std::string page = slurp_file(html);
  CHECK(page.find("<!doctype html>") == 0);
  CHECK(page.find("src=") == std::string::npos);       // no external scripts or images
  CHECK(page.find("http") == std::string::npos);       // nothing fetched from the network
  CHECK(page.find("<details>") != std::string::npos);  // evidence on expansion

  for (const auto& [command, file] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"map", "octopus-support", "ops-sre"}, "map.html"},
           {{"compare", "gitlab-support", "ops-sre"}, "compare.html"}}) {
    auto args = command;
    args.insert(args.end(), {"--html", (scratch() / file).string(), "--db", bundled_db()});
    CHECK(rungs_run(args).exit_code == 0);
    CHECK(slurp_file(scratch() / file).find("class=\"cell proposed\"") != std::string::npos);
  }

  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) {
    MESSAGE("chromium is not installed (./setup.sh installs it): browser check skipped");
    return;
  }
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --window-size=1400,1200 --user-data-dir=" +
      quote((scratch() / "chromium-profile").string()) + " ";
  const auto png = scratch() / "bands.png";
  const std::string shot = std::string(chromium) + flags + "--screenshot=" + quote(png.string()) + " " +
                           quote("file://" + html.string()) + " >/dev/null 2>&1";
  CHECK(std::system(shot.c_str()) == 0);
  REQUIRE(fs::exists(png));
  CHECK(fs::file_size(png) > 20000);  // a rendered page, not a blank one
  const auto dom_file = scratch() / "dom.html";
  const std::string dump = std::string(chromium) + flags + "--dump-dom " + quote("file://" + html.string()) + " >" +
                           quote(dom_file.string()) + " 2>/dev/null";
  CHECK(std::system(dump.c_str()) == 0);
  const std::string dom = slurp_file(dom_file);
  // What the browser shows: a row per band, each member's title, one outlined cell per proposal.
  CHECK(occurrences(dom, "<td class=\"band\">") == bands["bands"].size());
  for (const auto& band : bands["bands"]) {
    for (const auto& m : band["members"]) CHECK(dom.find(m["title"].get<std::string>()) != std::string::npos);
  }
  std::size_t proposals = 0;
  for (const auto& ladder : {"octopus-support", "gitlab-support"}) {
    const auto table = rungs_json({"map", ladder, "ops-sre"});
    for (const auto& e : table["equivalences"]) proposals += e["to"].empty() ? 0 : 1;
  }
  CHECK(occurrences(dom, "cell proposed") == proposals);
}

TEST_CASE("set-aside lines stay findable when asked for, and out of results otherwise") {
  const auto plain = rungs_json({"search", "Adhere Competencies", "--ladder", "gitlab-support"});
  for (const auto& h : plain["hits"]) CHECK(h["kind"] != "boilerplate");
  const auto asked = rungs_json({"search", "Adhere", "--kind", "boilerplate", "--limit", "100"});
  CHECK(asked["total"].get<int>() == 12);  // six "Adhere to the … Competencies" lines on each GitLab page
  for (const auto& h : asked["hits"]) CHECK(h["kind"] == "boilerplate");
  CHECK(rungs_json({"search", "kind:boilerplate Adhere"})["total"].get<int>() == 12);
}

TEST_CASE("the model cache in the index: the same answers cold and warm, rebuilt when damaged or re-indexed") {
  const auto db = (scratch() / "cached").string();
  REQUIRE(rungs_run({"index", "--rebuild", "--db", db}).exit_code == 0);
  const auto cache = fs::path(db) / "model-cache.bin";
  const std::vector<std::string> level = {"level", "runs the incident war room", "--db", db};
  REQUIRE_FALSE(fs::exists(cache));
  const auto cold = rungs_run(level);
  REQUIRE_MESSAGE(cold.exit_code == 0, cold.err);
  REQUIRE(fs::exists(cache));
  const auto warm = rungs_run(level);
  CHECK(warm.exit_code == 0);
  CHECK(warm.out == cold.out);
  CHECK(warm.err.empty());
  const std::vector<std::string> map = {"map", "octopus-support", "ops-sre", "--json", "--db", db};
  CHECK(rungs_run(map).out == rungs_run(map).out);

  SUBCASE("a damaged cache is rebuilt silently") {
    fs::resize_file(cache, fs::file_size(cache) / 2);
    const auto damaged = rungs_run(level);
    CHECK(damaged.exit_code == 0);
    CHECK(damaged.out == cold.out);
    CHECK(damaged.err.empty());
    CHECK(rungs_run(level).out == cold.out);
  }
  SUBCASE("a cache that cannot be written only costs the build") {
    // Running as root ignores permissions: a directory in the cache's place cannot be replaced.
    fs::create_directories(fs::path(db) / "model-cache-no-synonyms.bin");
    std::vector<std::string> plain = level;
    plain.push_back("--no-synonyms");
    const auto first = rungs_run(plain);
    CHECK_MESSAGE(first.exit_code == 0, first.err);
    CHECK(first.err.empty());
    CHECK(rungs_run(plain).out == first.out);
  }
  SUBCASE("adding a ladder to the index makes the cache stale") {
    const auto ladder = write_file("warroom.md",
                                   "# War Room\n\n## Responder\n\n- Joins the incident war room when paged.\n\n"
                                   "## Commander\n\n- Runs the incident war room and leads the response.\n");
    REQUIRE(rungs_run({"index", ladder.string(), "--db", db}).exit_code == 0);
    const auto after = rungs_run(level);
    CHECK(after.exit_code == 0);
    CHECK(after.out.find("warroom") != std::string::npos);
    fs::remove(cache);
    CHECK(rungs_run(level).out == after.out);
  }
}
