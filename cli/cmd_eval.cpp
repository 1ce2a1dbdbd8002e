// `rungs eval`: accuracy on the evaluation sets, against baselines.
#include <fmt/format.h>

#include "common.h"
#include "output.h"
#include "rungs/corpus/error.h"
#include "rungs/mapping/evaluation.h"

namespace rungs::cli {
namespace {

struct EvalOptions {
  IndexOptions index;
  OutputOptions output;
  ModelFlags model;
  std::string phrases = (data_dir(RUNGS_EVAL_DIR, "eval") / "phrases.dev.tsv").string();
  std::string gold = (data_dir(RUNGS_EVAL_DIR, "eval") / "mapping.gold.tsv").string();
  std::string titles = (data_dir(RUNGS_EVAL_DIR, "eval") / "titles.dev.tsv").string();
  std::string paraphrases = (data_dir(RUNGS_EVAL_DIR, "eval") / "paraphrases.dev.tsv").string();
  bool verbose = false;
  double min_phrases = 0;      // fraction
  int min_mapping = 0;         // links
  double min_loo = 0;          // fraction
  double min_titles = 0;       // fraction
  double min_paraphrases = 0;  // fraction
};

std::string ratio(const mapping::MethodScore& s) {
  return fmt::format("{}/{} ({:.1f}%)", s.hits, s.total, s.total ? 100.0 * s.hits / s.total : 0.0);
}

// Mean confidence of hits and of misses: a confidence that means something is lower on misses.
std::string calibration(const mapping::MethodScore& s) {
  double hit_sum = 0, miss_sum = 0;
  int hits = 0, misses = 0;
  for (const auto& o : s.outcomes) (o.hit ? hit_sum : miss_sum) += o.confidence, (o.hit ? hits : misses) += 1;
  return fmt::format("mean confidence {:.2f} on hits, {}", hits ? hit_sum / hits : 0.0,
                     misses ? fmt::format("{:.2f} on misses", miss_sum / misses) : std::string("no misses"));
}

nlohmann::json score_json(const mapping::MethodScore& s) {
  nlohmann::json outcomes = nlohmann::json::array();
  for (const auto& o : s.outcomes) {
    outcomes.push_back({{"case", o.case_id}, {"predicted", o.predicted}, {"hit", o.hit}, {"confidence", o.confidence}});
  }
  return {{"method", s.method}, {"hits", s.hits}, {"total", s.total}, {"outcomes", outcomes}};
}

// What rungs' confidences are worth: per set, and over every answer pooled.
std::vector<std::pair<std::string, mapping::Calibration>> calibrations(const mapping::EvalReport& report) {
  std::vector<std::pair<std::string, mapping::Calibration>> out;
  std::vector<mapping::Outcome> pooled;
  for (const auto& [name, scores] :
       {std::pair{"phrases", &report.phrases}, std::pair{"titles", &report.titles},
        std::pair{"mapping", &report.mapping}, std::pair{"leave_one_out", &report.leave_one_out}}) {
    if (scores->empty() || scores->front().outcomes.empty()) continue;
    const auto& outcomes = scores->front().outcomes;
    out.emplace_back(name, mapping::calibration(outcomes));
    pooled.insert(pooled.end(), outcomes.begin(), outcomes.end());
  }
  out.emplace_back("all", mapping::calibration(pooled));
  return out;
}

void print_calibration(const mapping::EvalReport& report) {
  const auto sets = calibrations(report);
  fmt::print("Calibration of rungs' confidence (expected calibration error, ECE: 0 is perfect)\n");
  std::vector<std::vector<std::string>> summary;
  for (const auto& [name, c] : sets)
    summary.push_back({name, std::to_string(c.outcomes), fmt::format("{:.3f}", c.expected_error)});
  print_table({"set", "answers", "ECE"}, summary);
  fmt::print("\nReliability, all answers pooled (a well-calibrated row has accuracy = mean confidence):\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& bin : sets.back().second.bins) {
    rows.push_back({fmt::format("{:.0f}-{:.0f}%", 100 * bin.low, 100 * bin.high), std::to_string(bin.count),
                    bin.count ? fmt::format("{:.0f}%", 100 * bin.mean_confidence) : "—",
                    bin.count ? fmt::format("{:.0f}%", 100 * bin.accuracy) : "—"});
  }
  print_table({"confidence", "answers", "mean confidence", "accuracy"}, rows);
  fmt::print("\n");
}

nlohmann::json calibration_json(const mapping::Calibration& c) {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& b : c.bins) {
    bins.push_back({{"low", b.low},
                    {"high", b.high},
                    {"answers", b.count},
                    {"mean_confidence", b.mean_confidence},
                    {"accuracy", b.accuracy}});
  }
  return {{"ece", c.expected_error}, {"answers", c.outcomes}, {"bins", bins}};
}

void run_eval(const EvalOptions& options) {
  const auto db = resolve_db(options.index);
  search::Searcher searcher(db);
  const auto model = load_model(db, options.model);
  mapping::EvalSets sets;
  sets.phrases = mapping::read_phrase_cases(options.phrases);
  sets.gold = mapping::read_gold_links(options.gold);
  sets.titles = mapping::read_phrase_cases(options.titles);
  if (!options.paraphrases.empty()) sets.paraphrases = mapping::read_phrase_cases(options.paraphrases);
  const auto report = mapping::evaluate(model, searcher, sets);
  if (options.output.json()) {
    nlohmann::json out = {{"phrases", nlohmann::json::array()},     {"titles", nlohmann::json::array()},
                          {"mapping", nlohmann::json::array()},     {"leave_one_out", nlohmann::json::array()},
                          {"paraphrases", nlohmann::json::array()}, {"dev_paraphrases", nlohmann::json::array()}};
    for (const auto& s : report.phrases) out["phrases"].push_back(score_json(s));
    for (const auto& s : report.titles) out["titles"].push_back(score_json(s));
    for (const auto& s : report.mapping) out["mapping"].push_back(score_json(s));
    for (const auto& s : report.leave_one_out) out["leave_one_out"].push_back(score_json(s));
    for (const auto& s : report.paraphrases) out["paraphrases"].push_back(score_json(s));
    for (const auto& s : report.dev_paraphrases) out["dev_paraphrases"].push_back(score_json(s));
    out["calibration"] = nlohmann::json::object();
    for (const auto& [name, c] : calibrations(report)) out["calibration"][name] = calibration_json(c);
    print_json(out);
  } else {
    auto section = [&](const char* title, const std::vector<mapping::MethodScore>& scores) {
      fmt::print("{}\n", title);
      std::vector<std::vector<std::string>> rows;
      for (const auto& s : scores) rows.push_back({s.method, ratio(s)});
      print_table({"method", "hits"}, rows);
      const auto& ours = scores.front();
      if (!ours.outcomes.empty() && ours.outcomes.front().confidence > 0) fmt::print("rungs: {}\n", calibration(ours));
      if (options.verbose) {
        for (const auto& o : ours.outcomes) {
          if (!o.hit)
            fmt::print("  miss: {} → {} (confidence {:.2f})\n", o.case_id, o.predicted.empty() ? "—" : o.predicted,
                       o.confidence);
        }
      }
      fmt::print("\n");
    };
    section(fmt::format("Phrases → level ({})", options.phrases).c_str(), report.phrases);
    section(fmt::format("Job titles → level ({})", options.titles).c_str(), report.titles);
    section(fmt::format("Gold level mapping ({})", options.gold).c_str(), report.mapping);
    section(
        "Leave one statement out (hide a statement, ask for its level; statements repeated in another level left out)",
        report.leave_one_out);
    if (!report.paraphrases.empty()) {
      section(
          fmt::format("Paraphrases → level, no content word shared with the statement meant ({})", options.paraphrases)
              .c_str(),
          report.paraphrases);
    }
    if (!report.dev_paraphrases.empty()) section("The phrases' paraphrases (ids D1, D2, ...)", report.dev_paraphrases);
    print_calibration(report);
  }
  const auto& phrases = report.phrases.front();
  const auto& titles = report.titles.front();
  const auto& map = report.mapping.front();
  const auto& loo = report.leave_one_out.front();
  const mapping::MethodScore none;
  const auto& para = report.paraphrases.empty() ? none : report.paraphrases.front();
  if (phrases.hits < options.min_phrases * phrases.total || map.hits < options.min_mapping ||
      loo.hits < options.min_loo * loo.total || titles.hits < options.min_titles * titles.total ||
      para.hits < options.min_paraphrases * para.total) {
    throw Error(
        fmt::format("evaluation below the floor: phrases {}/{} (floor {:.0f}%), titles {}/{} (floor {:.0f}%), "
                    "mapping {}/{} (floor {}), leave-one-out {}/{} (floor {:.0f}%), paraphrases {}/{} (floor {:.0f}%)",
                    phrases.hits, phrases.total, 100 * options.min_phrases, titles.hits, titles.total,
                    100 * options.min_titles, map.hits, map.total, options.min_mapping, loo.hits, loo.total,
                    100 * options.min_loo, para.hits, para.total, 100 * options.min_paraphrases));
  }
}

}  // namespace

