#pragma once
// What every subcommand shares: where the index is, the options that repeat,
// and plain-text tables for people.

#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::cli {

/// `--db` and `--json`, registered on each subcommand that reads the index.
struct IndexOptions {
  std::string db;     ///< "" → $RUNGS_DB → the default index in the user's data directory
  bool json = false;  ///< print JSON for programs instead of tables for people

  void add_to(CLI::App& app);
};

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

/// Writes `content` to `path` through a temporary file renamed into place,
/// so a failure never leaves half a file; throws `rungs::Error`.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

/// `s` quoted for CSV where it needs to be.
[[nodiscard]] std::string csv_field(const std::string& s);
/// `s` with `|` escaped for a Markdown table cell.
[[nodiscard]] std::string md_cell(const std::string& s);
/// Prints rows as a Markdown table.
void print_markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// A band's name in every output: "B3" on the individual track, "M1" on the
/// management track (another track: its initial, upper case).
[[nodiscard]] std::string band_name(const mapping::Band& band);

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
