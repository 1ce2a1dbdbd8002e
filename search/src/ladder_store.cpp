// The ladders stored in the index's metadata (see ladder_store.h).

#include "ladder_store.h"

#include <fmt/core.h>

#include <algorithm>

#include "rungs/corpus/error.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"

namespace rungs::search {
namespace {

namespace schema = indexer::schema;

corpus::Ladder parse_ladder(const std::filesystem::path& path, const std::string& key, const std::string& record) {
  return indexer::stored_ladder(record, (path / key).string());
}

}  // namespace

std::vector<corpus::Ladder> read_ladders(const std::vector<Shard>& shards, const std::filesystem::path& path) {
  std::vector<corpus::Ladder> out;
  const std::string prefix(schema::kMetaLadderPrefix);
  for (const auto& shard : shards) {
    for (auto key = shard.db.metadata_keys_begin(prefix); key != shard.db.metadata_keys_end(prefix); ++key) {
      out.push_back(parse_ladder(path, *key, shard.db.get_metadata(*key)));
    }
  }
  std::sort(out.begin(), out.end(), [](const corpus::Ladder& a, const corpus::Ladder& b) { return a.id < b.id; });
  return out;
}

corpus::Ladder read_ladder(const std::vector<Shard>& shards, const std::filesystem::path& path, const std::string& id) {
  const std::string key = std::string(schema::kMetaLadderPrefix) + id;
  for (const auto& shard : shards) {
    const std::string record = shard.db.get_metadata(key);
    if (!record.empty()) return parse_ladder(path, key, record);
  }
  std::string known;
  const std::string prefix(schema::kMetaLadderPrefix);
  for (const auto& shard : shards) {
    for (auto k = shard.db.metadata_keys_begin(prefix); k != shard.db.metadata_keys_end(prefix); ++k) {
      if (!known.empty()) known += ", ";
      known += (*k).substr(prefix.size());
    }
  }
  if (known.empty()) throw NotFoundError(fmt::format("unknown ladder '{}' (the index holds no ladders)", id));
  throw NotFoundError(fmt::format("unknown ladder '{}' (known: {})", id, known));
}

}  // namespace rungs::search
