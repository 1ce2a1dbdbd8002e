// `rungs search`: ranked statements with snippets and facet counts.
#include <fmt/format.h>

#include "common.h"
#include "output.h"

namespace rungs::cli {
namespace {

struct SearchOptions {
  IndexOptions index;
  OutputOptions output;
  std::vector<std::string> words;
  search::Filters filters;
  int limit = 10;
  int offset = 0;
};

void run_search(const SearchOptions& options) {
  auto searcher = open_searcher(options.index);
  search::SearchRequest request;
  for (const auto& w : options.words) request.query += (request.query.empty() ? "" : " ") + w;
  request.filters = options.filters;
  request.limit = options.limit;
  request.offset = options.offset;
  const bool colour = !options.output.json() && use_colour();
  request.highlight_start = colour ? "\033[1;33m" : "[";
  request.highlight_end = colour ? "\033[0m" : "]";
  if (options.output.json()) {
    request.highlight_start = service::kSnippetMarkStart;
    request.highlight_end = service::kSnippetMarkEnd;
  }
  const auto results = searcher.search(request);
  if (options.output.json()) {
    print_json(service::search_results_json(results));
    return;
  }
  if (results.fell_back_to_plain) fmt::print("(the query did not parse; searched its words instead)\n");
  if (results.showing_corrected) {
    fmt::print("No statement matches '{}'; showing the statements for '{}'.\n", request.query, results.corrected_query);
  } else if (!results.corrected_query.empty()) {
    fmt::print("Did you mean: {}\n", results.corrected_query);
  }
  if (results.total == 0) {
    fmt::print("No statement matches '{}'.\n", request.query);
    return;
  }
  fmt::print("{} statement{} match; showing {}-{}\n\n", results.total, results.total == 1 ? "" : "s",
             results.hits.empty() ? 0 : options.offset + 1, options.offset + static_cast<int>(results.hits.size()));
  for (const auto& h : results.hits) {
    fmt::print("{:6.2f}  {}/{}  ({}{}{})\n        {}\n", h.score, h.ladder, h.level, h.level_title,
               h.area.empty() ? "" : " · ", h.area, h.snippet.empty() ? h.text : h.snippet);
  }
  fmt::print("\nFacets:\n");
  for (const auto& [name, counts] : results.facets) {
    std::string line;
    for (const auto& c : counts) line += (line.empty() ? "" : ", ") + fmt::format("{} {}", c.value, c.count);
    fmt::print("  {:<10} {}\n", name + ":", line);
  }
}

}  // namespace

void setup_search(CLI::App& app) {
  auto options = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand("search", "Search competency statements, with snippets and facet counts");
  cmd->add_option("query", options->words,
                  "Words, \"phrases\", AND/OR/NOT, and prefixes ladder: level: area: framework: track: kind:")
      ->required();
  cmd->add_option("--ladder", options->filters.ladders, "Only these ladders (repeatable)");
  cmd->add_option("--level", options->filters.levels, "Only these levels: l4 or ops-sre/l4 (repeatable)");
  cmd->add_option("--area", options->filters.areas, "Only these competency areas (repeatable)");
  cmd->add_option("--framework", options->filters.frameworks, "Only these frameworks (repeatable)");
  cmd->add_option("--track", options->filters.tracks, "Only this track: individual or management");
  cmd->add_option("--kind", options->filters.kinds, "Only competency or summary statements");
  cmd->add_option("--limit", options->limit, "Hits to show")->check(CLI::Range(0, 100000))->capture_default_str();
  cmd->add_option("--offset", options->offset, "Hits to skip")->check(CLI::NonNegativeNumber)->capture_default_str();
  options->index.add_to(*cmd);
  options->output.add_to(*cmd);
  cmd->footer(
      "Examples:\n  rungs search mentor --ladder octopus-support\n  rungs search 'level:l4 \"maintenance\"' --json\n"
      "  rungs search 'on-call NOT shadow' --framework basecamp");
  cmd->callback([options] { run_search(*options); });
}

}  // namespace rungs::cli
