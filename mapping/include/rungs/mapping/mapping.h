#pragma once
// Which level matches a phrase or a job title, and which levels of two
// ladders are equivalent.
//
// A job title ("Sr. SRE", "Staff Engineer") is placed by what the ladder's
// own level titles, aliases and codes say, then by its seniority word on the
// industry scale (`place_title`); `answer` takes a title, a phrase or both.
//
// The model works on statements, not on levels as bags of words: every
// competency and summary becomes a TF-IDF vector over the index's stems
// (`analysis::Analyzer`); a phrase, being short, is widened across
// vocabularies by the thesaurus (curated groups and WordNet first senses). A level's score for a phrase combines its
// best-matching statements with a seniority estimate read from the text; a ladder pair is scored level by level
// (BERTScore-style mean of best matches) and aligned by an order-preserving dynamic programme (`align_monotone`).
// Statements repeated word for word across the levels of one ladder share
// their weight among those levels, so cumulative ladders do not drown the signal.
// A `Model` is immutable after construction and safe to share between threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/analysis/thesaurus.h"
#include "rungs/corpus/ladder.h"

namespace rungs::mapping {

struct ModelOptions {
  /// Widen phrases and statements with related words (wordnet-base); false turns every source off.
  bool use_synonyms = true;
  /// The resources the widening draws on (`rungs eval` shows each one's part).
  analysis::BridgeSources bridge;
  /// Add the seniority signal read from the text (scope, autonomy, influence).
  bool use_seniority = true;
  /// Use each level's relative position in its ladder when aligning ladders.
  bool use_position = true;
  /// WordNet dictionary directory for the thesaurus; "" uses the build's default.
  std::string wordnet_dir;

  bool operator==(const ModelOptions&) const = default;
};

struct Evidence {
  std::string text;
  std::string area;
  double score = 0;  ///< cosine similarity to the phrase, in [0, 1]

  bool operator==(const Evidence&) const = default;
};

struct LevelMatch {
  std::string level;  ///< level id
  std::string title;
  std::string code;
  int rank = 0;
  double score = 0;                ///< higher is better; comparable within one ladder
  std::vector<Evidence> evidence;  ///< the statements behind the score, best first

  bool operator==(const LevelMatch&) const = default;
};

struct LadderMatch {
  std::string ladder;
  std::vector<LevelMatch> levels;  ///< every level with statements, best first
  double confidence = 0;           ///< softmax share of the best level, in [0, 1]; 0 when no statement shares a word

  bool operator==(const LadderMatch&) const = default;
};

struct PhraseMatch {
  std::string query;
  std::vector<LadderMatch> ladders;

  bool operator==(const PhraseMatch&) const = default;
};

struct LevelRef {
  std::string level;
  std::string title;
  std::string code;

  bool operator==(const LevelRef&) const = default;
};

/// Where a job title sits on one ladder, and what decided it.
struct TitlePlacement {
  std::string ladder;
  LevelRef level;         ///< `level.level` is "" when the title cannot be placed on this ladder
  int rank = 0;           ///< the level's rank, 0 when none
  bool described = true;  ///< false for a level the ladder declares but does not describe (`Level::missing`)
  double confidence = 0;  ///< in [0, 1]; low for another role family or a track the ladder lacks
  /// What decided, strongest first: "title", "alias", "code", "seniority word",
  /// "numeral", "no seniority word" (read as intermediate), "track"; "" when nothing did.
  std::string basis;
  std::string reason;         ///< for people: which title, alias, code or word, against which level
  std::string note;           ///< a caveat (another role family, no such track, undescribed level); "" when none
  bool other_family = false;  ///< the title names a role family the ladder's titles do not

  bool operator==(const TitlePlacement&) const = default;
};

/// The answer for one ladder to `Model::answer`: a title's placement, or the
/// duty phrase's best level, with the reason either way.
struct LevelAnswer {
  std::string ladder;
  LevelRef level;  ///< `level.level` is "" when nothing places the text on this ladder
  int rank = 0;
  bool described = true;  ///< see `TitlePlacement::described`
  double confidence = 0;
  /// A `TitlePlacement::basis`, or "statements" when the duty phrase decided.
  std::string basis;
  std::string reason;
  std::string note;
  std::vector<Evidence> evidence;  ///< statements of the level that match the duties, best first
  /// False when `level` is only the best candidate: nothing in this ladder
  /// is a good match (the phrase is about a track the ladder lacks, or its
  /// closest statement shares little with it); `note` says which.
  bool good_match = true;

