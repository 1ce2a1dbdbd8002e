// Competency matrices kept in a spreadsheet and exported as CSV (or TSV):
// - wide: a column per level (levels as columns) or a row per level (levels
//   as rows), read like any other table (outline.cpp decides the axis);
// - long: one statement per row, with columns naming its level, its area
//   and its text (`level,area,statement`), levels in order of first appearance.
// A quoted field may hold the delimiter, doubled quotes and line breaks; a
// line break inside a cell separates two statements.

#include <algorithm>
#include <optional>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::corpus::detail {
namespace {

struct Row {
  int line = 0;
  std::vector<std::string> fields;
};

char delimiter_of(std::string_view text, const std::filesystem::path& path) {
  if (fold_case(path.extension().string()) == ".tsv") return '\t';
  const std::string_view first = text.substr(0, text.find('\n'));
  const auto commas = std::count(first.begin(), first.end(), ',');
  const auto semicolons = std::count(first.begin(), first.end(), ';');
  const auto tabs = std::count(first.begin(), first.end(), '\t');
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

std::vector<Row> read_rows(std::string_view text, const std::filesystem::path& path) {
  const char delimiter = delimiter_of(text, path);
  std::vector<Row> rows;
  Row row{.line = 1, .fields = {""}};
  int line = 1;
  bool quoted = false;
  int quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        row.fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        row.fields.back() += c;
      }
    } else if (c == '"' && collapse_whitespace(row.fields.back()).empty()) {
      quoted = true;
      quote_line = line;
      row.fields.back().clear();
    } else if (c == delimiter) {
      row.fields.emplace_back();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.push_back(std::move(row));
      row = Row{.line = ++line, .fields = {""}};
    } else {
      row.fields.back() += c;
    }
  }
  if (quoted) throw ParseError(path, quote_line, "a quoted field is not closed");
  rows.push_back(std::move(row));
  std::erase_if(rows, [](const Row& r) {
    return std::all_of(r.fields.begin(), r.fields.end(),
                       [](const std::string& f) { return collapse_whitespace(f).empty(); });
  });
  return rows;
}

std::optional<std::size_t> column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names,
                                  std::optional<std::size_t> except = std::nullopt) {
  for (std::string_view name : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i != except && header[i] == name) return i;
    }
  }
  return std::nullopt;
}

// The statements of one cell: its lines, each trimmed.
TableCell cell_of(const std::string& field) {
  TableCell cell;
  for (const auto line : split_lines(field)) {
    std::string text = collapse_whitespace(line);
    if (!text.empty()) cell.items.push_back(std::move(text));
  }
  return cell;
}

}  // namespace

Document parse_csv(const std::string& text, const std::filesystem::path& path) {
  const std::vector<Row> rows = read_rows(text, path);
  if (rows.size() < 2) throw ParseError(path, 0, "a CSV ladder needs a header row and at least one row");
  std::vector<std::string> header;
  for (const auto& f : rows[0].fields) header.push_back(collapse_whitespace(fold_case(f)));
  const auto level =
      column(header, {"level", "level title", "grade", "title", "job title", "role", "position", "band"});
  const auto statement = column(header, {"statement", "statements", "expectation", "expectations", "description",
                                         "behaviour", "behavior", "text", "example", "examples", "indicator"});
  const std::string source = path.filename().string();
  if (level && statement && rows[0].fields.size() >= 2) {  // long: one statement per row
    const auto area =
        column(header, {"area", "category", "competency", "skill", "topic", "theme", "dimension", "pillar"}, statement);
    Document document;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto& fields = rows[r].fields;
      const auto field = [&](std::optional<std::size_t> c) {
        return c && *c < fields.size() ? collapse_whitespace(fields[*c]) : std::string();
      };
      const std::string title = field(level);
      if (title.empty())
        throw ParseError(path, rows[r].line, "a row with no level (column '" + rows[0].fields[*level] + "')");
      auto section = std::find_if(document.sections.begin(), document.sections.end(),
                                  [&](const Section& s) { return s.heading == title; });
      if (section == document.sections.end()) {
        document.sections.push_back({title, rows[r].line, {}});
        section = std::prev(document.sections.end());
      }
      for (auto& item : cell_of(fields.size() > *statement ? fields[*statement] : "").items) {
        section->statements.push_back(
            make_statement(std::move(item), StatementKind::competency, field(area), rows[r].line, source));
      }
    }
    return document;
  }
  Blocks blocks;
  Block table{.kind = BlockKind::table, .depth = 0, .text = "", .line = rows[0].line, .table = {}};
  for (const auto& row : rows) {
    std::vector<TableCell> cells;
    for (const auto& f : row.fields) cells.push_back(cell_of(f));
    table.table.rows.push_back(std::move(cells));
    table.table.row_lines.push_back(row.line);
  }
  blocks.blocks.push_back(std::move(table));
  if (!holds_levels(blocks)) {
    throw ParseError(path, rows[0].line,
                     "neither the header row nor the first column names levels, and there are no 'level' and "
                     "'statement' columns (header: " +
                         collapse_whitespace(text.substr(0, text.find('\n'))) + ")");
  }
  return outline_ladder(blocks, path, {});
}

}  // namespace rungs::corpus::detail
