#pragma once
// Helpers shared by the corpus tests: where the files are, scratch files,
// and the message of the error an action throws.

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder.h"

namespace rungs::corpus::test {

inline std::filesystem::path bundled(std::string_view name) {
  return std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders" / name;
}

inline std::filesystem::path fixture(std::string_view name) { return std::filesystem::path(RUNGS_FIXTURES_DIR) / name; }

/// A fresh directory under the system temp dir, removed with its content.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("rungs-corpus-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `bytes` as they are to `name` in the directory; returns its path.
  std::filesystem::path write(std::string_view name, std::string_view bytes) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The message of the `rungs::Error` that `action` throws; "" when it throws none.
inline std::string error_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

/// The statement of `level` read from `line`, or nullptr.
inline const Statement* statement_at(const Level& level, int line) {
  for (const auto& s : level.statements) {
    if (s.line == line) return &s;
  }
  return nullptr;
}

struct LevelCounts {
  const char* id;
  int competencies;
  int summaries;
  int boilerplate;
};

/// Checks the ids, ranks and statement counts of every level of `ladder`, in order.
inline void check_levels(const Ladder& ladder, const std::vector<LevelCounts>& expected) {
  REQUIRE(ladder.levels.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Level& level = ladder.levels[i];
    CAPTURE(level.id);
    CHECK(level.id == expected[i].id);
    CHECK(level.rank == static_cast<int>(i) + 1);
    CHECK(count(level, StatementKind::competency) == expected[i].competencies);
    CHECK(count(level, StatementKind::summary) == expected[i].summaries);
    CHECK(count(level, StatementKind::boilerplate) == expected[i].boilerplate);
  }
}

}  // namespace rungs::corpus::test
