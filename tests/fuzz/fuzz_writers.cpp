// The writers of hostile text: the terminal filter, CSV fields and Markdown
// cells. Any input must come out by the medium's rules (a broken rule aborts,
// which libFuzzer reports as a finding with the input saved).
#include <cstdlib>
#include <string>

#include "common.h"
#include "fuzz_support.h"
#include "rungs/service/tables.h"
#include "terminal.h"

namespace {

void require(bool rule, const char* what) {
  if (!rule) {
    std::fprintf(stderr, "broken rule: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = rungs::fuzz::as_string(data, size);
  // Terminal: fed in two chunks, nothing that moves the cursor or sets a title gets through.
  rungs::cli::OutputFilter filter({.colour = false, .clear_line = false, .carriage_return = false});
  const std::string shown = filter.feed(std::string_view(text).substr(0, size / 2)) +
                            filter.feed(std::string_view(text).substr(size / 2)) + filter.finish();
  require(shown.find('\x1b') == std::string::npos, "an ESC reached the terminal");
  require(shown.find('\r') == std::string::npos, "a CR reached the terminal");
  require(shown.find('\a') == std::string::npos, "a BEL reached the terminal");
  // CSV: a field a spreadsheet would evaluate is neutralised; quotes balance.
  const std::string field = rungs::service::csv_field(text);
  const std::string inner = !field.empty() && field.front() == '"' ? field.substr(1) : field;
  require(inner.empty() || std::string("=+-@\t\r").find(inner.front()) == std::string::npos, "a formula prefix in CSV");
  if (field.find_first_of(",\"\r\n") != std::string::npos) {
    require(field.size() >= 2 && field.front() == '"' && field.back() == '"',
            "an unquoted CSV field that needs quotes");
  }
  // Markdown: one cell stays one cell on one line.
  const std::string cell = rungs::service::md_cell(text);
  require(cell.find('\n') == std::string::npos, "a line break in a Markdown cell");
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\\') {
      ++i;
    } else {
      require(cell[i] != '|', "an unescaped pipe in a Markdown cell");
    }
  }
  return 0;
}
