// `rungs compare`: benchmark two ladders against each other.
#include <fmt/format.h>

#include "common.h"
#include "html_report.h"
#include "output.h"
#include "rungs/mapping/harmonise.h"
#include "terminal.h"

namespace rungs::cli {
namespace {

struct CompareOptions {
  IndexOptions index;
  ModelFlags model;
  std::string a;
  std::string b;
  OutputOptions output;
  bool verbose = false;
};

std::vector<std::string> theme_header(const mapping::LadderProfile& p) {
  std::vector<std::string> header{"theme"};
  for (const auto& l : p.levels) header.push_back(l.code.empty() ? l.title : l.code);
  return header;
}

std::vector<std::vector<std::string>> theme_rows(const mapping::LadderProfile& p) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : p.themes) {
    std::vector<std::string> row{t.theme};
    for (int n : t.statements) row.push_back(n ? std::to_string(n) : "·");
    rows.push_back(std::move(row));
  }
  std::vector<std::string> totals{"(statements)"};
  for (int n : p.statement_counts) totals.push_back(std::to_string(n));
  rows.push_back(std::move(totals));
  return rows;
}

void print_list(const std::string& title, const std::vector<std::string>& items, bool markdown) {
  fmt::print("{}{}\n", markdown ? "### " : "", title);
  if (items.empty()) fmt::print("{}none\n", markdown ? "- " : "  ");
  for (const auto& i : items) fmt::print("{}{}\n", markdown ? "- " : "  - ", i);
  fmt::print("\n");
}

void run_compare(const CompareOptions& options) {
  const auto model = load_model(resolve_db(options.index), options.model);
  const auto c = mapping::compare(model, options.a, options.b);
  if (!options.output.html.empty()) {
    service::write_output_file(options.output.html, html_compare_report(c));
    fmt::print(stderr, "rungs: wrote {}\n", options.output.html);
  }
  const std::string& format = options.output.format;
  if (format == "json") {
    print_json(service::comparison_json(c));
    return;
  }
  if (format == "csv") {
    output_is_csv();
    fmt::print("ladder,theme,level,statements\n");
    for (const auto* p : {&c.a, &c.b}) {
      for (const auto& t : p->themes) {
        for (std::size_t i = 0; i < p->levels.size(); ++i) {
          fmt::print("{},{},{},{}\n", service::csv_field(p->ladder), service::csv_field(t.theme),
                     service::csv_field(p->levels[i].level), t.statements[i]);
        }
      }
    }
    return;
  }
  const bool markdown = format == "markdown";
  for (const auto* p : {&c.a, &c.b}) {
    fmt::print("{}Statements per theme and level: {}\n\n", markdown ? "### " : "", p->ladder);
    if (markdown) {
      print_markdown_table(theme_header(*p), theme_rows(*p));
    } else {
      print_table(theme_header(*p), theme_rows(*p));
    }
    fmt::print("\n");
    if (options.verbose) {  // the statements behind each count
      for (const auto& t : p->themes) {
        for (std::size_t i = 0; i < p->levels.size(); ++i) {
          if (t.evidence[i].empty()) continue;
          fmt::print("{}{} at {}:\n", markdown ? "#### " : "  ", t.theme, p->levels[i].title);
          for (const auto& text : t.evidence[i]) fmt::print("{}{}\n", markdown ? "- " : "    - ", text);
        }
      }
      fmt::print("\n");
    }
    for (const auto& s : p->thin_levels) fmt::print("{}thin level: {}\n", markdown ? "- " : "  ", s);
    for (const auto& s : p->near_duplicates) fmt::print("{}near duplicate: {}\n", markdown ? "- " : "  ", s);
    if (!p->thin_levels.empty() || !p->near_duplicates.empty()) fmt::print("\n");
  }
  print_list("Themes only " + c.a.ladder + " covers:", c.only_in_a, markdown);
  print_list("Themes only " + c.b.ladder + " covers:", c.only_in_b, markdown);
  print_list("Where one ladder asks for a theme at a lower level:", c.earlier, markdown);
}

}  // namespace

void setup_compare(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand("compare", "Benchmark two ladders: themes per level, gaps, thin or duplicate levels");
  cmd->add_option("a", options->a, "First ladder id")->required();
  cmd->add_option("b", options->b, "Second ladder id")->required();
  options->output.add_to(*cmd, OutputOptions::Formats::tables);
  options->output.add_html(*cmd, "themes per level, gaps, the statements behind each count");
  cmd->add_flag(
      "-v,--verbose", options->verbose,
      "List, per theme and level, the statements that put the level under the theme (JSON and HTML always do)");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer("Example:\n  rungs compare gitlab-support ops-sre --html compare.html");
  cmd->callback([options] { run_compare(*options); });
}

}  // namespace rungs::cli
