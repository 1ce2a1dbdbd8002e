#pragma once
// Private to search: the ladders kept in the index's metadata
// (`rungs.ladder.<id>`, written by the indexer as `indexer::store_ladder`),
// read from every shard (Xapian reads metadata from a combined database's
// first one only).

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"
#include "shards.h"

namespace rungs::search {

/// Every ladder in the `shards` of the index at `path` (named in errors),
/// sorted by id.
[[nodiscard]] std::vector<corpus::Ladder> read_ladders(const std::vector<Shard>& shards,
                                                       const std::filesystem::path& path);

/// Ladder `id`, from whichever shard holds it; throws `NotFoundError`
/// listing the known ids when none does, `IndexError` when its record
/// cannot be read.
[[nodiscard]] corpus::Ladder read_ladder(const std::vector<Shard>& shards, const std::filesystem::path& path,
                                         const std::string& id);

}  // namespace rungs::search
