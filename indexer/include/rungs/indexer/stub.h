#pragma once
// A Xapian stub file naming the shards of one index, one per line: `auto
// PATH` or `glass PATH` (a local index, relative to the stub's folder),
// `remote HOST:PORT` (an index served by `xapian-tcpsrv`); blank lines and
// `#` comments skipped. The one reader of the format: search opens the
// shards it lists as one index, `add_ladders_to_shards` writes to them.

#include <filesystem>
#include <string>
#include <vector>

namespace rungs::indexer {

struct StubShard {
  std::string where;           ///< "FILE line N (TEXT)", for messages
  std::filesystem::path path;  ///< a local shard's index directory; empty for a remote one
  std::string host;            ///< a remote shard's host ("" for a local one)
  unsigned port = 0;           ///< a remote shard's port

  [[nodiscard]] bool remote() const { return !host.empty(); }
};

/// True when `db` names a file (a stub) rather than an index directory.
[[nodiscard]] bool is_stub_file(const std::filesystem::path& db);

/// The shards `stub` lists, in order. Throws `IndexError` naming the line
/// when one is malformed, or when the file cannot be read or lists none.
[[nodiscard]] std::vector<StubShard> read_stub(const std::filesystem::path& stub);

}  // namespace rungs::indexer
