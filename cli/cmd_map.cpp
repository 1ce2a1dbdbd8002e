// `rungs map`: proposed level equivalences between two ladders.
#include <fmt/format.h>

#include "common.h"
#include "terminal.h"
#include "html_report.h"
#include "rungs/corpus/error.h"

namespace rungs::cli {
namespace {

struct MapOptions {
  IndexOptions index;
  ModelFlags model;
  std::string from;
  std::string to;
  std::string format = "table";
  std::string html;
};

nlohmann::json ref_json(const mapping::LevelRef& r) { return {{"level", r.level}, {"title", r.title}, {"code", r.code}}; }

nlohmann::json table_json(const mapping::MappingTable& t) {
  nlohmann::json rows = nlohmann::json::array(), cols = nlohmann::json::array(), eqs = nlohmann::json::array();
  for (const auto& r : t.from_levels) rows.push_back(ref_json(r));
  for (const auto& c : t.to_levels) cols.push_back(ref_json(c));
  for (const auto& e : t.equivalences) {
    nlohmann::json to = nlohmann::json::array(), evidence = nlohmann::json::array();
    for (const auto& r : e.to) to.push_back(ref_json(r));
    for (const auto& p : e.evidence) {
      evidence.push_back({{"from_statement", p.from_statement}, {"to_statement", p.to_statement}, {"similarity", p.similarity}});
    }
    eqs.push_back({{"from", ref_json(e.from)}, {"to", to}, {"confidence", e.confidence}, {"evidence", evidence}, {"note", e.note}});
  }
  return {{"from", t.from}, {"to", t.to}, {"rows", rows}, {"columns", cols}, {"matrix", t.matrix},
          {"equivalences", eqs}, {"confidence_method", t.confidence_method}};
}

std::string to_titles(const mapping::Equivalence& e) {
  if (e.to.empty()) return "—";
  std::string out;
  for (const auto& r : e.to) out += (out.empty() ? "" : " + ") + r.title + (r.code.empty() ? "" : " [" + r.code + "]");
  return out;
}

void print_markdown(const mapping::MappingTable& t) {
  fmt::print("| {} level | {} level | confidence | evidence |\n|---|---|---|---|\n", t.from, t.to);
  for (const auto& e : t.equivalences) {
    std::string evidence;
    for (const auto& p : e.evidence) {
      evidence += fmt::format("{}“{}” ≈ “{}” ({:.2f})", evidence.empty() ? "" : "<br>", md_cell(p.from_statement),
                              md_cell(p.to_statement), p.similarity);
    }
    if (e.to.empty()) evidence = md_cell(e.note);
    fmt::print("| {} | {} | {} | {} |\n", md_cell(e.from.title), md_cell(to_titles(e)),
               e.to.empty() ? "" : fmt::format("{:.0f}%", 100 * e.confidence), evidence);
  }
  fmt::print("\nSimilarity matrix (rows: {}, columns: {})\n\n| |", t.from, t.to);
  for (const auto& c : t.to_levels) fmt::print(" {} |", md_cell(c.title));
  fmt::print("\n|---|");
  for (std::size_t i = 0; i < t.to_levels.size(); ++i) fmt::print("---|");
  fmt::print("\n");
  for (std::size_t r = 0; r < t.from_levels.size(); ++r) {
    fmt::print("| {} |", md_cell(t.from_levels[r].title));
    for (double v : t.matrix[r]) fmt::print(" {:.2f} |", v);
    fmt::print("\n");
  }
}

void print_csv(const mapping::MappingTable& t) {
  output_is_csv();
  fmt::print("from_ladder,from_level,from_title,to_ladder,to_levels,to_titles,confidence,evidence\n");
  for (const auto& e : t.equivalences) {
    std::string ids, evidence;
    for (const auto& r : e.to) ids += (ids.empty() ? "" : "|") + r.level;
    for (const auto& p : e.evidence) {
      evidence += fmt::format("{}{} ≈ {} ({:.2f})", evidence.empty() ? "" : " | ", p.from_statement, p.to_statement, p.similarity);
    }
    fmt::print("{},{},{},{},{},{},{:.3f},{}\n", csv_field(t.from), csv_field(e.from.level), csv_field(e.from.title),
               csv_field(t.to), csv_field(ids), csv_field(to_titles(e)), e.confidence,
               csv_field(e.to.empty() ? e.note : evidence));
  }
}

void print_human(const mapping::MappingTable& t) {
  fmt::print("{} → {}\n\n", t.from, t.to);
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : t.equivalences) {
    rows.push_back({e.from.title, to_titles(e), e.to.empty() ? "" : fmt::format("{:.0f}%", 100 * e.confidence),
                    e.to.empty() ? e.note : ""});
  }
  print_table({t.from, t.to, "confidence", "note"}, rows);
  fmt::print("\nEvidence (statement pairs that carry each proposal):\n");
  for (const auto& e : t.equivalences) {
    if (e.to.empty()) continue;
    fmt::print("  {} → {}\n", e.from.title, to_titles(e));
    for (const auto& p : e.evidence) fmt::print("    {:.2f}  “{}”\n          ≈ “{}”\n", p.similarity, p.from_statement, p.to_statement);
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
  const auto table = model.map_ladders(options.from, options.to);
  if (!options.html.empty()) {
    write_output_file(options.html, html_map_report(table));
    fmt::print(stderr, "rungs: wrote {}\n", options.html);
  }
  const std::string format = options.index.json ? "json" : options.format;
  if (format == "json") {
    print_json(table_json(table));
  } else if (format == "markdown") {
    print_markdown(table);
  } else if (format == "csv") {
    print_csv(table);
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
  cmd->add_option("--format", options->format, "table (default), markdown, csv or json")
      ->check(CLI::IsMember({"table", "markdown", "csv", "json"}));
  cmd->add_option("--html", options->html, "Also write a self-contained HTML report (heatmap, proposals, evidence) to this file");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer("Examples:\n  rungs map octopus-support ops-sre\n  rungs map gitlab-support octopus-support --format markdown");
  cmd->callback([options] { run_map(*options); });
}

}  // namespace rungs::cli
