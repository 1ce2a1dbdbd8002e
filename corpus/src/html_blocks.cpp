// HTML pages and fragments, parsed with gumbo (Google's HTML5 parser), read
// into blocks: headings, paragraphs, list items, quotes, code and tables.
// What a reader never sees as content (navigation, page header and footer,
// scripts, forms, elements marked `aria-hidden` or `hidden`) is left out.

#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "blocks.h"
#include "parsers.h"

namespace rungs::corpus::detail {
namespace {

struct OutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using OutputPtr = std::unique_ptr<GumboOutput, OutputDeleter>;

OutputPtr parse(std::string_view html) {
  return OutputPtr(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

bool is_element(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

bool is_hidden(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
      return true;
    default:
      break;
  }
  const GumboVector* attributes = &node->v.element.attributes;
  if (gumbo_get_attribute(attributes, "hidden") != nullptr) return true;
  const GumboAttribute* aria = gumbo_get_attribute(attributes, "aria-hidden");
  if (aria != nullptr && std::string_view(aria->value) == "true") return true;
  const GumboAttribute* role = gumbo_get_attribute(attributes, "role");
  return role != nullptr && std::string_view(role->value) == "navigation";
}

int heading_depth(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return 0;
  switch (node->v.element.tag) {
    case GUMBO_TAG_H1:
      return 1;
    case GUMBO_TAG_H2:
      return 2;
    case GUMBO_TAG_H3:
      return 3;
    case GUMBO_TAG_H4:
      return 4;
    case GUMBO_TAG_H5:
      return 5;
    case GUMBO_TAG_H6:
      return 6;
    default:
      return 0;
  }
}

bool is_list(const GumboNode* node) { return is_element(node, GUMBO_TAG_UL) || is_element(node, GUMBO_TAG_OL); }

// Elements that end the paragraph of inline text before them.
bool is_block(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  if (heading_depth(node) > 0 || is_list(node)) return true;
  switch (node->v.element.tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
      return true;
    default:
      return false;
  }
}

const GumboVector& children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

// All visible text under `node`; nested lists left out when `skip_lists`.
void append_text(const GumboNode* node, std::string& out, bool skip_lists) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      out += node->v.text.text;
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
    case GUMBO_NODE_DOCUMENT:
      break;
    default:
      return;
  }
  if (is_hidden(node) || (skip_lists && is_list(node))) return;
  if (is_element(node, GUMBO_TAG_BR)) out += ' ';
  const bool block = is_block(node);
  if (block) out += ' ';
  const GumboVector& kids = children(node);
  for (unsigned i = 0; i < kids.length; ++i) append_text(static_cast<const GumboNode*>(kids.data[i]), out, skip_lists);
  if (block) out += ' ';
}

std::string text_of(const GumboNode* node, bool skip_lists = false) {
  std::string out;
  append_text(node, out, skip_lists);
  return collapse_whitespace(out);
}

int line_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT) return static_cast<int>(node->v.element.start_pos.line);
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE)
    return static_cast<int>(node->v.text.start_pos.line);
  return 0;
}

class Reader {
 public:
  explicit Reader(int line_offset) : line_offset_(line_offset) {}

  std::vector<Block> take() {
    flush();
    return std::move(blocks_);
  }

  void container(const GumboNode* node) {
    const GumboVector& kids = children(node);
    for (unsigned i = 0; i < kids.length; ++i) visit(static_cast<const GumboNode*>(kids.data[i]));
    flush();
  }

