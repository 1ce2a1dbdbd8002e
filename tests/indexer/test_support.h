#pragma once
// Helpers shared by the indexer and search tests: fixture ladders and a
// temporary directory removed at the end of the test.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"
#include "rungs/corpus/load.h"

namespace rungs::testing {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ =
        std::filesystem::temp_directory_path() / ("rungs-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Reads a structured ladder from tests/fixtures/index/<name>.yaml.
inline corpus::Ladder fixture_ladder(const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(RUNGS_FIXTURES_DIR) / "index" / (name + ".yaml");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return corpus::ladder_from_yaml(text.str(), path);
}

/// The two fixture ladders, sorted by id.
inline std::vector<corpus::Ladder> fixture_ladders() {
  return {fixture_ladder("acme-eng"), fixture_ladder("globex-sre")};
}

}  // namespace rungs::testing
