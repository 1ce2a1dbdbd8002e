#pragma once
// Private to the corpus module: a document as a flat list of blocks, the one
// shape that Markdown (cmark), pipe tables and HTML (gumbo) are all read
// into. Deciding what the blocks mean (which headings are levels, which
// tables hold a ladder, which paragraphs are statements) happens afterwards,
// in outline.cpp, the same way for every source format.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rungs::corpus::detail {

/// One table cell: the statements it holds, each list item on its own, or
/// its paragraphs when it has no list; a lead paragraph followed by a list of
/// examples is one statement ("Uses version control, e.g. ...: clones, commits").
struct TableCell {
  std::vector<std::string> items;
  std::vector<int> lines;  ///< 1-based line of each item; empty when only the row's line is known
};

struct Table {
  std::vector<std::vector<TableCell>> rows;  ///< rows[0] is the header row
  std::vector<int> row_lines;                ///< 1-based line of each row
};

enum class BlockKind {
  heading,      ///< `depth` is 1-6
  paragraph,    ///< a top-level paragraph
  item,         ///< a list item's own text (nested lists are items of their own); `depth` 0 = outermost
  quote,        ///< a block quote
  code,         ///< a code block
  placeholder,  ///< an HTML block with no text structure (`<TBA>`)
  table,
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  int depth = 0;
  std::string text;  ///< rendered text: markup removed, whitespace collapsed
  int line = 0;      ///< 1-based line in the document
  Table table;       ///< BlockKind::table only
};

/// The metadata block at the top of a Markdown page (`---` YAML front matter),
/// as scalar strings by key ("title", "weight", ...); empty when none.
using FrontMatter = std::map<std::string, std::string>;

struct Blocks {
  FrontMatter front_matter;
  std::vector<Block> blocks;  ///< in document order
};

/// Markdown (CommonMark via cmark) with pipe tables and HTML tables inside it,
/// and YAML front matter. Line numbers are the file's.
[[nodiscard]] Blocks markdown_blocks(const std::string& text, const std::filesystem::path& path);

/// An HTML page or fragment (gumbo). Navigation, headers, footers, scripts,
/// styles and elements hidden from readers (`aria-hidden`, `hidden`) are left
/// out. `first_line` is the line of the fragment's first byte in its file.
[[nodiscard]] std::vector<Block> html_blocks(std::string_view html, int first_line = 1);

/// A table cell from the blocks read inside it (see `TableCell`).
[[nodiscard]] TableCell cell_from_blocks(const std::vector<Block>& blocks);

/// The text of an HTML page's `<title>` or first `<h1>`; "" when none.
[[nodiscard]] std::string html_title(std::string_view html);

/// True when `text` reads as HTML rather than Markdown: it starts with a tag
/// or a doctype and is mostly markup.
[[nodiscard]] bool looks_like_html(std::string_view text);

/// The pipe tables of a Markdown text as table blocks; their lines are
/// blanked in `text`. Throws `ParseError` for a row wider than its header.
[[nodiscard]] std::vector<Block> take_pipe_tables(std::string& text, const std::filesystem::path& path);

/// Empties lines `first`..`last` (1-based, inclusive) of `text`, keeping their line ends.
void blank_lines(std::string& text, int first, int last);

/// The YAML of a page's front matter; "" when it has none.
[[nodiscard]] std::string front_matter_yaml(std::string_view text);

/// Splits YAML front matter off `text`: returns its keys and blanks its
/// lines in `text` (so that line numbers stay the file's).
[[nodiscard]] FrontMatter take_front_matter(std::string& text, const std::filesystem::path& path);

}  // namespace rungs::corpus::detail
