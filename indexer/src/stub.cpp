// Reading a stub file of shards (see stub.h).

#include "rungs/indexer/stub.h"

#include <fmt/core.h>

#include <charconv>
#include <fstream>

#include "rungs/corpus/error.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r") + 1 - begin);
}

}  // namespace

bool is_stub_file(const fs::path& db) {
  std::error_code ec;
  return fs::is_regular_file(db, ec);
}

std::vector<StubShard> read_stub(const fs::path& stub) {
  std::ifstream in(stub);
  if (!in) throw IndexError(fmt::format("cannot read the stub file {}", stub.string()));
  std::vector<StubShard> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trimmed(line);
    if (line.empty() || line[0] == '#') continue;
    StubShard shard;
    shard.where = fmt::format("{} line {} ({})", stub.string(), number, line);
    const auto space = line.find_first_of(" \t");
    const std::string kind = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trimmed(line.substr(space));
    if (rest.empty())
      throw IndexError(fmt::format("{}: a shard line is `auto PATH` or `remote HOST:PORT`", shard.where));
    if (kind == "remote") {
      const auto colon = rest.rfind(':');
      const char* end = rest.data() + rest.size();
      if (colon == std::string::npos || std::from_chars(rest.data() + colon + 1, end, shard.port).ptr != end ||
          shard.port == 0 || shard.port > 65535) {
        throw IndexError(fmt::format("{}: a remote shard is `remote HOST:PORT`", shard.where));
      }
      shard.host = colon == 0 ? "localhost" : rest.substr(0, colon);
    } else if (kind == "auto" || kind == "glass") {
      shard.path = fs::path(rest).is_absolute() ? fs::path(rest) : stub.parent_path() / rest;
    } else {
      throw IndexError(
          fmt::format("{}: rungs reads shard lines `auto PATH`, `glass PATH` and `remote HOST:PORT`", shard.where));
    }
    out.push_back(std::move(shard));
  }
  if (out.empty()) throw IndexError(fmt::format("the stub file {} lists no shard", stub.string()));
  return out;
}

}  // namespace rungs::indexer
