#pragma once
// Private to search: the ladders kept in the index's metadata
// (`rungs.ladder.<id>`, written by the indexer as `indexer::store_ladder`).

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"

namespace rungs::search {

/// Every ladder in `db` (the index at `path`, named in errors), sorted by id.
[[nodiscard]] std::vector<corpus::Ladder> read_ladders(const Xapian::Database& db, const std::filesystem::path& path);

/// Ladder `id` of `db`; throws `QueryError` listing the known ids when it is
/// absent, `IndexError` when its record cannot be read.
[[nodiscard]] corpus::Ladder read_ladder(const Xapian::Database& db, const std::filesystem::path& path,
                                         const std::string& id);

}  // namespace rungs::search
