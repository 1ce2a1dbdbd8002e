#pragma once
// Private to search: an index split into shards, named by a Xapian stub
// file given as `--db` (`rungs/indexer/stub.h`). Each shard is opened on its own,
// so that what Xapian reads only from the first database of a combined one
// (metadata: the stored ladders, the schema version) is read from all.

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rungs::search {

struct Shard {
  std::string where;  ///< the stub's line, for messages
  Xapian::Database db;
};

/// Opens every shard listed in stub file `stub`. Throws `IndexError`
/// naming the line when one is malformed, or cannot be opened or reached.
[[nodiscard]] std::vector<Shard> open_shards(const std::filesystem::path& stub);

}  // namespace rungs::search
