#pragma once
// Self-contained HTML reports (no network, no external assets) for people
// deciding from a picture: a heatmap of level similarity with the proposed
// equivalences drawn over it, evidence on expansion, and bands as a table.

#include <string>
#include <vector>

#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"

namespace rungs::cli {

[[nodiscard]] std::string html_map_report(const mapping::MappingTable& table);
[[nodiscard]] std::string html_harmonise_report(const mapping::Harmonisation& bands,
                                                const std::vector<mapping::MappingTable>& to_pivot);
[[nodiscard]] std::string html_compare_report(const mapping::Comparison& comparison);

}  // namespace rungs::cli
