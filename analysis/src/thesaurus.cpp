#include "rungs/analysis/thesaurus.h"

#include <algorithm>
#include <sstream>

namespace rungs::analysis {
namespace {

// Groups of words that career ladders use for the same thing. General
// workplace vocabulary, one group per line; inflected forms are listed
// where the stemmer would not join them (British and American spellings are
// joined by the analyzer already). Words with many everyday senses ("new",
// "support", "head", "case") stay out: in search they would widen a NOT.
constexpr const char* kGroups[] = {
    "mentor mentors mentoring coach coaches coaching teach teaches teaching tutor tutors guide guides guiding",
    "colleague colleagues teammate teammates peer peers coworker coworkers",
    "customer customers client clients",
    "incident incidents outage outages emergency emergencies",
    "expert experts specialist specialists authority",
    "system systems platform platforms service services component components",
    "decide decides decision decisions choose chooses choice",
    "big large major significant sizeable",
    "small minor",
    "lead leads leading steer steers",
    "company companies organization organizations",
    "strategy strategic direction vision",
    "feedback critique comments",
    "appraisal appraisals evaluation evaluations",
    "hire hires hiring recruit recruits recruiting",
    "salary salaries pay compensation",
    "learn learns learning study studies course courses class classes training",
    "task tasks ticket tickets",
    "fix fixes resolve resolves solve solves repair repairs",
    "documentation runbook runbooks",
    "oversight supervision",
    "independently autonomously alone unaided",
    "help helps assist assists",
    "explain explains communicate communicates",
    "decompose decomposes split splits",
    "deliverable deliverables piece pieces increment increments milestone milestones",
    "improve improves enhance enhances",
    "tool tools tooling automation script scripts",
    "experienced seasoned senior",
    "junior beginner newcomer",
    "pager rotation rotations",
    "production prod",
};

}  // namespace

Thesaurus::Thesaurus(const std::filesystem::path& wordnet_dir, const std::filesystem::path& office_dir)
    : wordnet_(wordnet_dir), office_(office_dir) {
  for (const char* group : kGroups) {
    std::istringstream in(group);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    for (const auto& w : words) {
      auto& others = curated_[w];
      for (const auto& o : words) {
        if (o != w && std::find(others.begin(), others.end(), o) == others.end()) others.push_back(o);
      }
    }
  }
}

std::vector<std::string> Thesaurus::synonyms(const std::string& word) const {
  std::vector<std::string> out;
  if (auto it = curated_.find(word); it != curated_.end()) out = it->second;
  for (auto& s : wordnet_.first_sense_synonyms(word)) {
    if (s != word && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

std::vector<WeightedWord> Thesaurus::related(const std::string& word, const BridgeSources& sources) const {
  std::vector<WeightedWord> out;
  const auto add = [&](std::vector<WeightedWord> words) {
    for (auto& w : words)
      if (w.word != word) add_weighted(out, std::move(w.word), w.weight);
  };
  if (sources.curated) {
    if (auto it = curated_.find(word); it != curated_.end()) {
      std::vector<WeightedWord> group;
      for (const auto& member : it->second) group.push_back({member, 1.0});
      add(std::move(group));
    }
  }
  if (sources.wordnet_senses) add(wordnet_.sense_synonyms(word));
  if (sources.wordnet_links) add(wordnet_.linked_words(word));
  if (sources.wordnet_glosses) add(wordnet_.gloss_words(word));
  if (sources.office_thesaurus) add(office_.related(word));
  return out;
}

}  // namespace rungs::analysis
