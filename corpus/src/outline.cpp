// What a document's blocks mean, whatever format they were read from:
// which headings name levels (and which are prose sections to set aside),
// which tables hold a ladder and along which axis, which text under a level
// is a competency, a summary or set aside, and which bullets are labels
// ("Impact:") that name the area of the bullets below them.

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus::detail {
namespace {

namespace fs = std::filesystem;

std::string cell_text(const TableCell& cell) {
  std::string out;
  for (const auto& item : cell.items) out += (out.empty() ? "" : " ") + item;
  return out;
}

// The line of a cell's k-th statement, else its row's.
int item_line(const TableCell& cell, std::size_t k, int row_line) {
  return k < cell.lines.size() && cell.lines[k] > 0 ? cell.lines[k] : row_line;
}

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

// "Impact:" or "Scope: Acquires foundational knowledge": a short label,
// a colon, and the text it labels (maybe none).
struct Label {
  std::string label;
  std::string rest;
};
std::optional<Label> label_form(const std::string& text) {
  constexpr std::size_t kLongestLabel = 40;
  constexpr std::size_t kMostLabelWords = 4;
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > kLongestLabel) return std::nullopt;
  const std::string label = text.substr(0, colon);
  if (label.find_first_of(".!?,;") != std::string::npos) return std::nullopt;
  if (!std::isupper(static_cast<unsigned char>(label[0]))) return std::nullopt;
  if (std::count(label.begin(), label.end(), ' ') + 1 > static_cast<long>(kMostLabelWords)) return std::nullopt;
  return Label{label, collapse_whitespace(text.substr(colon + 1))};
}

// Items that are labels: in a run of consecutive items, the items of one
// depth that are label-shaped when two or more of them are, or one that is
// label-shaped, has no text after the colon and has items below it.
std::set<std::size_t> find_labels(const std::vector<Block>& blocks) {
  std::set<std::size_t> labels;
  for (std::size_t start = 0; start < blocks.size();) {
    if (blocks[start].kind != BlockKind::item) {
      ++start;
      continue;
    }
    std::size_t end = start;
    while (end < blocks.size() && blocks[end].kind == BlockKind::item) ++end;
    std::map<int, std::vector<std::size_t>> shaped;  // depth → label-shaped items
    for (std::size_t i = start; i < end; ++i) {
      if (const auto form = label_form(blocks[i].text)) {
        shaped[blocks[i].depth].push_back(i);
        if (form->rest.empty() && i + 1 < end && blocks[i + 1].depth > blocks[i].depth) labels.insert(i);
      }
    }
    for (const auto& [depth, items] : shaped) {
      if (items.size() >= 2) labels.insert(items.begin(), items.end());
    }
    start = end;
  }
  return labels;
}

// A bullet that ends in a colon, with bullets below it, is one statement
// with its examples ("Takes part in activities such as: meetups; interviews").
// Returns the joined text of each such lead bullet, by index; the bullets
// below it go into `absorbed`.
std::map<std::size_t, std::string> join_examples(const std::vector<Block>& blocks, const std::set<std::size_t>& labels,
                                                 std::set<std::size_t>& absorbed) {
  std::map<std::size_t, std::string> joined;
  for (std::size_t i = 0; i + 1 < blocks.size(); ++i) {
    const Block& lead = blocks[i];
    if (lead.kind != BlockKind::item || labels.contains(i) || !lead.text.ends_with(':')) continue;
    std::string text = lead.text;
    std::size_t j = i + 1;
    for (; j < blocks.size() && blocks[j].kind == BlockKind::item && blocks[j].depth > lead.depth; ++j) {
      text += (j == i + 1 ? " " : "; ") + blocks[j].text;
      absorbed.insert(j);
    }
    if (j > i + 1) joined[i] = std::move(text);
    i = j - 1;
  }
  return joined;
}

// Reasons an area heading sets aside everything below it; an introduction
// ("Overview") is kept as summary instead.
bool sets_aside(const std::string& reason) { return !reason.empty() && reason != "introduction"; }

class Outliner {
 public:
  Outliner(Document& document, const fs::path& path)
      : document_(document), path_(path), source_(path.filename().string()) {}

  // Whole ladder: headings at `depth` for which `is_level` holds open levels.
  void ladder(const std::vector<Block>& blocks, int depth, const std::function<bool(const Block&)>& is_level) {
    prepare(blocks);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      if (b.kind == BlockKind::heading && b.depth <= depth) {
        close_set_aside();
        if (b.depth == depth && is_level(b)) {
          open_level(b.text, b.line);
        } else {
          in_level_ = false;
          if (b.depth < depth && document_.title.empty() && document_.sections.empty()) {
            document_.title = b.text;
          } else if (b.depth == depth) {
            const std::string reason = prose_section_reason(b.text);
            set_aside_ = {b.text, b.line, reason.empty() ? "not a level title" : reason, 0};
          }
        }
        continue;
      }
      block(i, b);
    }
    close_set_aside();
    finish();
  }

  // The page of one level: every heading but the page title is an area.
  void level_page(const std::vector<Block>& blocks, const std::string& title) {
    prepare(blocks);
    open_level(title, 1);
    bool title_seen = false;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      if (b.kind == BlockKind::heading && !title_seen && b.text == title && areas_.empty()) {
        title_seen = true;
        continue;
      }
      block(i, b);
    }
    finish();
  }

 private:
  struct Area {
    int depth;
    std::string text;
    std::string reason;  // prose_section_reason of the heading
  };
  struct SetAsideSection {
    std::string heading;
    int line = 0;
    std::string reason;
    int blocks = 0;
  };
  struct LabelArea {
    int depth;
    std::string text;
  };

  void prepare(const std::vector<Block>& blocks) {
    labels_ = find_labels(blocks);
    joined_ = join_examples(blocks, labels_, absorbed_);
  }

  void open_level(const std::string& heading, int line) {
    document_.sections.push_back({heading, line, {}});
    in_level_ = true;
    areas_.clear();
    labels_open_.clear();
  }

  void close_set_aside() {
    if (set_aside_.line > 0) {
      document_.notices.push_back(
          {.kind = Notice::Kind::set_aside,
           .ladder = "",
           .path = path_,
           .line = set_aside_.line,
           .message = "section \"" + set_aside_.heading + "\" set aside (" + set_aside_.reason + ")",
           .heading = set_aside_.heading});
    }
    set_aside_ = {};
  }

  void block(std::size_t index, const Block& b) {
    if (!in_level_) {
      if (set_aside_.line > 0) {
        ++set_aside_.blocks;
      } else if (b.kind == BlockKind::item || b.kind == BlockKind::table) {
        outside_.push_back(b.line);
      }
      return;
    }
    if (b.kind != BlockKind::item) labels_open_.clear();
    switch (b.kind) {
      case BlockKind::heading:
        while (!areas_.empty() && areas_.back().depth >= b.depth) areas_.pop_back();
        areas_.push_back({b.depth, b.text, prose_section_reason(b.text)});
        break;
      case BlockKind::item:
        item(index, b);
        break;
      case BlockKind::paragraph: {
        const bool lead_in = b.text.ends_with(':');
        keep(make_statement(b.text, StatementKind::summary, area(), b.line, source_), !lead_in && !in_introduction());
        break;
      }
      case BlockKind::quote:
      case BlockKind::code:
        keep(make_statement(b.text, StatementKind::summary, area(), b.line, source_), false);
        break;
      case BlockKind::placeholder:
        keep({.text = b.text,
              .area = area(),
              .kind = StatementKind::boilerplate,
              .source = source_,
              .line = b.line,
              .reason = reason::kPlaceholder},
             false);
        break;
      case BlockKind::table:
        statements_table(b);
        break;
    }
  }

  void item(std::size_t index, const Block& b) {
    if (absorbed_.contains(index)) return;
    while (!labels_open_.empty() && labels_open_.back().depth >= b.depth) labels_open_.pop_back();
    if (labels_.contains(index)) {
      const auto form = label_form(b.text);
      labels_open_.push_back({b.depth, form->label});
      if (!form->rest.empty())
        keep(make_statement(form->rest, StatementKind::competency, area(), b.line, source_), false);
      return;
    }
    const auto joined = joined_.find(index);
    keep(make_statement(joined == joined_.end() ? b.text : joined->second, StatementKind::competency, area(), b.line,
                        source_),
         false);
  }

  // A table inside a level: each row's cells after the first are statements
  // of the area the first cell names (a one-column table: the header's).
  void statements_table(const Block& b) {
    const Table& t = b.table;
    const bool one_column = !t.rows.empty() && t.rows[0].size() == 1;
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const int line = r < t.row_lines.size() ? t.row_lines[r] : b.line;
      const std::string row_area = one_column ? cell_text(t.rows[0][0]) : (row.empty() ? "" : cell_text(row[0]));
      std::string joined = area();
      if (!row_area.empty()) joined += (joined.empty() ? "" : " / ") + row_area;
      for (std::size_t c = one_column ? 0 : 1; c < row.size(); ++c) {
        for (std::size_t k = 0; k < row[c].items.size(); ++k) {
          keep(make_statement(row[c].items[k], StatementKind::competency, joined, item_line(row[c], k, line), source_),
               false);
        }
      }
    }
  }

  void keep(Statement s, bool promotable) {
    if (s.text.empty()) return;
    for (const auto& a : areas_) {
      if (sets_aside(a.reason) && s.kind != StatementKind::boilerplate) {
        s.kind = StatementKind::boilerplate;
        s.reason = "under \"" + a.text + "\": " + a.reason;
        break;
      }
    }
    auto& statements = document_.sections.back().statements;
    if (promotable && s.kind == StatementKind::summary)
      promotable_.push_back({document_.sections.size() - 1, statements.size()});
    statements.push_back(std::move(s));
  }

  bool in_introduction() const {
    return std::any_of(areas_.begin(), areas_.end(), [](const Area& a) { return a.reason == "introduction"; });
  }

  std::string area() const {
    std::string joined;
    for (const auto& a : areas_) joined += (joined.empty() ? "" : " / ") + a.text;
    for (const auto& l : labels_open_) joined += (joined.empty() ? "" : " / ") + l.text;
    return joined;
  }

  // Paragraphs are the statements of an area that has no bullets: a ladder
  // written in prose. Where an area has bullets, its paragraphs introduce them.
  void finish() {
    std::set<std::pair<std::size_t, std::string>> with_bullets;
    for (std::size_t s = 0; s < document_.sections.size(); ++s) {
      for (const auto& st : document_.sections[s].statements) {
        if (st.kind == StatementKind::competency) with_bullets.insert({s, st.area});
      }
    }
    // Paragraphs straight under the level title introduce it when the level
    // has bullets elsewhere (a summary), and are its statements when it has none.
    for (const auto& promotable : promotable_) {
      const std::size_t section = promotable.first;  // not a structured binding: clang 14 cannot capture one
      Statement& st = document_.sections[section].statements[promotable.second];
      const bool level_has_bullets =
          std::any_of(with_bullets.begin(), with_bullets.end(), [&](const auto& key) { return key.first == section; });
      if (st.area.empty() && level_has_bullets) continue;
      if (!with_bullets.contains({section, st.area})) st.kind = StatementKind::competency;
    }
    if (outside_.size() >= kManyOutside) {
      document_.notices.push_back(
          {.kind = Notice::Kind::warning,
           .ladder = "",
           .path = path_,
           .line = outside_.front(),
           .message = std::to_string(outside_.size()) + " bullets or tables outside any level were not read",
           .heading = ""});
    }
  }

  static constexpr std::size_t kManyOutside = 5;

  Document& document_;
  fs::path path_;
  std::string source_;
  std::set<std::size_t> labels_;
  std::map<std::size_t, std::string> joined_;  // lead bullets with their examples
  std::set<std::size_t> absorbed_;             // example bullets joined into their lead
  bool in_level_ = false;
  std::vector<Area> areas_;
  std::vector<LabelArea> labels_open_;
  SetAsideSection set_aside_;
  std::vector<std::pair<std::size_t, std::size_t>> promotable_;  // (section, statement) of plain paragraphs
  std::vector<int> outside_;                                     // lines of bullets outside any level
};

