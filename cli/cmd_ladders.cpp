// `rungs ladders` and `rungs show`: what the index holds.
#include <fmt/format.h>

#include "common.h"
#include "output.h"
#include "rungs/corpus/error.h"

namespace rungs::cli {
namespace {

using corpus::StatementKind;

struct LaddersOptions {
  IndexOptions index;
  OutputOptions output;
};

void run_ladders(const LaddersOptions& options) {
  auto searcher = open_searcher(options.index);
  const auto ladders = searcher.ladders();
  if (options.output.json()) {
    print_json(service::ladder_list_json(ladders));
    return;
  }
  for (const auto& ladder : ladders) {
    fmt::print("{}  ({}, framework {}): {} statements, {} summaries, {} set aside\n", ladder.id, ladder.name,
               ladder.framework, corpus::count(ladder, StatementKind::competency),
               corpus::count(ladder, StatementKind::summary), corpus::count(ladder, StatementKind::boilerplate));
    std::vector<std::vector<std::string>> rows;
    for (const auto& level : ladder.levels) {
      const int statements = corpus::count(level, StatementKind::competency);
      std::string note = level.missing ? "not in the corpus" : statements == 0 ? "TBA: no statements yet" : "";
      rows.push_back({std::to_string(level.rank), level.id, level.title, level.code, level.track,
                      level.missing ? "-" : std::to_string(statements),
                      level.missing ? "-" : std::to_string(corpus::count(level, StatementKind::summary)),
                      level.missing ? "-" : std::to_string(corpus::count(level, StatementKind::boilerplate)), note});
    }
    print_table({"rank", "level", "title", "code", "track", "statements", "summaries", "set aside", "note"}, rows);
    fmt::print("\n");
  }
}

void print_level(const corpus::Level& level, bool colour) {
  const char* bold = colour ? "\033[1m" : "";
  const char* dim = colour ? "\033[2m" : "";
  const char* reset = colour ? "\033[0m" : "";
  fmt::print("{}{}{}  ({}{}, rank {}, {} track)\n", bold, level.title, reset, level.id,
             level.code.empty() ? "" : ", " + level.code, level.rank, level.track);
  if (level.missing) {
    fmt::print("  not in the corpus: the manifest declares this level, no document describes it\n\n");
    return;
  }
  if (corpus::count(level, StatementKind::competency) == 0) fmt::print("  TBA: no competency statements yet\n");
  for (const auto& s : level.statements) {
    if (s.kind == StatementKind::summary) fmt::print("  {}> {}{}\n", dim, s.text, reset);
  }
  std::string area = "\x01";
  for (const auto& s : level.statements) {
    if (s.kind != StatementKind::competency) continue;
    if (s.area != area) {
      area = s.area;
      fmt::print("  {}{}{}\n", bold, area.empty() ? "(no area)" : area, reset);
    }
    fmt::print("    - {}\n", s.text);
  }
  if (corpus::count(level, StatementKind::boilerplate) > 0) {
    fmt::print("  {}Set aside (not ranked or mapped):{}\n", dim, reset);
    for (const auto& s : level.statements) {
      if (s.kind == StatementKind::boilerplate)
        fmt::print("  {}  {}:{} [{}] {}{}\n", dim, s.source, s.line, s.reason, s.text, reset);
    }
  }
  fmt::print("\n");
}

struct ShowOptions {
  IndexOptions index;
  OutputOptions output;
  std::string ladder;
  std::string level;
};

void run_show(const ShowOptions& options) {
  auto searcher = open_searcher(options.index);
  const auto ladder = searcher.ladder(options.ladder);
  if (options.output.json()) {
    print_json(service::shown_levels_json(ladder, options.level));
    return;
  }
  std::vector<const corpus::Level*> levels;
  for (const auto& level : ladder.levels) {
    if (options.level.empty() || level.id == options.level) levels.push_back(&level);
  }
  if (levels.empty()) (void)service::shown_levels_json(ladder, options.level);  // throws, naming the levels
  fmt::print("{} ({})\n\n", ladder.name, ladder.id);
  for (const auto* level : levels) print_level(*level, use_colour());
}

}  // namespace

void setup_ladders(CLI::App& app) {
  auto options = std::make_shared<LaddersOptions>();
  auto* ladders = app.add_subcommand("ladders", "List every ladder: its levels in order and statement counts");
  options->index.add_to(*ladders);
  options->output.add_to(*ladders);
  ladders->callback([options] { run_ladders(*options); });

  auto show_options = std::make_shared<ShowOptions>();
  auto* show =
      app.add_subcommand("show", "Show a ladder, or one level: summaries, statements by area, and what was set aside");
  show->add_option("ladder", show_options->ladder, "Ladder id (see `rungs ladders`)")->required();
  show->add_option("level", show_options->level, "Level id, e.g. l4 (default: every level)");
  show_options->index.add_to(*show);
  show_options->output.add_to(*show);
  show->callback([show_options] { run_show(*show_options); });
}

}  // namespace rungs::cli
