// Mapping on ladders shaped like real ones: partial ladders placed on the
// industry scale, codes at face value, one-level ladders, phrases of a track
// the ladder lacks, and phrases nothing in the ladder matches.
#include <doctest/doctest.h>

#include <filesystem>

#include "rungs/corpus/load.h"
#include "rungs/mapping/mapping.h"

namespace {

rungs::corpus::Ladder ladder(const std::string& yaml) { return rungs::corpus::ladder_from_yaml(yaml, "test.yaml"); }

// Five steps, junior to principal, in its own words.
const char* kFull = R"(
id: full
name: Full
levels:
  - {title: Junior Engineer, code: L1, statements: [Fixes small bugs with help from a senior teammate., Learns the deployment tooling.]}
  - {title: Engineer, code: L2, statements: [Owns small features independently., Takes part in the on-call rotation.]}
  - {title: Senior Engineer, code: L3, statements: [Leads projects for the team and mentors juniors., Handles incidents on call.]}
  - {title: Staff Engineer, code: L4, statements: [Leads projects across several teams., Sets technical standards for the team.]}
  - {title: Principal Engineer, code: L5, statements: [Sets technical direction for the whole company., Represents engineering externally.]}
)";

}  // namespace

TEST_CASE("partial ladders are placed where their titles or codes say, not spread over the other ladder") {
  struct Case {
    const char* name;
    const char* yaml;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"two levels, senior and staff",
       R"(
id: two
name: Two
levels:
  - {title: Senior Developer, statements: [Guides the work of the team and coaches newer developers.]}
  - {title: Staff Developer, statements: [Drives work that spans several teams.]}
)",
       {"L3", "L4"}},
      {"starts at its second step",
       R"(
id: late
name: Late
levels:
  - {title: Developer, statements: [Delivers features on their own.]}
  - {title: Senior Developer, statements: [Guides the work of the team.]}
  - {title: Staff Developer, statements: [Drives work that spans several teams.]}
  - {title: Principal Developer, statements: [Shapes the direction of the company.]}
)",
       {"L2", "L3", "L4", "L5"}},
      {"codes alone, from the third step",
       R"(
id: coded
name: Coded
levels:
  - {title: E3, statements: [Guides the work of the team.]}
  - {title: E4, statements: [Drives work that spans several teams.]}
)",
       {"L3", "L4"}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    const rungs::mapping::Model model({ladder(kFull), ladder(c.yaml)});
    const auto table = model.map_ladders(ladder(c.yaml).id, "full");
    std::vector<std::string> got;
    for (const auto& e : table.equivalences) got.push_back(e.to.empty() ? "-" : e.to.front().code);
    CHECK(got == c.expected);
  }
}

TEST_CASE("a one-level ladder's confidence is how well the phrase matches it, never certainty") {
  const char* kOne = R"(
id: one
name: One
levels:
  - {title: Support Engineer, statements: [Answers customer tickets about billing., Writes help centre articles.]}
)";
  const rungs::mapping::Model model({ladder(kOne), ladder(kFull)});
  const auto close = model.match_phrase("answers customer tickets about billing", {"one"}).ladders.at(0);
  const auto far = model.match_phrase("repairs bicycles", {"one"}).ladders.at(0);
  CHECK(close.confidence < 1.0);
  CHECK(close.confidence > 0.5);
  CHECK(far.confidence == 0);
}

TEST_CASE("level says there is no good match for a people-management phrase on a ladder with no management track") {
  const char* kManaged = R"(
id: managed
name: Managed
levels:
  - {title: Engineer, statements: [Owns small features independently.]}
  - {title: Engineering Manager, track: management, statements: [Hires engineers and runs their performance reviews.]}
)";
  const rungs::mapping::Model model({ladder(kFull), ladder(kManaged)});
  const auto answer = model.answer("hires engineers and runs their performance reviews", {"full", "managed"});
  REQUIRE(answer.ladders.size() == 2);
  const auto& individual = answer.ladders[0];
  CHECK_FALSE(individual.good_match);
  CHECK(individual.confidence <= 0.15);
  CHECK(individual.note.find("no management track") != std::string::npos);
  const auto& with_managers = answer.ladders[1];
  CHECK(with_managers.good_match);
  CHECK(with_managers.level.level == "engineering-manager");
}

TEST_CASE("level says there is no good match when the closest statement shares little with the phrase") {
  // The bundled ladders: similarities depend on the corpus, and a realistic one is needed here.
  const rungs::mapping::Model model(
      rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders"));
  const auto weak = model.answer("plays chess on team nights", {"ops-sre"});
  CHECK_FALSE(weak.ladders.at(0).good_match);
  CHECK(weak.ladders.at(0).note.starts_with("no good match in this ladder"));
  const auto strong = model.answer("mentors junior teammates informally with direct, specific feedback", {"ops-sre"});
  CHECK(strong.ladders.at(0).good_match);
  CHECK(strong.ladders.at(0).level.code == "L3");
}

TEST_CASE("reporting to a mentor is not mentoring, on the bundled SRE ladder") {
  const rungs::mapping::Model model(
      rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders"));
  const auto match = model.match_phrase("provides status updates to their mentor", {"ops-sre"}).ladders.at(0);
  REQUIRE_FALSE(match.levels.empty());
  CHECK(match.levels.front().code != "L3");  // L3 is the level that "acts as informal mentor"
  CHECK(match.levels.front().rank <= 2);
}

TEST_CASE("who does what: being reviewed is not reviewing, reporting to a mentor is not mentoring") {
  // The same words on both levels: only who does what tells them apart.
  const char* kVoice = R"(
id: voice
name: Voice
levels:
  - {title: Junior Engineer, statements: [Code is reviewed by teammates., Reports progress weekly to their mentor.]}
  - {title: Senior Engineer, statements: [Reviews code of teammates., Mentors others and reports progress weekly.]}
)";
  const rungs::mapping::Model model({ladder(kVoice), ladder(kFull)});
  struct Case {
    const char* phrase;
    const char* level;
  };
  const Case cases[] = {
      {"reviews code of teammates", "senior-engineer"},
      {"code is reviewed by teammates", "junior-engineer"},
      {"mentors others", "senior-engineer"},
      {"reports progress weekly to their mentor", "junior-engineer"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.phrase));
    const auto match = model.match_phrase(c.phrase, {"voice"}).ladders.at(0);
    REQUIRE_FALSE(match.levels.empty());
    CHECK(match.levels.front().level == c.level);
  }
}

