#pragma once
// Private to the corpus module: the document parsers and what they share.
// Each parser turns a document's text into a `Document`, the sections that
// are levels with the statements found under each. Deciding which level a
// section is (from its heading alone, or from a manifest) happens afterwards,
// in `ladder_from_document` and `load_manifest`, so parsers never invent ids.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/corpus/ladder.h"
#include "rungs/corpus/load.h"

namespace rungs::corpus::detail {

/// One level's part of a document.
struct Section {
  std::string heading;                ///< as written, inline markup removed
  int line = 0;                       ///< 1-based line of the heading
  std::vector<Statement> statements;  ///< in document order, `source` set
};

struct Document {
  std::string title;  ///< the document's own title (H1 above the levels, or the
                      ///< plain-text title before its colon); "" when none
  std::vector<Section> sections;
  std::vector<Notice> notices;  ///< sections and tables set aside, parses that look wrong
};

/// Tells whether a heading names a level. Given by a manifest; empty when
/// there is none, and then the Markdown parser picks the level depth itself.
using LevelTest = std::function<bool(const std::string& heading)>;

// --- parsers (one file each) ---

struct Blocks;

/// Markdown: blocks read by `markdown_blocks`, outlined by `outline_ladder`.
[[nodiscard]] Document parse_markdown(const std::string& text, const std::filesystem::path& path,
                                      const LevelTest& is_level);
/// An HTML page: blocks read by `html_blocks`, outlined by `outline_ladder`.
[[nodiscard]] Document parse_html(const std::string& text, const std::filesystem::path& path,
                                  const LevelTest& is_level);
/// A CSV or TSV competency matrix, wide (a column or a row per level) or
/// long (level, area, statement columns).
[[nodiscard]] Document parse_csv(const std::string& text, const std::filesystem::path& path);
/// GitLab-style plain text: title line, section lines, `- ` bullets, footer.
[[nodiscard]] Document parse_plain_text(const std::string& text, const std::filesystem::path& path);
/// Runs the parser for `format` (a document format, not manifest/structured).
[[nodiscard]] Document parse_document(const std::string& text, Format format, const std::filesystem::path& path,
                                      const LevelTest& is_level);
/// The blocks of a Markdown or HTML document (`format` says which).
[[nodiscard]] Blocks read_blocks(const std::string& text, Format format, const std::filesystem::path& path);

// --- outline.cpp: what the blocks mean ---

/// A whole ladder: levels from the headings that read as level titles (with
/// a manifest, `is_level` says which), else from tables whose header row or
/// first column names levels; prose sections and other tables are set
/// aside, with notices. Throws `ParseError` when it finds no levels.
[[nodiscard]] Document outline_ladder(const Blocks& blocks, const std::filesystem::path& path,
                                      const LevelTest& is_level);
/// The page of one level (`title`): one section; headings are areas.
[[nodiscard]] Document outline_level_page(const Blocks& blocks, const std::filesystem::path& path,
                                          const std::string& title);
/// True when the blocks hold levels of their own (two headings at one depth
/// that read as level titles, or a ladder table), with no fallback.
[[nodiscard]] bool holds_levels(const Blocks& blocks);
/// A page's title: front matter `title`, else its first heading when no
/// heading is shallower; "" when none.
[[nodiscard]] std::string page_title(const Blocks& blocks);

/// Plain text of an inline Markdown fragment: link and emphasis text kept,
/// markup, URLs and inline HTML dropped, whitespace collapsed.
[[nodiscard]] std::string render_inline(std::string_view markdown);
/// True when `text` holds a pipe table row followed by its `|---|` separator.
[[nodiscard]] bool has_pipe_table(std::string_view text);

// --- set-aside rules (set_aside.cpp) ---

/// Why text is set aside as `StatementKind::boilerplate`.
namespace reason {
inline constexpr const char* kCrossReference = "cross-reference";
inline constexpr const char* kPlaceholder = "placeholder: level not yet described";
inline constexpr const char* kNavigation = "navigation";
inline constexpr const char* kIntroduction = "introduction";
inline constexpr const char* kElsewhere = "reference to competencies defined elsewhere";
inline constexpr const char* kFooter = "footer";
}  // namespace reason

/// A statement of `kind`, or boilerplate with its reason when one of the
/// set-aside rules matches `text`.
[[nodiscard]] Statement make_statement(std::string text, StatementKind kind, const std::string& area, int line,
                                       const std::string& source);

// --- shared helpers (document.cpp) ---

/// Lines without their end-of-line (`\n` or `\r\n`); line i is at index i - 1.
[[nodiscard]] std::vector<std::string_view> split_lines(std::string_view text);
/// `text` with runs of ASCII whitespace made one space, and trimmed.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

struct LevelHeading {
  std::string code;   ///< "L4" from "Lead SRE (L4)" or "L4: Lead SRE"; "" when none
  std::string title;  ///< the heading without its code
};
[[nodiscard]] LevelHeading split_level_heading(std::string_view heading);

/// The file's bytes, checked (not empty, not binary, valid UTF-8) and normalised.
[[nodiscard]] std::string read_document(const std::filesystem::path& path);
/// True for the pages a site keeps beside its level pages: README, index,
/// _index, FAQ, about, license, ... (by file name).
[[nodiscard]] bool is_index_page(const std::filesystem::path& path);
/// A ladder from a document read alone: ids from headings, ranks from order;
/// the ladder id from the file name, or from the folder's for a README or index page.
[[nodiscard]] Ladder ladder_from_document(const Document& document, const std::filesystem::path& path);
/// A ladder from a manifest: its documents parsed and matched to its levels.
[[nodiscard]] Ladder load_manifest(const std::string& text, const std::filesystem::path& path,
                                   bool documents_outside_folder = false);

// --- format_sniff.cpp ---

/// `---` front matter with a closing `---` and a page after it.
[[nodiscard]] bool has_front_matter(const std::string& text);

// --- ladder_checks.cpp ---

/// What every loaded ladder must have, whatever its format: valid ids, a
/// statement at least, none over `kMaxStatementBytes`; throws `ParseError`.
void check_ladder(const Ladder& ladder, const std::filesystem::path& path);
/// Warnings for parses that look wrong, named by file and line.
void check_quality(const Ladder& ladder, const std::filesystem::path& origin, std::vector<Notice>& notices);

}  // namespace rungs::corpus::detail
