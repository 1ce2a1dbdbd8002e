#pragma once
// The ladder model: plain values that every module passes along.
// A `Ladder` holds `Level`s in ladder order; each level holds the text found
// for it in document order, competencies and set-aside text alike, so that
// nothing read is lost and `rungs show` can say what was kept out.

#include <cstddef>
#include <string>
#include <vector>

namespace rungs::corpus {

/// What a piece of level text is, which decides whether it is ranked.
enum class StatementKind {
  competency,   ///< a bullet: ranked, searchable, used by mapping
  summary,      ///< a level summary (block quote, indented or plain paragraph): searchable
  boilerplate,  ///< navigation, footers, "Adhere to the ... Competencies": kept out of ranking and mapping
};

[[nodiscard]] const char* to_string(StatementKind kind);
/// Inverse of `to_string`; throws `rungs::Error` for an unknown name.
[[nodiscard]] StatementKind statement_kind_from_string(const std::string& name);

struct Statement {
  std::string text;  ///< normalised text (mojibake repaired, NFC), markdown inline markup removed
  std::string area;  ///< competency area, "Skill / Mastery" for nested headings; "" when none
  StatementKind kind = StatementKind::competency;
  std::string source;  ///< document file name the text came from
  int line = 0;        ///< 1-based line in `source`; 0 when not from a file
  std::string reason;  ///< why it was set aside (boilerplate only)

  bool operator==(const Statement&) const = default;
};

struct Level {
  std::string id;                     ///< stable id within the ladder, e.g. "l4", "staff"
  std::string title;                  ///< display title, e.g. "Lead SRE"
  std::string code;                   ///< grade code from the manifest, e.g. "L4"; "" when none
  int rank = 0;                       ///< 1-based position in the ladder, missing levels included
  std::string track = "individual";   ///< career track: "individual" or "management"
  std::vector<std::string> aliases;   ///< other names the level goes by
  bool missing = false;               ///< declared by the manifest but absent from the documents (no statements)
  std::vector<Statement> statements;  ///< everything found for the level, in document order

  bool operator==(const Level&) const = default;
};

struct Ladder {
  std::string id;                      ///< e.g. "ops-sre"
  std::string framework;               ///< e.g. "basecamp"
  std::string name;                    ///< display name
  std::string source;                  ///< where the ladder comes from (free text)
  std::vector<std::string> documents;  ///< document file names it was read from
  std::vector<Level> levels;           ///< in ladder order (rank ascending)

  bool operator==(const Ladder&) const = default;
};

/// The career track a title suggests when nothing declares one:
/// "management" for managers, directors, heads and VPs, else "individual".
[[nodiscard]] std::string infer_track(const std::string& title);

/// Number of statements of `kind` in `level`.
[[nodiscard]] int count(const Level& level, StatementKind kind);
/// Number of statements of `kind` over all levels of `ladder`.
[[nodiscard]] int count(const Ladder& ladder, StatementKind kind);
/// Number of statements of every kind over all levels of `ladder`.
[[nodiscard]] std::size_t statement_count(const Ladder& ladder);
/// The level with id `level_id`, or nullptr.
[[nodiscard]] const Level* find_level(const Ladder& ladder, const std::string& level_id);

}  // namespace rungs::corpus
