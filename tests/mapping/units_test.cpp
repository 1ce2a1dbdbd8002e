// The private units of mapping, tested directly: the phrase lexicon, the
// seniority lexicon, the TF-IDF vocabulary and the co-occurrence table.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cooccurrence.h"
#include "phrase_set.h"
#include "seniority.h"
#include "vector_space.h"

using rungs::mapping::PhraseSet;
using rungs::mapping::SeniorityLexicon;
using rungs::mapping::SparseVector;
using rungs::mapping::Vocabulary;
using Words = std::vector<std::string>;

namespace {

Words split(const std::string& text) {
  std::istringstream in(text);
  Words words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

TEST_CASE("PhraseSet finds phrases left to right without overlap, the longest first") {
  PhraseSet set;
  set.add("mentor*|lead the", 1);
  set.add("lead the team|on-call", 2);
  set.add("team", 3);
  struct Case {
    const char* words;
    std::vector<double> found;
  };
  const Case cases[] = {
      {"", {}},
      {"nothing here", {}},
      {"mentors juniors", {1}},  // '*' matches any ending
      {"mentor", {1}},
      {"ment", {}},            // but not a shorter word
      {"lead the team", {2}},  // the longest phrase wins over "lead the" + "team"
      {"lead the way", {1}},
      {"team lead the team", {3, 2}},
      {"on call rota", {2}},  // a hyphen in a phrase matches two words
      {"oncall", {}},
      {"mentoring the team and mentoring", {1, 3, 1}},
  };
  for (const auto& c : cases) {
    const std::string words = c.words;
    CAPTURE(words);
    CHECK(set.find(split(c.words)) == c.found);
  }
}

TEST_CASE("SeniorityLexicon reads low cues low and high cues high, and no cue as the middle") {
  const SeniorityLexicon lexicon;
  struct Case {
    const char* words;
    double min;
    double max;
    double cues;
  };
  const Case cases[] = {
      {"shadows on call shifts with help", 0.0, 0.2, 2},
      {"works independently", 0.4, 0.45, 1},
      {"sets company wide strategy", 0.8, 1.0, 2},  // "company-wide" as the analyzer splits it
      {"writes code", 0.5, 0.5, 0},                 // the mean of no cue
  };
  for (const auto& c : cases) {
    const std::string words = c.words;
    CAPTURE(words);
    const auto reading = lexicon.read(split(c.words));
    CHECK(reading.cues == c.cues);
    CHECK(reading.mean() >= c.min);
    CHECK(reading.mean() <= c.max);
  }
  const char* const titles[] = {"junior engineer", "engineer",           "senior engineer",
                                "staff engineer",  "principal engineer", "distinguished engineer"};
  double last = -1;
  for (const char* title : titles) {
    const std::string t = title;
    CAPTURE(t);
    const auto reading = lexicon.read_title(split(title));
    if (t == "engineer") {
      CHECK(reading.cues == 0);
      continue;
    }
    CHECK(reading.mean() > last);
    last = reading.mean();
  }
}

TEST_CASE("Vocabulary interns terms, counts documents and weighs by TF-IDF") {
  Vocabulary vocabulary;
  const auto mentor = vocabulary.intern("mentor");
  const auto team = vocabulary.intern("team");
  const auto rare = vocabulary.intern("rare");
  CHECK(vocabulary.intern("mentor") == mentor);
  CHECK(vocabulary.find("team") == team);
  CHECK(vocabulary.find("unknown") == -1);
  CHECK(vocabulary.idf(mentor) == 0);  // no document counted yet

  vocabulary.count_document({mentor, team, team});  // duplicates count once
  vocabulary.count_document({team});
  vocabulary.count_document({team, rare});
  struct Case {
    std::uint32_t term;
    double idf;
  };
  const Case cases[] = {
      {mentor, std::log(1.0 + 3.0 / 1)},
      {team, std::log(1.0 + 3.0 / 3)},
      {rare, std::log(1.0 + 3.0 / 1)},
      {99, 0},  // an unknown id
  };
  for (const auto& c : cases) {
    CAPTURE(c.term);
    CHECK(vocabulary.idf(c.term) == doctest::Approx(c.idf));
  }

  const SparseVector v = vocabulary.weigh({team, mentor, mentor});
  REQUIRE(v.size() == 2);
  CHECK(v[0].first < v[1].first);                            // sorted by term id
  CHECK(rungs::mapping::dot(v, v) == doctest::Approx(1.0));  // L2-normalised
  CHECK(vocabulary.weigh({}).empty());
  // An extra term is added once, at its weight times its idf; a term already there keeps its weight.
  const SparseVector widened = vocabulary.weigh({mentor}, {{rare, 0.5}, {mentor, 9}});
  REQUIRE(widened.size() == 2);
  CHECK(widened[1].second / widened[0].second == doctest::Approx(0.5));
  CHECK(rungs::mapping::dot(widened, vocabulary.weigh({rare})) > 0);
}

TEST_CASE("CooccurrenceTable relates words that share statements, and only those") {
  // Terms 0 "pager", 1 "on-call", 2 "rotation", 3 "mentor", 4 "junior".
  const std::vector<std::vector<std::uint32_t>> texts = {
      {0, 1, 2}, {0, 1}, {1, 2}, {3, 4}, {3, 4, 4}, {3}, {0, 1, 0},
  };
  const auto table = rungs::mapping::CooccurrenceTable::build(texts, 6);
  const auto& pager = table.of(0);
  REQUIRE_FALSE(pager.empty());
  CHECK(pager.front().first == 1);  // shares 3 statements with "on-call"
  CHECK(pager.front().second == doctest::Approx(3 / std::sqrt(3.0 * 4.0)));
  for (const auto& [other, association] : pager) {
    CHECK(other != 3);  // never together with "mentor"
    CHECK(association >= rungs::mapping::CooccurrenceTable::kMinAssociation);
  }
  // "pager" and "rotation" share one statement: under kMinShared, no relation.
  CHECK(std::none_of(pager.begin(), pager.end(), [](const auto& p) { return p.first == 2; }));
  CHECK(table.of(5).empty());    // a term no statement holds
  CHECK(table.of(999).empty());  // an id beyond the table
  // Symmetric.
  const auto& mentor = table.of(3);
  REQUIRE(mentor.size() == 1);
  CHECK(mentor.front().first == 4);
}
