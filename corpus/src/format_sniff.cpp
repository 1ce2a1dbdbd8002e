// Which format a document is written in, from its name and its first lines
// (see `sniff_format` in load.h).

#include <algorithm>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/corpus/text.h"

namespace rungs::corpus {
namespace {

namespace fs = std::filesystem;

bool is_atx_heading(std::string_view line) {
  const auto hashes = line.find_first_not_of(' ');
  if (hashes == std::string_view::npos || hashes > 3 || line[hashes] != '#') return false;
  const auto end = std::min(line.find_first_not_of('#', hashes), line.size());
  return end - hashes <= 6 && (end == line.size() || line[end] == ' ' || line[end] == '\t');
}

// A YAML (or JSON) map naming its documents or holding its levels. An
// exported ladder lists its documents too, but its levels hold statements.
std::optional<Format> sniff_yaml(const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;  // Markdown and plain text are rarely valid YAML
  }
  if (!root.IsMap()) return std::nullopt;
  const YAML::Node levels = root["levels"];
  const bool holds_statements =
      levels.IsSequence() && std::any_of(levels.begin(), levels.end(), [](const YAML::Node& level) {
        return level.IsMap() && (level["statements"] || level["areas"]);
      });
  if (holds_statements) return Format::structured;
  if (root["documents"]) return Format::manifest;
  if (levels) return Format::structured;
  return std::nullopt;
}

// A title line, then `- ` bullets.
bool is_plain_text(const std::vector<std::string_view>& lines) {
  const auto title = std::find_if(lines.begin(), lines.end(),
                                  [](std::string_view l) { return !detail::collapse_whitespace(l).empty(); });
  return title != lines.end() && !title->starts_with("- ") &&
         std::any_of(title, lines.end(), [](std::string_view l) { return l.starts_with("- "); });
}

}  // namespace

bool detail::has_front_matter(const std::string& text) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return false;
  const auto close = text.find("\n---", 3);
  if (close == std::string::npos) return false;
  const auto after = text.find('\n', close + 4);
  return after != std::string::npos && !detail::collapse_whitespace(std::string_view(text).substr(after)).empty();
}

const char* to_string(Format format) {
  switch (format) {
    case Format::manifest:
      return "manifest";
    case Format::structured:
      return "structured";
    case Format::markdown:
      return "markdown";
    case Format::markdown_table:
      return "markdown_table";
    case Format::plain_text:
      return "plain_text";
    case Format::html:
      return "html";
    case Format::csv:
      return "csv";
  }
  return "markdown";
}

Format sniff_format(const std::string& text, const fs::path& path) {
  const std::string ext = fold_case(path.extension().string());
  if (ext == ".csv" || ext == ".tsv") return Format::csv;
  if (ext == ".html" || ext == ".htm" || detail::looks_like_html(text)) return Format::html;
  if (detail::has_front_matter(text)) {  // a page, or a ladder kept in its front matter
    const auto in_front = sniff_yaml(detail::front_matter_yaml(text));
    return in_front == Format::structured ? Format::structured : Format::markdown;
  }
  if (const auto format = sniff_yaml(text)) return *format;
  if (detail::has_pipe_table(text)) return Format::markdown_table;
  const auto lines = detail::split_lines(text);
  if (std::any_of(lines.begin(), lines.end(), is_atx_heading)) return Format::markdown;
  if (is_plain_text(lines)) return Format::plain_text;
  throw ParseError(path, 0,
                   "unknown format (expected a YAML/JSON manifest with 'documents:' or ladder with 'levels:', "
                   "Markdown '#' headings, a Markdown pipe table, or a plain-text title line and '- ' bullets)");
}

}  // namespace rungs::corpus
