// Shards named by a stub file (see shards.h).

#include "shards.h"

#include <fmt/core.h>

#include <charconv>
#include <fstream>

#include "rungs/corpus/error.h"
#include "rungs/indexer/xapian_errors.h"

namespace rungs::search {
namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r") + 1 - begin);
}

Xapian::Database open_remote(const std::string& address, const std::string& where) {
  const auto colon = address.rfind(':');
  unsigned port = 0;
  const char* end = address.data() + address.size();
  if (colon == std::string::npos || std::from_chars(address.data() + colon + 1, end, port).ptr != end || port == 0 ||
      port > 65535) {
    throw IndexError(fmt::format("{}: a remote shard is `remote HOST:PORT`", where));
  }
  const std::string host = colon == 0 ? "localhost" : address.substr(0, colon);
  return Xapian::Remote::open(host, port);
}

}  // namespace

std::vector<Shard> open_shards(const fs::path& stub) {
  std::ifstream in(stub);
  if (!in) throw IndexError(fmt::format("cannot read the stub file {}", stub.string()));
  std::vector<Shard> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trimmed(line);
    if (line.empty() || line[0] == '#') continue;
    const std::string where = fmt::format("{} line {} ({})", stub.string(), number, line);
    const auto space = line.find_first_of(" \t");
    const std::string kind = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trimmed(line.substr(space));
    if (rest.empty()) throw IndexError(fmt::format("{}: a shard line is `auto PATH` or `remote HOST:PORT`", where));
    try {
      if (kind == "remote") {
        out.push_back({where, open_remote(rest, where)});
      } else if (kind == "auto" || kind == "glass") {
        const fs::path path = fs::path(rest).is_absolute() ? fs::path(rest) : stub.parent_path() / rest;
        out.push_back({where, Xapian::Database(path.string())});
      } else {
        throw IndexError(
            fmt::format("{}: rungs reads shard lines `auto PATH`, `glass PATH` and `remote HOST:PORT`", where));
      }
    } catch (const Xapian::Error&) {
      indexer::rethrow_opening_error(where);
    }
  }
  if (out.empty()) throw IndexError(fmt::format("the stub file {} lists no shard", stub.string()));
  return out;
}

}  // namespace rungs::search
