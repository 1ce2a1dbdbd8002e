#include "common.h"

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

namespace rungs::cli {
namespace {

std::filesystem::path default_db() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "rungs" / "index";
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

// The model saved in `cache` for `key` and `options`, or nothing. Only a
// regular file is opened (a FIFO would block), and it is mapped rather than
// read: the header's payload size is checked against the file's size before
// any of the payload is touched, so a huge file costs nothing but the check.
std::optional<mapping::Model> read_model_cache(const std::filesystem::path& cache, const std::string& key,
                                               const mapping::ModelOptions& options) {
  const int fd = ::open(cache.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* bytes = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (bytes == MAP_FAILED) return std::nullopt;
  struct Unmap {
    void* bytes;
    std::size_t size;
    ~Unmap() { ::munmap(bytes, size); }
  } unmap{bytes, size};
  return mapping::Model::deserialize(std::string_view(static_cast<const char*>(bytes), size), key, options);
}

// What a cached model must have been built from: these index contents and
// this very binary (another build of rungs may compute other numbers); ""
// when unknown.
std::string model_key(search::Searcher& searcher) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto size = error ? 0 : std::filesystem::file_size(self, error);
  const auto time = error ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(self, error);
  if (error) return "";
  return fmt::format("index {}; rungs {} bytes, modified {}", searcher.contents_id(), size, time.time_since_epoch().count());
}

}  // namespace

void IndexOptions::add_to(CLI::App& app) {
  app.add_option("--db", db, "Index directory (default: $RUNGS_DB, else the bundled index in ~/.local/share/rungs)");
}

std::filesystem::path data_dir(const std::filesystem::path& built, const std::string& installed) {
  std::error_code ec;
  if (std::filesystem::is_directory(built, ec)) return built;
  // An installed rungs (`cmake --install`, the .deb) keeps its data beside
  // its binary: PREFIX/bin/rungs and PREFIX/share/rungs/NAME.
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto beside = self.parent_path().parent_path() / "share" / "rungs" / installed;
    if (std::filesystem::is_directory(beside, ec)) return beside;
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
    indexer::build_index(db, ladders, {.progress = {}, .fingerprint = fingerprint, .wait_for_lock = true, .remove = {}});
  }
  return db;
}

search::Searcher open_searcher(const IndexOptions& options) { return search::Searcher(resolve_db(options)); }

void ModelFlags::add_to(CLI::App& app) {
  app.add_flag("--no-synonyms", no_synonyms, "Match the phrase's own words only, without the thesaurus (curated groups, WordNet)");
}

mapping::Model load_model(const std::filesystem::path& db, const ModelFlags& flags) {
  mapping::ModelOptions options;
  options.use_synonyms = !flags.no_synonyms;
  const auto cache = db / (flags.no_synonyms ? "model-cache-no-synonyms.bin" : "model-cache.bin");
  // One Searcher for the key and the ladders, so both come from one revision
  // (a retry after a concurrent commit only moves it forward, and a model
  // saved under an older key is never loaded again).
  search::Searcher searcher(db);
  const std::string key = model_key(searcher);
  if (!key.empty()) {
    try {
      if (auto model = read_model_cache(cache, key, options)) return std::move(*model);
    } catch (const Error&) {
      // Damaged: built anew and overwritten below.
    }
  }
  mapping::Model model(searcher.ladders(), options);
  if (!key.empty()) {
    try {
      write_output_file(cache, model.serialize(key), NonRegular::refuse);
    } catch (const Error&) {
      // A read-only index: the next command builds the model again.
    }
  }
  return model;
}