 private:
  void visit(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      if (pending_line_ == 0) pending_line_ = line_of(node);
      pending_ += node->v.text.text;
      return;
    }
    if (node->type == GUMBO_NODE_WHITESPACE) {
      pending_ += ' ';
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT || is_hidden(node)) return;
    if (!is_block(node)) {  // inline: part of the pending paragraph
      if (pending_line_ == 0) pending_line_ = line_of(node);
      append_text(node, pending_, false);
      return;
    }
    flush();
    const int line = line_of(node) + line_offset_;
    if (const int depth = heading_depth(node); depth > 0) {
      emit({.kind = BlockKind::heading, .depth = depth, .text = text_of(node), .line = line, .table = {}});
    } else if (is_list(node)) {
      list(node, 0);
    } else if (is_element(node, GUMBO_TAG_P) || is_element(node, GUMBO_TAG_DT) || is_element(node, GUMBO_TAG_DD)) {
      emit({.kind = BlockKind::paragraph, .depth = 0, .text = text_of(node), .line = line, .table = {}});
    } else if (is_element(node, GUMBO_TAG_BLOCKQUOTE)) {
      emit({.kind = BlockKind::quote, .depth = 0, .text = text_of(node), .line = line, .table = {}});
    } else if (is_element(node, GUMBO_TAG_PRE)) {
      emit({.kind = BlockKind::code, .depth = 0, .text = text_of(node), .line = line, .table = {}});
    } else if (is_element(node, GUMBO_TAG_TABLE)) {
      table(node, line);
    } else if (!is_element(node, GUMBO_TAG_HR)) {
      container(node);  // div, section, article, main, body, figure, ...
    }
  }

  void list(const GumboNode* node, int depth) {
    const GumboVector& kids = children(node);
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* item = static_cast<const GumboNode*>(kids.data[i]);
      if (!is_element(item, GUMBO_TAG_LI) || is_hidden(item)) continue;
      emit({.kind = BlockKind::item,
            .depth = depth,
            .text = text_of(item, true),
            .line = line_of(item) + line_offset_,
            .table = {}});
      const GumboVector& parts = children(item);
      for (unsigned j = 0; j < parts.length; ++j) {
        const auto* part = static_cast<const GumboNode*>(parts.data[j]);
        if (is_list(part) && !is_hidden(part)) list(part, depth + 1);
      }
    }
  }

  // Rows of `node`'s own table (not of tables nested in its cells).
  void collect_rows(const GumboNode* node, std::vector<const GumboNode*>& rows) {
    const GumboVector& kids = children(node);
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
      if (kid->type != GUMBO_NODE_ELEMENT || is_hidden(kid) || is_element(kid, GUMBO_TAG_TABLE)) continue;
      if (is_element(kid, GUMBO_TAG_TR)) {
        rows.push_back(kid);
      } else {
        collect_rows(kid, rows);  // thead, tbody, tfoot
      }
    }
  }

  void table(const GumboNode* node, int line) {
    std::vector<const GumboNode*> rows;
    collect_rows(node, rows);
    Block block{.kind = BlockKind::table, .depth = 0, .text = "", .line = line, .table = {}};
    for (const auto* row : rows) {
      std::vector<TableCell> cells;
      const GumboVector& kids = children(row);
      for (unsigned i = 0; i < kids.length; ++i) {
        const auto* cell = static_cast<const GumboNode*>(kids.data[i]);
        if (!(is_element(cell, GUMBO_TAG_TD) || is_element(cell, GUMBO_TAG_TH)) || is_hidden(cell)) continue;
        Reader inner(line_offset_);
        inner.container(cell);
        cells.push_back(cell_from_blocks(inner.take()));
      }
      block.table.rows.push_back(std::move(cells));
      block.table.row_lines.push_back(line_of(row) + line_offset_);
    }
    if (!block.table.rows.empty()) emit(std::move(block));
  }

  void flush() {
    std::string text = collapse_whitespace(pending_);
    if (!text.empty()) {
      emit({.kind = BlockKind::paragraph,
            .depth = 0,
            .text = std::move(text),
            .line = pending_line_ + line_offset_,
            .table = {}});
    }
    pending_.clear();
    pending_line_ = 0;
  }

  void emit(Block block) {
    if (block.kind == BlockKind::table || !block.text.empty()) blocks_.push_back(std::move(block));
  }

  int line_offset_;
  std::vector<Block> blocks_;
  std::string pending_;  // inline text not yet ended by a block
  int pending_line_ = 0;
};

}  // namespace

TableCell cell_from_blocks(const std::vector<Block>& blocks) {
  std::vector<const Block*> lead;  // paragraphs before the first list item
  std::vector<const Block*> items;
  std::vector<const Block*> after;  // text after a list stands alone
  for (const auto& b : blocks) {
    if (b.kind == BlockKind::item) {
      items.push_back(&b);
    } else if (b.kind != BlockKind::table && b.kind != BlockKind::placeholder) {
      (items.empty() ? lead : after).push_back(&b);
    }
  }
  TableCell cell;
  const auto add = [&cell](std::string text, int line) {
    cell.items.push_back(std::move(text));
    cell.lines.push_back(line);
  };
  if (items.empty() || lead.empty()) {
    for (const auto* b : lead) add(b->text, b->line);
    for (const auto* b : items) add(b->text, b->line);
  } else {
    // "Uses version control, e.g." followed by its examples: one statement.
    std::string joined;
    for (const auto* p : lead) joined += (joined.empty() ? "" : " ") + p->text;
    for (std::size_t i = 0; i < items.size(); ++i) joined += (i == 0 ? " " : "; ") + items[i]->text;
    add(std::move(joined), lead.front()->line);
  }
  for (const auto* b : after) add(b->text, b->line);
  return cell;
}

std::vector<Block> html_blocks(std::string_view html, int first_line) {
  const OutputPtr output = parse(html);
  Reader reader(first_line - 1);
  reader.container(output->document);
  return reader.take();
}

std::string html_title(std::string_view html) {
  const OutputPtr output = parse(html);
  std::vector<const GumboNode*> stack = {output->document};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (is_element(node, GUMBO_TAG_TITLE)) return text_of(node);
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboVector& kids = children(node);
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
  return "";
}

bool looks_like_html(std::string_view text) {
  std::size_t at = text.find_first_not_of(" \t\r\n");
  while (at != std::string_view::npos && text.substr(at).starts_with("<!--")) {  // leading comments
    const auto end = text.find("-->", at);
    if (end == std::string_view::npos) return false;
    at = text.find_first_not_of(" \t\r\n", end + 3);
  }
  if (at == std::string_view::npos || text[at] != '<') return false;
  std::string start;
  for (std::size_t i = at + 1;
       i < text.size() && i < at + 10 && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '!'); ++i) {
    start += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  static constexpr std::string_view kStarts[] = {"!doctype", "html",    "head",    "body", "table",
                                                 "div",      "section", "article", "main", "h1",
                                                 "h2",       "h3",      "ul",      "ol",   "p"};
  return std::find(std::begin(kStarts), std::end(kStarts), start) != std::end(kStarts);
}

}  // namespace rungs::corpus::detail
