#include <doctest/doctest.h>

#include <algorithm>
#include <limits>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"

using rungs::mapping::align_monotone;

namespace {

constexpr double kNo = -std::numeric_limits<double>::infinity();

bool non_decreasing(const std::vector<int>& aligned) {
  int last = -1;
  for (int c : aligned) {
    if (c < 0) continue;
    if (c < last) return false;
    last = c;
  }
  return true;
}

rungs::corpus::Ladder ladder(const std::string& yaml) { return rungs::corpus::ladder_from_yaml(yaml, "test.yaml"); }

const rungs::mapping::Equivalence& row(const rungs::mapping::MappingTable& t, const std::string& level) {
  for (const auto& e : t.equivalences) {
    if (e.from.level == level) return e;
  }
  FAIL("no row for " << level);
  return t.equivalences.front();
}

// Two small ladders of the same shape, worded differently.
const char* kAcme = R"(
id: acme
name: Acme
levels:
  - title: Engineer I
    statements: [Fixes small bugs with guidance from a senior engineer., Learns the deployment tooling.]
  - title: Engineer II
    statements: [Owns features end to end independently., Reviews code for teammates.]
  - title: Engineer III
    statements: [Sets technical direction for the whole organisation., Mentors engineers across teams.]
  - title: Engineering Manager
    track: management
    statements: [Hires and manages a team of engineers and runs their performance reviews.]
)";
const char* kGlobex = R"(
id: globex
name: Globex
levels:
  - title: Junior
    statements: [Fixes small bugs under guidance., Learning our deployment tools.]
  - title: Mid
    statements: [Independently owns features from design to release., Reviews teammates' code.]
  - title: Senior
    statements: [Sets the technical direction for the organization., Mentors engineers on other teams.]
)";
const char* kSolo = R"(
id: solo
name: Solo
levels:
  - title: Tech Lead
    statements: [Sets technical direction for the organization and mentors engineers across teams.]
)";

}  // namespace

