// Hostile and careless input (issue 14), through the CLI: output paths that
// are links, devices, FIFOs or directories; a model cache that is a FIFO or
// huge; ladder text that carries formulas, escape sequences and markup.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"

namespace fs = std::filesystem;
using rungs::e2e::Outcome;
using rungs::e2e::slurp_file;

namespace {

const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-hostile"); }

Outcome rungs_run(const std::vector<std::string>& args) { return rungs::e2e::run(scratch(), args); }

fs::path write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const std::string kAcme =
    "id: acme\nname: Acme\nlevels:\n  - title: Support Engineer I\n    statements: [Answers tickets with help.]\n"
    "  - title: Support Engineer II\n    statements: [Handles escalations independently.]\n";

// An index of acme alone (small and quick to build).
const std::string& acme_db() {
  static const std::string db = [] {
    const auto path = (scratch() / "acme-index").string();
    const auto run =
        rungs_run({"index", write(scratch() / "in" / "acme.yaml", kAcme).string(), "--no-bundled", "--db", path});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return path;
  }();
  return db;
}

}  // namespace

TEST_CASE("output files: a regular file is replaced, a device or FIFO written into, a link or directory refused") {
  const fs::path dir = scratch() / "out";
  fs::create_directories(dir);
  const std::string expected = rungs_run({"export", "acme", "--db", acme_db()}).out;
  REQUIRE(expected.find("Support Engineer II") != std::string::npos);

  const auto victim = write(dir / "victim.txt", "precious\n");
  struct Case {
    std::string name;
    fs::path path;        // the -o argument
    int exit_code;        // expected
    std::string message;  // in stderr
  };
  fs::create_symlink(victim, dir / "link.yaml");
  fs::create_symlink(dir / "nowhere.txt", dir / "dangling.yaml");
  fs::create_directories(dir / "folder.yaml");
  write(dir / "kept-mode.yaml", "old\n");
  fs::permissions(dir / "kept-mode.yaml", fs::perms(0640));
  const std::vector<Case> cases = {
      {"a new file", dir / "new.yaml", 0, "wrote"},
      {"a regular file, its mode kept", dir / "kept-mode.yaml", 0, "wrote"},
      {"a symbolic link to a file", dir / "link.yaml", 1, "is a symbolic link"},
      {"a dangling symbolic link", dir / "dangling.yaml", 1, "is a symbolic link"},
      {"a directory", dir / "folder.yaml", 1, "it is a directory"},
      {"a missing folder", dir / "no" / "such" / "x.yaml", 1, "No such file or directory"},
      {"/dev/null", "/dev/null", 0, "wrote"},
      {"a full device", "/dev/full", 1, "cannot write /dev/full: No space left on device"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto run = rungs_run({"export", "acme", "-o", c.path.string(), "--db", acme_db()});
    CHECK_MESSAGE(run.exit_code == c.exit_code, run.err);
    CHECK_MESSAGE(run.err.find(c.message) != std::string::npos, run.err);
    if (c.exit_code == 0 && fs::is_regular_file(c.path)) CHECK(slurp_file(c.path) == expected);
  }
  CHECK(fs::status(dir / "kept-mode.yaml").permissions() == fs::perms(0640));
  CHECK(slurp_file(victim) == "precious\n");
  CHECK(fs::is_symlink(dir / "link.yaml"));
  CHECK_FALSE(fs::exists(dir / "nowhere.txt"));
  CHECK(fs::is_character_file("/dev/null"));
  // --json asks for JSON: refused rather than answered with YAML.
  const auto json = rungs_run({"export", "acme", "--json", "--db", acme_db()});
  CHECK(json.exit_code == 1);
  CHECK(json.out.empty());
  CHECK(json.err.find("rungs show acme --json") != std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir)) CHECK(entry.path().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("output files: the temporary file is never opened through a link planted at its name") {
  // The child's pid is its launcher's (`exec`), so the launcher can plant
  // links at the temporary names rungs would use: FILE.tmp-PID (before) and
  // FILE.tmp-PID-0 (now). Before, rungs wrote through the link into the victim.
  const fs::path dir = scratch() / "planted";
  fs::create_directories(dir);
  const auto victim = write(dir / "victim.txt", "precious\n");
  const auto out = dir / "out.yaml";
  const std::string plant = "ln -s '" + victim.string() + "' '" + out.string() + ".tmp-'$$ && ln -s '" +
                            victim.string() + "' '" + out.string() + ".tmp-'$$-0 && exec \"$0\" \"$@\"";
  const auto run =
      rungs::e2e::run(scratch(), {"export", "acme", "-o", out.string(), "--db", acme_db()}, {"/bin/sh", "-c", plant});
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(slurp_file(victim) == "precious\n");
  CHECK(fs::is_regular_file(fs::symlink_status(out)));
  CHECK(slurp_file(out) == rungs_run({"export", "acme", "--db", acme_db()}).out);
}

TEST_CASE("output files: a FIFO is written into, not replaced") {
  const std::string expected = rungs_run({"export", "acme", "--db", acme_db()}).out;
  {
    const auto fifo = scratch() / "pipe.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so that the writer's open does not block
    REQUIRE(reader >= 0);
    const auto run = rungs_run({"export", "acme", "-o", fifo.string(), "--db", acme_db()});
    CHECK_MESSAGE(run.exit_code == 0, run.err);
    std::string got(expected.size() + 16, '\0');
    const auto n = ::read(reader, got.data(), got.size());
    ::close(reader);
    CHECK(got.substr(0, n > 0 ? static_cast<std::size_t>(n) : 0) == expected);
    CHECK(fs::is_fifo(fifo));
  }
}

TEST_CASE("output files: --html takes the same rules, and - is standard output") {
  const std::string expected = rungs_run({"export", "acme", "--db", acme_db()}).out;
  fs::create_directories(scratch() / "html-folder");
  {
    const auto run =
        rungs_run({"compare", "acme", "acme", "--html", (scratch() / "html-folder").string(), "--db", acme_db()});
    CHECK(run.exit_code == 1);
    CHECK_MESSAGE(run.err.find("it is a directory") != std::string::npos, run.err);
    CHECK(run.err.find("Success") == std::string::npos);
    const auto out = rungs_run({"export", "acme", "-o", "-", "--db", acme_db()});
    CHECK(out.out == expected);
  }
}

TEST_CASE("a model cache that is a FIFO or huge costs only a rebuild") {
  struct Case {
    std::string name;
    bool fifo;
    std::uintmax_t size;  // of a sparse file, when not a FIFO
  };
  const std::vector<Case> cases = {
      {"a FIFO (would block a reader)", true, 0},
      {"60 GB of zeros", false, 60ull << 30},
      {"1 GB of zeros", false, 1ull << 30},
  };
  const std::vector<std::string> level = {"level", "answers tickets", "--db", acme_db()};
  const auto reference = rungs_run(level);
  REQUIRE_MESSAGE(reference.exit_code == 0, reference.err);
  const auto cache = fs::path(acme_db()) / "model-cache.bin";
  for (const auto& c : cases) {
    CAPTURE(c.name);
    fs::remove(cache);
    if (c.fifo) {
      REQUIRE(::mkfifo(cache.c_str(), 0644) == 0);
    } else {
      std::ofstream(cache, std::ios::binary).close();
      fs::resize_file(cache, c.size);
    }
    // Before the fix, the FIFO blocked here until CTest's timeout, and 60 GB failed with bad_alloc.
    const auto run = rungs_run(level);
    CHECK_MESSAGE(run.exit_code == 0, run.err);
    CHECK(run.out == reference.out);
    CHECK(run.err.empty());
    if (!c.fifo) CHECK(fs::file_size(cache) < (1u << 20));  // replaced by the real cache
    if (c.fifo) CHECK(fs::is_fifo(cache));                  // never written into
  }
  fs::remove(cache);
}

namespace {

// A ladder written to attack every output: markup, formula prefixes, escape
// sequences (colour, window title), CR, pipes (bare and escaped), line
// breaks, and titles in several scripts.
const std::string kHostile = R"yaml(id: hostile
name: "Hostile <script>alert(1)</script>"
levels:
  - title: "=HYPERLINK(\"http://x\",\"tickets\")"
    statements: ["Answers \e[31mred\e[0m tickets\rOVERWRITTEN", "+cmd|' /C calc'!A0 answers tickets", "Uses a | pipe and \\| an escaped pipe in tickets"]
  - title: "Senior \e]0;pwned\a engineer\nwith a second line"
    statements: ["@SUM(1+1) leads <b>incidents</b> and mentors juniors", "-2+3 mentors juniors <img src=x onerror=alert(1)>"]
  - title: "Lead | Staff \\| Principal"
    statements: ["Leads incidents across teams | org-wide"]
  - title: "Старший инженер"
    statements: ["Mentors juniors and leads incidents \u202Eevil"]
  - title: "シニア 🚀"
    statements: ["Leads incidents company-wide\u009B31m"]
)yaml";

const std::string& hostile_db() {
  static const std::string db = [] {
    const auto path = (scratch() / "hostile-index").string();
    const auto run = rungs_run({"index", write(scratch() / "in" / "hostile.yaml", kHostile).string(),
                                write(scratch() / "in" / "acme.yaml", kAcme).string(), "--no-bundled", "--db", path});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return path;
  }();
  return db;
}

// Fields of one CSV record per line (RFC 4180, CR and LF inside quotes kept).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      in_quotes = quoted = true;
    } else if (c == ',' || c == '\n') {
      rows.back().push_back(field);
      field.clear();
      quoted = false;
      if (c == '\n') rows.emplace_back();
    } else {
      CHECK_MESSAGE((c != '\r' && c != '"'), "a bare CR or quote outside quotes: " << text);
      field += c;
    }
  }
  (void)quoted;
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Unescaped pipes of a Markdown table row.
std::size_t cell_separators(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("hostile ladder text through every output: each medium's rules hold") {
  const std::string db = hostile_db();
  const std::vector<std::vector<std::string>> commands = {
      {"ladders"},
      {"show", "hostile"},
      {"search", "tickets OR incidents OR juniors"},
      {"level", "mentors juniors and leads incidents"},
      {"map", "hostile", "acme"},
      {"map", "acme", "hostile"},
      {"export", "hostile"},
      {"index", "--dry-run", (scratch() / "in" / "hostile.yaml").string()},
      {"harmonise", "hostile", "acme"},
      {"compare", "hostile", "acme"},
      {"assign",
       write(scratch() / "in" / "staff.csv",
             "title\n\"=HYPERLINK(\"\"http://x\"\")\"\nSenior \x1b]0;pwned\x07 engineer\nLead | Staff\n")
           .string(),
       "--ladder", "hostile"},
  };
  for (const auto& command : commands) {
    for (const std::string format : {"table", "json", "markdown", "csv"}) {
      const bool takes_format =
          command[0] == "map" || command[0] == "harmonise" || command[0] == "compare" || command[0] == "assign";
      if (!takes_format && (format == "markdown" || format == "csv")) continue;
      if (command[0] == "export" && format == "json") continue;  // export writes YAML; --json is refused
      std::vector<std::string> args = command;
      if (format == "json") args.push_back("--json");
      if (takes_format && format != "json") args.insert(args.end(), {"--format", format});
      args.insert(args.end(), {"--db", db});
      CAPTURE(command[0]);
      CAPTURE(format);
      const auto run = rungs_run(args);
      REQUIRE_MESSAGE((run.exit_code == 0 || (command[0] == "assign" && run.exit_code == 3)), run.err);
      // No medium lets an escape sequence, a C1 CSI or a bidi override reach the reader raw.
      CHECK(run.out.find('\x1b') == std::string::npos);
      CHECK(run.out.find('\a') == std::string::npos);
      CHECK(run.out.find("\xC2\x9B") == std::string::npos);
      CHECK(run.out.find("\xE2\x80\xAE") == std::string::npos);
      if (format == "table") {
        CHECK(run.out.find('\r') == std::string::npos);
        if (command[0] == "ladders" || command[0] == "show")
          CHECK(run.out.find("\\u001b") != std::string::npos);  // shown, escaped
      } else if (format == "json") {
        const auto parsed = nlohmann::json::parse(run.out);  // escapes in JSON stay valid JSON, same text
        CHECK(parsed.dump().find("\\u001b") != std::string::npos);
      } else if (format == "csv") {
        for (const auto& row : parse_csv(run.out)) {
          for (const auto& cell : row) {
            CAPTURE(cell);
            // A cell a spreadsheet would evaluate: =, +, -, @, tab or CR first.
            CHECK((cell.empty() || std::string("=+-@\t\r").find(cell.front()) == std::string::npos));
          }
        }
        if (command[0] != "compare")
          CHECK(run.out.find("\"'=HYPERLINK") != std::string::npos);  // compare's CSV names levels by id
      } else {
        std::size_t columns = 0;
        std::size_t start = 0;
        while (start < run.out.size()) {
          const auto end = run.out.find('\n', start);
          const std::string line = run.out.substr(start, end - start);
          start = end == std::string::npos ? run.out.size() : end + 1;
          if (line.empty() || line.front() != '|') {
            columns = 0;  // a new table follows
            continue;
          }
          if (columns == 0) columns = cell_separators(line);
          CAPTURE(line);
          CHECK(cell_separators(line) == columns);
        }
        if (command[0] == "map") CHECK(run.out.find("Lead \\| Staff \\\\\\| Principal") != std::string::npos);
        CHECK(run.out.find("<b>") == std::string::npos);
        CHECK(run.out.find("<img") == std::string::npos);
      }
    }
  }
  for (const std::string report : {"map", "harmonise", "compare"}) {
    CAPTURE(report);
    const auto html = scratch() / ("hostile-" + report + ".html");
    const auto run = rungs_run({report, "hostile", "acme", "--html", html.string(), "--db", db});
    REQUIRE(run.exit_code == 0);
    const std::string page = slurp_file(html);
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("<img src=x") == std::string::npos);
    CHECK(page.find("<b>incidents") == std::string::npos);
  }
}

