// Placing job titles on ladders (`Model::place_title`, `Model::answer`):
// small ladders written for these cases, one kind of evidence per table.
#include <doctest/doctest.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/mapping/mapping.h"

namespace {

using rungs::mapping::Model;
using rungs::mapping::ModelOptions;

// An SRE ladder with codes, five steps from junior.
const char* kReliability = R"(
id: reliability
name: Reliability Engineering
levels:
  - {title: Junior Reliability Engineer, code: R1, statements: [Fixes small alerts with help from a teammate.]}
  - {title: Reliability Engineer, code: R2, statements: [Handles incidents on call independently.]}
  - {title: Senior Reliability Engineer, code: R3, statements: [Leads complex incident response and mentors others.]}
  - {title: Staff Reliability Engineer, code: R4, statements: [Sets reliability direction across teams.]}
  - {title: Principal Reliability Engineer, code: R5, statements: [Shapes company-wide infrastructure strategy.]}
)";

// A support ladder that starts at its second step, with a level declared
// but not described, an alias and a management track.
const char* kHelpdesk = R"(
id: helpdesk
name: Helpdesk Support
levels:
  - title: Support Engineer
    aliases: [Support Engineer II]
    statements: [Answers customer tickets without supervision.]
  - title: Senior Support Engineer
    missing: true
  - title: Lead Support Engineer
    statements: [Leads the team's hardest customer escalations.]
  - title: Support Manager
    track: management
    statements: [Hires and coaches the support team.]
  - title: Director of Support
    track: management
    statements: [Sets the strategy of the support organisation.]
)";

// Levels named only by numerals: a title's seniority word is placed on them
// through the numerals, junior (I) to senior (III).
const char* kNumbered = R"(
id: numbered
name: Data Analysts
levels:
  - {title: Data Analyst I, statements: [Builds reports that others specify.]}
  - {title: Data Analyst II, statements: [Designs dashboards for a team on their own.]}
  - {title: Data Analyst III, statements: [Owns the analytics of a product area and mentors analysts.]}
)";

// Two levels, no seniority word in any title: the statements say which is higher.
const char* kPlain = R"(
id: plain
name: Platform
levels:
  - {title: Platform Engineer, statements: [Learns the deployment tooling with guidance from a teammate.]}
  - {title: Platform Architect, statements: [Sets company-wide platform strategy and mentors engineers across teams.]}
)";

// One progression through two roles: the second role starts above the
// first role's senior level, so its titles' words and its place disagree.
const char* kTwoRoles = R"(
id: two-roles
name: Support and Operations
levels:
  - {title: Support Engineer, statements: [Answers customer tickets.]}
  - {title: Senior Support Engineer, statements: [Handles escalations and mentors others.]}
  - {title: Operations Engineer, statements: [Runs the production platform independently.]}
  - {title: Senior Operations Engineer, statements: [Leads the design of the production platform.]}
)";

