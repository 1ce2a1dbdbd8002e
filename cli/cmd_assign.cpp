// `rungs assign`: a staff list's job titles placed on ladders, one output
// row per input row, in input order, with one model load for the batch.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "common.h"
#include "output.h"
#include "exit_status.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::cli {
namespace {

constexpr std::size_t kLongestTitle = 200;         // bytes; a longer cell is not a job title
constexpr std::uintmax_t kLargestInput = 64u << 20;  // bytes; a staff list, not a data dump

struct AssignOptions {
  IndexOptions index;
  ModelFlags model;
  std::string file = "-";  ///< CSV or one title per line; "-" reads standard input
  std::string column;      ///< the title column of a CSV with a header; "" detects it
  std::vector<std::string> ladders;
  OutputOptions output;
};

struct Row {
  int line = 0;            ///< 1-based line of the input where the row starts
  std::string title;       ///< as read, "" when the row is bad
  std::string error;       ///< why the row was skipped; "" when it was placed
  std::vector<mapping::LevelAnswer> answers;
};

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

std::string read_input(const std::string& file) {
  std::ostringstream bytes;
  if (file == "-") {
    bytes << std::cin.rdbuf();
    return bytes.str();
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) throw Error(fmt::format("{}: cannot read: {}", file, error.message()));
  if (size > kLargestInput) {
    throw Error(fmt::format("{}: is {} bytes; rungs assign reads staff lists of up to {} MB (split the file)", file, size,
                            kLargestInput >> 20));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", file));
  bytes << in.rdbuf();
  return bytes.str();
}

// The rows of the input: a CSV whose header names the title column (given, or
// detected by name), else one title per line.
std::vector<Row> read_rows(const std::string& text, const AssignOptions& options) {
  static const std::vector<std::string> kTitleColumns = {"title", "job title", "job_title", "jobtitle", "position", "role"};
  const auto records = csv_records(text);
  std::optional<std::size_t> column;
  std::size_t first = 0;
  for (; first < records.size() && records[first].second.size() == 1 && trimmed(records[first].second[0]).empty(); ++first) {
  }
  if (first < records.size()) {
    const auto& header = records[first].second;
    for (std::size_t i = 0; i < header.size() && !column; ++i) {
      const std::string name = corpus::fold_case(trimmed(header[i]));
      if (options.column.empty() ? std::find(kTitleColumns.begin(), kTitleColumns.end(), name) != kTitleColumns.end()
                                 : name == corpus::fold_case(options.column)) {
        column = i;
      }
    }
    if (!options.column.empty() && !column) {
      std::string names;
      for (const auto& h : header) names += (names.empty() ? "" : ", ") + trimmed(h);
      throw Error(fmt::format("{}: no column '{}' in the header line ({}); name the title column with --column",
                              options.file, options.column, names));
    }
  }
  std::vector<Row> rows;
  const std::string source = options.file == "-" ? "<stdin>" : options.file;
  if (column) {
    for (std::size_t r = first + 1; r < records.size(); ++r) {
      const auto& [line, fields] = records[r];
      if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;  // a blank line between rows
      Row row{line, "", "", {}};
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

std::string level_cell(const mapping::LevelAnswer& a) {
  if (a.level.level.empty()) return "—";
  return a.level.title + (a.level.code.empty() ? "" : " [" + a.level.code + "]");
}

std::string reason_cell(const mapping::LevelAnswer& a) {
  std::string out = a.reason;
  if (!a.note.empty()) out += (out.empty() ? "" : "; ") + std::string("note: ") + a.note;
  return out;
}

void print_rows(const std::vector<Row>& rows, const std::vector<std::string>& ladders, const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json answers = nlohmann::json::array();
      for (const auto& a : row.answers) answers.push_back(level_answer_json(a));
      out.push_back({{"line", row.line}, {"title", row.title}, {"error", row.error}, {"ladders", answers}});
    }
    print_json({{"ladders", ladders}, {"rows", out}});
    return;
  }
  std::vector<std::string> header = {"line", "title"};
  for (const auto& l : ladders) {
    if (format == "csv") {
      for (const char* field : {"level", "title", "confidence", "basis", "reason"}) header.push_back(l + " " + field);
    } else if (ladders.size() == 1) {
      header.insert(header.end(), {l, "confidence", "reason"});
    } else {
      header.insert(header.end(), {l, "confidence"});
    }
  }
  if (format != "csv" && ladders.size() > 1) header.push_back("reasons");
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::string> cell = {std::to_string(row.line), row.title};
    std::string reasons;
    for (std::size_t i = 0; i < ladders.size(); ++i) {
      if (!row.error.empty()) {
        const std::string skipped = "skipped: " + row.error;
        if (format == "csv") {
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
      if (format == "csv") {
        cell.insert(cell.end(), {a.level.level, a.level.title, a.level.level.empty() ? "" : fmt::format("{:.3f}", a.confidence),
                                 a.basis, reason_cell(a)});
      } else {
        cell.insert(cell.end(), {level_cell(a), confidence});
        if (ladders.size() == 1) {
          cell.push_back(reason_cell(a));
        } else {
          reasons += fmt::format("{}{}: {}", reasons.empty() ? "" : " | ", a.ladder, a.basis.empty() ? a.note : a.basis);
        }
      }
    }
    if (format != "csv" && ladders.size() > 1) cell.push_back(reasons);
    cells.push_back(std::move(cell));
  }
  if (format == "csv") {
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + csv_field(header[i]);
    out += "\n";
    for (const auto& cell : cells) {
      for (std::size_t i = 0; i < cell.size(); ++i) out += (i ? "," : "") + csv_field(cell[i]);
      out += "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (format == "markdown") {
    print_markdown_table(header, cells);
  } else {
    print_table(header, cells);
  }
}

void run_assign(const AssignOptions& options) {
  auto rows = read_rows(read_input(options.file), options);
  const auto model = load_model(resolve_db(options.index), options.model);
  std::vector<std::string> ladders = options.ladders;
  if (ladders.empty()) {
    for (const auto& l : model.ladders()) ladders.push_back(l.id);
  }
  for (const auto& id : ladders) (void)model.ladder(id);  // an unknown id fails before any row

  int placed = 0, skipped = 0;
  for (auto& row : rows) {
    if (row.error.empty()) {
      try {
        // The column holds titles: read each as one, even where it would not pass for one in `rungs level`.
        const auto answer = model.answer(row.title, ladders, 0, mapping::TextKind::title);
        row.answers = answer.ladders;
      } catch (const QueryError& e) {
        row.error = e.what();  // no words to place
      }
    }
    if (row.error.empty()) {
      ++placed;
    } else {
      ++skipped;
      const std::string source = options.file == "-" ? "<stdin>" : options.file;
      // normalize_text's message already names the file and line.
      const bool located = row.error.rfind(source + ":", 0) == 0;
      fmt::print(stderr, "rungs: warning: {}{}; row skipped\n", located ? "" : fmt::format("{}:{}: ", source, row.line), row.error);
    }
  }
  if (placed == 0) {
    throw Error(rows.empty() ? fmt::format("{}: no titles to place", options.file == "-" ? "<stdin>" : options.file)
                             : fmt::format("no row could be placed ({} skipped, see the warnings above)", skipped));
  }
  print_rows(rows, ladders, options.output.format);
  if (skipped > 0) {
    std::fflush(stdout);
    fmt::print(stderr, "rungs: {} of {} rows skipped (see the warnings above)\n", skipped, rows.size());
    throw PartialSuccess{};
  }
}

}  // namespace

void setup_assign(CLI::App& app) {
  auto options = std::make_shared<AssignOptions>();
  auto* cmd = app.add_subcommand("assign", "Place every job title of a staff list on ladders, with confidence and reason");
  cmd->add_option("file", options->file,
                  "A CSV with a header line naming the title column, or one title per line; - (the default) reads standard input");
  cmd->add_option("--column", options->column,
                  "The title column of the CSV (default: the column named title, job title, position or role)");
  cmd->add_option("--ladder", options->ladders, "Place on these ladders (repeatable; default: every ladder)");
  options->output.add_to(*cmd, OutputOptions::Formats::tables);
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer(
      "Every row is read as a job title (duties after it, \"Senior SRE who mentors juniors\", add evidence).\n"
      "One output row per input row, in input order. A bad row (empty, over 200 bytes, invalid UTF-8, too few\n"
      "fields) is reported on stderr with its line and left unplaced; the others are placed. Exit 0 when every\n"
      "row is placed, 3 when some were skipped, 1 when none could be.\n"
      "Examples:\n"
      "  rungs assign examples/merger/staff.csv --ladder ops-sre --format csv\n"
      "  printf 'Senior SRE\\nStaff Engineer\\n' | rungs assign --ladder ops-sre");
  cmd->callback([options] { run_assign(*options); });
}

}  // namespace rungs::cli
