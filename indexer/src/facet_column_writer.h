#pragma once
// Private to the indexer: writing the facet column (rungs/indexer/facet_column.h).

#include <xapian.h>

#include <filesystem>

namespace rungs::indexer {

/// Writes the facet column of `db`, as committed, into its directory `dir`,
/// replacing the one there atomically. Throws `IndexError` when the file
/// cannot be written (the index itself is then committed and intact).
void write_facet_column(const Xapian::Database& db, const std::filesystem::path& dir);

}  // namespace rungs::indexer
