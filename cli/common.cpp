#include "common.h"

#include "progress.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/schema.h"
#include "rungs/service/model_cache.h"

namespace rungs::cli {
namespace {

std::filesystem::path default_db() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "rungs" / "index";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "rungs" / "index";
  }
  throw Error("cannot find a data directory for the default index: set HOME, XDG_DATA_HOME or RUNGS_DB, or pass --db");
}

// The stored fingerprint, or "" when the index is missing or unreadable.
std::string stored_fingerprint(const std::filesystem::path& db) {
  try {
    search::Searcher searcher(db);
    return searcher.metadata(std::string(indexer::schema::kMetaFingerprint));
  } catch (const IndexError&) {
    return "";
  }
}

// The bytes of `path`, or nothing when it cannot be read. One read of the
// whole size: a third of a warm `rungs map` went through a stringstream.
std::optional<std::string> read_bytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);  // fails for a directory, unlike opening it
  std::ifstream in(path, std::ios::binary);
  if (error || !in) return std::nullopt;
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return std::nullopt;
  return bytes;
}

}  // namespace

void IndexOptions::add_to(CLI::App& app) {
  app.add_option("--db", db,
                 "Index directory, or a stub file of shards (lines `auto PATH`, `remote HOST:PORT`) (default: "
                 "$RUNGS_DB, else the bundled index in ~/.local/share/rungs)");
}

std::filesystem::path data_dir(const std::filesystem::path& built, const std::string& installed) {
  // An installed rungs (`cmake --install`, the .deb) keeps its data under its
  // prefix: PREFIX/bin/rungs or PREFIX/libexec/rungs/rungs-serve, and
  // PREFIX/share/rungs/NAME. Looked for first, so that an installed binary
  // never reads the source tree it was built from; a build tree has none.
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto prefix = self.parent_path();
    for (int up = 0; up < 2 && prefix.has_parent_path(); ++up) {
      prefix = prefix.parent_path();
      const auto beside = prefix / "share" / "rungs" / installed;
      if (std::filesystem::is_directory(beside, ec)) return beside;
    }
  }
  return built;
}

std::filesystem::path bundled_corpus_dir() {
  if (const char* dir = std::getenv("RUNGS_CORPUS"); dir && *dir) return dir;
  return data_dir(RUNGS_CORPUS_DIR, "ladders");
}

std::string corpus_fingerprint(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t hash = std::hash<int>{}(indexer::schema::kVersion);
  for (const auto& file : files) {
    hash = hash * 1099511628211u ^ std::hash<std::string>{}(file.filename().string());
    hash = hash * 1099511628211u ^ std::hash<std::string>{}(read_bytes(file).value_or(""));
  }
  return fmt::format("{:016x}", hash);
}

std::filesystem::path resolve_db(const IndexOptions& options) {
  if (!options.db.empty()) return options.db;
  if (const char* env = std::getenv("RUNGS_DB"); env && *env) return env;
  const auto db = default_db();
  const auto corpus_dir = bundled_corpus_dir();
  const std::string fingerprint = corpus_fingerprint(corpus_dir);
  if (stored_fingerprint(db) != fingerprint) {
    fmt::print(stderr, "rungs: building the default index at {} from the bundled corpus…\n", db.string());
    const auto ladders = corpus::load_corpus(corpus_dir);
    std::filesystem::create_directories(db.parent_path());
    // Several commands may find the default index missing at once: they
    // build it one after the other rather than fail.
    indexer::build_index(db, ladders,
                         {.progress = {}, .fingerprint = fingerprint, .wait_for_lock = true, .remove = {}});
  }
  return db;
}

search::Searcher open_searcher(const IndexOptions& options) { return search::Searcher(resolve_db(options)); }

void ModelFlags::add_to(CLI::App& app) {
  app.add_flag("--no-synonyms", no_synonyms,
               "Match the phrase's own words only, without the thesaurus (curated groups, WordNet)");
}

mapping::Model load_model(const std::filesystem::path& db, const ModelFlags& flags) {
  mapping::ModelOptions options;
  options.use_synonyms = !flags.no_synonyms;
  ProgressLine line(false);
  return service::load_model(db, options, [&line](std::size_t done, std::size_t total) {
    line.update("building the mapping model:", done, total, "steps",
                fmt::format("two passes over {} ladders, once after each change to the index", grouped(total / 2)));
  });
}

bool use_colour() { return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i + 1 < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print_row = [&](const std::vector<std::string>& cells) {
    // A line break in a cell (a title written over two lines) would break the row.
    std::vector<std::string> row = cells;
    for (auto& cell : row)
      std::replace_if(
          cell.begin(), cell.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
  };
  print_row(header);
  std::vector<std::string> rule;
  for (std::size_t i = 0; i < header.size(); ++i)
    rule.emplace_back(i + 1 < header.size() ? widths[i] : display_width(header[i]), '-');
  print_row(rule);
  for (const auto& row : rows) print_row(row);
}

void print_markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  auto print_row = [](const std::vector<std::string>& row) {
    std::string line = "|";
    for (const auto& cell : row) line += " " + service::md_cell(cell) + " |";
    fmt::print("{}\n", line);
  };
  print_row(header);
  fmt::print("|{}\n", [&] {
    std::string rule;
    for (std::size_t i = 0; i < header.size(); ++i) rule += "---|";
    return rule;
  }());
  for (const auto& row : rows) print_row(row);
}

void print_json(const nlohmann::json& value) { fmt::print("{}\n", service::dump(value)); }

}  // namespace rungs::cli