TEST_CASE("list numbering is not text: a number in the phrase finds nothing in a numbered list") {
  const auto numbered = rungs::corpus::load_ladder(std::filesystem::path(RUNGS_SOURCE_DIR) / "tests" / "fixtures" /
                                                   "published" / "numbered-steps.md");
  for (const auto& level : numbered.levels) {
    for (const auto& statement : level.statements) {
      CAPTURE(statement.text);
      CHECK_FALSE((statement.text.front() >= '0' && statement.text.front() <= '9'));
    }
  }
  const rungs::mapping::Model model({numbered, ladder(kFull)});
  // "five" is the number 5 to the analyser; the fifth item's "5." must not answer it.
  CHECK(model.match_phrase("five", {numbered.id}).ladders.at(0).confidence == 0);
  const auto manages = model.answer("line manages five engineers", {numbered.id}).ladders.at(0);
  CHECK_FALSE(manages.good_match);
  CHECK(manages.confidence <= 0.15);
}

TEST_CASE("qualifiers: needing help reads lower than working without supervision") {
  const char* kQualified = R"(
id: qualified
name: Qualified
levels:
  - {title: Junior Engineer, statements: [Debugs production issues with help from a senior teammate., Learns the deployment tooling.]}
  - {title: Engineer, statements: [Debugs production issues on their own., Owns small features.]}
  - {title: Senior Engineer, statements: [Debugs the hardest production issues and teaches others how., Leads projects for the team.]}
)";
  const rungs::mapping::Model model({ladder(kQualified), ladder(kFull)});
  struct Case {
    const char* phrase;
    const char* level;
  };
  const Case cases[] = {
      {"needs help to debug production issues", "junior-engineer"},
      {"debugs production issues with guidance", "junior-engineer"},
      {"debugs production issues without supervision", "engineer"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.phrase));
    const auto match = model.match_phrase(c.phrase, {"qualified"}).ladders.at(0);
    REQUIRE_FALSE(match.levels.empty());
    CHECK(match.levels.front().level == c.level);
  }
}

TEST_CASE("negation: a phrase that denies a duty is not matched to the level whose statements affirm it") {
  const char* kDuties = R"(
id: duties
name: Duties
levels:
  - {title: Junior Engineer, statements: [Fixes small bugs with help., Takes part in incident reviews as a listener.]}
  - {title: Senior Engineer, statements: [Mentors others on incident response., Leads incident reviews.]}
)";
  const rungs::mapping::Model model({ladder(kDuties), ladder(kFull)});
  for (const char* phrase :
       {"does not yet mentor others", "never leads incident reviews", "cannot mentor others yet"}) {
    CAPTURE(std::string(phrase));
    const auto match = model.match_phrase(phrase, {"duties"}).ladders.at(0);
    REQUIRE_FALSE(match.levels.empty());
    CHECK(match.levels.front().level == "junior-engineer");
    if (std::string(phrase).find("mentor") == std::string::npos) continue;
    for (const auto& level : match.levels) {  // the statement the phrase denies is no evidence for it
      for (const auto& evidence : level.evidence) CHECK(evidence.text.find("Mentors others") == std::string::npos);
    }
  }
  // The same words affirmed still find the senior level.
  CHECK(model.match_phrase("mentors others", {"duties"}).ladders.at(0).levels.front().level == "senior-engineer");
}

TEST_CASE("a first level titled as the entry level maps to the entry level though its statements use senior words") {
  // Like a published OSPO ladder: "Engineer I" asks to champion a community
  // and represent the company, words the seniority lexicon reads as senior.
  const char* kEntry = R"(
id: entry
name: Entry
levels:
  - {title: Community Engineer I, statements: [Vocal champion of the community's interests across the organisation., Represents the company in public at industry meetups., Influences the company-wide developer strategy through external posts.]}
  - {title: Community Engineer II, statements: [Owns small features of the community tooling independently., Takes part in the on-call rotation.]}
  - {title: Senior Community Engineer, statements: [Leads projects for the team and mentors juniors., Handles incidents on call.]}
)";
  auto ladders = rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders");
  ladders.push_back(ladder(kEntry));
  const rungs::mapping::Model model(std::move(ladders));
  const auto table = model.map_ladders("entry", "ops-sre");
  REQUIRE(table.equivalences.size() == 3);
  const char* expected[] = {"l1", "l2", "l3"};
  for (std::size_t r = 0; r < 3; ++r) {
    CAPTURE(r);
    REQUIRE_FALSE(table.equivalences[r].to.empty());
    CHECK(table.equivalences[r].to.front().level == expected[r]);
  }
}
