#pragma once
// Reading ladders from files. Formats (sniffed from the content, see README):
// - manifest (YAML with `documents:`): names the documents and declares ids,
//   level order, titles, codes, aliases, tracks and missing levels;
// - structured ladder (YAML or JSON with `levels:` holding `statements:`),
//   the format `rungs export` writes;
// - Markdown ladder: headings are levels and competency areas, bullets are
//   statements, block quotes and paragraphs are level summaries;
// - Markdown (with YAML front matter, pipe tables and HTML inside) and HTML
//   pages: headings that read as level titles are levels, deeper headings
//   and label bullets ("Impact:") are competency areas, bullets and prose
//   paragraphs are statements; or tables whose header row or first column
//   names levels (one table a track);
// - CSV/TSV competency matrices: a column or a row per level, or one
//   statement per row with level, area and statement columns;
// - GitLab-style plain text: title line, section lines, `- ` bullets, footer.
// A folder of level pages (or such pages named together) is one ladder.
// A document read without a manifest gets ids from its headings.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder.h"

namespace rungs::corpus {

enum class Format { manifest, structured, markdown, markdown_table, plain_text, html, csv };

[[nodiscard]] const char* to_string(Format format);

/// Sniffs the format of a file's content (already normalised text).
/// Throws `ParseError` when it is none of the formats.
[[nodiscard]] Format sniff_format(const std::string& text, const std::filesystem::path& path);

/// The largest ladder file rungs reads (a ladder page is tens of kilobytes).
inline constexpr std::uintmax_t kMaxFileBytes = 4u << 20;
/// The longest statement rungs indexes, in bytes.
inline constexpr std::size_t kMaxStatementBytes = 20000;
/// What one YAML or JSON input may hold once its aliases (`*name`) are
/// expanded: an alias repeats what it names, so a small file could otherwise
/// stand for gigabytes. Text, in bytes (the file limit), and nodes (each
/// level, statement, key and value is one).
inline constexpr std::uintmax_t kMaxExpandedYamlBytes = kMaxFileBytes;
inline constexpr std::size_t kMaxYamlNodes = 200000;

/// True for a valid ladder or level id: ASCII letters, digits, `-`, `_` or
/// `.`, the first a letter or digit ("ops-sre", "l4",
/// "E1.2"; not "a/b", "../x" or "-rf"). Every loaded ladder is checked.
[[nodiscard]] bool is_valid_id(std::string_view id);

/// Loads one ladder from `path` (any format above). Throws `ParseError`
/// naming the file and line for unreadable, empty or malformed input: not a
/// regular file, over `kMaxFileBytes`, binary, invalid UTF-8, no statements
/// at all, a statement over `kMaxStatementBytes`, two levels of one id, an
/// id that is not `is_valid_id`.
[[nodiscard]] Ladder load_ladder(const std::filesystem::path& path);

/// Called for each entry of a directory that cannot be read as a file (a
/// symlink loop or dangling link, a FIFO, socket or device, no read
/// permission); the entry is then left out.
using SkipHandler = std::function<void(const ParseError& why)>;

/// Loads every ladder whose manifest (`*.yaml`, `*.yml`, `*.json`) is in `dir`
/// (not its subdirectories), sorted by ladder id. Throws `ParseError` on the
/// first bad ladder file; an entry that is not a readable file throws too,
/// unless `skip` is given, which is then told and the entry left out.
[[nodiscard]] std::vector<Ladder> load_corpus(const std::filesystem::path& dir, const SkipHandler& skip = {});

/// Something a person importing ladders should know: text set aside, a page
/// left out, or a parse that looks wrong (a warning).
struct Notice {
  enum class Kind { set_aside, left_out, warning };
  Kind kind = Kind::warning;
  std::string ladder;          ///< the ladder's id; "" when it concerns none
  std::filesystem::path path;  ///< the file (or folder) it concerns
  int line = 0;                ///< 1-based; 0 when it concerns the whole file
  std::string message;
  std::string heading;  ///< the heading of a section set aside; "" otherwise

  bool operator==(const Notice&) const = default;
};

[[nodiscard]] const char* to_string(Notice::Kind kind);

/// How `load_inputs` reads what it is given.
struct ReadOptions {
  /// Let a manifest's `documents:` name files outside the manifest's folder
  /// (`../x.md`, an absolute path, a link out). Off: a manifest is a file of
  /// someone else's and must not make rungs read, say, /etc/shadow.
  bool documents_outside_manifest_folder = false;
};

/// Ladders read from the inputs, in input order, and what was noticed.
struct LoadResult {
  std::vector<Ladder> ladders;
  std::vector<Notice> notices;
  std::vector<std::filesystem::path> folders;  ///< per ladder: the folder its `documents` are named from
};

/// Reads what `rungs index` is given. A file is one ladder, except that
/// Markdown and HTML pages of one folder named together, each of which reads
/// as one level, make one ladder. A folder gives its manifests and
/// structured ladders, and its pages: each page that holds levels of its
/// own is a ladder, and the pages that each describe one level (ordered by
/// front matter `weight`/`order`, else level codes, else seniority words)
/// make one ladder named after the folder; README, index and FAQ pages are
/// left out with a notice. Throws `ParseError` on a bad file, on a single
/// page that reads as one level only, and when two inputs would give the
/// same ladder id (naming both). Unreadable folder entries go to `skip` as
/// in `load_corpus`.
[[nodiscard]] LoadResult load_inputs(const std::vector<std::filesystem::path>& paths, const SkipHandler& skip = {},
                                     const ReadOptions& options = {});

/// True when `path`, every symbolic link resolved, is `folder` or inside it.
[[nodiscard]] bool is_within(const std::filesystem::path& path, const std::filesystem::path& folder);

/// A manifest that reads `ladder` as it was detected, to edit and index in
/// place of the documents: its documents named relative to `manifest_path`'s
/// folder (they are found in `documents_folder`), a document per level for
/// level pages, its levels in order, and `skip:` for the `set_aside` headings.
[[nodiscard]] std::string to_manifest(const Ladder& ladder, const std::filesystem::path& documents_folder,
                                      const std::filesystem::path& manifest_path,
                                      const std::vector<std::string>& set_aside);

/// Writes `ladder` in the structured YAML format; `load_ladder` reads it back equal.
[[nodiscard]] std::string to_yaml(const Ladder& ladder);

}  // namespace rungs::corpus

namespace rungs::corpus {

/// Reads a ladder in the structured format from `text` (YAML or JSON).
/// `origin` names the file in error messages.
[[nodiscard]] Ladder ladder_from_yaml(const std::string& text, const std::filesystem::path& origin);

}  // namespace rungs::corpus
