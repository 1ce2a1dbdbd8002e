// `rungs map`: proposed level equivalences between two ladders.
#include <fmt/format.h>

#include "common.h"
#include "html_report.h"
#include "output.h"
#include "rungs/corpus/error.h"
#include "rungs/mapping/crosswalk.h"
#include "terminal.h"

namespace rungs::cli {
namespace {

struct MapOptions {
  IndexOptions index;
  ModelFlags model;
  std::string from;
  std::string to;
  OutputOptions output;
  std::vector<std::string> pins;        ///< FROM=TO
  std::vector<std::string> crosswalks;  ///< files of decisions
  std::string save_crosswalk;           ///< write the table's decisions here
};

void print_markdown(const mapping::MappingTable& t) {
  fmt::print("| {} level | {} level | confidence | evidence |\n|---|---|---|---|\n", t.from, t.to);
  for (const auto& e : t.equivalences) {
    std::string evidence;
    for (const auto& p : e.evidence) {
      evidence += fmt::format("{}“{}” ≈ “{}” ({:.2f})", evidence.empty() ? "" : "<br>",
                              service::md_cell(p.from_statement), service::md_cell(p.to_statement), p.similarity);
    }
    if (e.to.empty()) evidence = service::md_cell(e.note);
    if (const auto why = service::decision_words(e); !why.empty())
      evidence = service::md_cell("(" + why + ")") + "<br>" + evidence;
    fmt::print("| {} | {} | {} | {} |\n", service::md_cell(e.from.title), service::md_cell(service::target_titles(e)),
               e.pinned       ? "pinned"
               : e.to.empty() ? ""
                              : fmt::format("{:.0f}%", 100 * e.confidence),
               evidence);
  }
  fmt::print("\nSimilarity matrix (rows: {}, columns: {})\n\n| |", t.from, t.to);
  for (const auto& c : t.to_levels) fmt::print(" {} |", service::md_cell(c.title));
  fmt::print("\n|---|");
  for (std::size_t i = 0; i < t.to_levels.size(); ++i) fmt::print("---|");
  fmt::print("\n");
  for (std::size_t r = 0; r < t.from_levels.size(); ++r) {
    fmt::print("| {} |", service::md_cell(t.from_levels[r].title));
    for (double v : t.matrix[r]) fmt::print(" {:.2f} |", v);
    fmt::print("\n");
  }
}

void print_human(const mapping::MappingTable& t) {
  fmt::print("{} → {}\n\n", t.from, t.to);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> footnotes;  // rows where something beside the statements decided
  for (const auto& e : t.equivalences) {
    std::string note = e.to.empty() && !e.pinned ? e.note : "";
    if (e.content_choice && !e.to.empty()) {
      note = fmt::format("[{}]", footnotes.size() + 1);
      footnotes.push_back(e.from.title + ": " + service::decision_words(e));
    }
    rows.push_back({e.from.title, service::target_titles(e),
                    e.pinned       ? "pinned"
                    : e.to.empty() ? ""
                                   : fmt::format("{:.0f}%", 100 * e.confidence),
                    note});
  }
  print_table({t.from, t.to, "confidence", "note"}, rows);
  for (std::size_t i = 0; i < footnotes.size(); ++i) fmt::print("  [{}] {}\n", i + 1, footnotes[i]);
  fmt::print("\nEvidence (statement pairs that carry each proposal):\n");
  for (const auto& e : t.equivalences) {
    if (e.to.empty()) continue;
    fmt::print("  {} → {}\n", e.from.title, service::target_titles(e));
    for (const auto& p : e.evidence)
      fmt::print("    {:.2f}  “{}”\n          ≈ “{}”\n", p.similarity, p.from_statement, p.to_statement);
  }
  fmt::print("\nSimilarity (rows {}, columns {}):\n", t.from, t.to);
  std::vector<std::string> header{""};
  for (const auto& c : t.to_levels) header.push_back(c.code.empty() ? c.level : c.code);
  std::vector<std::vector<std::string>> cells;
  for (std::size_t r = 0; r < t.from_levels.size(); ++r) {
    std::vector<std::string> row{t.from_levels[r].level};
    for (double v : t.matrix[r]) row.push_back(fmt::format("{:.2f}", v));
    cells.push_back(std::move(row));
  }
  print_table(header, cells);
  fmt::print("\nConfidence: {}.\n", t.confidence_method);
}

void run_map(const MapOptions& options) {
  const auto model = load_model(resolve_db(options.index), options.model);
  std::vector<mapping::Crosswalk> crosswalks;
  for (const auto& file : options.crosswalks) {
    for (auto& c : mapping::read_crosswalks(file)) crosswalks.push_back(std::move(c));
  }
  std::vector<mapping::Pin> pins = mapping::pins_for(crosswalks, options.from, options.to);
  for (const auto& text : options.pins) {  // a pin on the command line overrides the files' for its row
    const auto pin = mapping::parse_pin(text);
    std::erase_if(pins, [&](const mapping::Pin& p) { return p.from == pin.from; });
    pins.push_back(pin);
  }
  const auto table = model.map_ladders(options.from, options.to, pins);
  if (!options.save_crosswalk.empty()) {
    service::write_output_file(options.save_crosswalk, mapping::crosswalk_yaml(table));
    fmt::print(stderr, "rungs: wrote {} (every row as a decision; delete the rows not yet decided)\n",
               options.save_crosswalk);
  }
  if (!options.output.html.empty()) {
    service::write_output_file(options.output.html, html_map_report(table));
    fmt::print(stderr, "rungs: wrote {}\n", options.output.html);
  }
  const std::string& format = options.output.format;
  if (format == "json") {
    print_json(service::mapping_table_json(table));
  } else if (format == "markdown") {
    print_markdown(table);
  } else if (format == "csv") {
    output_is_csv();
    const std::string csv = service::mapping_csv(table);
    std::fwrite(csv.data(), 1, csv.size(), stdout);
  } else {
    print_human(table);
  }
}

}  // namespace

void setup_map(CLI::App& app) {
  auto options = std::make_shared<MapOptions>();
  auto* cmd = app.add_subcommand("map", "Propose level equivalences between two ladders, with confidence and evidence");
  cmd->add_option("from", options->from, "Ladder whose levels are mapped")->required();
  cmd->add_option("to", options->to, "Ladder they are mapped onto")->required();
  options->output.add_to(*cmd, OutputOptions::Formats::tables);
  options->output.add_html(*cmd, "heatmap, proposals, evidence");
  cmd->add_option("--pin", options->pins,
                  "Decide a row by hand: FROM=TO (level ids or titles; FROM= for no equivalent); repeatable. The other "
                  "rows are aligned around the pins");
  cmd->add_option("--crosswalk", options->crosswalks,
                  "A file of decisions (YAML: from, to, pins), e.g. written by --save-crosswalk and edited; repeatable")
      ->check(CLI::ExistingFile);
  cmd->add_option("--save-crosswalk", options->save_crosswalk,
                  "Write every row of the result as a decision to this YAML file, to review and pass to --crosswalk");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer(
      "Pinned rows are marked \"pinned\" in every format (\"pinned\": true in JSON).\n"
      "Examples:\n  rungs map octopus-support ops-sre\n  rungs map gitlab-support octopus-support --format markdown\n"
      "  rungs map northwind contoso --save-crosswalk decisions.yaml   # review, edit, then:\n"
      "  rungs map northwind contoso --crosswalk decisions.yaml --pin support-manager=");
  cmd->callback([options] { run_map(*options); });
}

}  // namespace rungs::cli
