// Markdown ladders, parsed with cmark (CommonMark). Only top-level blocks
// make the outline: a heading inside a list or a quote is text, not structure.
// Text outside every level (before the first level heading, or under a
// shallower heading after one) is not a statement.

#include <cmark.h>

#include <algorithm>
#include <map>
#include <memory>

#include "parsers.h"
#include "rungs/corpus/error.h"

namespace rungs::corpus::detail {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

NodePtr parse(std::string_view markdown) {
  return NodePtr(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
}

// Inline content as plain text: emphasis, link and image text are kept,
// breaks and inline HTML (`<br>`) become spaces.
void append_inline(cmark_node* node, std::string& out) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out += cmark_node_get_literal(child); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
      case CMARK_NODE_HTML_INLINE: out += ' '; break;
      default: append_inline(child, out);
    }
  }
}

// All text of a block and the blocks inside it, one space between blocks.
void append_block(cmark_node* node, std::string& out) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING: append_inline(node, out); break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK: out += cmark_node_get_literal(node); break;
    default:
      for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        append_block(child, out);
        out += ' ';
      }
  }
}

std::string block_text(cmark_node* node) {
  std::string out;
  append_block(node, out);
  return collapse_whitespace(out);
}

struct Heading {
  int depth;
  std::string text;
};

// With a manifest: the depth where most headings name a level. Without: the
// shallowest depth with two headings or more, else the shallowest there is.
int level_depth(const std::vector<Heading>& headings, const LevelTest& is_level,
                const std::filesystem::path& path) {
  std::map<int, int> per_depth;  // depth → headings (or level headings) at that depth
  for (const auto& h : headings) {
    if (!is_level || is_level(h.text)) ++per_depth[h.depth];
  }
  if (is_level) {
    if (per_depth.empty()) throw ParseError(path, 0, "no heading names a level of the manifest");
    return std::max_element(per_depth.begin(), per_depth.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  }
  for (const auto& [depth, n] : per_depth) {
    if (n >= 2) return depth;
  }
  return per_depth.begin()->first;
}

class Walker {
 public:
  Walker(Document& document, int depth, std::string source)
      : document_(document), depth_(depth), source_(std::move(source)) {}

  void heading(cmark_node* node) {
    const int depth = cmark_node_get_heading_level(node);
    std::string text = block_text(node);
    if (depth == depth_) {
      document_.sections.push_back({std::move(text), cmark_node_get_start_line(node), {}});
      in_level_ = true;
      areas_.clear();
    } else if (depth < depth_) {
      if (document_.title.empty() && document_.sections.empty()) document_.title = std::move(text);
      in_level_ = false;
    } else {
      while (!areas_.empty() && areas_.back().depth >= depth) areas_.pop_back();
      areas_.push_back({depth, std::move(text)});
    }
  }

  void block(cmark_node* node) {
    if (!in_level_) return;
    const int line = cmark_node_get_start_line(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_LIST: list(node); break;
      case CMARK_NODE_HTML_BLOCK:
        keep({.text = block_text(node), .area = area(), .kind = StatementKind::boilerplate,
              .source = source_, .line = line, .reason = reason::kPlaceholder});
        break;
      case CMARK_NODE_THEMATIC_BREAK: break;
      default:  // paragraph, block quote, code block
        keep(make_statement(block_text(node), StatementKind::summary, area(), line, source_));
    }
  }

 private:
  // Every item is one competency, nested lists flattened after their parent.
  void list(cmark_node* node) {
    for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
      std::string text;
      for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) continue;
        append_block(child, text);
        text += ' ';
      }
      keep(make_statement(collapse_whitespace(text), StatementKind::competency, area(),
                          cmark_node_get_start_line(item), source_));
      for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) list(child);
      }
    }
  }

  void keep(Statement s) {
    if (!s.text.empty()) document_.sections.back().statements.push_back(std::move(s));
  }

  std::string area() const {
    std::string joined;
    for (const auto& a : areas_) joined += (joined.empty() ? "" : " / ") + a.text;
    return joined;
  }

  Document& document_;
  int depth_;
  std::string source_;
  bool in_level_ = false;  // a level heading is open: blocks belong to the last section
  std::vector<Heading> areas_;  // open headings below the level, outermost first
};

}  // namespace

std::string render_inline(std::string_view markdown) {
  const NodePtr root = parse(markdown);
  return block_text(root.get());
}

Document parse_markdown(const std::string& text, const std::filesystem::path& path,
                        const LevelTest& is_level) {
  const NodePtr root = parse(text);
  std::vector<Heading> headings;
  for (cmark_node* node = cmark_node_first_child(root.get()); node; node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      headings.push_back({cmark_node_get_heading_level(node), block_text(node)});
    }
  }
  if (headings.empty()) throw ParseError(path, 0, "no headings: expected '#' headings for the levels");

  Document document;
  Walker walker(document, level_depth(headings, is_level, path), path.filename().string());
  for (cmark_node* node = cmark_node_first_child(root.get()); node; node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      walker.heading(node);
    } else {
      walker.block(node);
    }
  }
  return document;
}

}  // namespace rungs::corpus::detail
