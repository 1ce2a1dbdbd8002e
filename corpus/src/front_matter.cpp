// YAML front matter, the metadata block static site generators (Hugo, Jekyll,
// Docusaurus) put at the top of a Markdown page:
//
//   ---
//   title: "Senior Engineer"
//   weight: 102
//   ---
//
// Its scalar keys are kept as metadata (title, weight, order, level, code);
// its lines are blanked so that the Markdown below keeps the file's line numbers.

#include <optional>

#include <yaml-cpp/yaml.h>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "yaml_budget.h"

namespace rungs::corpus::detail {

namespace {

// The front matter's YAML and the line after it (1-based), or nothing.
std::optional<std::pair<std::string, int>> split_front_matter(std::string_view text) {
  const auto lines = split_lines(text);
  if (lines.empty() || collapse_whitespace(lines[0]) != "---") return std::nullopt;
  std::size_t end = 1;
  while (end < lines.size() && collapse_whitespace(lines[end]) != "---" && collapse_whitespace(lines[end]) != "...")
    ++end;
  if (end == lines.size()) return std::nullopt;  // a thematic break, not front matter
  std::string yaml;
  for (std::size_t i = 1; i < end; ++i) yaml.append(lines[i]).push_back('\n');
  return std::pair{std::move(yaml), static_cast<int>(end + 1)};
}

}  // namespace

std::string front_matter_yaml(std::string_view text) {
  const auto split = split_front_matter(text);
  return split ? split->first : std::string();
}

FrontMatter take_front_matter(std::string& text, const std::filesystem::path& path) {
  const auto split = split_front_matter(text);
  if (!split) return {};
  const std::string& yaml = split->first;
  const int end = split->second - 1;
  FrontMatter front;
  YAML::Node root;
  try {
    root = load_yaml(yaml, path);
  } catch (const YAML::Exception& e) {
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 2 : 1, "the front matter is not valid YAML: " + e.msg);
  }
  if (root.IsMap()) {
    for (const auto& entry : root) {
      if (entry.first.IsScalar() && entry.second.IsScalar()) front[entry.first.Scalar()] = entry.second.Scalar();
    }
  }
  blank_lines(text, 1, end + 1);
  return front;
}

}  // namespace rungs::corpus::detail
