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

/// The industry-scale seniority a trailing numeral implies on a ladder that
/// does not use numerals itself: I → junior, II → intermediate, III →
/// senior, IV → staff, V → principal, VI and above → distinguished; nullopt for 0.
[[nodiscard]] std::optional<double> numeral_seniority(int numeral);

/// A key under which two spellings of one title are equal: the folded words
/// with abbreviations expanded, in any order, "of"/"the"/"and" left out,
/// the trailing numeral as a number ("Sr. SRE II", "senior site
/// reliability engineer 2" and "Site Reliability Engineer, Senior II" share
/// one key); "" for a title with no words.
[[nodiscard]] std::string title_key(const TitleReading& reading);

/// True when `text` reads as a job title ("Senior SRE", "Head of Support",
/// "Intern, Site Reliability", "L3", "Engineer II") rather than a duty
/// phrase ("mentors juniors", "lead the incident response", "manages a
/// team of six"): few words, none of the small words sentences need
/// ("the", "a", "to", "with", "who", ...), and it carries a level code,
/// ends with a role noun ("engineer", "manager", "lead"), or starts with a
/// seniority word that stands alone, is a management word ("VP
/// Engineering") or comes with a role family ("Intern, Site Reliability";
/// not "Lead incident response").
[[nodiscard]] bool is_job_title(std::string_view text);

/// A text split into the job title it starts with and the duties after it.
struct TitleSplit {
  std::string title;   ///< "senior SRE"
  std::string duties;  ///< "mentors juniors"; "" when the text is only a title
};

/// The job title `text` is or starts with, and the rest: "senior SRE who
/// mentors juniors" → {"senior SRE", "mentors juniors"}; "Staff Engineer" →
/// {"Staff Engineer", ""}; nullopt for a duty phrase with no title in front.
/// The title ends at a clause boundary: "who", "that", "which", "with",
/// "and", "at", "in", "on", "for", a comma, semicolon, colon, dash or parenthesis.
[[nodiscard]] std::optional<TitleSplit> find_title(std::string_view text);

}  // namespace rungs::corpus
