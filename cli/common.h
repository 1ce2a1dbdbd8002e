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
#include "rungs/service/files.h"
#include "rungs/service/json.h"
#include "rungs/service/tables.h"
#include "rungs/service/words.h"

namespace rungs::cli {

/// `--db`, registered on each subcommand that reads the index.
struct IndexOptions {
  std::string db;  ///< "" → $RUNGS_DB → the default index in the user's data directory

  void add_to(CLI::App& app);
};

/// PREFIX/share/rungs/`installed` for an installed binary (in PREFIX/bin or
/// PREFIX/libexec/rungs), else `built` (a folder of the source tree it was
/// built from).
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

/// The mapping model over every ladder of the index at `db`, with these
/// flags, from the model cache where it can (`service::load_model`).
[[nodiscard]] mapping::Model load_model(const std::filesystem::path& db, const ModelFlags& flags);

/// True when stdout is a terminal that takes colour (and NO_COLOR is unset).
[[nodiscard]] bool use_colour();

/// Prints rows as aligned columns; the last column is not padded.
void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// Prints rows as a Markdown table.
void print_markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// Prints `value` indented, newline-terminated.
void print_json(const nlohmann::json& value);

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
