// Markdown pipe tables, read into table blocks. cmark's core has no tables,
// so rows are split here and each cell is rendered as inline Markdown; a
// `<br>` splits a cell into statements, and HTML lists in a cell are read
// with the HTML reader. Which axis holds the levels is decided later
// (outline.cpp), the same way as for HTML tables:
//
//   | Area            | Support Specialist (L1)          | Senior Support Specialist (L2) |
//   |-----------------|----------------------------------|--------------------------------|
//   | Troubleshooting | Reproduces ...<br>Escalates ...  | Finds the root cause ...       |

#include <regex>

#include "blocks.h"
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

// The index of the header row of the first table from line index `from`, or `lines.size()`.
std::size_t find_table(const std::vector<std::string_view>& lines, std::size_t from) {
  for (std::size_t i = from; i + 1 < lines.size(); ++i) {
    if (is_row(lines[i]) && !is_separator(lines[i]) && is_separator(lines[i + 1])) return i;
  }
  return lines.size();
}

TableCell read_cell(const std::string& cell) {
  static const std::regex kBreak(R"(<br\s*/?>)", std::regex::icase);
  if (cell.find("<li") != std::string::npos || cell.find("<LI") != std::string::npos) {
    TableCell read = cell_from_blocks(html_blocks(cell));
    read.lines.clear();  // lines within the cell's own text: the row's line is the file's
    return read;
  }
  TableCell out;
  for (std::sregex_token_iterator part(cell.begin(), cell.end(), kBreak, -1), end; part != end; ++part) {
    std::string text = render_inline(part->str());
    if (!text.empty()) out.items.push_back(std::move(text));
  }
  return out;
}

}  // namespace

bool has_pipe_table(std::string_view text) {
  const auto lines = split_lines(text);
  return find_table(lines, 0) < lines.size();
}

std::vector<Block> take_pipe_tables(std::string& text, const std::filesystem::path& path) {
  const std::string original = text;
  const auto lines = split_lines(original);
  std::vector<Block> tables;
  for (std::size_t header = find_table(lines, 0); header < lines.size(); header = find_table(lines, header + 1)) {
    const auto columns = split_row(lines[header]);
    if (split_row(lines[header + 1]).size() != columns.size()) {
      throw ParseError(path, static_cast<int>(header + 2), "the separator row and the header row differ in columns");
    }
    Block block{.kind = BlockKind::table, .depth = 0, .text = "", .line = static_cast<int>(header + 1), .table = {}};
    std::vector<TableCell> head;
    for (const auto& c : columns) head.push_back({.items = {render_inline(c)}, .lines = {}});
    block.table.rows.push_back(std::move(head));
    block.table.row_lines.push_back(static_cast<int>(header + 1));
    std::size_t i = header + 2;
    for (; i < lines.size() && is_row(lines[i]); ++i) {
      const int line = static_cast<int>(i + 1);
      const auto cells = split_row(lines[i]);
      if (cells.size() > columns.size()) {
        throw ParseError(
            path, line,
            "the row has " + std::to_string(cells.size()) + " cells, the header " + std::to_string(columns.size()));
      }
      std::vector<TableCell> row;
      for (const auto& cell : cells) row.push_back(read_cell(cell));
      block.table.rows.push_back(std::move(row));
      block.table.row_lines.push_back(line);
    }
    blank_lines(text, static_cast<int>(header + 1), static_cast<int>(i));
    tables.push_back(std::move(block));
    header = i - 1;
  }
  return tables;
}

}  // namespace rungs::corpus::detail
