// `rungs export`: a ladder in the structured YAML format, to edit or re-index.
#include <fmt/format.h>

#include "common.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"

namespace rungs::cli {
namespace {

struct ExportOptions {
  IndexOptions index;
  std::string ladder;
  std::string output;
  bool json = false;  // refused, with the command that gives JSON
};

void run_export(const ExportOptions& options) {
  if (options.json) {  // YAML printed for --json would mislead a program
    throw QueryError(
        "export writes the structured YAML format (what `rungs index` reads back) and has no JSON form; "
        "for JSON, use `rungs show " +
        options.ladder + " --json`");
  }
  auto searcher = open_searcher(options.index);
  const std::string yaml = corpus::to_yaml(searcher.ladder(options.ladder));
  if (options.output.empty() || options.output == "-") {
    fmt::print("{}", yaml);
    return;
  }
  service::write_output_file(options.output, yaml);
  fmt::print(stderr, "rungs: wrote {} ({})\n", options.output, options.ladder);
}

}  // namespace

void setup_export(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  auto* cmd =
      app.add_subcommand("export", "Write a ladder in the structured YAML format (edit it, then `rungs index` it)");
  cmd->add_option("ladder", options->ladder, "Ladder id")->required();
  cmd->add_option("-o,--output", options->output, "Output file (default: standard output)");
  options->index.add_to(*cmd);
  cmd->add_flag("--json", options->json, "Refused: export writes YAML only (`rungs show LADDER --json` gives JSON)");
  cmd->callback([options] { run_export(*options); });
}

}  // namespace rungs::cli