TEST_CASE("align_monotone keeps order, shares columns and skips what it cannot place") {
  struct Case {
    const char* name;
    std::vector<std::vector<double>> scores;
    double skip;
    std::vector<int> expected;
  };
  const Case cases[] = {
      {"diagonal", {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, -5, {0, 1, 2}},
      {"many to one", {{1, 0}, {0.9, 0.1}, {0, 1}}, -5, {0, 0, 1}},
      {"crossing preferences resolved in order", {{0, 2}, {3, 0}}, -5, {0, 0}},
      {"forbidden row has no equivalent", {{1, 0}, {kNo, kNo}, {0, 1}}, -5, {0, -1, 1}},
      {"weak row skipped when skipping pays", {{1, 0}, {-9, -9}, {0, 1}}, -1, {0, -1, 1}},
      {"one row", {{0.2, 0.7, 0.1}}, -5, {1}},
      {"columns left unmatched", {{0, 0, 0, 1}}, -5, {3}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    const auto aligned = align_monotone(c.scores, c.skip);
    CHECK(aligned == c.expected);
    CHECK(non_decreasing(aligned));
  }
  CHECK(align_monotone({}, 0).empty());
}

TEST_CASE("map_ladders aligns levels of two ladders in order, with evidence") {
  const rungs::mapping::Model model({ladder(kAcme), ladder(kGlobex), ladder(kSolo)});
  const auto table = model.map_ladders("acme", "globex");
  REQUIRE(table.equivalences.size() == 4);
  CHECK(row(table, "engineer-i").to.at(0).level == "junior");
  CHECK(row(table, "engineer-ii").to.at(0).level == "mid");
  CHECK(row(table, "engineer-iii").to.at(0).level == "senior");
  CHECK(table.matrix.size() == 4);
  CHECK(table.matrix[0].size() == 3);
  CHECK(table.matrix[0][0] > table.matrix[0][2]);
  for (const auto& e : table.equivalences) {
    if (e.to.empty()) continue;
    CHECK(e.confidence > 0);
    CHECK(e.confidence <= 1);
    CHECK_FALSE(e.evidence.empty());
  }
  SUBCASE("a management level has no equivalent in an individual-contributor ladder") {
    const auto& manager = row(table, "engineering-manager");
    CHECK(manager.to.empty());
    CHECK(manager.note.find("management") != std::string::npos);
  }
}

TEST_CASE("a one-level ladder is placed by what its statements say") {
  const rungs::mapping::Model model({ladder(kAcme), ladder(kGlobex), ladder(kSolo)});
  const auto table = model.map_ladders("solo", "globex");
  REQUIRE(table.equivalences.size() == 1);
  REQUIRE(table.equivalences[0].to.size() == 1);
  CHECK(table.equivalences[0].to[0].level == "senior");
}

TEST_CASE("match_phrase ranks every level of a ladder, best first, with evidence") {
  const rungs::mapping::Model model({ladder(kAcme), ladder(kGlobex)});
  const auto match = model.match_phrase("reviews code written by teammates", {"globex"});
  REQUIRE(match.ladders.size() == 1);
  const auto& levels = match.ladders[0].levels;
  REQUIRE(levels.size() == 3);
  CHECK(levels[0].level == "mid");
  CHECK(levels[0].score >= levels[1].score);
  CHECK(levels[1].score >= levels[2].score);
  REQUIRE_FALSE(levels[0].evidence.empty());
  CHECK(levels[0].evidence[0].text == "Reviews teammates' code.");
  CHECK_THROWS_AS((void)model.match_phrase("anything", {"nope"}), rungs::QueryError);
  CHECK_THROWS_AS((void)model.match_phrase("the of and", {}), rungs::QueryError);
}

TEST_CASE("statements repeated across levels of one ladder do not decide the level") {
  const char* cumulative = R"(
id: cumulative
name: Cumulative
levels:
  - title: One
    statements: [Writes clear documentation., Handles tickets with help.]
  - title: Two
    statements: [Writes clear documentation., Handles escalated tickets alone.]
)";
  const rungs::mapping::Model model({ladder(cumulative)});
  const auto match = model.match_phrase("handles tickets with help and writes documentation", {"cumulative"});
  CHECK(match.ladders[0].levels[0].level == "one");
}

namespace {

const char* kInitech = R"(
id: initech
name: Initech
levels:
  - title: Associate Engineer
    statements: [Fixes small bugs with help and guidance., Learning the deployment tools.]
  - title: Senior Engineer
    statements: [Sets technical direction for the organization and mentors engineers across teams.]
  - title: Engineering Manager
    statements: [Hires and manages a team of engineers and runs their performance reviews.]
)";

const rungs::mapping::Band* band_of(const rungs::mapping::Harmonisation& h, const std::string& ladder, const std::string& level) {
  for (const auto& band : h.bands) {
    for (const auto& m : band.members) {
      if (m.ladder == ladder && m.level.level == level) return &band;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("harmonise puts equivalent levels of several ladders in one band, in order") {
  const rungs::mapping::Model model({ladder(kAcme), ladder(kGlobex), ladder(kInitech)});
  const auto h = rungs::mapping::harmonise(model, {"acme", "globex", "initech"});
  REQUIRE(h.pivots.size() == 2);  // individual and management tracks
  CHECK(h.pivots[0] == "individual: acme");
  // A ≈ B and B ≈ C: the bands keep them together.
  CHECK(band_of(h, "acme", "engineer-i") == band_of(h, "globex", "junior"));
  CHECK(band_of(h, "acme", "engineer-iii") == band_of(h, "globex", "senior"));
  CHECK(band_of(h, "initech", "senior-engineer") == band_of(h, "globex", "senior"));
  // Bands never cross: a higher level never sits in a lower band.
  for (const auto& ladder_id : {"globex", "initech"}) {
    int last = 0;
    for (const auto& level : model.ladder(ladder_id).levels) {
      const auto* band = band_of(h, ladder_id, level.id);
      if (!band || band->track != "individual") continue;
      CHECK(band->number >= last);
      last = band->number;
    }
  }
  // Gaps and the management track are said, not hidden.
  const auto* manager = band_of(h, "initech", "engineering-manager");
  REQUIRE(manager != nullptr);
  CHECK(manager->track == "management");
  bool gap_noted = false;
  for (const auto& band : h.bands) {
    for (const auto& note : band.notes) gap_noted = gap_noted || note == "initech has no level in this band";
  }
  CHECK(gap_noted);
  CHECK_THROWS_AS((void)rungs::mapping::harmonise(model, {"acme"}), rungs::QueryError);
  CHECK_THROWS_AS((void)rungs::mapping::harmonise(model, {"acme", "acme"}), rungs::QueryError);
}

TEST_CASE("compare finds themes per level, themes one ladder lacks, and duplicate levels") {
  const char* cumulative = R"(
id: cumulative
name: Cumulative
levels:
  - title: One
    statements: [Writes clear documentation., Handles customer tickets with help., Learns the tools.]
  - title: Two
    statements: [Writes clear documentation., Handles customer tickets with help., Mentors new teammates.]
)";
  const rungs::mapping::Model model({ladder(kAcme), ladder(cumulative)});
  const auto c = rungs::mapping::compare(model, "acme", "cumulative");
  REQUIRE(c.a.themes.size() == rungs::mapping::themes().size());
  auto theme = [](const rungs::mapping::LadderProfile& p, const std::string& name) {
    for (const auto& t : p.themes) {
      if (t.theme == name) return t;
    }
    FAIL("no theme " << name);
    return p.themes.front();
  };
  CHECK(theme(c.a, "mentoring").statements == std::vector<int>{0, 0, 1, 0});
  CHECK(theme(c.a, "mentoring").first_level == 2);
  CHECK(theme(c.b, "customer focus").first_level == 0);
  CHECK(std::find(c.only_in_b.begin(), c.only_in_b.end(), "customer focus") != c.only_in_b.end());
  REQUIRE(c.b.near_duplicates.size() == 1);
  CHECK(c.b.near_duplicates[0].find("Two repeats 67% of One") != std::string::npos);
}