bool use_colour() { return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i + 1 < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print_row = [&](const std::vector<std::string>& cells) {
    // A line break in a cell (a title written over two lines) would break the row.
    std::vector<std::string> row = cells;
    for (auto& cell : row) std::replace_if(cell.begin(), cell.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
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
  for (std::size_t i = 0; i < header.size(); ++i) rule.emplace_back(i + 1 < header.size() ? widths[i] : display_width(header[i]), '-');
  print_row(rule);
  for (const auto& row : rows) print_row(row);
}

namespace {

std::string reason(int error) { return std::error_code(error, std::generic_category()).message(); }

// Writes `content` into what already exists at `path` (a device, a FIFO),
// without replacing it.
void write_through(const std::filesystem::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  const bool ok = write_all(fd, content);
  const int error = errno;
  ::close(fd);
  if (!ok) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(error)));
}

}  // namespace

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void write_output_file(const std::filesystem::path& path, const std::string& content, NonRegular non_regular) {
  if (path == "-") {
    // Through stdout, and so through the terminal filter (terminal.h).
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0) {
      throw Error("cannot write to standard output: " + reason(errno));
    }
    return;
  }
  struct stat link {};
  std::optional<mode_t> mode;  // the mode of the file replaced, if any
  if (::lstat(path.c_str(), &link) == 0) {
    struct stat target {};
    const bool resolves = ::stat(path.c_str(), &target) == 0;
    if (S_ISDIR(resolves ? target.st_mode : link.st_mode)) {
      throw Error(fmt::format("cannot write {}: it is a directory; name a file", path.string()));
    }
    if (S_ISLNK(link.st_mode) && (!resolves || S_ISREG(target.st_mode))) {
      std::error_code ignored;
      throw Error(fmt::format("cannot write {}: it is a symbolic link (to {}), and rungs does not replace links; name "
                              "the file itself, or remove the link",
                              path.string(), std::filesystem::read_symlink(path, ignored).string()));
    }
    if (!S_ISREG(target.st_mode)) {
      if (non_regular == NonRegular::refuse) {
        throw Error(fmt::format("cannot write {}: not a regular file", path.string()));
      }
      write_through(path, content);
      return;
    }
    mode = link.st_mode & 0777;  // permissions only: never a set-user-id bit on what we wrote
  } else if (errno != ENOENT) {
    throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  }
  // A new file beside the target, created exclusively (never through a link
  // someone put there), then renamed over it: readers see the old file or the
  // new one, never half of one.
  // A name already taken (a file or link someone put there) is never opened:
  // the next name is tried.
  static int counter = 0;
  std::filesystem::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = path.string() + fmt::format(".tmp-{}-{}", ::getpid(), counter++);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode ? 0600 : 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", path.string(), reason(errno)));
  bool ok = write_all(fd, content) && (!mode || ::fchmod(fd, *mode) == 0);
  int error = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write {}: {}", path.string(), reason(error)));
  }
}

std::string csv_field(const std::string& s) {
  // A cell a spreadsheet would read as a formula gets a leading quote (OWASP,
  // "CSV Injection"); a cell with a separator, quote, CR or LF is quoted (RFC 4180).
  const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string md_cell(const std::string& s) {
  // Inline Markdown and raw HTML are escaped with backslashes (CommonMark
  // lets any ASCII punctuation be escaped); a line break, which would end the
  // table row, becomes a space.
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (std::string_view("\\`*_[]<>!|&~").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

void print_markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  auto print_row = [](const std::vector<std::string>& row) {
    std::string line = "|";
    for (const auto& cell : row) line += " " + md_cell(cell) + " |";
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

void print_json(const nlohmann::json& value) {
  // Invalid UTF-8 (a query typed in another encoding, echoed back) becomes
  // U+FFFD rather than an exception from the JSON writer.
  fmt::print("{}\n", value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string band_note_words(const mapping::BandNote& note) {
  using Kind = mapping::BandNote::Kind;
  switch (note.kind) {
    case Kind::gap:
      return note.ladder + " has no level in this band";
    case Kind::doubles: {
      std::string joined;
      for (const auto& t : note.titles) joined += (joined.empty() ? "" : ", ") + t;
      return fmt::format("{} has {} levels in this band ({})", note.ladder, note.titles.size(), joined);
    }
    case Kind::direct_disagrees:
      return fmt::format("mapped directly, {} {} pairs with {} {} (band {}); through {} they fall in different bands",
                         note.ladder, note.titles.at(0), note.other_ladder, note.titles.at(1), note.other_band, note.pivot);
  }
  return {};
}

std::string decision_words(const mapping::Equivalence& e) {
  if (!e.content_choice || e.to.empty()) return "";
  const std::string why = e.decided_by == mapping::Decider::position
                              ? "the levels' places on the seniority scale (titles, codes or rank)"
                              : "the seniority their statements' words read";
  return fmt::format("the statements alone favour {}; {} placed it at {}", e.content_choice->title, why, e.to.front().title);
}

std::string band_name(const mapping::Band& band) {
  const char letter = band.track == "individual" ? 'B'
                      : band.track.empty()       ? '?'
                                                 : static_cast<char>(std::toupper(static_cast<unsigned char>(band.track[0])));
  return letter + std::to_string(band.number);
}

nlohmann::json evidence_json(const std::vector<mapping::Evidence>& evidence) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : evidence) out.push_back({{"text", e.text}, {"area", e.area}, {"score", e.score}});
  return out;
}

nlohmann::json level_answer_json(const mapping::LevelAnswer& a) {
  return {{"ladder", a.ladder},         {"level", a.level.level}, {"title", a.level.title},
          {"code", a.level.code},       {"rank", a.rank},         {"described", a.described},
          {"confidence", a.confidence}, {"basis", a.basis},       {"reason", a.reason},
          {"note", a.note},             {"evidence", evidence_json(a.evidence)}, {"good_match", a.good_match}};
}

}  // namespace rungs::cli
