#pragma once
// Reading job and level titles ("Sr. SRE II", "Staff Support Engineer",
// "IC3", "Head of Support") with the vocabulary the industry uses in titles.
// One reading serves everywhere a title matters: telling level headings from
// prose sections, ordering the pages of a ladder, inferring a level's track,
// and placing a person's title on a ladder.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rungs::corpus {

/// The industry-wide seniority scale of title words, individual track:
/// intern < junior/associate < (no word)/intermediate < senior < lead/staff
/// < principal < distinguished/fellow.
namespace seniority {
inline constexpr double kIntern = 0;
inline constexpr double kJunior = 1;
inline constexpr double kIntermediate = 2;  ///< also what a title with no seniority word implies
inline constexpr double kSenior = 3;
inline constexpr double kStaff = 4;
inline constexpr double kPrincipal = 5;
inline constexpr double kDistinguished = 6;
}  // namespace seniority

/// What a title says.
struct TitleReading {
  /// Folded words with abbreviations expanded ("Sr." → "senior", "SRE" →
  /// "site reliability engineer", "Mgr" → "manager"); numerals kept as written.
  std::vector<std::string> words;
  /// The seniority word's place on the scale above (management titles: manager
  /// 4, senior manager 5, director 6, VP 7, chief 8); nullopt without one.
  std::optional<double> seniority;
  /// The seniority words as written in `words` ("senior", "staff"); "" when none.
  std::string seniority_word;
  /// An explicit level code, upper case: "L3", "IC4", "E5" (also from
  /// "Level 3" → "L3"); "" when none.
  std::string code;
  /// The number of the code, or of a title that is only a number ("3");
  /// 0 when none.
  int code_number = 0;
  /// A trailing roman or arabic numeral ("Engineer II" → 2, "Senior
  /// Engineer 1" → 1); 0 when none. Not a code: its meaning depends on the ladder.
  int numeral = 0;
  /// "management" for manager, head of, director, VP and chief titles, else "individual".
  std::string track = "individual";
  /// The role family: "support", "sre", "software", "design", "qa", "data",
  /// "security", "product", "devrel"; "" when the title names none.
  std::string family;
  /// The words that are neither seniority, numeral nor code: the role ("support engineer").
  std::vector<std::string> role_words;
};

/// Reads `title`. Never throws; an empty or unreadable title reads as nothing.
[[nodiscard]] TitleReading read_title(std::string_view title);

/// True when `heading` reads as the name of a level ("Senior Engineer",
/// "IC3", "L4: Lead SRE", "Level 2", "3", "Engineering Manager") rather than
/// a prose section ("When do I get promoted?", "Overview", "Anti-patterns",
/// "FAQ", "Levels").
[[nodiscard]] bool looks_like_level_title(std::string_view heading);

/// Why a heading names a section that is not a level ("promotion process",
/// "frequently asked questions", "what not to do", ...), or "" when it
/// reads as a level or an ordinary competency area.
[[nodiscard]] std::string prose_section_reason(std::string_view heading);

/// A sort key for ordering level titles of one track from the least to the
/// most senior when nothing else gives the order: the code number, else the
/// seniority word (no word = intermediate), then the trailing numeral.
[[nodiscard]] double title_order_key(const TitleReading& reading);

}  // namespace rungs::corpus