void setup_eval(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  auto* cmd = app.add_subcommand(
      "eval", "Accuracy on the evaluation sets (phrases, job titles, gold mapping), beside baselines");
  cmd->add_option("--phrases", options->phrases, "Phrases TSV: id, phrase, ladder, expected levels (| separated)")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  cmd->add_option("--titles", options->titles, "Job titles TSV: id, title, ladder, expected levels (| separated)")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  cmd->add_option("--gold", options->gold, "Gold mapping TSV: from ladder, from level, to ladder, acceptable levels")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  cmd->add_option("--paraphrases", options->paraphrases,
                  "Paraphrases TSV (the phrases' format), each sharing no content word with the statement it means; "
                  "\"\" skips them")
      ->capture_default_str();
  cmd->add_flag("-v,--verbose", options->verbose, "List the cases rungs gets wrong");
  cmd->add_option("--min-phrases", options->min_phrases, "Fail (exit 1) below this fraction of phrases");
  cmd->add_option("--min-mapping", options->min_mapping, "Fail (exit 1) below this many gold links");
  cmd->add_option("--min-loo", options->min_loo, "Fail (exit 1) below this leave-one-out fraction");
  cmd->add_option("--min-titles", options->min_titles, "Fail (exit 1) below this fraction of job titles");
  cmd->add_option("--min-paraphrases", options->min_paraphrases, "Fail (exit 1) below this fraction of paraphrases");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  options->output.add_to(*cmd);
  cmd->callback([options] { run_eval(*options); });
}

}  // namespace rungs::cli