// The depth whose headings read most as level titles (two at least), and
// which of them are levels: where two or more carry a level code (IC1, L2),
// only those; else every level-like one.
struct LevelHeadings {
  int depth = 0;
  bool coded_only = false;
};
std::optional<LevelHeadings> choose_level_headings(const std::vector<Block>& blocks) {
  std::map<int, int> level_like;
  std::map<int, int> coded;
  for (const auto& b : blocks) {
    if (b.kind != BlockKind::heading || !looks_like_level_title(b.text)) continue;
    ++level_like[b.depth];
    if (!read_title(b.text).code.empty()) ++coded[b.depth];
  }
  std::optional<LevelHeadings> best;
  int best_count = 1;
  for (const auto& [depth, n] : level_like) {
    if (n > best_count) {
      best = LevelHeadings{depth, coded[depth] >= 2};
      best_count = n;
    }
  }
  return best;
}

bool is_level_heading(const Block& b, const LevelHeadings& choice) {
  if (!looks_like_level_title(b.text)) return false;
  return !choice.coded_only || !read_title(b.text).code.empty();
}

// Levels from the ladder tables of a document (an engineer table and a
// manager table are read one after the other; the track comes from the titles).
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

}  // namespace

bool holds_levels(const Blocks& blocks) {
  return choose_level_headings(blocks.blocks).has_value() || has_ladder_table(blocks.blocks);
}

