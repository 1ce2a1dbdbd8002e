// `rungs level`: which level of each ladder matches a phrase, and why.
#include <fmt/format.h>

#include "common.h"
#include "output.h"

namespace rungs::cli {
namespace {

struct LevelOptions {
  IndexOptions index;
  OutputOptions output;
  ModelFlags model;
  std::vector<std::string> words;
  std::vector<std::string> ladders;
  std::size_t evidence = 3;
};

void run_level(const LevelOptions& options) {
  const auto model = load_model(resolve_db(options.index), options.model);
  std::string text;
  for (const auto& w : options.words) text += (text.empty() ? "" : " ") + w;
  const auto answer = model.answer(text, options.ladders, options.evidence);
  if (options.output.json()) {
    print_json(service::answer_json(answer));
    return;
  }
  const bool colour = use_colour();
  for (std::size_t i = 0; i < answer.ladders.size(); ++i) {
    const auto& a = answer.ladders[i];
    const std::string ladder = colour ? "\033[1m" + a.ladder + "\033[0m" : a.ladder;
    if (a.level.level.empty()) {
      fmt::print("{}: no level{}\n\n", ladder, a.note.empty() ? "" : " (" + a.note + ")");
      continue;
    }
    fmt::print("{}: {}{}{}  (confidence {:.0f}%)\n", ladder, a.good_match ? "" : "no good match; best candidate ",
               a.level.title, a.level.code.empty() ? "" : " [" + a.level.code + "]", 100 * a.confidence);
    if (a.basis != "statements" || !answer.title.empty()) fmt::print("    why: {} ({})\n", a.reason, a.basis);
    if (!a.note.empty()) fmt::print("    note: {}\n", a.note);
    for (const auto& e : a.evidence)
      fmt::print("    {:.2f}  {}{}\n", e.score, e.text, e.area.empty() ? "" : "  (" + e.area + ")");
    if (a.basis == "statements" && !answer.phrase.ladders.empty()) {
      const auto& levels = answer.phrase.ladders[i].levels;
      std::string others;
      for (std::size_t k = 1; k < levels.size(); ++k) {
        others += fmt::format("{}{} {:.2f}", k == 1 ? "" : ", ", levels[k].level, levels[k].score);
      }
      if (!others.empty()) fmt::print("    then: {}\n", others);
    }
    fmt::print("\n");
  }
}

}  // namespace

void setup_level(CLI::App& app) {
  auto options = std::make_shared<LevelOptions>();
  auto* cmd = app.add_subcommand("level", "Which level of each ladder matches a job title or a phrase, and why");
  cmd->add_option(
         "phrase", options->words,
         "A job title (\"Sr. SRE\"), what the person does in plain words, or both (\"senior SRE who mentors juniors\")")
      ->required();
  cmd->add_option("--ladder", options->ladders, "Only these ladders (repeatable)");
  cmd->add_option("--evidence", options->evidence, "Statements shown per level")->capture_default_str();
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  options->output.add_to(*cmd);
  cmd->footer(
      "A job title is placed by the ladder's own titles, aliases and codes, then by its seniority word; a phrase "
      "by\nthe statements it matches. Every answer says which decided (`why:`, JSON `basis` and "
      "`reason`).\nExamples:\n  rungs level \"runs the incident war room\"\n  rungs level \"Sr. Production Engineer\" "
      "--ladder ops-sre\n  rungs level \"mentors juniors\" --ladder ops-sre --json");
  cmd->callback([options] { run_level(*options); });
}

}  // namespace rungs::cli
