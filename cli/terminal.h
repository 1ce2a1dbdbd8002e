#pragma once
// The one place where text meets people's terminals. Ladder text comes from
// files rungs does not trust: an escape sequence or a carriage return in a
// title could move the cursor, rewrite what was printed, set the window title
// or hide text. Every byte rungs writes to stdout and stderr passes through
// `OutputFilter`, installed once by `main` before any command runs, so no
// command can forget it: control characters arrive shown escaped (`\u001b`).

#include <string>
#include <string_view>

namespace rungs::cli {

/// Turns text into text safe to show: C0 controls (but newline and tab),
/// DEL, C1 controls and the bidirectional overrides become `\uXXXX` (valid
/// inside JSON strings too), bytes that are not UTF-8 become `\xNN`. Fed in
/// chunks, it keeps an incomplete sequence for the next chunk.
class OutputFilter {
 public:
  struct Options {
    bool colour = false;           ///< let through the SGR sequences rungs writes (bold, dim, highlight, reset)
    bool clear_line = false;       ///< let through CR and erase-line (`ESC[K`): a progress line on a terminal
    bool carriage_return = false;  ///< let through CR (CSV written to a file: RFC 4180 quotes it)
  };

  explicit OutputFilter(Options options) : options_(options) {}

  /// The safe form of `chunk`, less any incomplete sequence at its end.
  [[nodiscard]] std::string feed(std::string_view chunk);
  /// The incomplete sequence kept from the last chunk, escaped.
  [[nodiscard]] std::string finish();

  void set_options(Options options) { options_ = options; }
  [[nodiscard]] const Options& options() const { return options_; }

 private:
  Options options_;
  std::string pending_;
};

/// Puts `OutputFilter` between the program and its stdout and stderr.
void install_output_filters();

/// Declares that stdout receives CSV: a CR, which `csv_field` quotes, is then
/// kept where stdout is not a terminal.
void output_is_csv();

}  // namespace rungs::cli