std::string page_title(const Blocks& blocks) {
  if (const auto it = blocks.front_matter.find("title"); it != blocks.front_matter.end() && !it->second.empty()) {
    return collapse_whitespace(it->second);
  }
  int shallowest = 7;
  for (const auto& b : blocks.blocks) {
    if (b.kind == BlockKind::heading) shallowest = std::min(shallowest, b.depth);
  }
  for (const auto& b : blocks.blocks) {
    if (b.kind == BlockKind::heading) return b.depth == shallowest ? b.text : "";
  }
  return "";
}

Document outline_ladder(const Blocks& blocks, const fs::path& path, const LevelTest& is_level) {
  Document document;
  Outliner outliner(document, path);
  const auto& list = blocks.blocks;
  std::vector<const Block*> headings;
  for (const auto& b : list) {
    if (b.kind == BlockKind::heading) headings.push_back(&b);
  }
  if (is_level) {  // a manifest names the levels: the depth where most headings are levels
    std::map<int, int> per_depth;
    for (const auto* h : headings) per_depth[h->depth] += is_level(h->text) ? 1 : 0;
    const auto best = std::max_element(per_depth.begin(), per_depth.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    if ((best == per_depth.end() || best->second == 0) && has_ladder_table(list)) {  // the manifest names table levels
      levels_from_tables(list, document, path);
      return document;
    }
    if (best == per_depth.end() || best->second == 0) {
      std::string found;
      for (const auto* h : headings) found += (found.empty() ? "" : ", ") + ("\"" + h->text + "\"");
      throw ParseError(path, 0,
                       "no heading names a level of the manifest (headings found: " +
                           (found.empty() ? std::string("none") : found) + ")");
    }
    outliner.ladder(list, best->first, [](const Block&) { return true; });
    return document;
  }
  if (const auto choice = choose_level_headings(list)) {
    outliner.ladder(list, choice->depth, [&](const Block& b) { return is_level_heading(b, *choice); });
    return document;
  }
  if (has_ladder_table(list)) {
    levels_from_tables(list, document, path);
    return document;
  }
  if (headings.empty())
    throw ParseError(path, 0, "no headings: expected '#' headings for the levels, or a table of levels");
  // No heading reads as a level title: the shallowest depth with two
  // headings or more holds the levels, and the report says so.
  std::map<int, int> per_depth;
  for (const auto* h : headings) ++per_depth[h->depth];
  int depth = per_depth.begin()->first;
  for (const auto& [d, n] : per_depth) {
    if (n >= 2) {
      depth = d;
      break;
    }
  }
  outliner.ladder(list, depth, [](const Block&) { return true; });
  std::string names;
  for (const auto& s : document.sections) names += (names.empty() ? "" : ", ") + ("\"" + s.heading + "\"");
  document.notices.push_back({.kind = Notice::Kind::warning,
                              .ladder = "",
                              .path = path,
                              .line = 0,
                              .message = "no heading reads as a level title; the headings at depth " +
                                         std::to_string(depth) + " were taken as levels: " + names +
                                         " (a manifest can say which headings are levels)",
                              .heading = ""});
  return document;
}

Document outline_level_page(const Blocks& blocks, const fs::path& path, const std::string& title) {
  Document document;
  document.title = title;
  Outliner outliner(document, path);
  outliner.level_page(blocks.blocks, title);
  return document;
}

}  // namespace rungs::corpus::detail
