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

TEST_CASE("a model build tells its progress: every step once, in order, over two passes") {
  std::vector<std::pair<std::size_t, std::size_t>> told;
  const rungs::mapping::Model model({ladder(kAcme), ladder(kGlobex), ladder(kSolo)}, {},
                                    [&](std::size_t done, std::size_t total) { told.emplace_back(done, total); });
  REQUIRE(told.size() == 6);
  for (std::size_t i = 0; i < told.size(); ++i) {
    CHECK(told[i].first == i + 1);
    CHECK(told[i].second == 6);
  }
  CHECK(model.ladders().size() == 3);
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

const rungs::mapping::Band* band_of(const rungs::mapping::Harmonisation& h, const std::string& ladder,
                                    const std::string& level) {
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
  CHECK(h.pivots[0] == rungs::mapping::Pivot{"individual", "acme"});
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
    for (const auto& note : band.notes) {
      gap_noted = gap_noted || (note.kind == rungs::mapping::BandNote::Kind::gap && note.ladder == "initech");
    }
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

TEST_CASE("a model read back from its file answers exactly as the model built") {
  using rungs::mapping::Model;
  const Model built({ladder(kAcme), ladder(kGlobex), ladder(kSolo)});
  const std::string bytes = built.serialize("index 1");
  const auto loaded = Model::deserialize(bytes, "index 1", {});
  REQUIRE(loaded.has_value());
  CHECK(loaded->ladders() == built.ladders());
  // Words of the corpus (synonyms cached in the file) and words it lacks
  // (looked up in the thesaurus on demand).
  for (const char* phrase : {"reviews code written by teammates", "runs the incident war room", "coaches juniors"}) {
    CAPTURE(phrase);
    CHECK(loaded->match_phrase(phrase) == built.match_phrase(phrase));
    CHECK(loaded->match_phrase_without(phrase, "acme", 1, 0) == built.match_phrase_without(phrase, "acme", 1, 0));
  }
  // A pair, not a structured binding: clang 14's CAPTURE cannot capture one.
  for (const auto& pair : {std::pair{"acme", "globex"}, {"globex", "acme"}, {"solo", "globex"}}) {
    CAPTURE(pair.first);
    CHECK(loaded->map_ladders(pair.first, pair.second) == built.map_ladders(pair.first, pair.second));
  }
  // Same state, synonyms looked up since included: the same file.
  CHECK(loaded->serialize("index 1") == built.serialize("index 1"));

  SUBCASE("a file saved for another key, other options or another format version is stale, not an error") {
    CHECK_FALSE(Model::deserialize(bytes, "index 2", {}).has_value());
    rungs::mapping::ModelOptions no_synonyms;
    no_synonyms.use_synonyms = false;
    CHECK_FALSE(Model::deserialize(bytes, "index 1", no_synonyms).has_value());
    std::string other_version = bytes;
    other_version[8] = static_cast<char>(other_version[8] + 1);  // after the 8-byte magic
    CHECK_FALSE(Model::deserialize(other_version, "index 1", {}).has_value());
  }
  SUBCASE("a model built without synonyms keeps its options") {
    rungs::mapping::ModelOptions no_synonyms;
    no_synonyms.use_synonyms = false;
    const Model plain({ladder(kAcme), ladder(kGlobex)}, no_synonyms);
    const auto back = Model::deserialize(plain.serialize("k"), "k", no_synonyms);
    REQUIRE(back.has_value());
    CHECK(back->match_phrase("coaches juniors") == plain.match_phrase("coaches juniors"));
  }
}

TEST_CASE("a truncated or corrupt model file is refused with an error, never read") {
  using rungs::mapping::Model;
  const std::string bytes = Model({ladder(kAcme), ladder(kGlobex)}).serialize("k");
  for (std::size_t size :
       {std::size_t{0}, std::size_t{7}, std::size_t{27}, std::size_t{28}, bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(size);
    CHECK_THROWS_AS((void)Model::deserialize(bytes.substr(0, size), "k", {}), rungs::Error);
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
  CHECK_THROWS_WITH_AS((void)Model::deserialize(flipped, "k", {}), doctest::Contains("corrupt"), rungs::Error);
  CHECK_THROWS_AS((void)Model::deserialize(bytes + "x", "k", {}), rungs::Error);
  CHECK_THROWS_WITH_AS((void)Model::deserialize("not a model file at all, just some text", "k", {}),
                       doctest::Contains("not a rungs model file"), rungs::Error);
}
