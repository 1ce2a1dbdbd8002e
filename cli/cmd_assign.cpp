// `rungs assign`: a staff list's job titles placed on ladders, one output
// row per input row, in input order, with one model load for the batch.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "common.h"
#include "exit_status.h"
#include "output.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/service/staff_list.h"
#include "rungs/service/tables.h"

namespace rungs::cli {
namespace {

constexpr std::uintmax_t kLargestInput = 64u << 20;  // bytes; a staff list, not a data dump

struct AssignOptions {
  IndexOptions index;
  ModelFlags model;
  std::string file = "-";  ///< CSV or one title per line; "-" reads standard input
  std::string column;      ///< the title column of a CSV with a header; "" detects it
  std::vector<std::string> ladders;
  OutputOptions output;
};

std::string read_input(const std::string& file) {
  std::ostringstream bytes;
  if (file == "-") {
    bytes << std::cin.rdbuf();
    return bytes.str();
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) throw Error(fmt::format("{}: cannot read: {}", file, error.message()));
  if (size > kLargestInput) {
    throw Error(fmt::format("{}: is {} bytes; rungs assign reads staff lists of up to {} MB (split the file)", file,
                            size, kLargestInput >> 20));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", file));
  bytes << in.rdbuf();
  return bytes.str();
}

void print_rows(const std::vector<service::TitleRow>& rows, const std::vector<std::string>& ladders,
                const std::string& format) {
  if (format == "json") {
    print_json(service::assignment_json(rows, ladders));
    return;
  }
  const auto table = service::assignment_table(rows, ladders, format == "csv");
  if (format == "csv") {
    const std::string out = service::csv_text(table.header, table.rows);
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (format == "markdown") {
    print_markdown_table(table.header, table.rows);
  } else {
    print_table(table.header, table.rows);
  }
}

void run_assign(const AssignOptions& options) {
  const std::string source = options.file == "-" ? "<stdin>" : options.file;
  auto rows = service::read_title_rows(read_input(options.file), options.column, source);
  const auto model = load_model(resolve_db(options.index), options.model);
  std::vector<std::string> ladders = options.ladders;
  if (ladders.empty()) {
    for (const auto& l : model.ladders()) ladders.push_back(l.id);
  }
  const std::size_t placed = service::place_title_rows(model, rows, ladders);
  const std::size_t skipped = rows.size() - placed;
  for (const auto& row : rows) {
    if (row.error.empty()) continue;
    // normalize_text's message already names the file and line.
    const bool located = row.error.rfind(source + ":", 0) == 0;
    fmt::print(stderr, "rungs: warning: {}{}; row skipped\n", located ? "" : fmt::format("{}:{}: ", source, row.line),
               row.error);
  }
  if (placed == 0) {
    throw Error(rows.empty() ? fmt::format("{}: no titles to place", source)
                             : fmt::format("no row could be placed ({} skipped, see the warnings above)", skipped));
  }
  print_rows(rows, ladders, options.output.format);
  if (skipped > 0) {
    std::fflush(stdout);
    fmt::print(stderr, "rungs: {} of {} rows skipped (see the warnings above)\n", skipped, rows.size());
    throw PartialSuccess{};
  }
}

}  // namespace

void setup_assign(CLI::App& app) {
  auto options = std::make_shared<AssignOptions>();
  auto* cmd =
      app.add_subcommand("assign", "Place every job title of a staff list on ladders, with confidence and reason");
  cmd->add_option(
      "file", options->file,
      "A CSV with a header line naming the title column, or one title per line; - (the default) reads standard input");
  cmd->add_option("--column", options->column,
                  "The title column of the CSV (default: the column named title, job title, position or role)");
  cmd->add_option("--ladder", options->ladders, "Place on these ladders (repeatable; default: every ladder)");
  options->output.add_to(*cmd, OutputOptions::Formats::tables);
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer(
      "Every row is read as a job title (duties after it, \"Senior SRE who mentors juniors\", add evidence).\n"
      "One output row per input row, in input order. A bad row (empty, over 200 bytes, invalid UTF-8, too few\n"
      "fields) is reported on stderr with its line and left unplaced; the others are placed. Exit 0 when every\n"
      "row is placed, 3 when some were skipped, 1 when none could be.\n"
      "Examples:\n"
      "  rungs assign examples/merger/staff.csv --ladder ops-sre --format csv\n"
      "  printf 'Senior SRE\\nStaff Engineer\\n' | rungs assign --ladder ops-sre");
  cmd->callback([options] { run_assign(*options); });
}

}  // namespace rungs::cli
