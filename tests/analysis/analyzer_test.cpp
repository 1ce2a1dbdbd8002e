// The shared text analysis: normalisation, stemming, stopwords.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "rungs/analysis/analyzer.h"

namespace analysis = rungs::analysis;
using rungs::analysis::Analyzer;
using Words = std::vector<std::string>;

TEST_CASE("Analyzer::stems gives the documented example") {
  const Analyzer analyzer;
  CHECK(analyzer.stems("Mentors junior teammates") == Words{"mentor", "junior", "teammat"});
}

TEST_CASE("capitalised words stem like lower-case ones") {
  const Analyzer analyzer;
  static const char* const cases[][2] = {
      {"Mentoring", "mentoring"},
      {"LEADS", "leads"},
      {"Leads Cross-Functional Teams", "leads cross-functional teams"},
  };
  for (const auto& c : cases) {
    const std::string input = c[0];
    CAPTURE(input);
    CHECK(analyzer.stems(c[0]) == analyzer.stems(c[1]));
  }
}

TEST_CASE("British and American spellings stem alike") {
  const Analyzer analyzer;
  static const char* const cases[][2] = {
      {"prioritise", "prioritize"},
      {"Prioritises", "prioritizes"},
      {"prioritising", "prioritizing"},
      {"prioritised", "prioritized"},
      {"organisation", "organization"},
      {"organisational", "organizational"},
      {"organiser", "organizer"},
      {"behaviour", "behavior"},
      {"behaviours", "behaviors"},
      {"behavioural", "behavioral"},
      {"favourite", "favorite"},
      {"colour", "color"},
      {"labour", "labor"},
      {"honourable", "honorable"},
      {"analyse", "analyze"},
      {"analysed", "analyzed"},
      {"analysing", "analyzing"},
      {"practise", "practice"},
      {"practising", "practicing"},
      {"centre", "center"},
      {"criticise", "criticize"},
      {"standardised", "standardized"},
      {"categorise", "categorize"},
      {"minimising", "minimizing"},
      {"judgement", "judgment"},
      {"defence", "defense"},
  };
  for (const auto& c : cases) {
    const std::string input = c[0];
    CAPTURE(input);
    CHECK(analyzer.stems(c[0]) == analyzer.stems(c[1]));
  }
}

TEST_CASE("words that only look British are left alone") {
  static const char* const words[] = {
      "advise",      "advises",    "advising",   "exercise",  "exercised",   "expertise",  "enterprise",
      "enterprises", "raise",      "raised",     "praised",   "fundraising", "wise",       "otherwise",
      "likewise",    "surprise",   "surprising", "promise",   "compromise",  "premises",   "precise",
      "concise",     "noise",      "rise",       "arise",     "arising",     "revise",     "devise",
      "supervise",   "supervised", "televise",   "franchise", "merchandise", "improvise",  "improvisation",
      "disguise",    "chastise",   "despise",    "incise",    "excise",      "circumcise", "comprise",
      "advertising", "crises",     "cruise",     "poised",    "treatise",    "paradise",   "analysis",
      "basis",       "emphasis",   "precision",  "hour",      "four",
  };
  for (const char* word : words) {
    const std::string w = word;
    CAPTURE(w);
    CHECK(analysis::normalize_word(word) == (std::string(word) == "four" ? "4" : word));
  }
}

TEST_CASE("normalize folds case, respells and turns number words into digits") {
  static const char* const cases[][2] = {
      {"Prioritises six Behaviours", "prioritizes 6 behaviors"},
      {"Leads ONE to Twenty teams", "leads 1 to 20 teams"},
      {"R&D: don't  analyse <this>!", "r&d: don't  analyze <this>!"},
      {"one's", "one's"},
      {"Straße", "strasse"},
      {"organisation-wide", "organization-wide"},
  };
  for (const auto& c : cases) {
    const std::string input = c[0];
    CAPTURE(input);
    CHECK(analysis::normalize(c[0]) == c[1]);
  }
}

TEST_CASE("number words become digits in words and stems") {
  const Analyzer analyzer;
  CHECK(analyzer.words("Six teams") == Words{"6", "teams"});
  CHECK(analyzer.stems("twelve engineers") == Words{"12", "engin"});
}

TEST_CASE("stopwords are dropped from stems but why, how, not and no are kept") {
  const Analyzer analyzer;
  const Analyzer& a = analyzer;
  const auto stems = a.stems("Knows the why and the how, not no-one's");
  CHECK(std::find(stems.begin(), stems.end(), "the") == stems.end());
  CHECK(std::find(stems.begin(), stems.end(), "and") == stems.end());
  for (const char* kept : {"why", "how", "not", "no"}) {
    const std::string k = kept;
    CAPTURE(k);
    const auto want = a.stems(kept);
    REQUIRE(want.size() == 1);
    CHECK(std::find(stems.begin(), stems.end(), want.front()) != stems.end());
  }
  const std::set<std::string> stop(analysis::stopwords().begin(), analysis::stopwords().end());
  for (const char* word : {"why", "how", "not", "no"}) CHECK(stop.count(word) == 0);
  CHECK(a.words("The why") == Words{"the", "why"});
}

TEST_CASE("Analyzer copies work independently") {
  const Analyzer a;
  const Analyzer b = a;
  Analyzer c;
  c = b;
  CHECK(a.stems("Mentoring") == c.stems("mentoring"));
  CHECK(b.words("Hello World") == Words{"hello", "world"});
}
