#pragma once
// Placing a job title on one ladder: what the ladder's own level titles,
// aliases and codes say (read once per ladder), then the title against them.
// Kept apart from the statement model: a title is placed by its words'
// meaning on the industry scale, not by what the statements share with it.

#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"
#include "rungs/corpus/title.h"
#include "rungs/mapping/mapping.h"

namespace rungs::mapping {

/// Where a level's industry-scale seniority was read from.
enum class SenioritySource {
  title,       ///< its title or aliases carry a seniority word or numeral
  order,       ///< no word: the track's default, raised above the level before it
  code,        ///< no level of its track has a word, every one a level code or number: L1 is the first step
  statements,  ///< no level of its track has a word or a code: read from its statements
};

/// What the levels of one ladder say of themselves, per level in ladder order.
struct LadderTitles {
  std::vector<std::string> keys;                     ///< `corpus::title_key` of each title
  std::vector<std::vector<std::string>> alias_keys;  ///< of each alias
  std::vector<int> numerals;            ///< the title's trailing numeral ("Engineer II" → 2), 0 when none
  std::vector<std::string> code_words;  ///< each code as a title word ("l3"), "" when none or several words
  std::vector<double> title_said;       ///< what the title alone says, before the ladder's order; NaN when nothing
  std::vector<double> seniority;        ///< on the industry scale (`corpus::seniority`)
  std::vector<SenioritySource> source;
  std::vector<std::string> family;                   ///< role family of the title, "" when none
  std::vector<std::vector<std::string>> role_words;  ///< the title's role words (no seniority word)
  std::vector<std::string> families;                 ///< every family the ladder's titles and name name
  bool individual_lead = false;                      ///< an individual level is titled "lead" ("Lead SRE")
  bool management = false;                           ///< the ladder has a management track
};

// Shared by reading the ladder's titles and placing a title on them, on the
// industry scale's units (one step of seniority = 1).
inline constexpr double kOrderStep = 0.25;   ///< a level without a word sits this far above the one before it
inline constexpr double kNumeralStep = 0.1;  ///< "Senior Engineer II" a little above "Senior Engineer"

/// The number at the end of a level code ("L3" → 3, "IC-4" → 4); 0 when none.
[[nodiscard]] int code_number(const std::string& code);

/// Reads the levels of `ladder` (ladder_titles.cpp). `statement_seniority` holds, per level, the
/// seniority the model reads from its statements blended with its place in
/// its track (0 entry .. 1 most senior); it is used only for a track whose
/// titles carry no seniority word at all ("L1" … "L5", "Engineer", "Architect").
[[nodiscard]] LadderTitles read_ladder_titles(const corpus::Ladder& ladder,
                                              const std::vector<double>& statement_seniority);

/// Places the title read as `reading` (written `title`) on `ladder`, whose
/// levels `levels` describes; see `Model::place_title` for the order of evidence.
[[nodiscard]] TitlePlacement place_title_on(const corpus::Ladder& ladder, const LadderTitles& levels,
                                            const std::string& title, const corpus::TitleReading& reading);

}  // namespace rungs::mapping