  bool operator==(const LevelAnswer&) const = default;
};

/// How `Model::answer` reads its text.
enum class TextKind {
  detect,  ///< a job title, a duty phrase or both, as `corpus::find_title` tells
  title,   ///< a job title (a staff list's title column), with any duties after it
};

struct Answer {
  std::string query;
  std::string title;   ///< the part of the query read as a job title; "" when none
  std::string duties;  ///< the part matched against statements; "" when the query is only a title
  std::vector<LevelAnswer> ladders;
  PhraseMatch phrase;  ///< every level ranked for `duties` (no ladders when there are none)

  bool operator==(const Answer&) const = default;
};

struct EvidencePair {
  std::string from_statement;
  std::string to_statement;
  double similarity = 0;

  bool operator==(const EvidencePair&) const = default;
};

/// The alignment gain of mapping a level onto one level of the other
/// ladder, split into what makes it: `total` = `content` + `position` + `seniority`.
struct GainTerms {
  double content = 0;    ///< what the statements share, relative to the other candidate levels
  double position = 0;   ///< minus the distance of the two levels' places (industry scale, or rank)
  double seniority = 0;  ///< minus the distance of the seniority their statements' words read
  double total = 0;

  bool operator==(const GainTerms&) const = default;
};

/// Which term decided a proposal over the level content alone would choose.
enum class Decider { content, position, seniority, pin, none };
[[nodiscard]] const char* to_string(Decider decider);

struct Equivalence {
  LevelRef from;
  std::vector<LevelRef> to;  ///< empty: no level of TO is a fair equivalent
  double confidence = 0;     ///< see `MappingTable::confidence_method`; 1 for a pinned row
  std::vector<EvidencePair> evidence;
  std::string note;                   ///< why `to` is empty, or what to watch
  bool pinned = false;                ///< decided by a person (`Pin`), not proposed
  GainTerms gain;                     ///< of the chosen level (of none: all zero)
  std::optional<LevelRef> runner_up;  ///< the best other level the order allowed
  GainTerms runner_up_gain;
  /// The level the statements alone favour (highest `content`), when it is
  /// not the chosen one; what moved the row off it is `decided_by`.
  std::optional<LevelRef> content_choice;
  Decider decided_by = Decider::none;  ///< content when the content choice was kept

  bool operator==(const Equivalence&) const = default;
};

struct MappingTable {
  std::string from;
  std::string to;
  std::vector<LevelRef> from_levels;        ///< matrix rows
  std::vector<LevelRef> to_levels;          ///< matrix columns
  std::vector<std::vector<double>> matrix;  ///< content similarity of row and column level, in [0, 1]
  std::vector<Equivalence> equivalences;    ///< one per FROM level, in ladder order
  std::string confidence_method;            ///< how `confidence` is computed, for people

  bool operator==(const MappingTable&) const = default;
};

/// The statement pairs behind one cell of `MappingTable::matrix`.
struct CellEvidence {
  std::string from;  ///< ladder ids
  std::string to;
  LevelRef from_level;
  LevelRef to_level;
  double similarity = 0;            ///< the matrix value of the cell
  std::vector<EvidencePair> pairs;  ///< best first, each statement once

  bool operator==(const CellEvidence&) const = default;
};

/// A decision a person took on one row of a mapping: level `from` of the
/// FROM ladder is equivalent to level `to` of the TO ladder ("" when it has
/// no equivalent there). Levels are named by id or title.
struct Pin {
  std::string from;
  std::string to;

  bool operator==(const Pin&) const = default;
};

/// Order-preserving alignment of FROM rows to TO columns. `scores[i][j]` is
/// the gain of mapping row i to column j (any scale; -infinity forbids it);
/// `skip_gain` is the gain of leaving a row without equivalent. Returns the
/// column of each row or -1; matched columns never decrease with the row,
/// several rows may share a column, and columns may stay unmatched.
/// **Example**: `align_monotone({{1, 0}, {0.9, 0.1}, {0, 1}}, 0)` → `{0, 0, 1}`.
[[nodiscard]] std::vector<int> align_monotone(const std::vector<std::vector<double>>& scores, double skip_gain);

class Model {
 public:
  /// Builds the statement space over `ladders` (the ladders to match against).
  /// Told how far a build is: ladders read, of the ladders to read, counted
  /// over the build's two passes (so `total` is twice the ladders).
  using BuildProgress = std::function<void(std::size_t done, std::size_t total)>;

