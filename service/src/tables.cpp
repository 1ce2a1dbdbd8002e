#include "rungs/service/tables.h"

#include <string_view>

#include <fmt/format.h>

#include "rungs/service/words.h"

namespace rungs::service {

std::string csv_field(const std::string& s) {
  // A cell a spreadsheet would read as a formula gets a leading quote (OWASP,
  // "CSV Injection"); a cell with a separator, quote, CR or LF is quoted (RFC 4180).
  const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
  return out;
}

std::string md_cell(const std::string& s) {
  // Inline Markdown and raw HTML are escaped with backslashes (CommonMark
  // lets any ASCII punctuation be escaped); a line break, which would end the
  // table row, becomes a space.
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (std::string_view("\\`*_[]<>!|&~").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string mapping_csv(const mapping::MappingTable& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : t.equivalences) {
    std::string ids, evidence;
    for (const auto& r : e.to) ids += (ids.empty() ? "" : "|") + r.level;
    for (const auto& p : e.evidence) {
      evidence += fmt::format("{}{} ≈ {} ({:.2f})", evidence.empty() ? "" : " | ", p.from_statement, p.to_statement,
                              p.similarity);
    }
    rows.push_back({t.from, e.from.level, e.from.title, t.to, ids, target_titles(e),
                    fmt::format("{:.3f}", e.confidence), e.pinned ? "yes" : "no", e.to.empty() ? e.note : evidence});
  }
  return csv_text({"from_ladder", "from_level", "from_title", "to_ladder", "to_levels", "to_titles", "confidence",
                   "pinned", "evidence"},
                  rows);
}

}  // namespace rungs::service
