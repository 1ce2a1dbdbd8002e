// Reading a stub file of shards (rungs/indexer/stub.h).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rungs/corpus/error.h"
#include "rungs/indexer/stub.h"

namespace fs = std::filesystem;
using rungs::indexer::read_stub;

namespace {

fs::path stub_with(const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "rungs-stub-test";
  fs::create_directories(dir);
  const fs::path path = dir / "all.stub";
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("a stub lists local shards relative to its folder and remote ones by host and port") {
  const fs::path stub = stub_with("# shards\n\nauto a\n  glass /srv/b  \nremote 10.0.0.5:7001\nremote :7002\n");
  const auto shards = read_stub(stub);
  REQUIRE(shards.size() == 4);
  CHECK(shards[0].path == stub.parent_path() / "a");
  CHECK_FALSE(shards[0].remote());
  CHECK(shards[1].path == "/srv/b");
  CHECK(shards[2].remote());
  CHECK(shards[2].host == "10.0.0.5");
  CHECK(shards[2].port == 7001);
  CHECK(shards[3].host == "localhost");
  CHECK(shards[2].where.find("line 5") != std::string::npos);
  CHECK(rungs::indexer::is_stub_file(stub));
  CHECK_FALSE(rungs::indexer::is_stub_file(stub.parent_path()));
}

TEST_CASE("a malformed stub is refused, naming the line") {
  for (const std::string text : {"remote host\n", "remote host:0\n", "remote host:70000\n", "remote host:12x\n",
                                 "flint a\n", "auto\n", "# nothing\n"}) {
    CAPTURE(text);
    CHECK_THROWS_AS((void)read_stub(stub_with(text)), rungs::IndexError);
  }
  CHECK_THROWS_WITH_AS((void)read_stub(stub_with("auto a\nflint b\n")), doctest::Contains("line 2 (flint b)"),
                       rungs::IndexError);
  CHECK_THROWS_AS((void)read_stub("/nonexistent/all.stub"), rungs::IndexError);
}
