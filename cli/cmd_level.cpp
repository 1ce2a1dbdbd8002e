// `rungs level`: which level of each ladder matches a phrase, and why.
#include <fmt/format.h>

#include "common.h"

namespace rungs::cli {
namespace {

struct LevelOptions {
  IndexOptions index;
  ModelFlags model;
  std::vector<std::string> words;
  std::vector<std::string> ladders;
  std::size_t evidence = 3;
};

nlohmann::json match_json(const mapping::PhraseMatch& match) {
  nlohmann::json ladders = nlohmann::json::array();
  for (const auto& l : match.ladders) {
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& level : l.levels) {
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& e : level.evidence) evidence.push_back({{"text", e.text}, {"area", e.area}, {"score", e.score}});
      levels.push_back({{"level", level.level}, {"title", level.title}, {"code", level.code}, {"rank", level.rank},
                        {"score", level.score}, {"evidence", evidence}});
    }
    ladders.push_back({{"ladder", l.ladder}, {"confidence", l.confidence}, {"levels", levels}});
  }
  return {{"query", match.query}, {"ladders", ladders}};
}

void run_level(const LevelOptions& options) {
  const auto model = load_model(resolve_db(options.index), options.model);
  std::string phrase;
  for (const auto& w : options.words) phrase += (phrase.empty() ? "" : " ") + w;
  const auto match = model.match_phrase(phrase, options.ladders, options.evidence);
  if (options.index.json) {
    print_json(match_json(match));
    return;
  }
  const bool colour = use_colour();
  for (const auto& l : match.ladders) {
    if (l.levels.empty()) continue;
    const auto& best = l.levels.front();
    if (l.confidence == 0) {
      fmt::print("{}{}{}: no statement shares a word with the phrase\n\n", colour ? "\033[1m" : "", l.ladder, colour ? "\033[0m" : "");
      continue;
    }
    fmt::print("{}{}{}: {}{}  (confidence {:.0f}%)\n", colour ? "\033[1m" : "", l.ladder, colour ? "\033[0m" : "",
               best.title, best.code.empty() ? "" : " [" + best.code + "]", 100 * l.confidence);
    for (const auto& e : best.evidence) fmt::print("    {:.2f}  {}{}\n", e.score, e.text, e.area.empty() ? "" : "  (" + e.area + ")");
    std::string others;
    for (std::size_t i = 1; i < l.levels.size(); ++i) {
      others += fmt::format("{}{} {:.2f}", i == 1 ? "" : ", ", l.levels[i].level, l.levels[i].score);
    }
    if (!others.empty()) fmt::print("    then: {}\n", others);
    fmt::print("\n");
  }
}

}  // namespace

void setup_level(CLI::App& app) {
  auto options = std::make_shared<LevelOptions>();
  auto* cmd = app.add_subcommand("level", "Which level of each ladder best matches a phrase, with the statements behind it");
  cmd->add_option("phrase", options->words, "What the person does, in plain words")->required();
  cmd->add_option("--ladder", options->ladders, "Only these ladders (repeatable)");
  cmd->add_option("--evidence", options->evidence, "Statements shown per level")->capture_default_str();
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer("Examples:\n  rungs level \"runs the incident war room\"\n  rungs level \"mentors juniors\" --ladder ops-sre --json");
  cmd->callback([options] { run_level(*options); });
}

}  // namespace rungs::cli
