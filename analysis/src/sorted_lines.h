#pragma once
// Binary search over a file of sorted lines (WordNet's index and exception
// files, the OpenOffice thesaurus index), in place in its memory map.

#include <algorithm>
#include <string_view>

namespace rungs::analysis {

/// The line of `file` that starts at offset `at`, without its '\n'; "" past the end.
inline std::string_view line_at(std::string_view file, std::size_t at) {
  if (at >= file.size()) return {};
  return file.substr(at, std::min(file.find('\n', at), file.size()) - at);
}

/// The start of the first line of `file` that `below` does not place before
/// the target (file.size() when there is none), the lines ordered so that
/// every line `below` accepts comes first.
template <class Below>
std::size_t first_line_not_below(std::string_view file, Below below) {
  std::size_t lo = 0, hi = file.size();  // invariant: lines starting before lo are below
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    // The line holding mid (a '\n' at mid ends it): it starts at or after lo, before hi.
    const std::size_t start = mid == 0 ? 0 : file.rfind('\n', mid - 1) + 1;
    const std::string_view line = line_at(file, start);
    if (below(line)) {
      lo = start + line.size() + 1;
    } else {
      hi = start;
    }
  }
  return std::min(lo, file.size());
}

/// The first line of sorted `file` that starts with `prefix`, as an offset
/// (file.size() when none does): the start of the run of lines sharing it.
inline std::size_t first_line_with_prefix(std::string_view file, std::string_view prefix) {
  return first_line_not_below(file, [&](std::string_view line) { return line.substr(0, prefix.size()) < prefix; });
}

/// The first line of `file` whose key (the text before the first
/// `separator`) is `key`, the lines sorted by key byte by byte; "" when there
/// is none. Unlike a prefix search this holds when the separator sorts after
/// the key's characters ("supervise|" must not land after "supervisor|").
inline std::string_view line_with_key(std::string_view file, std::string_view key, char separator) {
  const auto key_of = [separator](std::string_view line) { return line.substr(0, line.find(separator)); };
  const std::size_t at = first_line_not_below(file, [&](std::string_view line) { return key_of(line) < key; });
  const std::string_view line = line_at(file, at);
  return !line.empty() && key_of(line) == key ? line : std::string_view();
}

}  // namespace rungs::analysis
