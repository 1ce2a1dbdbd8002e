#pragma once
// Private to the indexer: a fresh index built on several cores. The ladders
// are cut into shards of about equal numbers of statements, each written by
// a thread of its own into `<out>-shard<i>`, then compacted into the new
// index (Xapian sums the spelling frequencies and keeps the metadata), which
// then gets the synonyms met in every shard and its facet column, as one
// writer would have written them. Small builds stay on one thread.

#include <cstddef>
#include <filesystem>
#include <span>

#include "rungs/corpus/ladder.h"
#include "rungs/indexer/indexer.h"

namespace rungs::indexer {

/// From this many statements a build uses every core unless told otherwise:
/// below it, compacting costs more than the second core saves.
inline constexpr std::size_t kParallelFrom = 20000;

/// Builds `ladders` as a new index at `out` (replacing anything there), on
/// `options.threads` threads (0: every core from kParallelFrom statements).
IndexStats build_fresh(const std::filesystem::path& out, std::span<const corpus::Ladder> ladders,
                       const IndexOptions& options);

}  // namespace rungs::indexer
