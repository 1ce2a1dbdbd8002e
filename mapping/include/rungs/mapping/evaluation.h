#pragma once
// Scoring the model on evaluation sets, beside two baselines the program
// computes itself: BM25 alone (the index's ranking, best level by summed
// statement scores) and position alone (map by relative rank).

#include <filesystem>
#include <string>
#include <vector>

#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::mapping {

/// A phrase with its acceptable levels in one ladder (`phrases.*.tsv`).
struct PhraseCase {
  std::string id;
  std::string phrase;
  std::string ladder;
  std::vector<std::string> expected;  ///< level names as written (title, id or code)
};

/// Acceptable equivalences of one level (`mapping.gold.tsv`).
struct GoldLink {
  std::string from_ladder;
  std::string from_level;
  std::string to_ladder;
  std::vector<std::string> acceptable;
};

/// Reads a TSV with a header line; `|` separates acceptable levels.
/// Throws `ParseError` naming the file and line for a malformed row.
[[nodiscard]] std::vector<PhraseCase> read_phrase_cases(const std::filesystem::path& path);
[[nodiscard]] std::vector<GoldLink> read_gold_links(const std::filesystem::path& path);

/// The id of the level of `ladder` called `name` (its id, title, code or an
/// alias, ignoring case). Throws `QueryError` when none matches.
[[nodiscard]] std::string resolve_level(const corpus::Ladder& ladder, const std::string& name);

struct Outcome {
  std::string case_id;    ///< phrase id, or "from → to" for a gold link
  std::string predicted;  ///< level id, "" for no equivalent
  bool hit = false;
  double confidence = 0;  ///< the method's confidence, where it has one
};

struct MethodScore {
  std::string method;
  int hits = 0;
  int total = 0;
  std::vector<Outcome> outcomes;
};

/// The evaluation sets `evaluate` scores; an empty set is skipped.
struct EvalSets {
  std::vector<PhraseCase> phrases;
  std::vector<GoldLink> gold;
  std::vector<PhraseCase> titles;
  /// Phrases that share no content word with the statement they mean
  /// (`tests/eval/paraphrases.dev.tsv`).
  std::vector<PhraseCase> paraphrases;
};

struct EvalReport {
  std::vector<MethodScore> phrases;  ///< rungs and the BM25 baseline
  /// Job titles (`titles.*.tsv`, the phrase format): rungs, its statements
  /// alone, and a title-only baseline (exact title, else the seniority word's
  /// relative position).
  std::vector<MethodScore> titles;
  std::vector<MethodScore> mapping;  ///< rungs, BM25 and position baselines
  /// Hide a statement, ask for its level; statements that another level of
  /// the ladder repeats word for word are left out (they have no single answer).
  std::vector<MethodScore> leave_one_out;
  /// Paraphrases, and the phrases whose id starts with 'D' (the dev set's
  /// paraphrases): rungs, rungs without each resource of the semantic bridge
  /// in turn, without any, and BM25.
  std::vector<MethodScore> paraphrases;
  std::vector<MethodScore> dev_paraphrases;
};

/// How far confidences are from the accuracy they claim: outcomes binned
/// by confidence ([0, 0.2), [0.2, 0.4), ... [0.8, 1]), each bin's mean
/// confidence beside its accuracy, and the expected calibration error (the
/// bins' |accuracy - mean confidence| weighted by their share of outcomes).
struct ReliabilityBin {
  double low = 0;
  double high = 0;
  int count = 0;
  double mean_confidence = 0;
  double accuracy = 0;
};
struct Calibration {
  std::vector<ReliabilityBin> bins;  ///< every bin, empty ones included
  double expected_error = 0;         ///< ECE, in [0, 1]
  int outcomes = 0;
};

/// The calibration of `outcomes` (their `confidence` and `hit`), in `bins` equal bins.
[[nodiscard]] Calibration calibration(const std::vector<Outcome>& outcomes, int bins = 5);

/// Runs every method on the cases. `searcher` must index the same ladders as `model`.
/// Phrases and titles are both answered as `rungs level` answers them (`Model::answer`).
[[nodiscard]] EvalReport evaluate(const Model& model, search::Searcher& searcher, const EvalSets& sets);

/// The title-only baseline: the level whose title or alias is `title`
/// (ignoring case), else the level at the relative position of its seniority
/// word on the industry scale (no word: the middle) among the levels of its
/// track. "" when the ladder has no level of any track.
[[nodiscard]] std::string title_baseline(const corpus::Ladder& ladder, const std::string& title);

}  // namespace rungs::mapping
