// What a document's blocks mean, whatever format they were read from:
// which headings name levels (and which are prose sections to set aside) and
// which text under a level is a competency, a summary or set aside. Tables
// that hold a ladder are read by ladder_tables.cpp, label and example bullets
// are found by item_labels.cpp.

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "blocks.h"
#include "item_labels.h"
#include "ladder_tables.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus::detail {
namespace {

namespace fs = std::filesystem;

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
