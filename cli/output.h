#pragma once
// The options that choose how a command prints its result, owned in one
// place: `--json` on every command that prints data, `--format` where tables
// can also be Markdown or CSV, `--html FILE` where a report exists.

#include <string>

#include <CLI/CLI.hpp>

namespace rungs::cli {

struct OutputOptions {
  /// What the command's `--format` offers beside JSON and the table.
  enum class Formats { table_only, tables };

  std::string format = "table";  ///< table, markdown, csv or json (`--json` sets json)
  std::string html;              ///< `--html FILE`: also write a report there ("" → none)

  [[nodiscard]] bool json() const { return format == "json"; }
  [[nodiscard]] bool csv() const { return format == "csv"; }
  [[nodiscard]] bool markdown() const { return format == "markdown"; }

  /// Registers `--json` (and `--format` when `formats` is `tables`) on `app`.
  void add_to(CLI::App& app, Formats formats = Formats::table_only);
  /// Registers `--html FILE`, described as writing `report`.
  void add_html(CLI::App& app, const std::string& report);
};

}  // namespace rungs::cli
