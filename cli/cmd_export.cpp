// `rungs export`: a ladder in the structured YAML format, to edit or re-index.
#include <unistd.h>

#include <fstream>

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
};

void run_export(const ExportOptions& options) {
  auto searcher = open_searcher(options.index);
  const std::string yaml = corpus::to_yaml(searcher.ladder(options.ladder));
  if (options.output.empty() || options.output == "-") {
    fmt::print("{}", yaml);
    return;
  }
  // Write beside the target and rename, so a failure never leaves half a file.
  const std::filesystem::path target = options.output;
  const auto temp = std::filesystem::path(target.string() + fmt::format(".tmp-{}", ::getpid()));
  {
    std::ofstream out(temp, std::ios::binary);
    out << yaml;
    if (!out.flush()) throw Error("cannot write " + temp.string());
  }
  std::filesystem::rename(temp, target);
  fmt::print(stderr, "rungs: wrote {} ({})\n", target.string(), options.ladder);
}

}  // namespace

void setup_export(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  auto* cmd = app.add_subcommand("export", "Write a ladder in the structured YAML format (edit it, then `rungs index` it)");
  cmd->add_option("ladder", options->ladder, "Ladder id")->required();
  cmd->add_option("-o,--output", options->output, "Output file (default: standard output)");
  options->index.add_to(*cmd);
  cmd->callback([options] { run_export(*options); });
}

}  // namespace rungs::cli
