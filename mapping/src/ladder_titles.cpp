// What the levels of one ladder say of themselves (see title_placement.h):
// their titles, aliases and codes read once per ladder, and each level's
// place on the industry scale.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include "title_placement.h"

namespace rungs::mapping {
namespace {

namespace scale = corpus::seniority;

// What a level title (or alias) says on the industry scale; NaN when nothing.
double title_seniority(const corpus::TitleReading& r) {
  if (r.seniority) return *r.seniority + kNumeralStep * r.numeral;
  if (auto n = corpus::numeral_seniority(r.numeral)) return *n;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

int code_number(const std::string& code) {
  std::size_t end = code.size(), begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(code[begin - 1]))) --begin;
  if (begin == end || end - begin > 3) return 0;
  return std::stoi(code.substr(begin));
}

LadderTitles read_ladder_titles(const corpus::Ladder& ladder, const std::vector<double>& statement_seniority) {
  LadderTitles t;
  const std::size_t n = ladder.levels.size();
  t.seniority.assign(n, std::numeric_limits<double>::quiet_NaN());
  t.source.assign(n, SenioritySource::title);
  std::set<std::string> families;
  for (std::size_t v = 0; v < n; ++v) {
    const corpus::Level& level = ladder.levels[v];
    const auto reading = corpus::read_title(level.title);
    t.keys.push_back(corpus::title_key(reading));
    t.numerals.push_back(reading.numeral);
    const auto code = corpus::read_title(level.code).words;
    t.code_words.push_back(code.size() == 1 ? code.front() : "");
    t.family.push_back(reading.family);
    t.role_words.push_back(reading.role_words);
    if (!reading.family.empty()) families.insert(reading.family);
    if (level.track == "individual" && reading.seniority_word == "lead") t.individual_lead = true;
    if (level.track == "management") t.management = true;
    double sum = 0;
    int said = 0;
    if (const double s = title_seniority(reading); !std::isnan(s)) sum += s, ++said;
    std::vector<std::string> alias_keys;
    for (const auto& alias : level.aliases) {
      const auto a = corpus::read_title(alias);
      alias_keys.push_back(corpus::title_key(a));
      if (const double s = title_seniority(a); !std::isnan(s)) sum += s, ++said;
    }
    t.alias_keys.push_back(std::move(alias_keys));
    // "Application Support Engineer", alias "Junior Application Support
    // Engineer": a title without a word stands for intermediate beside its aliases.
    if (said > 0 && std::isnan(title_seniority(reading)) && !level.aliases.empty()) sum += scale::kIntermediate, ++said;
    if (said > 0) t.seniority[v] = sum / said;
  }
  t.title_said = t.seniority;
  if (const auto name_family = corpus::read_title(ladder.name).family; !name_family.empty())
    families.insert(name_family);
  t.families.assign(families.begin(), families.end());

  // Per track, in ladder order: levels without a word take the track's
  // default, never below the level before them; a track with no word at all
  // is read from its statements.
  std::set<std::string> tracks;
  for (const auto& level : ladder.levels) tracks.insert(level.track);
  for (const auto& track : tracks) {
    const bool management = track == "management";
    std::vector<std::size_t> members;
    for (std::size_t v = 0; v < n; ++v) {
      if (ladder.levels[v].track == track) members.push_back(v);
    }
    const bool any_word =
        std::any_of(members.begin(), members.end(), [&](auto v) { return !std::isnan(t.seniority[v]); });
    // Codes alone (L1..L6, IC1..IC5, 1..6) are steps of the industry scale
    // taken at face value, L1 being the first step; a scheme that runs past
    // the scale (L3..L10) is shifted down to end on it.
    std::vector<int> codes;
    for (auto v : members) {
      const corpus::Level& level = ladder.levels[v];
      int number = code_number(level.code);
      if (number == 0) number = corpus::read_title(level.title).code_number;
      codes.push_back(number);
    }
    const bool all_coded = !codes.empty() && std::all_of(codes.begin(), codes.end(), [](int c) { return c > 0; });
    const int shift =
        all_coded ? std::max(0, *std::max_element(codes.begin(), codes.end()) - static_cast<int>(scale::kDistinguished))
                  : 0;
    double previous = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < members.size(); ++k) {
      const auto v = members[k];
      if (!any_word && all_coded && !management) {
        t.seniority[v] = std::max(static_cast<double>(codes[k] - shift), previous + kOrderStep);
        t.source[v] = SenioritySource::code;
      } else if (!any_word) {
        const double s = v < statement_seniority.size() ? statement_seniority[v] : 0.5;
        // The statements' and the place's 0..1 reading spread over junior..principal (manager..director).
        t.seniority[v] = management ? 4 + 2 * s : scale::kJunior + (scale::kPrincipal - scale::kJunior) * s;
        t.source[v] = SenioritySource::statements;
      } else if (std::isnan(t.seniority[v])) {
        t.seniority[v] = std::max(management ? 4.0 : scale::kIntermediate, previous + kOrderStep);
        t.source[v] = SenioritySource::order;
      } else if (t.seniority[v] < previous + kOrderStep && t.source[v] == SenioritySource::title) {
        // The ladder's order outranks the words: "Senior DevOps Application
        // Engineer" comes after "DevOps Application Engineer", and as far
        // above it as "senior" is above no word, when the role is the same.
        double raised = previous + kOrderStep;
        for (std::size_t earlier = 0; earlier < members.size() && members[earlier] != v; ++earlier) {
          const auto u = members[earlier];
          if (t.role_words[u] != t.role_words[v]) continue;
          const double u_said =
              std::isnan(t.title_said[u]) ? (management ? 4.0 : scale::kIntermediate) : t.title_said[u];
          if (t.title_said[v] > u_said) raised = std::max(raised, t.seniority[u] + (t.title_said[v] - u_said));
        }
        t.seniority[v] = raised;
        t.source[v] = SenioritySource::order;
      }
      previous = t.seniority[v];
    }
  }
  return t;
}

}  // namespace rungs::mapping
