// What people review after a mapping: pins and crosswalks, the chosen pivot of harmonise, the
// statements behind compare's themes, why each row is where it is, and what confidences are worth.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/mapping/crosswalk.h"
#include "rungs/mapping/evaluation.h"
#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"

namespace {

using rungs::mapping::Pin;

rungs::corpus::Ladder ladder(const std::string& yaml) { return rungs::corpus::ladder_from_yaml(yaml, "test.yaml"); }

const char* kFrom = R"(
id: from
name: From
levels:
  - {title: Engineer I, statements: [Fixes small bugs with guidance from a senior engineer.]}
  - {title: Engineer II, statements: [Owns features end to end independently.]}
  - {title: Engineer III, statements: [Sets technical direction for the whole organisation.]}
)";
const char* kTo = R"(
id: to
name: To
levels:
  - {title: Junior, statements: [Fixes small bugs under guidance.]}
  - {title: Mid, statements: [Independently owns features from design to release.]}
  - {title: Senior, statements: [Sets the technical direction of the organisation.]}
)";

std::vector<std::string> targets(const rungs::mapping::MappingTable& t) {
  std::vector<std::string> out;
  for (const auto& e : t.equivalences) out.push_back(e.to.empty() ? "-" : e.to.front().level);
  return out;
}

}  // namespace

TEST_CASE("pins decide their rows and the other rows are aligned around them, in order") {
  const rungs::mapping::Model model({ladder(kFrom), ladder(kTo)});
  REQUIRE(targets(model.map_ladders("from", "to")) == std::vector<std::string>{"junior", "mid", "senior"});

  struct Case {
    const char* name;
    std::vector<Pin> pins;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"a pin against the proposal", {{"engineer-ii", "senior"}}, {"junior", "senior", "senior"}},
      {"pins by title, case aside", {{"Engineer I", "MID"}}, {"mid", "mid", "senior"}},
      {"no equivalent", {{"engineer-iii", ""}}, {"junior", "mid", "-"}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    const auto table = model.map_ladders("from", "to", c.pins);
    CHECK(targets(table) == c.expected);
    for (const auto& e : table.equivalences) {
      const bool pinned = std::any_of(c.pins.begin(), c.pins.end(),
                                      [&](const Pin& p) { return p.from == e.from.level || p.from == e.from.title; });
      CHECK(e.pinned == pinned);
      if (pinned && !e.to.empty()) CHECK(e.confidence == 1.0);
    }
  }
}

