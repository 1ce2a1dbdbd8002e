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

#include <yaml-cpp/yaml.h>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"

namespace rungs::corpus::detail {

FrontMatter take_front_matter(std::string& text, const std::filesystem::path& path) {
  const auto lines = split_lines(text);
  if (lines.empty() || collapse_whitespace(lines[0]) != "---") return {};
  std::size_t end = 1;
  while (end < lines.size() && collapse_whitespace(lines[end]) != "---" && collapse_whitespace(lines[end]) != "...") ++end;
  if (end == lines.size()) return {};  // a thematic break, not front matter
  std::string yaml;
  for (std::size_t i = 1; i < end; ++i) yaml.append(lines[i]).push_back('\n');
  FrontMatter front;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 2 : 1, "the front matter is not valid YAML: " + e.msg);
  }
  if (root.IsMap()) {
    for (const auto& entry : root) {
      if (entry.first.IsScalar() && entry.second.IsScalar()) front[entry.first.Scalar()] = entry.second.Scalar();
    }
  }
  blank_lines(text, 1, static_cast<int>(end + 1));
  return front;
}

}  // namespace rungs::corpus::detail
