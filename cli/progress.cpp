// The progress line (see progress.h).

#include "progress.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

namespace rungs::cli {

ProgressLine::ProgressLine(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(std::string_view verb, std::size_t done, std::size_t total, std::string_view unit,
                          std::string_view detail) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = fmt::format("rungs: {} {}/{} {}", verb, grouped(done), grouped(total), unit);
  if (seconds >= 0.5 && done > 0) {
    const double rate = static_cast<double>(done) / seconds;
    line += fmt::format(", {}/s", grouped(static_cast<std::size_t>(rate)));
    if (done < total) line += ", " + duration_for_people(static_cast<double>(total - done) / rate) + " left";
  }
  if (!detail.empty()) line += fmt::format(" ({})", detail);
  say(line);
}

void ProgressLine::say(std::string_view text) {
  if (!enabled_) return;
  fmt::print(stderr, "\r{}\033[K", text);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration_for_people(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

}  // namespace rungs::cli
