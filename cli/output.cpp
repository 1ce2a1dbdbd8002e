#include "output.h"

namespace rungs::cli {

void OutputOptions::add_to(CLI::App& app, Formats formats) {
  if (formats == Formats::tables) {
    app.add_option("--format", format, "table (default), markdown, csv or json")
        ->check(CLI::IsMember({"table", "markdown", "csv", "json"}));
  }
  app.add_flag_callback(
      "--json", [this] { format = "json"; }, "Print JSON for programs instead of tables");
}

void OutputOptions::add_html(CLI::App& app, const std::string& report) {
  app.add_option("--html", html, "Also write a self-contained HTML report (" + report + ") to this file");
}

}  // namespace rungs::cli
