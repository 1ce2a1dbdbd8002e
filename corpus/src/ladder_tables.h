#pragma once
// Tables that hold a ladder: levels as columns (the header row names them) or
// as rows (the first column does, or numbers them), read into the levels of
// a document; and the cells of a table inside a level, for the outliner.

#include <filesystem>
#include <string>
#include <vector>

#include "blocks.h"
#include "parsers.h"

namespace rungs::corpus::detail {

/// A cell's items joined by spaces.
[[nodiscard]] std::string cell_text(const TableCell& cell);
/// The line of a cell's k-th statement, else its row's.
[[nodiscard]] int item_line(const TableCell& cell, std::size_t k, int row_line);

/// Whether one of `blocks` is a table with levels along one axis.
[[nodiscard]] bool has_ladder_table(const std::vector<Block>& blocks);
/// Levels from the ladder tables of a document (an engineer table and a
/// manager table are read one after the other; the track comes from the
/// titles); other tables are set aside with a notice.
void levels_from_tables(const std::vector<Block>& blocks, Document& document, const std::filesystem::path& path);

}  // namespace rungs::corpus::detail
