#pragma once
// What every subcommand shares: where the index is, the options that repeat,
// and plain-text tables for people.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::cli {

/// `--db`, registered on each subcommand that reads the index.
struct IndexOptions {
  std::string db;  ///< "" → $RUNGS_DB → the default index in the user's data directory

  void add_to(CLI::App& app);
};

/// `built` (a folder of the source tree the binary was built from) where it
/// exists, else PREFIX/share/rungs/`installed` beside an installed binary.
[[nodiscard]] std::filesystem::path data_dir(const std::filesystem::path& built, const std::string& installed);

/// The bundled corpus directory ($RUNGS_CORPUS overrides the build's).
[[nodiscard]] std::filesystem::path bundled_corpus_dir();

/// The index to use: `--db`, else $RUNGS_DB, else the default index, which is
/// built from the bundled corpus on first use and refreshed when the bundled
/// corpus changes.
[[nodiscard]] std::filesystem::path resolve_db(const IndexOptions& options);

/// Opens the index at `resolve_db(options)`.
[[nodiscard]] search::Searcher open_searcher(const IndexOptions& options);

/// Fingerprint of the bundled corpus files (names and bytes).
[[nodiscard]] std::string corpus_fingerprint(const std::filesystem::path& dir);

/// Options of the mapping model that the commands using it share.
struct ModelFlags {
  bool no_synonyms = false;  ///< leave out the thesaurus (curated groups and WordNet)

  void add_to(CLI::App& app);
};

/// The mapping model over every ladder of the index at `db`. It is read back
/// from the model cache in the index directory (`model-cache.bin`, or
/// `model-cache-no-synonyms.bin`) when that was saved for this very index
/// (Xapian UUID and revision), these flags and this `rungs` binary; else it
/// is built and saved there for the next command. A cache that cannot be
/// written (read-only index) or read (damaged) only costs the build.
[[nodiscard]] mapping::Model load_model(const std::filesystem::path& db, const ModelFlags& flags);

/// True when stdout is a terminal that takes colour (and NO_COLOR is unset).
[[nodiscard]] bool use_colour();

/// Prints rows as aligned columns; the last column is not padded.
void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// Writes all of `content` to the file descriptor `fd`, retrying short
/// writes; false, with `errno` set, when a write fails.
[[nodiscard]] bool write_all(int fd, std::string_view content);

/// What `write_output_file` does with a target that is not a regular file.
enum class NonRegular {
  write_through,  ///< write into it (a device such as /dev/null, a FIFO)
  refuse,         ///< throw `rungs::Error`
};

/// Writes `content` to `path` for the user (`--html FILE`, `export -o FILE`):
/// "-" is standard output; a regular file (or nothing) is replaced by a file
/// created exclusively beside it (`O_EXCL | O_NOFOLLOW`, with the old file's
/// mode) and renamed over it, so a failure never leaves half a file; a device
/// or FIFO is written into (or refused, per `non_regular`); a directory, or a
/// symbolic link to a regular file or to nothing, is refused rather than
/// replaced. Throws `rungs::Error` naming the path and the reason.
void write_output_file(const std::filesystem::path& path, const std::string& content,
                       NonRegular non_regular = NonRegular::write_through);

/// `s` as a CSV field: quoted where RFC 4180 needs it (separator, quote, CR,
/// LF), and with a leading `'` where a spreadsheet would read a formula
/// (`=`, `+`, `-`, `@`, tab, CR first).
[[nodiscard]] std::string csv_field(const std::string& s);
/// `s` as the text of a Markdown table cell: pipes, inline markup and raw
/// HTML escaped, line breaks as spaces.
[[nodiscard]] std::string md_cell(const std::string& s);
/// Prints rows as a Markdown table.
void print_markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// A band's name in every output: "B3" on the individual track, "M1" on the
/// management track (another track: its initial, upper case).
[[nodiscard]] std::string band_name(const mapping::Band& band);

/// A band note in words: "acme has no level in this band".
[[nodiscard]] std::string band_note_words(const mapping::BandNote& note);

/// Why a mapping row is where it is, in words, when the statements alone
/// favour another level ("" otherwise, and for rows with no equivalent).
[[nodiscard]] std::string decision_words(const mapping::Equivalence& e);

/// Prints `value` indented, newline-terminated.
void print_json(const nlohmann::json& value);

/// Statements with their scores, as `rungs level --json` prints them.
[[nodiscard]] nlohmann::json evidence_json(const std::vector<mapping::Evidence>& evidence);

/// One ladder's answer for `rungs level` and `rungs assign`: ladder, level,
/// title, code, rank, described, confidence, basis, reason, note, evidence.
[[nodiscard]] nlohmann::json level_answer_json(const mapping::LevelAnswer& answer);

/// Display width of UTF-8 text (code points; good enough for ladder text).
[[nodiscard]] std::size_t display_width(const std::string& text);

// Subcommands: each registers its options and its callback on `app`.
void setup_ladders(CLI::App& app);
void setup_search(CLI::App& app);
void setup_index(CLI::App& app);
void setup_export(CLI::App& app);
void setup_level(CLI::App& app);
void setup_map(CLI::App& app);
void setup_eval(CLI::App& app);
void setup_harmonise(CLI::App& app);
void setup_compare(CLI::App& app);
void setup_assign(CLI::App& app);

}  // namespace rungs::cli