TEST_CASE("index: removals, a rebuild and additions of one run land in one commit, or none do") {
  const std::string db = (scratch() / "remove-index").string();
  const auto acme = write(scratch() / "in" / "acme.yaml", kAcme).string();
  const auto globex = write(scratch() / "in" / "globex.yaml",
                            "id: globex\nlevels:\n  - title: One\n    statements: [Answers tickets.]\n"
                            "  - title: Two\n    statements: [Leads incidents.]\n")
                          .string();
  REQUIRE(rungs_run({"index", acme, "--db", db, "--rebuild"}).exit_code == 0);
  const auto ids = [&] {
    std::vector<std::string> out;
    const auto listed = nlohmann::json::parse(rungs_run({"ladders", "--json", "--db", db}).out);
    for (const auto& l : listed["ladders"]) out.push_back(l["id"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto before = ids();
  REQUIRE(std::find(before.begin(), before.end(), "acme") != before.end());
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> gone;  // ids the run removes, when it succeeds
    std::string added;              // the id it adds, if any
  };
  // Failing runs first: each must leave the index exactly as it was.
  const std::vector<Case> refused = {
      {{"--remove", "acme", "--remove", "missing"}, {}, ""},
      {{globex, "--remove", "missing"}, {}, ""},
      {{"--remove", "missing", "--rebuild"}, {}, ""},
      {{"--rebuild", "--remove", "ops-sre", "--remove", "missing"}, {}, ""},
  };
  for (const auto& c : refused) {
    CAPTURE(c.args.front());
    std::vector<std::string> args = {"index", "--db", db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto run = rungs_run(args);
    CHECK(run.exit_code == 1);
    CHECK_MESSAGE(run.err == "rungs: no ladder 'missing' to remove; nothing was written\n", run.err);
    CHECK(ids() == before);
  }
  const std::vector<Case> done = {
      {{globex, "--remove", "acme", "--remove", "octopus-support"}, {"acme", "octopus-support"}, "globex"},
      {{"--rebuild", "--remove", "ops-sre"}, {"acme", "globex", "ops-sre"}, ""},
  };
  for (const auto& c : done) {
    CAPTURE(c.args.front());
    std::vector<std::string> args = {"index", "--db", db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto run = rungs_run(args);
    CHECK_MESSAGE(run.exit_code == 0, run.err);
    const auto now = ids();
    for (const auto& id : c.gone) CHECK(std::find(now.begin(), now.end(), id) == now.end());
    if (!c.added.empty()) CHECK(std::find(now.begin(), now.end(), c.added) != now.end());
  }
}
