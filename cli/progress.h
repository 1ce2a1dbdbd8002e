#pragma once
// A progress line for long work: one line on stderr, rewritten in place,
// saying how much is done of how much, the rate and the time left. Shown only
// on a terminal and never with --quiet, so that logs and pipes stay clean.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace rungs::cli {

class ProgressLine {
 public:
  /// A line shown when stderr is a terminal and `quiet` is false.
  explicit ProgressLine(bool quiet);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// "`verb` `done`/`total` `unit`, N/s, Xs left (`detail`)", at most a few
  /// times a second (the last item always shows).
  void update(std::string_view verb, std::size_t done, std::size_t total, std::string_view unit,
              std::string_view detail);
  /// Replaces the line with `text` at once.
  void say(std::string_view text);
  /// Erases the line (the destructor does too).
  void clear();

  [[nodiscard]] bool shown() const { return enabled_; }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

/// "1,234,567": digits grouped by thousands, for people.
[[nodiscard]] std::string grouped(std::size_t n);

/// "45s", "3m05s", "2h10m": a duration for people.
[[nodiscard]] std::string duration_for_people(double seconds);

}  // namespace rungs::cli