TEST_CASE("pins that cross, repeat a row or name no level are refused with the reason") {
  const rungs::mapping::Model model({ladder(kFrom), ladder(kTo)});
  const auto message = [&](const std::vector<Pin>& pins) {
    try {
      (void)model.map_ladders("from", "to", pins);
    } catch (const rungs::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message({{"engineer-i", "senior"}, {"engineer-ii", "junior"}}).starts_with("pins cross"));
  CHECK(message({{"engineer-i", "junior"}, {"Engineer I", "mid"}}).find("pinned twice") != std::string::npos);
  CHECK(message({{"engineer-iv", "junior"}}).find("no level of from") != std::string::npos);
  CHECK(message({{"engineer-i", "staff"}}).find("levels: junior, mid, senior") != std::string::npos);
}

TEST_CASE("a saved crosswalk reads back as pins of every row, and reversed for the other direction") {
  const rungs::mapping::Model model({ladder(kFrom), ladder(kTo)});
  const auto table = model.map_ladders("from", "to", {{"engineer-iii", ""}});
  const auto path =
      std::filesystem::temp_directory_path() / ("rungs-crosswalk-" + std::to_string(std::random_device{}()) + ".yaml");
  std::ofstream(path) << rungs::mapping::crosswalk_yaml(table);
  const auto crosswalks = rungs::mapping::read_crosswalks(path);
  std::filesystem::remove(path);
  REQUIRE(crosswalks.size() == 1);
  CHECK(crosswalks[0].pins == std::vector<Pin>{{"engineer-i", "junior"}, {"engineer-ii", "mid"}, {"engineer-iii", ""}});
  CHECK(targets(model.map_ladders("from", "to", rungs::mapping::pins_for(crosswalks, "from", "to"))) == targets(table));
  CHECK(rungs::mapping::pins_for(crosswalks, "to", "from") ==
        std::vector<Pin>{{"junior", "engineer-i"}, {"mid", "engineer-ii"}});
  CHECK(rungs::mapping::parse_pin("a=b") == Pin{"a", "b"});
  CHECK(rungs::mapping::parse_pin("a=") == Pin{"a", ""});
  CHECK_THROWS_AS((void)rungs::mapping::parse_pin("a"), rungs::QueryError);
}

TEST_CASE("harmonise: the pivot can be chosen, pins apply to each ladder's alignment onto it") {
  const char* kTwo = R"(
id: two
name: Two
levels:
  - {title: Junior, statements: [Fixes small bugs under guidance.]}
  - {title: Senior, statements: [Sets the technical direction of the organisation.]}
)";
  const rungs::mapping::Model model({ladder(kFrom), ladder(kTo), ladder(kTwo)});
  const auto by_default = rungs::mapping::harmonise(model, {"two", "from", "to"});
  REQUIRE(by_default.pivots.size() == 1);
  CHECK(by_default.pivots[0].ladder == "from");  // the first of the ladders with most levels
  const auto chosen = rungs::mapping::harmonise(model, {"two", "from", "to"}, {.pivot = "two", .crosswalks = {}});
  CHECK(chosen.pivots[0] == rungs::mapping::Pivot{"individual", "two"});
  CHECK(chosen.bands.size() == 2);
  const rungs::mapping::Crosswalk decided{.from = "from", .to = "two", .pins = {{"engineer-ii", "junior"}}};
  const auto pinned = rungs::mapping::harmonise(model, {"two", "from"}, {.pivot = "two", .crosswalks = {decided}});
  const auto& band1 = pinned.bands[0].members;
  CHECK(std::any_of(band1.begin(), band1.end(), [](const auto& m) { return m.level.level == "engineer-ii"; }));
  CHECK_THROWS_WITH_AS((void)rungs::mapping::harmonise(model, {"two", "from"}, {.pivot = "to", .crosswalks = {}}),
                       "the pivot 'to' is not one of the ladders harmonised", rungs::QueryError);
}

TEST_CASE("compare: an area named after a theme counts for it, and the statements behind each count are kept") {
  const char* kAreas = R"(
id: areas
name: Areas
levels:
  - title: Junior
    areas:
      Collaboration: [Joins the weekly planning with the other squads.]
      Craft: [Writes readable code.]
  - title: Senior
    areas:
      Craft: [Designs systems.]
)";
  const rungs::mapping::Model model({ladder(kAreas), ladder(kTo)});
  const auto c = rungs::mapping::compare(model, "areas", "to");
  const auto& themes = c.a.themes;
  const auto collaboration =
      std::find_if(themes.begin(), themes.end(), [](const auto& t) { return t.theme == "collaboration"; });
  REQUIRE(collaboration != themes.end());
  CHECK(collaboration->statements == std::vector<int>{1, 0});
  CHECK(collaboration->evidence[0] == std::vector<std::string>{"Joins the weekly planning with the other squads."});
  CHECK(collaboration->evidence[1].empty());
}

TEST_CASE("map explains each row: gain terms, runner-up, and what moved a row off the statements' choice") {
  const char* kTitled = R"(
id: titled
name: Titled
levels:
  - {title: Junior Engineer, statements: [Fixes small bugs and sets the technical direction of the organisation.]}
)";
  const char* kPlain = R"(
id: plain
name: Plain
levels:
  - {title: Junior Engineer, statements: [Fixes small bugs under guidance.]}
  - {title: Engineer, statements: [Independently owns features from design to release.]}
  - {title: Principal Engineer, statements: [Sets the technical direction of the organisation.]}
)";
  // A third ladder for the column bias to be estimated from (it leaves out the ladder mapped onto).
  const char* kOther = R"(
