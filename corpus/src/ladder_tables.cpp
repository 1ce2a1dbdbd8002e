// Tables that hold a ladder (see ladder_tables.h): which axis names the
// levels, and the levels read from them.

#include "ladder_tables.h"

#include <algorithm>

#include "rungs/corpus/title.h"

namespace rungs::corpus::detail {

namespace fs = std::filesystem;

std::string cell_text(const TableCell& cell) {
  std::string out;
  for (const auto& item : cell.items) out += (out.empty() ? "" : " ") + item;
  return out;
}

int item_line(const TableCell& cell, std::size_t k, int row_line) {
  return k < cell.lines.size() && cell.lines[k] > 0 ? cell.lines[k] : row_line;
}

namespace {

const TableCell* cell_at(const std::vector<TableCell>& row, std::size_t i) {
  return i < row.size() ? &row[i] : nullptr;
}

// First column 1, 2, 3, ... (or 0, 1, 2, ...): a numbered level per row.
bool numbered_rows(const Table& table) {
  int expected = -1;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const TableCell* first = cell_at(table.rows[r], 0);
    const std::string text = first ? cell_text(*first) : "";
    if (text.empty() || text.size() > 2 || !std::all_of(text.begin(), text.end(), ::isdigit)) return false;
    const int n = std::stoi(text);
    if (expected >= 0 && n != expected) return false;
    if (expected < 0 && n > 1) return false;
    expected = n + 1;
  }
  return table.rows.size() > 2;
}

enum class TableShape { levels_as_columns, levels_as_rows, not_a_ladder };

// Which axis holds level titles or codes: the header row (levels are
// columns) or the first column (levels are rows); neither for a glossary,
// a level index or a list of competencies.
TableShape shape_of(const Table& table) {
  if (table.rows.size() < 2 || table.rows[0].size() < 2) return TableShape::not_a_ladder;
  const auto& header = table.rows[0];
  std::size_t column_levels = 0;
  for (std::size_t c = 1; c < header.size(); ++c) column_levels += looks_like_level_title(cell_text(header[c])) ? 1 : 0;
  std::size_t row_levels = 0;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const TableCell* first = cell_at(table.rows[r], 0);
    row_levels += first && looks_like_level_title(cell_text(*first)) ? 1 : 0;
  }
  if (numbered_rows(table)) row_levels = table.rows.size() - 1;
  const std::size_t columns = header.size() - 1;
  const std::size_t rows = table.rows.size() - 1;
  if (column_levels >= 2 && 2 * column_levels >= columns && column_levels >= row_levels)
    return TableShape::levels_as_columns;
  if (row_levels >= 2 && 2 * row_levels >= rows) return TableShape::levels_as_rows;
  return TableShape::not_a_ladder;
}

}  // namespace

void levels_from_tables(const std::vector<Block>& blocks, Document& document, const fs::path& path) {
  const std::string source = path.filename().string();
  for (const auto& b : blocks) {
    if (b.kind == BlockKind::heading && document.title.empty() && document.sections.empty()) document.title = b.text;
    if (b.kind != BlockKind::table) continue;
    const Table& t = b.table;
    const TableShape shape = shape_of(t);
    if (shape == TableShape::not_a_ladder) {
      std::string first;
      for (std::size_t r = 1; r < t.rows.size() && r <= 3; ++r) {
        if (!t.rows[r].empty()) first += (first.empty() ? "" : ", ") + cell_text(t.rows[r][0]);
      }
      document.notices.push_back({.kind = Notice::Kind::set_aside,
                                  .ladder = "",
                                  .path = path,
                                  .line = b.line,
                                  .message = "a table that is not a ladder set aside (neither its header nor its first "
                                             "column names levels; first column: " +
                                             first + ")",
                                  .heading = ""});
      continue;
    }
    const auto line_of_row = [&](std::size_t r) { return r < t.row_lines.size() ? t.row_lines[r] : b.line; };
    if (shape == TableShape::levels_as_columns) {
      const std::size_t first_section = document.sections.size();
      for (std::size_t c = 1; c < t.rows[0].size(); ++c)
        document.sections.push_back({cell_text(t.rows[0][c]), b.line, {}});
      for (std::size_t r = 1; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        const std::string area = row.empty() ? "" : cell_text(row[0]);
        for (std::size_t c = 1; c < row.size() && c < t.rows[0].size(); ++c) {
          for (std::size_t k = 0; k < row[c].items.size(); ++k) {
            document.sections[first_section + c - 1].statements.push_back(make_statement(
                row[c].items[k], StatementKind::competency, area, item_line(row[c], k, line_of_row(r)), source));
          }
        }
      }
    } else {
      for (std::size_t r = 1; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        Section section{row.empty() ? "" : cell_text(row[0]), line_of_row(r), {}};
        for (std::size_t c = 1; c < row.size(); ++c) {
          const std::string area = c < t.rows[0].size() ? cell_text(t.rows[0][c]) : "";
          for (std::size_t k = 0; k < row[c].items.size(); ++k) {
            section.statements.push_back(make_statement(row[c].items[k], StatementKind::competency, area,
                                                        item_line(row[c], k, line_of_row(r)), source));
          }
        }
        document.sections.push_back(std::move(section));
      }
    }
  }
}

bool has_ladder_table(const std::vector<Block>& blocks) {
  return std::any_of(blocks.begin(), blocks.end(), [](const Block& b) {
    return b.kind == BlockKind::table && shape_of(b.table) != TableShape::not_a_ladder;
  });
}

}  // namespace rungs::corpus::detail
