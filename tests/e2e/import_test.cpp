// `rungs index` on ladders as companies publish them: the report of what was
// read, --dry-run, --write-manifest, and ladders that must never be replaced silently.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-import"); }
rungs::e2e::Outcome rungs_run(const std::vector<std::string>& args) { return rungs::e2e::run(scratch(), args); }
std::string published(const std::string& name) { return (fs::path(RUNGS_FIXTURES_DIR) / "published" / name).string(); }

}  // namespace

TEST_CASE("index --dry-run reports each ladder's levels in order, what was left out, and writes nothing") {
  const auto db = (scratch() / "dry").string();
  const auto run =
      rungs_run({"index", "--dry-run", "--db", db, published("hugo-folder"), published("prose-and-codes.md")});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  CHECK(run.out.find("hugo-folder  (Platform Engineering): 3 levels, 9 statements") != std::string::npos);
  CHECK(run.out.find("Junior Platform Engineer") < run.out.find("Senior Platform Engineer"));
  CHECK(run.out.find("left out: ") != std::string::npos);
  CHECK(run.out.find("_index.md: an index, README or FAQ page, not a level") != std::string::npos);
  CHECK(run.out.find("set aside: ") != std::string::npos);
  CHECK(run.out.find("\"When do I get promoted?\" set aside") != std::string::npos);
  CHECK(run.out.find("Dry run: nothing was written.") != std::string::npos);
  CHECK_FALSE(fs::exists(db));

  const auto as_json = rungs_run({"index", "--dry-run", "--json", published("rows-tables.md")});
  REQUIRE_MESSAGE(as_json.exit_code == 0, as_json.err);
  const json report = json::parse(as_json.out);
  REQUIRE(report["ladders"].size() == 1);
  CHECK(report["ladders"][0]["levels"].size() == 5);
  CHECK(report["ladders"][0]["levels"][3]["track"] == "management");
  CHECK(report["notices"][0]["kind"] == "set aside");
}

TEST_CASE("index prints what it read and indexes level pages as one ladder") {
  const auto db = (scratch() / "pages").string();
  const auto run = rungs_run(
      {"index", "--no-bundled", "--db", db, published("html-pages/junior.html"), published("html-pages/senior.html")});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  CHECK(run.out.find("html-pages  (html-pages): 2 levels") != std::string::npos);
  const auto ladders = rungs_run({"ladders", "--db", db, "--json"});
  REQUIRE(ladders.exit_code == 0);
  const json j = json::parse(ladders.out);
  REQUIRE(j["ladders"].size() == 1);
  CHECK(j["ladders"][0]["levels"][1]["title"] == "Senior Engineer");
}

TEST_CASE("index --write-manifest writes what was detected, and the manifest reads back the same ladder") {
  // Beside the documents: read back as it is. Elsewhere: its documents would
  // be outside its folder, which manifests may not read unless trusted.
  fs::create_directories(scratch() / "detect");
  fs::create_directories(scratch() / "other");
  const auto document = scratch() / "detect" / "prose-and-codes.md";
  fs::copy_file(published("prose-and-codes.md"), document, fs::copy_options::overwrite_existing);
  const auto direct = rungs_run({"index", "--dry-run", "--json", document.string()});
  const json a = json::parse(direct.out)["ladders"][0];
  struct Case {
    std::string manifest;
    std::vector<std::string> trust;  // extra options, for writing and reading
  };
  const Case cases[] = {
      {(scratch() / "detect" / "detected.yaml").string(), {}},
      {(scratch() / "other" / "elsewhere.yaml").string(), {"--allow-outside-manifest-dir"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.manifest);
    std::vector<std::string> write = {"index", "--write-manifest", c.manifest, document.string()};
    write.insert(write.end(), c.trust.begin(), c.trust.end());
    const auto wrote = rungs_run(write);
    REQUIRE_MESSAGE(wrote.exit_code == 0, wrote.err);
    const std::string text = rungs::e2e::slurp_file(c.manifest);
    CHECK(text.find("skip: [") != std::string::npos);
    CHECK(text.find("When do I get promoted?") != std::string::npos);
    std::vector<std::string> read = {"index", "--dry-run", "--json", c.manifest};
    read.insert(read.end(), c.trust.begin(), c.trust.end());
    const auto via_manifest = rungs_run(read);
    REQUIRE_MESSAGE(via_manifest.exit_code == 0, via_manifest.err);
    const json b = json::parse(via_manifest.out)["ladders"][0];
    CHECK(a["levels"] == b["levels"]);
    CHECK(a["statements"] == b["statements"]);
  }
  // Untrusted, elsewhere: refused, saying where to write it; nothing written.
  const auto refused =
      rungs_run({"index", "--write-manifest", (scratch() / "other" / "refused.yaml").string(), document.string()});
  CHECK(refused.exit_code == 1);
  CHECK_MESSAGE(refused.err.find("write the manifest there (say " + (scratch() / "detect" / "ladder.yaml").string()) !=
                    std::string::npos,
                refused.err);
  CHECK_FALSE(fs::exists(scratch() / "other" / "refused.yaml"));
  const auto untrusted = rungs_run({"index", "--dry-run", (scratch() / "other" / "elsewhere.yaml").string()});
  CHECK(untrusted.exit_code == 1);
  CHECK(untrusted.err.find("is outside the manifest's folder") != std::string::npos);

  const auto manifest = (scratch() / "two.yaml").string();
  const auto two =
      rungs_run({"index", "--write-manifest", manifest, published("paragraphs.md"), published("rows-tables.md")});
  CHECK(two.exit_code == 1);
  CHECK(two.err.find("one ladder, and 2 were read") != std::string::npos);
}

TEST_CASE("two inputs with one ladder id are refused, naming both, and nothing is written") {
  const auto db = (scratch() / "dup").string();
  fs::create_directories(scratch() / "x");
  fs::create_directories(scratch() / "y");
  fs::copy_file(published("paragraphs.md"), scratch() / "x" / "ladder.md", fs::copy_options::overwrite_existing);
  fs::copy_file(published("small-table-top.md"), scratch() / "y" / "ladder.md", fs::copy_options::overwrite_existing);
  const auto run = rungs_run({"index", "--no-bundled", "--db", db, (scratch() / "x" / "ladder.md").string(),
                              (scratch() / "y" / "ladder.md").string()});
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("x/ladder.md") != std::string::npos);
  CHECK(run.err.find("y/ladder.md") != std::string::npos);
  CHECK_FALSE(fs::exists(db));
}
