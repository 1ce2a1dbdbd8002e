// Markdown pipe tables, in the shape of Basecamp's "Titles for ..." pages:
//
//   # Titles for Support
//   | Area            | Support Specialist (L1)          | Senior Support Specialist (L2) |
//   |-----------------|----------------------------------|--------------------------------|
//   | Troubleshooting | Reproduces ...<br>Escalates ...  | Finds the root cause ...       |
//
// Columns after the first are levels, rows are competency areas, and each
// `<br>`-separated part of a cell is one competency. cmark's core has no
// tables, so rows are split here and each cell is rendered as inline Markdown.
// Only the first table is read; text outside it belongs to no level.

#include <regex>

#include "parsers.h"
#include "rungs/corpus/error.h"

namespace rungs::corpus::detail {
namespace {

std::string_view trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

bool is_row(std::string_view line) { return trim(line).starts_with('|'); }

// Cells of a row without the outer pipes; `\|` is a pipe inside a cell.
std::vector<std::string> split_row(std::string_view line) {
  line = trim(line);
  line.remove_prefix(1);
  if (line.ends_with('|') && !line.ends_with("\\|")) line.remove_suffix(1);
  std::vector<std::string> cells(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cells.back() += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.emplace_back();
    } else {
      cells.back() += line[i];
    }
  }
  for (auto& cell : cells) cell = std::string(trim(cell));
  return cells;
}

// A delimiter cell, `:?-+:?` (by hand: std::regex recurses per character).
bool is_delimiter(std::string_view cell) {
  if (cell.starts_with(':')) cell.remove_prefix(1);
  if (cell.ends_with(':')) cell.remove_suffix(1);
  return !cell.empty() && cell.find_first_not_of('-') == std::string_view::npos;
}

bool is_separator(std::string_view line) {
  if (!is_row(line)) return false;
  for (const auto& cell : split_row(line)) {
    if (!is_delimiter(cell)) return false;
  }
  return true;
}

// The index of the header row of the first table, or `lines.size()`.
std::size_t find_table(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (is_row(lines[i]) && !is_separator(lines[i]) && is_separator(lines[i + 1])) return i;
  }
  return lines.size();
}

}  // namespace

bool has_pipe_table(std::string_view text) {
  const auto lines = split_lines(text);
  return find_table(lines) < lines.size();
}

Document parse_markdown_table(const std::string& text, const std::filesystem::path& path) {
  static const std::regex kBreak(R"(<br\s*/?>)", std::regex::icase);
  const auto lines = split_lines(text);
  const std::size_t header = find_table(lines);
  if (header == lines.size()) throw ParseError(path, 0, "no pipe table: expected a '| ... |' row above a '|---|' row");

  Document document;
  for (std::size_t i = 0; i < header && document.title.empty(); ++i) {
    if (trim(lines[i]).starts_with('#')) document.title = render_inline(lines[i]);
  }
  const auto columns = split_row(lines[header]);
  if (columns.size() < 2) throw ParseError(path, static_cast<int>(header + 1), "the table needs a column per level");
  if (split_row(lines[header + 1]).size() != columns.size()) {
    throw ParseError(path, static_cast<int>(header + 2), "the separator row and the header row differ in columns");
  }
  for (std::size_t c = 1; c < columns.size(); ++c) {
    document.sections.push_back({render_inline(columns[c]), static_cast<int>(header + 1), {}});
  }

  const std::string source = path.filename().string();
  for (std::size_t i = header + 2; i < lines.size() && is_row(lines[i]); ++i) {
    const int line = static_cast<int>(i + 1);
    const auto cells = split_row(lines[i]);
    if (cells.size() > columns.size()) {
      throw ParseError(path, line, "the row has " + std::to_string(cells.size()) + " cells, the header " +
                                       std::to_string(columns.size()));
    }
    const std::string area = render_inline(cells[0]);
    for (std::size_t c = 1; c < cells.size(); ++c) {
      for (std::sregex_token_iterator part(cells[c].begin(), cells[c].end(), kBreak, -1), end; part != end; ++part) {
        std::string statement = render_inline(part->str());
        if (statement.empty()) continue;
        document.sections[c - 1].statements.push_back(
            make_statement(std::move(statement), StatementKind::competency, area, line, source));
      }
    }
  }
  return document;
}

}  // namespace rungs::corpus::detail
