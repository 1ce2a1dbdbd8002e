#include "rungs/corpus/load.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "parsers.h"
#include "rungs/corpus/error.h"

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

Ladder ladder_from_text(const std::string& text, Format format, const fs::path& path) {
  switch (format) {
    case Format::manifest: return detail::load_manifest(text, path);
    case Format::structured: return ladder_from_yaml(text, path);
    case Format::markdown:
    case Format::markdown_table:
    case Format::plain_text: break;
  }
  return detail::ladder_from_document(detail::parse_document(text, format, path, {}), path);
}

// What every loaded ladder must have, whatever its format.
void check_ladder(const Ladder& ladder, const fs::path& path) {
  std::size_t statements = 0;
  for (const auto& level : ladder.levels) {
    for (const auto& s : level.statements) {
      if (s.kind != StatementKind::boilerplate) ++statements;
      if (s.text.size() > kMaxStatementBytes) {
        const fs::path where = s.source.empty() || s.source == path.filename().string() ? path
                                                                                           : path.parent_path() / s.source;
        throw ParseError(where, s.line,
                         "a statement of " + std::to_string(s.text.size()) + " bytes; the longest rungs indexes is " +
                             std::to_string(kMaxStatementBytes) + " (is this a ladder?)");
      }
    }
  }
  if (statements == 0) {
    throw ParseError(path, 0,
                     "no statements found: every level is empty (statements are '- ' bullets or paragraphs "
                     "under a level heading, or 'statements:' in YAML)");
  }
}

bool is_ladder_file(const fs::path& path) {
  const auto ext = path.extension();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

const char* to_string(Format format) {
  switch (format) {
    case Format::manifest: return "manifest";
    case Format::structured: return "structured";
    case Format::markdown: return "markdown";
    case Format::markdown_table: return "markdown_table";
    case Format::plain_text: return "plain_text";
  }
  return "markdown";
}

Format sniff_format(const std::string& text, const fs::path& path) {
  if (const auto format = sniff_yaml(text)) return *format;
  if (detail::has_pipe_table(text)) return Format::markdown_table;
  const auto lines = detail::split_lines(text);
  if (std::any_of(lines.begin(), lines.end(), is_atx_heading)) return Format::markdown;
  if (is_plain_text(lines)) return Format::plain_text;
  throw ParseError(path, 0,
                   "unknown format (expected a YAML/JSON manifest with 'documents:' or ladder with 'levels:', "
                   "Markdown '#' headings, a Markdown pipe table, or a plain-text title line and '- ' bullets)");
}

Ladder load_ladder(const fs::path& path) {
  const std::string text = detail::read_document(path);
  Ladder ladder = ladder_from_text(text, sniff_format(text, path), path);
  check_ladder(ladder, path);
  return ladder;
}

std::vector<Ladder> load_corpus(const fs::path& dir, const SkipHandler& skip) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw ParseError(dir, 0, "not a directory");
  std::vector<fs::path> files;
  fs::directory_iterator entries(dir, ec);
  if (ec) throw ParseError(dir, 0, "cannot list the directory: " + ec.message());
  for (; entries != fs::directory_iterator(); entries.increment(ec)) {
    if (ec) throw ParseError(dir, 0, "cannot list the directory: " + ec.message());
    const fs::path path = entries->path();
    if (!is_ladder_file(path)) continue;
    // Status through symlinks without throwing: a loop (ELOOP) or a dangling
    // link is an entry we cannot read, not an internal error.
    std::error_code status_error;
    const auto status = fs::status(path, status_error);
    std::string problem;
    if (status_error) {
      problem = status_error.message();
    } else if (fs::is_directory(status)) {
      continue;  // "ladders.yaml/" is a folder, not a ladder; subfolders are not read
    } else if (!fs::is_regular_file(status)) {
      problem = "not a regular file (a FIFO, socket or device)";
    } else if (::access(path.c_str(), R_OK) != 0) {
      problem = std::string("cannot read: ") + std::strerror(errno);
    }
    if (problem.empty()) {
      files.push_back(path);
    } else if (skip) {
      skip(ParseError(path, 0, problem + "; skipped"));
    } else {
      throw ParseError(path, 0, problem);
    }
  }
  std::sort(files.begin(), files.end());  // the first error found does not depend on the file system

  std::vector<Ladder> ladders;
  std::map<std::string, fs::path> origin;  // ladder id → the file it came from
  for (const auto& file : files) {
    const std::string text = detail::read_document(file);
    const Format format = sniff_format(text, file);
    if (format != Format::manifest && format != Format::structured) {
      throw ParseError(file, 0, "expected a manifest ('documents:') or a structured ladder ('levels:')");
    }
    Ladder ladder = ladder_from_text(text, format, file);
    if (const auto [it, added] = origin.emplace(ladder.id, file); !added) {
      throw ParseError(file, 0, "ladder id '" + ladder.id + "' is already used by " + it->second.string());
    }
    ladders.push_back(std::move(ladder));
  }
  for (const auto& ladder : ladders) check_ladder(ladder, origin.at(ladder.id));
  std::sort(ladders.begin(), ladders.end(), [](const Ladder& a, const Ladder& b) { return a.id < b.id; });
  return ladders;
}

}  // namespace rungs::corpus
