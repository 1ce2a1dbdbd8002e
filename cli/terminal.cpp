#include "terminal.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "common.h"

namespace rungs::cli {
namespace {

void escape_code_point(std::string& out, char32_t cp) {
  out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));
}
void escape_byte(std::string& out, unsigned char c) { out += fmt::format("\\x{:02x}", c); }

// Code points shown escaped beyond the C0 range: C1 controls (U+009B is a
// CSI to some terminals) and the bidirectional overrides, which reorder what
// is shown ("Trojan Source").
bool hidden(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

// Length of the UTF-8 sequence that `lead` starts, 0 when it starts none.
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

}  // namespace

std::string OutputFilter::feed(std::string_view chunk) {
  std::string in = std::move(pending_);
  pending_.clear();
  in.append(chunk);
  std::vector<std::string_view> allowed;
  if (options_.colour) allowed.insert(allowed.end(), {"\033[0m", "\033[1m", "\033[2m", "\033[1;33m"});
  if (options_.clear_line) allowed.emplace_back("\033[K");
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c == '\r' && (options_.clear_line || options_.carriage_return)) {
      out += '\r';
      ++i;
      continue;
    }
    if (c == 0x1b) {
      const std::string_view rest = std::string_view(in).substr(i);
      std::size_t matched = 0;
      bool prefix = false;
      for (const auto seq : allowed) {
        if (rest.starts_with(seq)) matched = seq.size();
        if (seq.size() > rest.size() && seq.starts_with(rest)) prefix = true;
      }
      if (matched > 0) {
        out.append(rest.substr(0, matched));
        i += matched;
        continue;
      }
      if (prefix) {
        pending_ = rest;
        break;
      }
    }
    if (c < 0x80) {
      escape_code_point(out, c);
      ++i;
      continue;
    }
    const std::size_t length = sequence_length(c);
    std::size_t valid = 1;  // bytes of a well-formed sequence seen
    while (length > 0 && valid < length && i + valid < in.size() &&
           (static_cast<unsigned char>(in[i + valid]) & 0xc0) == 0x80) {
      ++valid;
    }
    if (length > 0 && valid < length && i + valid == in.size()) {  // cut by the chunk's end
      pending_ = in.substr(i);
      break;
    }
    char32_t cp = length == 2 ? c & 0x1f : length == 3 ? c & 0x0f : c & 0x07;
    for (std::size_t k = 1; k < valid; ++k) cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3f);
    const bool well_formed = length > 0 && valid == length &&
                             !(length == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) &&
                             !(length == 4 && (cp < 0x10000 || cp > 0x10ffff));
    if (!well_formed) {
      escape_byte(out, c);
      ++i;
      continue;
    }
    if (hidden(cp)) {
      escape_code_point(out, cp);
    } else {
      out.append(in, i, length);
    }
    i += length;
  }
  return out;
}

std::string OutputFilter::finish() {
  std::string out;
  for (char c : pending_) {
    if (static_cast<unsigned char>(c) < 0x80) {
      escape_code_point(out, static_cast<unsigned char>(c));
    } else {
      escape_byte(out, static_cast<unsigned char>(c));
    }
  }
  pending_.clear();
  return out;
}

namespace {

struct Sink {
  int fd;
  OutputFilter filter;
};

Sink* g_stdout = nullptr;
Sink* g_stderr = nullptr;

ssize_t sink_write(void* cookie, const char* bytes, std::size_t size) {
  auto* sink = static_cast<Sink*>(cookie);
  return service::write_all(sink->fd, sink->filter.feed({bytes, size})) ? static_cast<ssize_t>(size) : -1;
}

// `buffering`: as the stream it replaces (_IONBF for stderr, _IOLBF for a
// terminal, _IOFBF for a file or pipe), so that output shows when it did.
FILE* open_sink(Sink* sink, int buffering) {
  FILE* file = ::fopencookie(sink, "w", cookie_io_functions_t{nullptr, sink_write, nullptr, nullptr});
  if (file != nullptr) std::setvbuf(file, nullptr, buffering, buffering == _IONBF ? 0 : BUFSIZ);
  return file;
}

void finish_sinks() {
  for (auto [sink, file] : {std::pair{g_stdout, stdout}, std::pair{g_stderr, stderr}}) {
    if (sink == nullptr) continue;
    std::fflush(file);
    (void)service::write_all(sink->fd, sink->filter.finish());
  }
}

}  // namespace

void install_output_filters() {
  const bool out_tty = ::isatty(STDOUT_FILENO) != 0;
  const bool err_tty = ::isatty(STDERR_FILENO) != 0;
  std::fflush(stdout);
  std::fflush(stderr);
  g_stdout =
      new Sink{STDOUT_FILENO, OutputFilter({.colour = use_colour(), .clear_line = false, .carriage_return = false})};
  g_stderr = new Sink{STDERR_FILENO, OutputFilter({.colour = false, .clear_line = err_tty, .carriage_return = false})};
  if (FILE* out = open_sink(g_stdout, out_tty ? _IOLBF : _IOFBF)) stdout = out;
  if (FILE* err = open_sink(g_stderr, _IONBF)) stderr = err;
  std::atexit(finish_sinks);
}

void output_is_csv() {
  if (g_stdout == nullptr || ::isatty(STDOUT_FILENO)) return;
  auto options = g_stdout->filter.options();
  options.carriage_return = true;
  g_stdout->filter.set_options(options);
}

}  // namespace rungs::cli
