// Placing a job title on one ladder (see title_placement.h), against what
// read_ladder_titles (ladder_titles.cpp) found in the ladder's own titles.

#include "title_placement.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "rungs/corpus/text.h"

namespace rungs::mapping {
namespace {

namespace scale = corpus::seniority;

// Weights of title placement, on the industry scale's units (one step of
// seniority = 1). General choices, not fitted to any listed title.
constexpr double kFamilyBonus = 0.2;        // the title's role family is the level's: a tie-breaker, less than a step
constexpr double kRoleOverlap = 0.3;        // Jaccard overlap of the role words, a tie-breaker within a family
constexpr double kTemperature = 0.5;        // softmax temperature of the confidence
constexpr double kNoWordFactor = 0.75;      // a title with no seniority word says less
constexpr double kNumeralFactor = 0.85;     // a numeral means less than a word across ladders
constexpr double kOtherFamilyFactor = 0.4;  // a title of another role family
constexpr double kNumeralStepFactor = 0.8;  // a numeral counted past the ladder's own numerals
constexpr double kWordCap = 0.9;            // a seniority word is never as sure as the level's own title
constexpr double kTeamLeadFactor = 0.6;     // "team lead" read as management is a guess
constexpr double kOtherTrackCap = 0.15;     // a title of a track the ladder lacks
constexpr double kOtherSchemeCode = 0.6;    // "IC3" read by its number on a ladder of L-codes

// The word for a point of the scale, for reasons people read.
std::string scale_word(double value, const std::string& track) {
  const int step = static_cast<int>(std::lround(value));
  if (track == "management") {
    static const char* const kManagement[] = {"manager", "senior manager", "director", "vice president", "chief"};
    return kManagement[std::clamp(step - 4, 0, 4)];
  }
  static const char* const kIndividual[] = {"intern",     "junior",    "intermediate", "senior",
                                            "staff/lead", "principal", "distinguished"};
  return kIndividual[std::clamp(step, 0, 6)];
}

std::string code_letters(const std::string& code) {
  std::string letters;
  for (char c : code) {
    if (std::isalpha(static_cast<unsigned char>(c)))
      letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return letters;
}

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  if (sa.empty() && sb.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& w : sa) shared += sb.count(w);
  return static_cast<double>(shared) / static_cast<double>(sa.size() + sb.size() - shared);
}

std::string level_name(const corpus::Level& level) {
  return level.code.empty() ? level.title : level.title + " [" + level.code + "]";
}

TitlePlacement placed(const corpus::Ladder& ladder, std::size_t v, double confidence, std::string basis,
                      std::string reason) {
  const corpus::Level& level = ladder.levels[v];
  TitlePlacement p;
  p.ladder = ladder.id;
  p.level = {level.id, level.title, level.code};
  p.rank = level.rank;
  p.described = !level.missing;
  p.confidence = std::clamp(confidence, 0.0, 1.0);
  p.basis = std::move(basis);
  p.reason = std::move(reason);
  if (level.missing) p.note = "the ladder declares this level but the corpus does not describe it (no statements)";
  return p;
}

void add_note(TitlePlacement& p, const std::string& note) { p.note += (p.note.empty() ? "" : "; ") + note; }

}  // namespace

TitlePlacement place_title_on(const corpus::Ladder& ladder, const LadderTitles& levels, const std::string& title,
                              const corpus::TitleReading& reading) {
  const std::size_t n = ladder.levels.size();
  TitlePlacement none;
  none.ladder = ladder.id;
  if (n == 0) {
    none.note = "the ladder has no levels";
    return none;
  }

  // (a) The ladder's own title or an alias, spelt another way.
  if (const std::string key = corpus::title_key(reading); !key.empty()) {
    for (std::size_t v = 0; v < n; ++v) {
      if (levels.keys[v] == key) {
        const std::string& own = ladder.levels[v].title;
        return placed(ladder, v, 0.97, "title",
                      corpus::fold_case(own) == corpus::fold_case(title)
                          ? fmt::format("'{}' is the ladder's own title for this level", own)
                          : fmt::format("'{}' is the ladder's own title '{}', spelt another way", title, own));
      }
    }
    for (std::size_t v = 0; v < n; ++v) {
      for (std::size_t a = 0; a < levels.alias_keys[v].size(); ++a) {
        if (levels.alias_keys[v][a] == key) {
          return placed(
              ladder, v, 0.95, "alias",
              fmt::format("'{}' is an alias of {} ('{}')", title, ladder.levels[v].title, ladder.levels[v].aliases[a]));
        }
      }
    }
  }

  // (a) A level code: the ladder's own scheme (whatever its letters: "R4"
  // as a word of the title), else a common scheme read by its number.
  std::vector<std::size_t> coded;
  for (std::size_t v = 0; v < n; ++v) {
    if (ladder.levels[v].code.empty()) continue;
    coded.push_back(v);
    const auto& code = levels.code_words[v];
    if (!code.empty() && std::find(reading.words.begin(), reading.words.end(), code) != reading.words.end()) {
      return placed(ladder, v, 0.95, "code", fmt::format("level code {}", ladder.levels[v].code));
    }
  }
  const bool has_code = !reading.code.empty() || reading.code_number > 0;
  if (has_code) {
    for (auto v : coded) {
      if (!reading.code.empty() &&
          code_letters(ladder.levels[v].code) + std::to_string(code_number(ladder.levels[v].code)) == reading.code) {
        return placed(ladder, v, 0.95, "code", fmt::format("level code {}", ladder.levels[v].code));
      }
    }
    for (auto v : coded) {
      if (code_number(ladder.levels[v].code) != reading.code_number) continue;
      if (reading.code.empty()) {
        return placed(ladder, v, 0.8, "code",
                      fmt::format("the number {} read as level code {}", reading.code_number, ladder.levels[v].code));
      }
      auto p = placed(ladder, v, kOtherSchemeCode, "code",
                      fmt::format("{} read by its number as {}", reading.code, ladder.levels[v].code));
      add_note(p,
               fmt::format("{} is not this ladder's code scheme ({} … {}); the same number may not mean the same level",
                           reading.code, ladder.levels[coded.front()].code, ladder.levels[coded.back()].code));
      return p;
    }
  }

  // (b) The seniority word on the industry scale, against what each level says of itself.
  double wanted = scale::kIntermediate;
  std::string basis = "no seniority word";
  double factor = kNoWordFactor;
  if (reading.seniority) {
    wanted = *reading.seniority + kNumeralStep * reading.numeral;
    basis = "seniority word";
    factor = 1;
  } else if (auto s = corpus::numeral_seniority(reading.numeral)) {
    wanted = *s;
    basis = "numeral";
    factor = kNumeralFactor;
  } else if (auto c = corpus::numeral_seniority(reading.code_number); c && has_code) {
    // "Tier 2", "L3" where the ladder has no such code: the n-th step of a
    // ladder that starts at junior, as a numeral would be.
    wanted = *c;
    basis = "numeral";
    factor = kNumeralFactor * kOtherSchemeCode;
  }
  if (reading.words.empty()) {
    none.note = "the title has no words";
    return none;
  }

  // (c) The track: only levels of the title's track, unless the ladder has
  // none. A team lead is an individual level where the ladder has an
  // individual "lead" level, else first-line management where it has a
  // management track.
  std::string track = reading.track;
  const auto& words = reading.words;
  const bool team_lead = std::adjacent_find(words.begin(), words.end(), [](const auto& a, const auto& b) {
                           return a == "team" && b == "lead";
                         }) != words.end();
  if (team_lead && track == "individual" && !levels.individual_lead && levels.management) {
    track = "management";
    wanted = 4;  // manager
    basis = "track";
    factor = kTeamLeadFactor;
  }
  std::vector<std::size_t> candidates;
  for (std::size_t v = 0; v < n; ++v) {
    if (ladder.levels[v].track == track) candidates.push_back(v);
  }
  const bool other_track = candidates.empty();
  if (other_track) {
    // A manager's title on an individual ladder: the level at the same
    // seniority, clearly marked as no real equivalent.
    for (std::size_t v = 0; v < n; ++v) candidates.push_back(v);
  }

  // (d) The role family: a tie-breaker within the ladder, a caveat across ladders.
  // Levels of exactly the title's role ("DevOps Application Engineer II"
  // among "DevOps Application Engineer" and "Senior DevOps Application
  // Engineer") are its only candidates, read by their own words (within one
  // role, a title without a word is that role's intermediate), unless the
  // title is more senior than the role goes: a staff engineer of a role
  // whose top is senior belongs to the ladder's next level.
  const auto own_words = [&](std::size_t v) {
    const double said = levels.title_said[v];
    if (!std::isnan(said) || levels.source[v] == SenioritySource::statements)
      return std::isnan(said) ? levels.seniority[v] : said;
    return ladder.levels[v].track == "management" ? 4.0 : scale::kIntermediate;
  };
  // The role's levels: those whose role words are the title's, else those
  // whose role words include all of the title's ("Platform Analyst" among
  // "Data Platform Analyst" and "Senior Data Platform Analyst").
  const std::set<std::string> role(reading.role_words.begin(), reading.role_words.end());
  std::vector<std::size_t> same_role, wider_role;
  for (auto c : candidates) {
    const std::set<std::string> theirs(levels.role_words[c].begin(), levels.role_words[c].end());
    if (role.empty()) continue;
    if (theirs == role) same_role.push_back(c);
    if (std::includes(theirs.begin(), theirs.end(), role.begin(), role.end())) wider_role.push_back(c);
  }
  if (same_role.empty()) same_role = std::move(wider_role);
  double role_top = -std::numeric_limits<double>::infinity();
  for (auto c : same_role) role_top = std::max(role_top, own_words(c));
  const bool one_role = !same_role.empty() && !other_track && wanted <= role_top + kOrderStep * 2;
  if (one_role) candidates = same_role;
  // Where the ladder's order raised a level above its title's word ("Senior
  // Operations Engineer" after "Senior Support Engineer"), either reading may fit.
  const auto distance = [&](std::size_t v) {
    const double by_place = std::abs(wanted - levels.seniority[v]);
    const double said = one_role ? own_words(v) : levels.title_said[v];
    return std::isnan(said) ? by_place : std::min(by_place, std::abs(wanted - said));
  };
  // Numerals counted on the ladder's own, where it has them: "Designer III"
  // is the step after "Designer II", whatever that step is called.
  if (!reading.seniority && reading.numeral > 0 && !other_track) {
    std::optional<std::size_t> anchor;  // index into candidates
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const int theirs = levels.numerals[candidates[k]];
      if (theirs > 0 && theirs <= reading.numeral && (!anchor || theirs > levels.numerals[candidates[*anchor]]))
        anchor = k;
    }
    if (anchor) {
      const std::size_t from = candidates[*anchor];
      const auto steps = static_cast<std::size_t>(reading.numeral - levels.numerals[from]);
      const std::size_t at = std::min(*anchor + steps, candidates.size() - 1);
      const bool beyond = *anchor + steps > at;
      auto p = placed(ladder, candidates[at],
                      kNumeralFactor * (steps == 0 ? 1.0 : kNumeralStepFactor) * (beyond ? kOtherSchemeCode : 1.0),
                      "numeral",
                      steps == 0 ? fmt::format("numeral {} as in {}", reading.numeral, ladder.levels[from].title)
                                 : fmt::format("numeral {} counted from {}: {} step{} above it", reading.numeral,
                                               ladder.levels[from].title, steps, steps == 1 ? "" : "s"));
      if (beyond) add_note(p, fmt::format("the ladder's {} track ends before that step", track));
      return p;
    }
  }

