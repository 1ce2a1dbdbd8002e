#pragma once
// Private to the indexer: writing ladders into an open Xapian database. Each
// call makes its changes in one transaction and one commit (indexer.cpp says
// why), after refusing an index of another schema version, and writes the
// facet column of what it committed. A document is
// the statement's text analysed as `analysis::normalize` and the analyzer's
// stemmer and stopwords have it, its filter terms and value slots
// (schema.h) and its display record; the words also feed the spelling table
// and the synonyms (`analysis::Thesaurus`).

#include <xapian.h>

#include <filesystem>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "rungs/corpus/ladder.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/records.h"

namespace rungs::indexer {

/// Opens the index at `db` with Xapian `action` (DB_OPEN, DB_CREATE_OR_OVERWRITE...);
/// throws `IndexError` saying what to do when it is locked, corrupt or missing.
[[nodiscard]] Xapian::WritableDatabase open_writable(const std::filesystem::path& db, int action);

/// Removes `options.remove`, then writes `ladders`, in one commit.
IndexStats write_ladders(Xapian::WritableDatabase& wdb, const std::filesystem::path& db,
                         std::span<const corpus::Ladder> ladders, const IndexOptions& options);

/// Writes `ladders` into a fresh shard in one commit, leaving out the
/// synonym table and the facet column, which depend on the whole index:
/// the pairs met go to `synonyms` for `finish_merge`.
IndexStats write_shard(Xapian::WritableDatabase& wdb, const std::filesystem::path& db,
                       std::span<const corpus::Ladder> ladders, const IndexOptions& options, SynonymPairs& synonyms);

/// Completes an index compacted from shards: adds the shards' synonym pairs
/// whose synonym it holds, in one commit, then writes its facet column.
void finish_merge(Xapian::WritableDatabase& wdb, const std::filesystem::path& db, const SynonymPairs& synonyms);

/// Removes ladder `ladder_id` in one commit; returns whether it was there.
bool remove_ladder_committed(Xapian::WritableDatabase& wdb, const std::filesystem::path& db,
                             const std::string& ladder_id);

}  // namespace rungs::indexer
