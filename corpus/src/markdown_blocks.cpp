// Markdown read into blocks with cmark (CommonMark). Only top-level blocks
// make the outline: a heading inside a list or a quote is text, not
// structure. Pipe tables and HTML tables are taken out first (their lines
// blanked, so line numbers stay the file's) and merged back by line.

#include <cmark.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <regex>

#include "blocks.h"
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
      case CMARK_NODE_CODE:
        out += cmark_node_get_literal(child);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
      case CMARK_NODE_HTML_INLINE:
        out += ' ';
        break;
      default:
        append_inline(child, out);
    }
  }
}

// All text of a block and the blocks inside it, one space between blocks.
void append_block(cmark_node* node, std::string& out) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
      append_inline(node, out);
      break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      out += cmark_node_get_literal(node);
      break;
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

// An HTML block that holds text structure (lists, paragraphs, headings),
// read with the HTML reader; other HTML blocks (`<TBA>`) are placeholders.
bool has_html_structure(std::string_view html) {
  static const std::regex kStructure(R"(<(p|ul|ol|li|h[1-6]|div|dl|table)[\s>/])", std::regex::icase);
  constexpr std::size_t kLongestScanned = 100000;  // std::regex recurses per character
  const std::string text(html.substr(0, kLongestScanned));
  return std::regex_search(text, kStructure);
}

// `<table>` ... `</table>` regions that start a line: Markdown would cut them
// at their blank lines, so they are read whole, as HTML, and blanked.
std::vector<Block> take_html_tables(std::string& text) {
  static const std::regex kOpen(R"(<table[\s>])", std::regex::icase);
  static const std::regex kClose(R"(</table\s*>)", std::regex::icase);
  const std::string original = text;
  const auto lines = split_lines(original);
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto indent = lines[i].find_first_not_of(' ');
    if (indent == std::string_view::npos || indent > 3 || !lines[i].substr(indent).starts_with("<") ||
        !std::regex_search(std::string(lines[i].substr(indent, 8)) + " ", kOpen)) {
      continue;
    }
    int depth = 0;
    std::size_t last = i;
    for (; last < lines.size(); ++last) {
      const std::string line(lines[last]);
      depth += static_cast<int>(
          std::distance(std::sregex_iterator(line.begin(), line.end(), kOpen), std::sregex_iterator()));
      depth -= static_cast<int>(
          std::distance(std::sregex_iterator(line.begin(), line.end(), kClose), std::sregex_iterator()));
      if (depth <= 0) break;
    }
    last = std::min(last, lines.size() - 1);
    std::string region;
    for (std::size_t k = i; k <= last; ++k) region.append(lines[k]).push_back('\n');
    for (auto& b : html_blocks(region, static_cast<int>(i + 1))) blocks.push_back(std::move(b));
    blank_lines(text, static_cast<int>(i + 1), static_cast<int>(last + 1));
    i = last;
  }
  return blocks;
}

class BlockReader {
 public:
  explicit BlockReader(std::vector<Block>& out) : out_(out) {}

  void top_level(cmark_node* node) {
    const int line = cmark_node_get_start_line(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        add({.kind = BlockKind::heading,
             .depth = cmark_node_get_heading_level(node),
             .text = block_text(node),
             .line = line,
             .table = {}});
        break;
      case CMARK_NODE_LIST:
        list(node, 0);
        break;
      case CMARK_NODE_PARAGRAPH:
        add({.kind = BlockKind::paragraph, .depth = 0, .text = block_text(node), .line = line, .table = {}});
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        add({.kind = BlockKind::quote, .depth = 0, .text = block_text(node), .line = line, .table = {}});
        break;
      case CMARK_NODE_CODE_BLOCK:
        add({.kind = BlockKind::code, .depth = 0, .text = block_text(node), .line = line, .table = {}});
        break;
      case CMARK_NODE_HTML_BLOCK:
        html(node, line);
        break;
      default:
        break;  // thematic breaks
    }
  }

 private:
  void html(cmark_node* node, int line) {
    const std::string_view literal = cmark_node_get_literal(node);
    const auto first = literal.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return;
    if (literal.substr(first).starts_with("<!--")) return;  // a comment is not shown to readers
    if (has_html_structure(literal)) {
      for (auto& b : html_blocks(literal, line)) add(std::move(b));
    } else {
      add({.kind = BlockKind::placeholder, .depth = 0, .text = block_text(node), .line = line, .table = {}});
    }
  }

  // Every item is one block, nested lists after their parent, one deeper.
  void list(cmark_node* node, int depth) {
    for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
      std::string text;
      for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) continue;
        append_block(child, text);
        text += ' ';
      }
      add({.kind = BlockKind::item,
           .depth = depth,
           .text = collapse_whitespace(text),
           .line = cmark_node_get_start_line(item),
           .table = {}});
      for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) list(child, depth + 1);
      }
    }
  }

  void add(Block block) {
    if (block.kind == BlockKind::table || !block.text.empty()) out_.push_back(std::move(block));
  }

  std::vector<Block>& out_;
};

}  // namespace

std::string render_inline(std::string_view markdown) {
  const NodePtr root = parse(markdown);
  return block_text(root.get());
}

Blocks markdown_blocks(const std::string& text, const std::filesystem::path& path) {
  std::string markdown = text;
  Blocks result;
  result.front_matter = take_front_matter(markdown, path);
  std::vector<Block> tables = take_pipe_tables(markdown, path);
  for (auto& b : take_html_tables(markdown)) tables.push_back(std::move(b));

  const NodePtr root = parse(markdown);
  BlockReader reader(result.blocks);
  for (cmark_node* node = cmark_node_first_child(root.get()); node; node = cmark_node_next(node)) {
    reader.top_level(node);
  }
  for (auto& t : tables) result.blocks.push_back(std::move(t));
  std::stable_sort(result.blocks.begin(), result.blocks.end(),
                   [](const Block& a, const Block& b) { return a.line < b.line; });
  return result;
}

}  // namespace rungs::corpus::detail
