// `rungs map`: proposed level equivalences between two ladders.
#include <fmt/format.h>

#include "common.h"
#include "output.h"
#include "terminal.h"
#include "html_report.h"
#include "rungs/mapping/crosswalk.h"
#include "rungs/corpus/error.h"

namespace rungs::cli {
namespace {

struct MapOptions {
  IndexOptions index;
  ModelFlags model;
  std::string from;
  std::string to;
  OutputOptions output;
  std::vector<std::string> pins;         ///< FROM=TO
  std::vector<std::string> crosswalks;   ///< files of decisions
  std::string save_crosswalk;            ///< write the table's decisions here
};

nlohmann::json ref_json(const mapping::LevelRef& r) { return {{"level", r.level}, {"title", r.title}, {"code", r.code}}; }

nlohmann::json gain_json(const mapping::GainTerms& g) {
  return {{"content", g.content}, {"position", g.position}, {"seniority", g.seniority}, {"total", g.total}};
}

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
    nlohmann::json row = {{"from", ref_json(e.from)}, {"to", to}, {"confidence", e.confidence}, {"evidence", evidence},
                          {"note", e.note}, {"pinned", e.pinned}, {"gain", gain_json(e.gain)},
                          {"decided_by", mapping::to_string(e.decided_by)}, {"explanation", decision_words(e)}};
    row["runner_up"] = e.runner_up ? nlohmann::json{{"level", ref_json(*e.runner_up)}, {"gain", gain_json(e.runner_up_gain)}}
                                   : nlohmann::json(nullptr);
    row["content_choice"] = e.content_choice ? ref_json(*e.content_choice) : nlohmann::json(nullptr);
    eqs.push_back(std::move(row));
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
    if (const auto why = decision_words(e); !why.empty()) evidence = md_cell("(" + why + ")") + "<br>" + evidence;
    fmt::print("| {} | {} | {} | {} |\n", md_cell(e.from.title), md_cell(to_titles(e)),
               e.pinned ? "pinned" : e.to.empty() ? "" : fmt::format("{:.0f}%", 100 * e.confidence), evidence);
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
  fmt::print("from_ladder,from_level,from_title,to_ladder,to_levels,to_titles,confidence,pinned,evidence\n");
  for (const auto& e : t.equivalences) {
    std::string ids, evidence;
    for (const auto& r : e.to) ids += (ids.empty() ? "" : "|") + r.level;
    for (const auto& p : e.evidence) {
      evidence += fmt::format("{}{} ≈ {} ({:.2f})", evidence.empty() ? "" : " | ", p.from_statement, p.to_statement, p.similarity);
    }
    fmt::print("{},{},{},{},{},{},{:.3f},{},{}\n", csv_field(t.from), csv_field(e.from.level), csv_field(e.from.title),
               csv_field(t.to), csv_field(ids), csv_field(to_titles(e)), e.confidence, e.pinned ? "yes" : "no",
               csv_field(e.to.empty() ? e.note : evidence));
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
      footnotes.push_back(e.from.title + ": " + decision_words(e));
    }
    rows.push_back({e.from.title, to_titles(e),
                    e.pinned ? "pinned" : e.to.empty() ? "" : fmt::format("{:.0f}%", 100 * e.confidence), note});
  }
  print_table({t.from, t.to, "confidence", "note"}, rows);
  for (std::size_t i = 0; i < footnotes.size(); ++i) fmt::print("  [{}] {}\n", i + 1, footnotes[i]);
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
    write_output_file(options.save_crosswalk, mapping::crosswalk_yaml(table));
    fmt::print(stderr, "rungs: wrote {} (every row as a decision; delete the rows not yet decided)\n", options.save_crosswalk);
  }
  if (!options.output.html.empty()) {
    write_output_file(options.output.html, html_map_report(table));
    fmt::print(stderr, "rungs: wrote {}\n", options.output.html);
  }
  const std::string& format = options.output.format;
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
  cmd->footer("Pinned rows are marked \"pinned\" in every format (\"pinned\": true in JSON).\n"
              "Examples:\n  rungs map octopus-support ops-sre\n  rungs map gitlab-support octopus-support --format markdown\n"
              "  rungs map northwind contoso --save-crosswalk decisions.yaml   # review, edit, then:\n"
              "  rungs map northwind contoso --crosswalk decisions.yaml --pin support-manager=");
  cmd->callback([options] { run_map(*options); });
}

}  // namespace rungs::cli
