#include <doctest/doctest.h>

#include "rungs/corpus/title.h"

namespace rungs::corpus {
namespace {

TEST_CASE("read_title: seniority, codes, numerals, track and family") {
  struct Case {
    const char* title;
    std::optional<double> seniority;
    const char* code;
    int code_number;
    int numeral;
    const char* track;
    const char* family;
  };
  const Case cases[] = {
      {"Senior SRE", seniority::kSenior, "", 0, 0, "individual", "sre"},
      {"Sr. Production Engineer", seniority::kSenior, "", 0, 0, "individual", "sre"},
      {"Jr. Application Support Engineer", seniority::kJunior, "", 0, 0, "individual", "support"},
      {"Intern, Site Reliability", seniority::kIntern, "", 0, 0, "individual", "sre"},
      {"Customer Support Engineer III", std::nullopt, "", 0, 3, "individual", "support"},
      {"Senior Engineer 2", seniority::kSenior, "", 0, 2, "individual", ""},
      {"Senior Staff Engineer", 4.5, "", 0, 0, "individual", ""},
      {"Lead SRE (L4)", seniority::kStaff, "L4", 4, 0, "individual", "sre"},
      {"IC3", std::nullopt, "IC3", 3, 0, "individual", ""},
      {"Level 2", std::nullopt, "L2", 2, 0, "individual", ""},
      {"3", std::nullopt, "", 3, 0, "individual", ""},
      {"Senior Product Manager", seniority::kSenior, "", 0, 0, "individual", "product"},
      {"Program Manager II", std::nullopt, "", 0, 2, "individual", ""},
      {"Head of Support", 6.0, "", 0, 0, "management", "support"},
      {"VP of Customer Experience", 7.0, "", 0, 0, "management", "support"},
      {"CTO", 8.0, "", 0, 0, "management", ""},
      {"Senior Engineering Manager", 5.0, "", 0, 0, "management", ""},
      {"Distinguished OSPO Engineer", seniority::kDistinguished, "", 0, 0, "individual", "devrel"},
      {"", std::nullopt, "", 0, 0, "individual", ""},
  };
  for (const auto& c : cases) {
    const std::string title = c.title;
    CAPTURE(title);
    const auto r = read_title(c.title);
    CHECK(r.seniority == c.seniority);
    CHECK(r.code == c.code);
    CHECK(r.code_number == c.code_number);
    CHECK(r.numeral == c.numeral);
    CHECK(r.track == c.track);
    CHECK(r.family == c.family);
  }
}

TEST_CASE("read_title keeps the role words apart from seniority and numerals") {
  const auto r = read_title("Sr. Platform Engineer III");
  CHECK(r.role_words == std::vector<std::string>{"platform", "engineer"});
  CHECK(r.seniority_word == "senior");
}

TEST_CASE("looks_like_level_title tells level headings from prose sections") {
  struct Case {
    const char* heading;
    bool level;
  };
  const Case cases[] = {
      {"IC1", true},
      {"L4: Lead SRE", true},
      {"Senior OSPO Engineer", true},
      {"OSPO Engineer II", true},
      {"Engineer", true},
      {"Associate", true},
      {"Director", true},
      {"3", true},
      {"When do I get promoted?", false},
      {"What are the expectations of my role?", false},
      {"Levels", false},
      {"Anti-patterns", false},
      {"Overview", false},
      {"FAQ", false},
      {"Core Competencies", false},
      {"Management", false},
      {"SE Regional Team Leads", false},
      {"Support engineering career framework", false},
  };
  for (const auto& c : cases) {
    const std::string heading = c.heading;
    CAPTURE(heading);
    CHECK(looks_like_level_title(c.heading) == c.level);
  }
}

TEST_CASE("prose_section_reason names why a heading is not a level") {
  CHECK(prose_section_reason("Anti-patterns") == "what not to do");
  CHECK(prose_section_reason("When do I get promoted?") == "a question (FAQ)");
  CHECK(prose_section_reason("Promotion process") == "promotion process");
  CHECK(prose_section_reason("Impact") == "");
  CHECK(prose_section_reason("Senior Engineer") == "");
}

TEST_CASE("title_order_key orders titles of one ladder by code, seniority word, then numeral") {
  const auto key = [](const char* t) { return title_order_key(read_title(t)); };
  CHECK(key("Junior Engineer") < key("Engineer"));
  CHECK(key("Engineer") < key("Senior Engineer 1"));
  CHECK(key("Senior Engineer 1") < key("Senior Engineer 2"));
  CHECK(key("Senior Engineer 2") < key("Staff Engineer"));
  CHECK(key("L2") < key("L10"));
}

TEST_CASE("is_job_title tells titles from duty phrases") {
  struct Case {
    const char* text;
    bool title;
  };
  const Case cases[] = {
      {"Senior SRE", true},
      {"Head of Customer Support", true},
      {"Intern, Site Reliability", true},
      {"Reliability Engineer", true},
      {"Support Team Lead", true},
      {"IC4", true},
      {"Level 3", true},
      {"Data Analyst II", true},
      {"VP Engineering", true},
      {"Customer Support Rep", true},
      {"Senior", true},
      {"Principal, Platform", true},
      {"Lead incident response", false},
      {"Lead on-call rotations for the team", false},
      {"mentors juniors", false},
      {"lead the incident response", false},
      {"manages six support engineers", false},
      {"manages a team of six to ten support engineers", false},
      {"shadows junior teammates", false},
      {"runs the incident war room", false},
      {"Overview", false},
      {"", false},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    CHECK(is_job_title(c.text) == c.title);
  }
}

TEST_CASE("find_title splits a title from the duties after it") {
  struct Case {
    const char* text;
    bool found;
    const char* title;
    const char* duties;
  };
  const Case cases[] = {
      {"senior SRE who mentors juniors", true, "senior SRE", "mentors juniors"},
      {"Staff Engineer", true, "Staff Engineer", ""},
      {"Support Engineer - answers tickets", true, "Support Engineer", "answers tickets"},
      {"Lead SRE, runs the war room", true, "Lead SRE", "runs the war room"},
      {"Intern, Site Reliability", true, "Intern, Site Reliability", ""},
      {"Staff SRE at a payments company", true, "Staff SRE", "a payments company"},
      {"Senior Support Engineer in the EMEA team", true, "Senior Support Engineer", "the EMEA team"},
      {"mentors juniors", false, "", ""},
      {"builds tools that make the support team more effective", false, "", ""},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto split = find_title(c.text);
    REQUIRE(split.has_value() == c.found);
    if (!split) continue;
    CHECK(split->title == c.title);
    CHECK(split->duties == c.duties);
  }
}

TEST_CASE("title_key: one key for the spellings of one title") {
  const auto key = [](const char* t) { return title_key(read_title(t)); };
  CHECK(key("Sr. SRE II") == key("senior site reliability engineer 2"));
  CHECK(key("Intern, Site Reliability") == key("Site Reliability Intern"));
  CHECK(key("Head of Support") == key("head support"));
  CHECK(key("Senior SRE") != key("SRE"));
  CHECK(key("SRE I") != key("SRE II"));
  CHECK(key("") == "");
}

TEST_CASE("numeral_seniority: I, II, III read as junior, intermediate, senior") {
  CHECK(numeral_seniority(1) == seniority::kJunior);
  CHECK(numeral_seniority(2) == seniority::kIntermediate);
  CHECK(numeral_seniority(3) == seniority::kSenior);
  CHECK(numeral_seniority(9) == seniority::kDistinguished);
  CHECK_FALSE(numeral_seniority(0).has_value());
}

}  // namespace
}  // namespace rungs::corpus
