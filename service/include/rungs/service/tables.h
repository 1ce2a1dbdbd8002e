#pragma once
// Cells and whole tables as CSV and Markdown, escaped the same way in every
// output: CSV by RFC 4180 with spreadsheet formulas neutralised, Markdown
// with inline markup and raw HTML escaped.

#include <string>
#include <vector>

#include "rungs/mapping/mapping.h"

namespace rungs::service {

/// `s` as a CSV field: quoted where RFC 4180 needs it (separator, quote, CR,
/// LF), and with a leading `'` where a spreadsheet would read a formula
/// (`=`, `+`, `-`, `@`, tab, CR first).
[[nodiscard]] std::string csv_field(const std::string& s);

/// A header and rows as CSV text, one line per row ("\n"), every cell through `csv_field`.
[[nodiscard]] std::string csv_text(const std::vector<std::string>& header,
                                   const std::vector<std::vector<std::string>>& rows);

/// `s` as the text of a Markdown table cell: pipes, inline markup and raw
/// HTML escaped, line breaks as spaces.
[[nodiscard]] std::string md_cell(const std::string& s);

/// A mapping's proposals as a crosswalk CSV (`rungs map --format csv`, the
/// web app's download): from_ladder, from_level, from_title, to_ladder,
/// to_levels, to_titles, confidence, pinned, evidence.
[[nodiscard]] std::string mapping_csv(const mapping::MappingTable& table);

}  // namespace rungs::service