// The same, with longer role names: a title may name its role in fewer words.
const char* kAnalysts = R"(
id: analysts
name: Analysts
levels:
  - {title: Customer Support Analyst, statements: [Answers customer questions about reports.]}
  - {title: Senior Customer Support Analyst, statements: [Handles escalated reporting questions.]}
  - {title: Data Platform Analyst, statements: [Maintains the data platform's pipelines.]}
  - {title: Senior Data Platform Analyst, statements: [Designs the data platform's pipelines.]}
)";

// Numerals that stop short of senior: the ladder's own count decides.
const char* kDesigners = R"(
id: designers
name: Design
levels:
  - {title: Designer I, statements: [Designs screens from a given brief.]}
  - {title: Designer II, statements: [Designs whole features on their own.]}
  - {title: Lead Designer, statements: [Leads the design of a product area and mentors designers.]}
  - {title: Design Manager, track: management, statements: [Hires and manages the design team.]}
)";

// Levels named only by grade: words and place in the ladder order them.
const char* kGrades = R"(
id: grades
name: Grades
levels:
  - {title: Grade 1, statements: [Learns the codebase with help from a mentor.]}
  - {title: Grade 2, statements: [Delivers features independently.]}
  - {title: Grade 3, statements: [Sets company-wide technical strategy.]}
)";

const Model& model() {
  static const Model m = [] {
    std::vector<rungs::corpus::Ladder> ladders;
    for (const char* yaml : {kReliability, kHelpdesk, kNumbered, kPlain, kTwoRoles, kAnalysts, kDesigners, kGrades}) {
      ladders.push_back(rungs::corpus::ladder_from_yaml(yaml, "test.yaml"));
    }
    ModelOptions options;
    options.use_synonyms = false;  // no WordNet needed: titles are placed by their words' meaning
    return Model(std::move(ladders), options);
  }();
  return m;
}

struct Case {
  const char* title;
  const char* ladder;
  const char* level;  // level id; "" for none
  const char* basis;
};

void check_cases(const Case* begin, const Case* end) {
  for (const Case* c = begin; c != end; ++c) {
    const std::string title = c->title, ladder = c->ladder;
    CAPTURE(title);
    CAPTURE(ladder);
    const auto p = model().place_title(c->title, {c->ladder}).front();
    CHECK(p.level.level == c->level);
    CHECK(p.basis == c->basis);
    CHECK((p.level.level.empty() ? !p.note.empty() : !p.reason.empty()));
  }
}

TEST_CASE("place_title: the ladder's own titles, aliases and codes, however spelt") {
  const Case cases[] = {
      {"Senior Reliability Engineer", "reliability", "senior-reliability-engineer", "title"},
      {"sr. reliability eng", "reliability", "senior-reliability-engineer", "title"},
      {"Reliability Engineer, Staff", "reliability", "staff-reliability-engineer", "title"},
      {"Support Engineer 2", "helpdesk", "support-engineer", "alias"},
      {"Data Analyst 3", "numbered", "data-analyst-iii", "title"},
      {"R4", "reliability", "staff-reliability-engineer", "code"},
      {"Reliability Engineer (r3)", "reliability", "senior-reliability-engineer", "code"},
      {"L2", "reliability", "reliability-engineer", "code"},  // another scheme, read by number
      {"Level 5", "reliability", "principal-reliability-engineer", "code"},
      {"IC3", "helpdesk", "senior-support-engineer", "numeral"},  // no codes here: the third step
      {"", "helpdesk", "", ""},
  };
  check_cases(std::begin(cases), std::end(cases));
}

TEST_CASE("place_title: seniority words and numerals on the industry scale, placed absolutely") {
  const Case cases[] = {
      {"Intern, Reliability", "reliability", "junior-reliability-engineer", "seniority word"},
      {"Graduate Site Reliability Engineer", "reliability", "junior-reliability-engineer", "seniority word"},
      {"Lead Production Engineer", "reliability", "staff-reliability-engineer", "seniority word"},
      {"Distinguished Engineer", "reliability", "principal-reliability-engineer", "seniority word"},
      {"Reliability Engineer III", "reliability", "senior-reliability-engineer", "numeral"},
      {"Infrastructure Engineer", "reliability", "reliability-engineer", "no seniority word"},
      // The ladder starts at intermediate: a junior is placed at its first
      // level, a senior on the level it declares without describing.
      {"Junior Support Engineer", "helpdesk", "support-engineer", "seniority word"},
      {"Senior Customer Support Engineer", "helpdesk", "senior-support-engineer", "seniority word"},
      {"Staff Support Engineer", "helpdesk", "lead-support-engineer", "seniority word"},
      {"Support Engineer III", "helpdesk", "senior-support-engineer", "numeral"},
      // Numbered levels read as junior, intermediate, senior.
      {"Senior Data Analyst", "numbered", "data-analyst-iii", "seniority word"},
      {"Junior Data Analyst", "numbered", "data-analyst-i", "seniority word"},
      // Support tiers and codes of another ladder read as numerals where the ladder has no codes.
      {"Tier 2 Support Engineer", "helpdesk", "support-engineer", "numeral"},
      {"Tier 3 Support Engineer", "helpdesk", "senior-support-engineer", "numeral"},
      {"App Support Engineer", "two-roles", "support-engineer", "no seniority word"},
      // A senior of the second role is its senior level, though the ladder's
      // order puts that level above a senior of the first role.
      {"Senior Ops Engineer", "two-roles", "senior-operations-engineer", "title"},
      {"Senior Production Engineer", "two-roles", "senior-operations-engineer", "seniority word"},
      {"Senior Customer Support Engineer", "two-roles", "senior-support-engineer", "seniority word"},
      {"Staff Support Engineer", "two-roles", "senior-operations-engineer", "seniority word"},
      {"Operations Engineer II", "two-roles", "operations-engineer", "numeral"},
      {"Junior Operations Engineer", "two-roles", "operations-engineer", "seniority word"},
      {"Platform Analyst", "analysts", "data-platform-analyst", "no seniority word"},
      {"Junior Platform Analyst", "analysts", "data-platform-analyst", "seniority word"},
      {"Senior Platform Analyst", "analysts", "senior-data-platform-analyst", "seniority word"},
      {"Support Analyst", "analysts", "customer-support-analyst", "no seniority word"},
      // Numerals counted on the ladder's own numerals: III is the step after II.
      {"Designer III", "designers", "lead-designer", "numeral"},
      {"Product Designer II", "designers", "designer-ii", "numeral"},
      {"Data Analyst IV", "numbered", "data-analyst-iii", "numeral"},
      // No title word anywhere: the statements and the order place the levels.
      {"Grade 2", "grades", "grade-2", "title"},
      {"Junior Engineer", "grades", "grade-1", "seniority word"},
      {"Principal Engineer", "grades", "grade-3", "seniority word"},
      {"Principal Platform Engineer", "plain", "platform-architect", "seniority word"},
      {"Junior Platform Engineer", "plain", "platform-engineer", "seniority word"},
  };
  check_cases(std::begin(cases), std::end(cases));
}

TEST_CASE("place_title: the management track, and lead titles") {
  const Case cases[] = {
      {"Customer Support Manager", "helpdesk", "support-manager", "seniority word"},
      {"Head of Customer Support", "helpdesk", "director-of-support", "seniority word"},
      {"VP of Support", "helpdesk", "director-of-support", "seniority word"},
      // "Lead" is the helpdesk's own individual level; on the reliability
      // ladder, a team lead with no management track is an individual level.
      {"Support Team Lead", "helpdesk", "lead-support-engineer", "seniority word"},
      {"Team Lead", "reliability", "staff-reliability-engineer", "seniority word"},
      // A manager on a ladder with no management track: the level of similar
      // seniority, marked as such (see the next test case).
      {"Engineering Manager", "reliability", "staff-reliability-engineer", "track"},
  };
  check_cases(std::begin(cases), std::end(cases));
}

TEST_CASE("place_title says when a title does not fit the ladder: another track, family, or an undescribed level") {
  const auto manager = model().place_title("SRE Manager", {"reliability"}).front();
  CHECK(manager.confidence <= 0.15);
  CHECK(manager.note.find("no management track") != std::string::npos);

  const auto designer = model().place_title("Senior Product Designer", {"reliability"}).front();
  CHECK(designer.level.level == "senior-reliability-engineer");
  CHECK(designer.confidence < 0.5);
  CHECK(designer.note.find("design title") != std::string::npos);
  const auto same_family = model().place_title("Senior Production Engineer", {"reliability"}).front();
  CHECK(same_family.confidence > designer.confidence);
  CHECK(same_family.note.empty());

  const auto senior = model().place_title("Senior Support Engineer", {"helpdesk"}).front();
  CHECK(senior.level.level == "senior-support-engineer");
  CHECK_FALSE(senior.described);
  CHECK(senior.note.find("does not describe") != std::string::npos);

  // The strongest evidence is the most certain.
  const auto own = model().place_title("Staff Reliability Engineer", {"reliability"}).front();
  const auto word = model().place_title("Staff Engineer", {"reliability"}).front();
  const auto none = model().place_title("Site Reliability Engineer", {"reliability"}).front();
  CHECK(own.confidence > word.confidence);
  CHECK(word.confidence > none.confidence);
}

TEST_CASE("answer: titles, duty phrases and both, with the reason") {
  struct AnswerCase {
    const char* text;
    const char* title;  // the part read as a title
    const char* level;
    const char* basis;
  };
  const AnswerCase cases[] = {
      {"Senior Reliability Engineer", "Senior Reliability Engineer", "senior-reliability-engineer", "title"},
      {"senior reliability engineer who handles incidents on call", "senior reliability engineer",
       "senior-reliability-engineer", "title"},
      {"Sets reliability direction across teams", "", "staff-reliability-engineer", "statements"},
      // A title with no seniority word lets the duties decide.
      {"Infrastructure Engineer who sets direction across teams", "Infrastructure Engineer",
       "staff-reliability-engineer", "statements"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto a = model().answer(c.text, {"reliability"});
    CHECK(a.title == c.title);
    REQUIRE(a.ladders.size() == 1);
    CHECK(a.ladders[0].level.level == c.level);
    CHECK(a.ladders[0].basis == c.basis);
    CHECK_FALSE(a.ladders[0].reason.empty());
  }
  // A text that does not read as a title is a duty phrase, unless the caller
  // knows it is a title (a staff list's title column).
  const auto detected = model().answer("Reliability Operations", {"reliability"});
  CHECK(detected.title.empty());
  const auto told = model().answer("Reliability Operations", {"reliability"}, 3, rungs::mapping::TextKind::title);
  CHECK(told.title == "Reliability Operations");
  CHECK(told.ladders[0].level.level == "reliability-engineer");
  CHECK(told.ladders[0].basis == "no seniority word");
  const auto mixed = model().answer("Senior Reliability Engineer who handles incidents on call", {"reliability"});
  CHECK(mixed.duties == "handles incidents on call");
  CHECK_THROWS_AS((void)model().answer("Senior SRE", {"no-such-ladder"}), rungs::QueryError);
  for (const char* nothing : {"", "   ", "!!!"}) {
    const std::string text = nothing;
    CAPTURE(text);
    CHECK_THROWS_AS((void)model().answer(nothing, {"reliability"}), rungs::QueryError);
  }
}

}  // namespace
