// Bad input through the CLI (README, "Bad input"): every bad file named on
// the command line gets a one-line error naming it (and the line where it
// applies), exit 1, and the index stays as it was; unreadable entries of a
// directory are skipped with a warning (exit 3) and the rest is indexed.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "process.h"

namespace fs = std::filesystem;
using rungs::e2e::Outcome;

namespace {

const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-bad-input"); }

Outcome rungs_run(const std::vector<std::string>& args) { return rungs::e2e::run(scratch(), args); }

fs::path write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const std::string kGood =
    "# Acme Support\n\n## Support Engineer I\n\n- Answers tickets with help.\n\n"
    "## Support Engineer II\n\n- Handles escalations independently.\n";

// An index holding the bundled ladders and acme; returns its `ladders --json`.
std::string make_index(const std::string& db) {
  const auto acme = write(scratch() / "good" / "acme.md", kGood);
  const auto run = rungs_run({"index", acme.string(), "--db", db, "--rebuild"});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  return rungs_run({"ladders", "--db", db, "--json"}).out;
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("bad files named on the command line abort the batch with a one-line error naming them") {
  const std::string db = (scratch() / "index").string();
  const std::string before = make_index(db);
  const fs::path dir = scratch() / "bad";
  const std::string fixtures = RUNGS_FIXTURES_DIR;

  struct Case {
    std::string file;      // what to index
    std::string expected;  // in the error, after the file name
  };
  std::vector<Case> cases = {
      {write(dir / "empty.md", "").string(), ": empty file"},
      {write(dir / "blank.md", " \n\n\t\n").string(), ": empty file"},
      {write(dir / "binary.md", std::string("\x7f"
                                            "ELF\x02\x01\x01\0\0\0",
                                            10))
           .string(),
       ":1: binary file"},
      {write(dir / "latin1.md", "# T\n\n## L\n\n- caf\xe9\n").string(), ":5: invalid UTF-8 (byte 0xE9)"},
      {write(dir / "headings.md", "# Ladder\n\n## Level one\n\n### Area\n\n## Level two\n").string(),
       ": no statements found"},
      {write(dir / "headings.txt", "Ladder: Level\nLeadership\n").string(), ": unknown format"},
      {write(dir / "empty-levels.yaml", "id: e\nlevels:\n  - title: One\n    statements: []\n").string(),
       ": no statements found"},
      {write(dir / "two-levels.md", "# L\n\n## Engineer\n\n- Does things.\n\n## Engineer\n\n- Does more.\n").string(),
       ":7: two levels share the id 'engineer'"},
      {write(dir / "two-levels.yaml",
             "id: t\nlevels:\n  - title: Engineer\n    statements: [Does things.]\n"
             "  - title: Engineer\n    statements: [Does more.]\n")
           .string(),
       "two levels share the id 'engineer'"},
      {write(dir / "long-statement.md", "# L\n\n## Level\n\n- " + std::string(100000, 'x') + "\n").string(),
       ":5: a statement of 100000 bytes"},
      {fixtures + "/bad/missing-document.yaml", ":3: document 'no-such-file.md' does not exist"},
      {fixtures + "/bad/wrong-order.yaml", "level order contradicts wrong-order.yaml"},
  };
  // A 50 MB single line: refused from its size, without reading it.
  {
    const auto path = dir / "huge.md";
    std::ofstream out(path, std::ios::binary);
    out << "# L\n\n## Level\n\n- ";
    const std::string chunk(1 << 20, 'w');
    for (int i = 0; i < 50; ++i) out << chunk;
    cases.push_back({path.string(), " bytes; rungs reads ladder files of up to 4 MB"});
  }
  // A FIFO would block a reader forever.
  const auto fifo = dir / "fifo.md";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  cases.push_back({fifo.string(), ": not a regular file"});

  for (const auto& c : cases) {
    CAPTURE(c.file);
    // A FIFO opened for reading would hang here, until CTest's timeout fails the test.
    const auto run = rungs_run({"index", c.file, "--db", db});
    CHECK(run.exit_code == 1);
    CHECK(run.err.rfind("rungs: ", 0) == 0);
    CHECK_MESSAGE(run.err.find(c.expected) != std::string::npos, run.err);
    CHECK_MESSAGE(run.err.find(fs::path(c.file).filename().string()) != std::string::npos, run.err);
    CHECK(lines(run.err) == 1);
  }
  // A bad file among good ones: nothing of the batch is written.
  const auto good = write(dir / "globex.md", kGood);
  const auto mixed = rungs_run({"index", good.string(), (dir / "empty.md").string(), "--db", db});
  CHECK(mixed.exit_code == 1);
  CHECK(rungs_run({"ladders", "--db", db, "--json"}).out == before);
}

TEST_CASE("a file without read permission is refused by name") {
  // Root reads any file, so as root the `rungs index` child runs as nobody
  // (uid 65534) through setpriv, on a scratch directory that nobody owns.
  const fs::path dir = scratch() / "perm";
  const std::string db = (dir / "index").string();
  const std::string before = make_index(db);
  const auto path = write(dir / "secret.md", kGood);
  std::vector<std::string> launcher;
  if (::geteuid() == 0) {
    const std::string setpriv = "/usr/bin/setpriv";  // util-linux, essential on Debian
    if (!fs::exists(setpriv)) {
      MESSAGE("running as root without " << setpriv << " (util-linux): cannot drop privileges; skipped");
      return;
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      REQUIRE(::lchown(entry.path().c_str(), 65534, 65534) == 0);
    REQUIRE(::chown(dir.c_str(), 65534, 65534) == 0);
    launcher = {setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    const auto probe = rungs::e2e::run(scratch(), {"ladders", "--db", db, "--json"}, launcher);
    if (probe.exit_code != 0 || probe.out != before) {
      MESSAGE("uid 65534 cannot run " << RUNGS_BINARY << " on " << dir.string()
                                      << " (is a parent directory closed to others?): " << probe.err << "; skipped");
      return;
    }
  }
  ::chmod(path.c_str(), 0);
  const auto run = rungs::e2e::run(scratch(), {"index", path.string(), "--db", db}, launcher);
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.err == "rungs: " + path.string() + ": cannot read: Permission denied\n", run.err);
  CHECK(rungs_run({"ladders", "--db", db, "--json"}).out == before);
}

TEST_CASE("a directory: unreadable entries and symlink loops are skipped with a warning, bad ladders abort") {
  const std::string db = (scratch() / "dir-index").string();
  const std::string before = make_index(db);
  const fs::path dir = scratch() / "ladders";
  write(dir / "acme.yaml",
        "id: dir-acme\nname: Dir Acme\nlevels:\n  - title: One\n    statements: [Answers tickets.]\n"
        "  - title: Two\n    statements: [Leads incidents.]\n");
  fs::create_symlink("loop.yaml", dir / "loop.yaml");         // a link to itself (ELOOP)
  fs::create_symlink("nowhere.yaml", dir / "dangling.yaml");  // a dangling link
  fs::create_directories(dir / "sub");
  fs::create_directory_symlink("..", dir / "sub" / "up");  // a directory loop: subfolders are not read
  fs::create_directory_symlink(".", dir / "self.yaml");    // a folder named like a ladder
  REQUIRE(::mkfifo((dir / "pipe.yaml").c_str(), 0644) == 0);

  auto run = rungs_run({"index", dir.string(), "--db", db});
  CHECK_MESSAGE(run.exit_code == 3, run.err);
  CHECK(run.err.find("warning: " + (dir / "dangling.yaml").string() + ": No such file or directory; skipped") !=
        std::string::npos);
  CHECK(run.err.find("warning: " + (dir / "loop.yaml").string() + ": Too many levels of symbolic links; skipped") !=
        std::string::npos);
  CHECK(run.err.find("warning: " + (dir / "pipe.yaml").string() + ": not a regular file") != std::string::npos);
  CHECK(run.err.find("3 directory entries were skipped") != std::string::npos);
  CHECK(run.out.find("Indexed 1 ladder") != std::string::npos);
  const std::string after = rungs_run({"ladders", "--db", db, "--json"}).out;
  CHECK(after.find("dir-acme") != std::string::npos);

  // The same loop through a path that goes round it still names one directory.
  run = rungs_run({"index", (dir / "sub" / "up" / "sub" / "up").string(), "--db", db});
  CHECK(run.exit_code == 3);

  // A ladder file that is wrong aborts the whole directory.
  write(dir / "broken.yaml", "id: broken\nlevels: [\n");
  run = rungs_run({"index", dir.string(), "--db", db});
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("broken.yaml") != std::string::npos);
  CHECK(rungs_run({"ladders", "--db", db, "--json"}).out == after);
  CHECK(after != before);
}

TEST_CASE("hostile queries through the CLI: exit 0 with results or a one-line error, never a crash") {
  const std::string db = (scratch() / "query-index").string();
  make_index(db);
  std::string control;
  for (int c = 1; c < 32; ++c) control += static_cast<char>(c);
  const std::vector<std::string> queries = {
      "\"unbalanced",
      "AND",
      "NOT NOT OR",
      "mentor AND",
      "NEAR/3",
      "foo:bar baz",
      "unknown:prefix",
      "ladder:",
      std::string(10000, 'q'),
      std::string(10000, '('),
      control + "mentor",
      "\xff\xfe\xc3",
      "level:\"",
      "*",
  };
  for (const auto& q : queries) {
    CAPTURE(q.substr(0, 40));
    for (const bool json : {false, true}) {
      std::vector<std::string> args = {"search", q, "--db", db};
      if (json) args.push_back("--json");
      const auto run = rungs_run(args);
      CHECK(run.signal == 0);
      CHECK((run.exit_code == 0 || (run.exit_code == 1 && lines(run.err) == 1)));
    }
  }
}
