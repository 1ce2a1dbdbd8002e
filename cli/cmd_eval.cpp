// `rungs eval`: accuracy on the evaluation sets, against baselines.
#include <fmt/format.h>

#include "common.h"
#include "rungs/corpus/error.h"
#include "rungs/mapping/evaluation.h"

namespace rungs::cli {
namespace {

struct EvalOptions {
  IndexOptions index;
  ModelFlags model;
  std::string phrases = std::string(RUNGS_EVAL_DIR) + "/phrases.dev.tsv";
  std::string gold = std::string(RUNGS_EVAL_DIR) + "/mapping.gold.tsv";
  std::string titles = std::string(RUNGS_EVAL_DIR) + "/titles.dev.tsv";
  bool verbose = false;
  double min_phrases = 0;   // fraction
  int min_mapping = 0;      // links
  double min_loo = 0;       // fraction
  double min_titles = 0;    // fraction
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

void run_eval(const EvalOptions& options) {
  const auto db = resolve_db(options.index);
  search::Searcher searcher(db);
  const auto model = load_model(db, options.model);
  const auto report = mapping::evaluate(model, searcher, mapping::read_phrase_cases(options.phrases),
                                        mapping::read_gold_links(options.gold), mapping::read_phrase_cases(options.titles));
  if (options.index.json) {
    nlohmann::json out = {{"phrases", nlohmann::json::array()}, {"titles", nlohmann::json::array()},
                          {"mapping", nlohmann::json::array()}, {"leave_one_out", nlohmann::json::array()}};
    for (const auto& s : report.phrases) out["phrases"].push_back(score_json(s));
    for (const auto& s : report.titles) out["titles"].push_back(score_json(s));
    for (const auto& s : report.mapping) out["mapping"].push_back(score_json(s));
    for (const auto& s : report.leave_one_out) out["leave_one_out"].push_back(score_json(s));
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
          if (!o.hit) fmt::print("  miss: {} → {} (confidence {:.2f})\n", o.case_id, o.predicted.empty() ? "—" : o.predicted, o.confidence);
        }
      }
      fmt::print("\n");
    };
    section(fmt::format("Phrases → level ({})", options.phrases).c_str(), report.phrases);
    section(fmt::format("Job titles → level ({})", options.titles).c_str(), report.titles);
    section(fmt::format("Gold level mapping ({})", options.gold).c_str(), report.mapping);
    section("Leave one statement out (hide a statement, ask for its level; statements repeated in another level left out)", report.leave_one_out);
  }
  const auto& phrases = report.phrases.front();
  const auto& titles = report.titles.front();
  const auto& map = report.mapping.front();
  const auto& loo = report.leave_one_out.front();
  if (phrases.hits < options.min_phrases * phrases.total || map.hits < options.min_mapping ||
      loo.hits < options.min_loo * loo.total || titles.hits < options.min_titles * titles.total) {
    throw Error(fmt::format("evaluation below the floor: phrases {}/{} (floor {:.0f}%), titles {}/{} (floor {:.0f}%), "
                            "mapping {}/{} (floor {}), leave-one-out {}/{} (floor {:.0f}%)",
                            phrases.hits, phrases.total, 100 * options.min_phrases, titles.hits, titles.total,
                            100 * options.min_titles, map.hits, map.total, options.min_mapping, loo.hits, loo.total,
                            100 * options.min_loo));
  }
}

}  // namespace

void setup_eval(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  auto* cmd = app.add_subcommand("eval", "Accuracy on the evaluation sets (phrases, job titles, gold mapping), beside baselines");
  cmd->add_option("--phrases", options->phrases, "Phrases TSV: id, phrase, ladder, expected levels (| separated)")
      ->check(CLI::ExistingFile)->capture_default_str();
  cmd->add_option("--titles", options->titles, "Job titles TSV: id, title, ladder, expected levels (| separated)")
      ->check(CLI::ExistingFile)->capture_default_str();
  cmd->add_option("--gold", options->gold, "Gold mapping TSV: from ladder, from level, to ladder, acceptable levels")
      ->check(CLI::ExistingFile)->capture_default_str();
  cmd->add_flag("-v,--verbose", options->verbose, "List the cases rungs gets wrong");
  cmd->add_option("--min-phrases", options->min_phrases, "Fail (exit 1) below this fraction of phrases");
  cmd->add_option("--min-mapping", options->min_mapping, "Fail (exit 1) below this many gold links");
  cmd->add_option("--min-loo", options->min_loo, "Fail (exit 1) below this leave-one-out fraction");
  cmd->add_option("--min-titles", options->min_titles, "Fail (exit 1) below this fraction of job titles");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->callback([options] { run_eval(*options); });
}

}  // namespace rungs::cli
