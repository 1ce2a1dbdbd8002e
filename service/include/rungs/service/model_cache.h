#pragma once
// The mapping model of an index, read from the cache saved beside it.

#include <filesystem>

#include "rungs/mapping/mapping.h"

namespace rungs::service {

/// The mapping model over every ladder of the index at `db`. It is read back
/// from the model cache in the index directory (`model-cache.bin`, or
/// `model-cache-no-synonyms.bin`) when that was saved for this very index
/// (Xapian UUID and revision), these options and this `rungs` binary; else
/// it is built and saved there for the next process. A cache that cannot be
/// written (read-only index) or read (damaged) only costs the build.
/// `progress` is told how far a build is (seconds for thousands of
/// ladders), so that a terminal can say why it waits; a model read from the
/// cache tells it nothing.
[[nodiscard]] mapping::Model load_model(const std::filesystem::path& db, const mapping::ModelOptions& options,
                                        const mapping::Model::BuildProgress& progress = {});

}  // namespace rungs::service
