// What every loaded ladder must have (errors) and what looks like a wrong
// parse (warnings), whatever the ladder's format.

#include <algorithm>

#include <fmt/format.h>

#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus {

namespace fs = std::filesystem;

bool is_valid_id(std::string_view id) {
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  return !id.empty() && alnum(id.front()) &&
         std::all_of(id.begin(), id.end(), [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

namespace detail {

void check_ladder(const Ladder& ladder, const fs::path& path) {
  // Ids end up in file names, command lines and URLs: "a/b", "../../etc" or
  // "-rf" must not.
  const auto check_id = [&](const std::string& id, const char* what) {
    if (!is_valid_id(id)) {
      throw ParseError(path, 0,
                       fmt::format("{} id '{}' is not valid: an id is ASCII letters, digits, '-', '_' or '.', "
                                   "starting with a letter or digit",
                                   what, id));
    }
  };
  check_id(ladder.id, "ladder");
  for (const auto& level : ladder.levels) check_id(level.id, "level");
  std::size_t statements = 0;
  for (const auto& level : ladder.levels) {
    for (const auto& s : level.statements) {
      if (s.kind != StatementKind::boilerplate) ++statements;
      if (s.text.size() > kMaxStatementBytes) {
        const fs::path where =
            s.source.empty() || s.source == path.filename().string() ? path : path.parent_path() / s.source;
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

void check_quality(const Ladder& ladder, const fs::path& origin, std::vector<Notice>& notices) {
  const auto warn = [&](const fs::path& path, int line, std::string message) {
    notices.push_back({.kind = Notice::Kind::warning,
                       .ladder = ladder.id,
                       .path = path,
                       .line = line,
                       .message = std::move(message),
                       .heading = ""});
  };
  const fs::path folder = fs::is_directory(origin) ? origin : origin.parent_path();
  for (const auto& level : ladder.levels) {
    const fs::path where = level.statements.empty() || level.statements.front().source.empty()
                               ? origin
                               : folder / level.statements.front().source;
    if (const auto reason = prose_section_reason(level.title); !reason.empty()) {
      warn(where, 0, "level \"" + level.title + "\" is titled like a section (" + reason + ")");
    }
    if (!level.missing && count(level, StatementKind::competency) == 0) {
      warn(where, 0, "level \"" + level.title + "\" has no statements");
    }
    for (const auto& s : level.statements) {
      if (s.kind == StatementKind::competency && s.text.find(' ') == std::string::npos) {
        warn(folder / s.source, s.line,
             "one-word statement \"" + s.text + "\" in level \"" + level.title + "\" (is this a ladder?)");
        break;
      }
    }
  }
}

}  // namespace detail
}  // namespace rungs::corpus
