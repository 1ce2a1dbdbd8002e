// Staff lists: titles read from CSV or lines, placed on ladders, written out.
#include "rungs/service/staff_list.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/service/json.h"

namespace rungs::service {
namespace {

// Records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and
// newlines), each with the line it starts on.
std::vector<std::pair<int, std::vector<std::string>>> csv_records(const std::string& text) {
  std::vector<std::pair<int, std::vector<std::string>>> records;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, any = false;
  int line = 1, start = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      fields.push_back(std::move(field));
      field.clear();
      records.emplace_back(start, std::move(fields));
      fields.clear();
      any = false;
      start = ++line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty() || !fields.empty()) {
    fields.push_back(std::move(field));
    records.emplace_back(start, std::move(fields));
  }
  return records;
}

std::string trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

std::string level_cell(const mapping::LevelAnswer& a) {
  if (a.level.level.empty()) return "—";
  return a.level.title + (a.level.code.empty() ? "" : " [" + a.level.code + "]");
}

std::string reason_cell(const mapping::LevelAnswer& a) {
  std::string out = a.reason;
  if (!a.note.empty()) out += (out.empty() ? "" : "; ") + std::string("note: ") + a.note;
  return out;
}

}  // namespace

// The rows of the input: a CSV whose header names the title column (given, or
// detected by name), else one title per line.
std::vector<TitleRow> read_title_rows(const std::string& text, const std::string& column_name,
                                      const std::string& source) {
  static const std::vector<std::string> kTitleColumns = {"title",    "job title", "job_title",
                                                         "jobtitle", "position",  "role"};
  const auto records = csv_records(text);
  std::optional<std::size_t> column;
  std::size_t first = 0;
  for (; first < records.size() && records[first].second.size() == 1 && trimmed(records[first].second[0]).empty();
       ++first) {
  }
  if (first < records.size()) {
    const auto& header = records[first].second;
    for (std::size_t i = 0; i < header.size() && !column; ++i) {
      const std::string name = corpus::fold_case(trimmed(header[i]));
      if (column_name.empty() ? std::find(kTitleColumns.begin(), kTitleColumns.end(), name) != kTitleColumns.end()
                              : name == corpus::fold_case(column_name)) {
        column = i;
      }
    }
    if (!column_name.empty() && !column) {
      std::string names;
      for (const auto& h : header) names += (names.empty() ? "" : ", ") + trimmed(h);
      throw QueryError(
          fmt::format("{}: no column '{}' in the header line ({}); name the title column", source, column_name, names));
    }
  }
  std::vector<TitleRow> rows;
  if (column) {
    for (std::size_t r = first + 1; r < records.size(); ++r) {
      const auto& [line, fields] = records[r];
      if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;  // a blank line between rows
      TitleRow row{line, "", "", {}};
      if (*column >= fields.size()) {
        row.error = fmt::format("{} fields, no '{}' field", fields.size(), trimmed(records[first].second[*column]));
      } else {
        row.title = trimmed(fields[*column]);
      }
      rows.push_back(std::move(row));
    }
  } else {
    // One title per line: commas are part of the title ("Intern, Site Reliability").
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      rows.push_back({number, trimmed(line), "", {}});
    }
    while (!rows.empty() && rows.back().title.empty()) rows.pop_back();  // trailing blank lines
  }
  for (auto& row : rows) {
    if (!row.error.empty()) continue;
    if (row.title.empty()) {
      row.error = "empty title";
    } else if (row.title.size() > kLongestTitle) {
      row.error = fmt::format("a title of {} bytes; the longest rungs places is {}", row.title.size(), kLongestTitle);
    } else {
      try {
        row.title = corpus::normalize_text(row.title, source, row.line);
      } catch (const ParseError& e) {
        row.error = e.what();
        row.title.clear();
      }
    }
  }
  return rows;
}

std::size_t place_title_rows(const mapping::Model& model, std::vector<TitleRow>& rows,
                             const std::vector<std::string>& ladders) {
  for (const auto& id : ladders) (void)model.ladder(id);  // an unknown id fails before any row
  std::size_t placed = 0;
  for (auto& row : rows) {
    if (!row.error.empty()) continue;
    try {
      // The column holds titles: read each as one, even where it would not pass for one in `rungs level`.
      row.answers = model.answer(row.title, ladders, 0, mapping::TextKind::title).ladders;
      ++placed;
    } catch (const NotFoundError&) {
      throw;
    } catch (const QueryError& e) {
      row.error = e.what();  // no words to place
    }
  }
  return placed;
}

nlohmann::json assignment_json(const std::vector<TitleRow>& rows, const std::vector<std::string>& ladders) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : row.answers) answers.push_back(level_answer_json(a));
    out.push_back({{"line", row.line}, {"title", row.title}, {"error", row.error}, {"ladders", answers}});
  }
  return {{"ladders", ladders}, {"rows", out}};
}

TextTable assignment_table(const std::vector<TitleRow>& rows, const std::vector<std::string>& ladders, bool for_csv) {
  std::vector<std::string> header = {"line", "title"};
  for (const auto& l : ladders) {
    if (for_csv) {
      for (const char* field : {"level", "title", "confidence", "basis", "reason"}) header.push_back(l + " " + field);
    } else if (ladders.size() == 1) {
      header.insert(header.end(), {l, "confidence", "reason"});
    } else {
      header.insert(header.end(), {l, "confidence"});
    }
  }
  if (!for_csv && ladders.size() > 1) header.push_back("reasons");
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::string> cell = {std::to_string(row.line), row.title};
    std::string reasons;
    for (std::size_t i = 0; i < ladders.size(); ++i) {
      if (!row.error.empty()) {
        const std::string skipped = "skipped: " + row.error;
        if (for_csv) {
          cell.insert(cell.end(), {"", "", "", "", skipped});
        } else {
          cell.insert(cell.end(), {"—", ""});
          if (ladders.size() == 1) cell.push_back(skipped);
          reasons = skipped;
        }
        continue;
      }
      const auto& a = row.answers[i];
      const std::string confidence = a.level.level.empty() ? "" : fmt::format("{:.0f}%", 100 * a.confidence);
      if (for_csv) {
        cell.insert(cell.end(),
                    {a.level.level, a.level.title, a.level.level.empty() ? "" : fmt::format("{:.3f}", a.confidence),
                     a.basis, reason_cell(a)});
      } else {
        cell.insert(cell.end(), {level_cell(a), confidence});
        if (ladders.size() == 1) {
          cell.push_back(reason_cell(a));
        } else {
          reasons +=
              fmt::format("{}{}: {}", reasons.empty() ? "" : " | ", a.ladder, a.basis.empty() ? a.note : a.basis);
        }
      }
    }
    if (!for_csv && ladders.size() > 1) cell.push_back(reasons);
    cells.push_back(std::move(cell));
  }
  return {std::move(header), std::move(cells)};
}

}  // namespace rungs::service