  explicit Model(std::vector<corpus::Ladder> ladders, ModelOptions options = {}, const BuildProgress& progress = {});
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  [[nodiscard]] const std::vector<corpus::Ladder>& ladders() const;
  /// The options the model was built with.
  [[nodiscard]] const ModelOptions& options() const;
  /// The ladder `id`; throws `QueryError` listing the known ids when absent.
  [[nodiscard]] const corpus::Ladder& ladder(const std::string& id) const;

  /// Ranks the levels of every ladder (or of `ladder_ids`) for `phrase`.
  /// Throws `QueryError` for an unknown ladder id or a phrase with no words.
  [[nodiscard]] PhraseMatch match_phrase(const std::string& phrase, const std::vector<std::string>& ladder_ids = {},
                                         std::size_t evidence_per_level = 3) const;

  /// Places the job title `title` ("Sr. SRE", "Staff Engineer", "IC4", "Head
  /// of Support") on every ladder (or on `ladder_ids`), strongest evidence
  /// first: the ladder's own level titles and aliases after normalising
  /// (case, abbreviations, numerals), its level codes, then the seniority word
  /// on the industry scale (`corpus::seniority`) against what each level's
  /// title (else its statements) says, then the track. A title of another
  /// role family, or of a track the ladder lacks, still gets the nearest level,
  /// with a low confidence and a note. Throws `QueryError` for an unknown ladder id.
  /// **Example**: `place_title("Sr. Production Engineer", {"ops-sre"})` →
  /// Senior SRE [L3], basis "seniority word".
  [[nodiscard]] std::vector<TitlePlacement> place_title(const std::string& title,
                                                        const std::vector<std::string>& ladder_ids = {}) const;

  /// What `rungs level` answers: `text` may be a job title ("Senior SRE"), a
  /// duty phrase ("mentors juniors") or both ("senior SRE who mentors
  /// juniors"; `corpus::find_title` splits them). A title decides the level
  /// (the duties add evidence, and a note where they read otherwise), except
  /// that duties outweigh a title with no seniority word. With
  /// `TextKind::title`, a text that does not read as a title is placed as one
  /// all the same. Throws `QueryError` for an unknown ladder id or a text
  /// with no words.
  [[nodiscard]] Answer answer(const std::string& text, const std::vector<std::string>& ladder_ids = {},
                              std::size_t evidence_per_level = 3, TextKind kind = TextKind::detect) const;

  /// Same, but pretends statement `hidden_statement` of level `hidden_level`
  /// of ladder `ladder_id` is not in the corpus (leave-one-out evaluation).
  [[nodiscard]] LadderMatch match_phrase_without(const std::string& phrase, const std::string& ladder_id,
                                                 std::size_t hidden_level, std::size_t hidden_statement) const;

  /// Proposes equivalences from each level of `from` to levels of `to`. Rows
  /// named by `pins` take the pinned level (marked `pinned`) and the other
  /// rows are aligned around them, in order. Throws `QueryError` for an
  /// unknown ladder id, a pin naming an unknown level, two pins of one row,
  /// or pins whose order crosses (a later level pinned below an earlier one).
  [[nodiscard]] MappingTable map_ladders(const std::string& from, const std::string& to,
                                         const std::vector<Pin>& pins = {}) const;

  /// The statement pairs that make level `from_level` of ladder `from` and
  /// level `to_level` of `to` alike (levels by id, title or code), at most
  /// `limit`: what a cell of `map_ladders`' matrix rests on. Throws
  /// `QueryError` for an unknown ladder or a level without statements.
  [[nodiscard]] CellEvidence cell_evidence(const std::string& from, const std::string& to,
                                           const std::string& from_level, const std::string& to_level,
                                           std::size_t limit = 5) const;
  /// The built model as a compact, versioned binary file (magic, format
  /// version, size, checksum), tagged with `key`: whatever identifies what
  /// the caller built it from, e.g. the index's UUID and revision. Reading it
  /// back with `deserialize` costs a small fraction of building it.
  [[nodiscard]] std::string serialize(const std::string& key) const;

  /// The model in `bytes` (from `serialize`) when it was saved with `key`
  /// and `options`; `std::nullopt` when it was saved with another key, other
  /// options or by another format version (a stale file: build anew).
  /// Throws `rungs::Error` when `bytes` are damaged (truncated, corrupt).
  /// **Example**: `Model::deserialize(serialize("k"), "k", {})` answers
  /// `match_phrase` and `map_ladders` exactly as the model saved.
  [[nodiscard]] static std::optional<Model> deserialize(std::string_view bytes, const std::string& key,
                                                        const ModelOptions& options);

 private:
  struct Impl;
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rungs::mapping