id: other
name: Other
levels:
  - {title: Analyst, statements: [Writes weekly reports on sales figures.]}
  - {title: Senior Analyst, statements: [Presents quarterly forecasts to the board.]}
)";
  const rungs::mapping::Model model({ladder(kTitled), ladder(kPlain), ladder(kOther)});
  const auto table = model.map_ladders("titled", "plain");
  for (const auto& e : table.equivalences) {
    CAPTURE(e.from.level);
    CHECK(e.gain.total == doctest::Approx(e.gain.content + e.gain.position + e.gain.seniority));
    REQUIRE(e.runner_up.has_value());
    CHECK(e.runner_up_gain.total <= e.gain.total);
  }
  for (const auto& e : table.equivalences) {
    if (e.content_choice) {  // something beside the statements moved the row, and says which
      CHECK(e.content_choice->level != e.to.at(0).level);
      CHECK((e.decided_by == rungs::mapping::Decider::position || e.decided_by == rungs::mapping::Decider::seniority));
    } else {
      CHECK(e.decided_by == rungs::mapping::Decider::content);
    }
  }
  // The junior level says junior in its title, though its statement leans to the principal one.
  CHECK(table.equivalences[0].to.at(0).level != "principal-engineer");
  REQUIRE(table.equivalences[0].content_choice.has_value());
}

TEST_CASE("calibration bins answers by confidence and weighs each bin's gap between accuracy and confidence") {
  using rungs::mapping::Outcome;
  const std::vector<Outcome> outcomes = {
      {"a", "x", true, 0.9},
      {"b", "x", false, 0.9},
      {"c", "x", true, 0.1},
      {"d", "x", true, 0.3},
  };
  const auto c = rungs::mapping::calibration(outcomes, 5);
  REQUIRE(c.bins.size() == 5);
  CHECK(c.outcomes == 4);
  CHECK(c.bins[4].count == 2);
  CHECK(c.bins[4].accuracy == doctest::Approx(0.5));
  CHECK(c.bins[4].mean_confidence == doctest::Approx(0.9));
  CHECK(c.bins[0].count == 1);
  CHECK(c.bins[1].count == 1);
  CHECK(c.bins[2].count == 0);
  // (2 x |0.5 - 0.9| + 1 x |1 - 0.1| + 1 x |1 - 0.3|) / 4
  CHECK(c.expected_error == doctest::Approx((0.8 + 0.9 + 0.7) / 4));
  CHECK(rungs::mapping::calibration({}, 5).expected_error == 0);
}

TEST_CASE(
    "harmonise agrees with map: a direct pairing of two ladders shares their band, or the band says it does not") {
  const rungs::mapping::Model model(
      rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders"));
  std::vector<std::string> ids;
  for (const auto& l : model.ladders()) ids.push_back(l.id);
  REQUIRE(ids.size() >= 3);
  for (const auto& pivot : ids) {
    CAPTURE(pivot);
    const auto bands = rungs::mapping::harmonise(model, ids, {.pivot = pivot, .crosswalks = {}});
    std::map<std::pair<std::string, std::string>, const rungs::mapping::Band*> band_of;
    for (const auto& band : bands.bands) {
      for (const auto& m : band.members) band_of[{m.ladder, m.level.level}] = &band;
    }
    for (const auto& x : ids) {
      for (const auto& y : ids) {
        if (x == pivot || y == pivot || x >= y) continue;
        for (const auto& eq : model.map_ladders(x, y).equivalences) {
          if (eq.to.empty()) continue;
          const auto from = band_of.find({x, eq.from.level}), to = band_of.find({y, eq.to.front().level});
          if (from == band_of.end() || to == band_of.end() || from->second == to->second) continue;
          CAPTURE(eq.from.level);
          const auto& notes = from->second->notes;
          CHECK(std::any_of(notes.begin(), notes.end(), [&](const rungs::mapping::BandNote& n) {
            return n.kind == rungs::mapping::BandNote::Kind::direct_disagrees && n.other_ladder == y;
          }));
        }
      }
    }
  }
}
