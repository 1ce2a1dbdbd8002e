// `Model::answer`: a job title, a duty phrase or both, one answer per ladder
// with the reason. Only the model's public operations are used here.
#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/title.h"
#include "rungs/mapping/mapping.h"

namespace rungs::mapping {
namespace {

constexpr double kDutiesDisagree = 0.5;  // duties this sure of another level earn a note
constexpr double kWeakMatch = 0.15;      // a closest statement this far from the phrase is no good match
constexpr double kOtherTrackCap = 0.15;  // confidence of a duty phrase of a track the ladder lacks
constexpr double kWeakMatchCap = 0.3;    // confidence of a best candidate that is no good match

// Managing people, as duty phrases say it: hiring, line management, reviews of reports.
bool manages_people(const std::string& phrase) {
  static const std::regex kPeople(
      R"(\b(hires?|hiring|recruits?|recruiting|line[- ]?manag\w*|direct reports?|performance reviews?|people manag\w*|)"
      R"(manag\w* (a |the |their )?(team|teams|people|engineers|staff|reports)|headcount|salar(y|ies)|one[- ]on[- ]ones? with)\b)",
      std::regex::icase);
  constexpr std::size_t kLongestScanned = 2000;  // std::regex recurses per character
  return phrase.size() <= kLongestScanned && std::regex_search(phrase, kPeople);
}

LevelAnswer from_placement(const TitlePlacement& p) {
  return {p.ladder, p.level, p.rank, p.described, p.confidence, p.basis, p.reason, p.note, {}};
}

LevelAnswer from_duties(const LadderMatch& m, const corpus::Ladder& ladder, const std::string& duties) {
  LevelAnswer a;
  a.ladder = m.ladder;
  if (m.levels.empty() || m.confidence <= 0) {
    a.note = "no statement shares a word with the phrase";
    a.good_match = false;
    return a;
  }
  const LevelMatch& best = m.levels.front();
  a.level = {best.level, best.title, best.code};
  a.rank = best.rank;
  a.confidence = m.confidence;
  a.basis = "statements";
  a.reason = best.evidence.empty() ? "the statements of this level match the phrase best"
                                   : fmt::format("closest statement: “{}”", best.evidence.front().text);
  a.evidence = best.evidence;
  const bool has_management = std::any_of(ladder.levels.begin(), ladder.levels.end(),
                                          [](const corpus::Level& l) { return l.track == "management"; });
  if (!has_management && manages_people(duties)) {
    a.good_match = false;
    a.confidence = std::min(a.confidence, kOtherTrackCap);
    a.note = fmt::format(
        "no good match in this ladder: the phrase is about managing people and {} has no management "
        "track; {} is only the best candidate",
        ladder.id, best.title);
  } else if (!best.evidence.empty() && best.evidence.front().score < kWeakMatch) {
    a.good_match = false;
    a.confidence = std::min(a.confidence, kWeakMatchCap);
    a.note = fmt::format(
        "no good match in this ladder: its closest statement shares little with the phrase ({:.2f}); "
        "{} is only the best candidate",
        best.evidence.front().score, best.title);
  }
  return a;
}

}  // namespace

Answer Model::answer(const std::string& text, const std::vector<std::string>& ladder_ids,
                     std::size_t evidence_per_level, TextKind kind) const {
  Answer answer;
  answer.query = text;
  if (const auto split = corpus::find_title(text)) {
    answer.title = split->title;
    answer.duties = split->duties;
  } else if (kind == TextKind::title && !corpus::read_title(text).words.empty()) {
    answer.title = text;
  } else {
    answer.duties = text;
  }
  std::vector<std::string> ids = ladder_ids;
  if (ids.empty()) {
    for (const auto& l : ladders()) ids.push_back(l.id);
  }
  for (const auto& id : ids) (void)ladder(id);  // unknown ids fail here, whatever the text

  if (answer.title.empty()) {
    answer.phrase = match_phrase(answer.duties, ids, evidence_per_level);  // throws for a text with no words
  } else if (!answer.duties.empty()) {
    try {
      answer.phrase = match_phrase(answer.duties, ids, evidence_per_level);
    } catch (const QueryError&) {
      answer.duties.clear();  // "Senior SRE (" : nothing after the title to match
    }
  }
  std::vector<TitlePlacement> placements;
  if (!answer.title.empty()) placements = place_title(answer.title, ids);

  for (std::size_t i = 0; i < ids.size(); ++i) {
    const LadderMatch* duties = answer.phrase.ladders.empty() ? nullptr : &answer.phrase.ladders[i];
    const bool duties_match = duties && duties->confidence > 0 && !duties->levels.empty();
    if (placements.empty()) {
      answer.ladders.push_back(from_duties(*duties, ladder(ids[i]), answer.duties));
      continue;
    }
    const TitlePlacement& p = placements[i];
    const bool weak_title = p.basis == "no seniority word" || p.level.level.empty();
    if (weak_title && duties_match) {
      // "Support Engineer who runs the incident war room": the title says
      // only the role, the duties say the level.
      LevelAnswer a = from_duties(*duties, ladder(ids[i]), answer.duties);
      a.reason = fmt::format("the title '{}' {}; {}", answer.title,
                             p.level.level.empty() ? "cannot be placed" : "has no seniority word", a.reason);
      if (p.other_family) a.note = "the title names another role family than the ladder's";
      answer.ladders.push_back(std::move(a));
      continue;
    }
    LevelAnswer a = from_placement(p);
    if (duties_match) {
      for (const auto& level : duties->levels) {
        if (level.level == p.level.level) a.evidence = level.evidence;
      }
      const LevelMatch& best = duties->levels.front();
      if (best.level != p.level.level && duties->confidence >= kDutiesDisagree) {
        a.note += fmt::format("{}the duties alone read as {} ({:.0f}%)", a.note.empty() ? "" : "; ", best.title,
                              100 * duties->confidence);
      }
    }
    answer.ladders.push_back(std::move(a));
  }
  return answer;
}

}  // namespace rungs::mapping