  std::vector<double> scores;
  for (auto v : candidates) {
    double score = -distance(v);
    if (!reading.family.empty() && levels.family[v] == reading.family) score += kFamilyBonus;
    score += kRoleOverlap * jaccard(reading.role_words, levels.role_words[v]);
    scores.push_back(score);
  }
  const auto best = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  const std::size_t v = candidates[best];
  double total = 0;
  for (double s : scores) total += std::exp((s - scores[best]) / kTemperature);
  const double gap = distance(v);
  // Below the ladder's own title and code, however alone the level stands.
  const double confidence = std::min(kWordCap, factor * (1 / total) * (0.5 + 0.5 * std::exp(-gap)));

  const std::string& level_track = ladder.levels[v].track;
  const char* from = levels.source[v] == SenioritySource::title   ? "its title"
                     : levels.source[v] == SenioritySource::order ? "its place in the ladder"
                                                                  : "its statements";
  std::string said;
  if (basis == "track") {
    said = "'team lead' read as first-line management: the ladder has no individual lead level";
  } else if (basis == "seniority word") {
    said = fmt::format("seniority word '{}' ({})", reading.seniority_word, scale_word(wanted, reading.track));
  } else if (basis == "numeral") {
    said = reading.numeral > 0
               ? fmt::format("numeral {} read as {}", reading.numeral, scale_word(wanted, reading.track))
               : fmt::format("{} read as step {}, {}", reading.code.empty() ? title : reading.code, reading.code_number,
                             scale_word(wanted, reading.track));
  } else {
    said = "no seniority word, read as intermediate";
  }
  auto p = placed(ladder, v, confidence, basis,
                  fmt::format("{}; {} reads as {} by {}", said, level_name(ladder.levels[v]),
                              scale_word(levels.seniority[v], level_track), from));
  if (other_track) {
    p.basis = "track";
    p.confidence = std::min(p.confidence, kOtherTrackCap);
    add_note(p, fmt::format("{} has no {} track: {} is only the level of similar seniority, not an equivalent",
                            ladder.id, track, ladder.levels[v].title));
  }
  const bool family_known =
      std::find(levels.families.begin(), levels.families.end(), reading.family) != levels.families.end();
  if (!reading.family.empty() && !levels.families.empty() && !family_known) {
    p.confidence *= kOtherFamilyFactor;
    p.other_family = true;
    std::string families;
    for (const auto& f : levels.families) families += (families.empty() ? "" : "/") + f;
    add_note(p,
             fmt::format("a {} title on a {} ladder: the closest level by seniority only", reading.family, families));
  }
  return p;
}

}  // namespace rungs::mapping
