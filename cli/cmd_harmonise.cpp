// `rungs harmonise`: one band structure across several ladders.
#include <algorithm>

#include <fmt/format.h>

#include "common.h"
#include "html_report.h"
#include "output.h"
#include "rungs/mapping/crosswalk.h"
#include "rungs/mapping/harmonise.h"
#include "terminal.h"

namespace rungs::cli {
namespace {

struct HarmoniseOptions {
  IndexOptions index;
  ModelFlags model;
  std::vector<std::string> ladders;
  OutputOptions output;
  std::string pivot;
  std::vector<std::string> crosswalks;
};

std::string member_titles(const mapping::Band& band, const std::string& ladder) {
  std::string out;
  for (const auto& m : band.members) {
    if (m.ladder == ladder)
      out += (out.empty() ? "" : " + ") + m.level.title + (m.level.code.empty() ? "" : " [" + m.level.code + "]");
  }
  return out;
}

std::string joined_notes(const mapping::Band& band, const char* separator) {
  std::string out;
  for (const auto& n : band.notes) out += (out.empty() ? "" : separator) + service::band_note_words(n);
  return out;
}

void run_harmonise(const HarmoniseOptions& options) {
  const auto model = load_model(resolve_db(options.index), options.model);
  mapping::HarmoniseOptions harmonise_options{.pivot = options.pivot, .crosswalks = {}};
  for (const auto& file : options.crosswalks) {
    for (auto& c : mapping::read_crosswalks(file)) harmonise_options.crosswalks.push_back(std::move(c));
  }
  const auto h = mapping::harmonise(model, options.ladders, harmonise_options);
  if (!options.output.html.empty()) {
    std::vector<mapping::MappingTable> to_pivot;
    // One heatmap per ladder against the pivot of each track it has levels on.
    for (const auto& pivot : h.pivots) {
      for (const auto& l : h.ladders) {
        const auto& levels = model.ladder(l).levels;
        const bool on_track =
            std::any_of(levels.begin(), levels.end(), [&](const auto& v) { return v.track == pivot.track; });
        if (l != pivot.ladder && on_track) {
          to_pivot.push_back(
              model.map_ladders(l, pivot.ladder, mapping::pins_for(harmonise_options.crosswalks, l, pivot.ladder)));
        }
      }
    }
    service::write_output_file(options.output.html, html_harmonise_report(h, to_pivot));
    fmt::print(stderr, "rungs: wrote {}\n", options.output.html);
  }
  const std::string& format = options.output.format;
  if (format == "json") {
    print_json(service::harmonisation_json(h));
    return;
  }
  std::vector<std::string> header{"band"};
  header.insert(header.end(), h.ladders.begin(), h.ladders.end());
  header.insert(header.end(), {"confidence", "notes"});
  // For people, the notes go below the table, numbered, so that rows stay narrow.
  const bool table = format == "table";
  std::vector<std::string> footnotes;
  std::vector<std::vector<std::string>> rows;
  for (const auto& band : h.bands) {
    std::vector<std::string> row{service::band_name(band)};
    for (const auto& l : h.ladders) row.push_back(member_titles(band, l));
    row.push_back(band.members.size() > 1 ? fmt::format("{:.0f}%", 100 * band.confidence) : "—");
    if (table) {
      std::string refs;
      for (const auto& note : band.notes) {
        footnotes.push_back(fmt::format("{}: {}", service::band_name(band), service::band_note_words(note)));
        refs += fmt::format("{}[{}]", refs.empty() ? "" : " ", footnotes.size());
      }
      row.push_back(refs);
    } else {
      row.push_back(joined_notes(band, "; "));  // no "<br>": Markdown cells escape raw HTML
    }
    rows.push_back(std::move(row));
  }
  if (format == "csv") {
    output_is_csv();
    for (std::size_t i = 0; i < header.size(); ++i) fmt::print("{}{}", i ? "," : "", service::csv_field(header[i]));
    fmt::print("\n");
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) fmt::print("{}{}", i ? "," : "", service::csv_field(row[i]));
      fmt::print("\n");
    }
  } else if (format == "markdown") {
    print_markdown_table(header, rows);
  } else {
    fmt::print("Bands: B on the individual track, M on the management track. Pivot{}: ",
               h.pivots.size() > 1 ? "s" : "");
    for (std::size_t i = 0; i < h.pivots.size(); ++i)
      fmt::print("{}{} ({})", i ? ", " : "", h.pivots[i].ladder, h.pivots[i].track);
    fmt::print("\n\n");
    print_table(header, rows);
    if (!footnotes.empty()) fmt::print("\nNotes:\n");
    for (std::size_t i = 0; i < footnotes.size(); ++i) fmt::print("  [{}] {}\n", i + 1, footnotes[i]);
  }
  for (std::size_t i = 0; i < h.unplaced.size() && table; ++i) {
    fmt::print("not placed: {} {}\n", h.unplaced_ladders[i], h.unplaced[i].title);
  }
}

}  // namespace

void setup_harmonise(CLI::App& app) {
  auto options = std::make_shared<HarmoniseOptions>();
  auto* cmd =
      app.add_subcommand("harmonise", "Propose one band structure across several ladders (after a merger, say)");
  cmd->alias("harmonize");
  cmd->add_option("ladders", options->ladders, "Two or more ladder ids")->required()->expected(2, -1);
  options->output.add_to(*cmd, OutputOptions::Formats::tables);
  options->output.add_html(*cmd, "bands, and each ladder's alignment onto the pivot");
  cmd->add_option("--pivot", options->pivot,
                  "The ladder whose levels are the bands (after a merger, the acquirer's); default: per track, the "
                  "ladder with the most levels");
  cmd->add_option("--crosswalk", options->crosswalks,
                  "Decisions taken on pairs of these ladders (see `rungs map --save-crosswalk`); repeatable")
      ->check(CLI::ExistingFile);
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer(
      "Bands follow a pivot ladder per track (--pivot, else the one with most levels); every other ladder is\n"
      "aligned to it, and each band notes gaps, doubles, and where a direct mapping between two ladders disagrees.\n"
      "Bands are B1, B2, ... on the individual track and M1, M2, ... on the management track.\n"
      "Example:\n  rungs harmonise octopus-support gitlab-support ops-sre --pivot ops-sre --html bands.html");
  cmd->callback([options] { run_harmonise(*options); });
}

}  // namespace rungs::cli
