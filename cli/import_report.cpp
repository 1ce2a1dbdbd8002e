#include "import_report.h"

#include <fmt/format.h>

#include "common.h"

namespace rungs::cli {
namespace {

using corpus::StatementKind;

std::string where(const corpus::Notice& n) {
  return n.line > 0 ? fmt::format("{}:{}", n.path.string(), n.line) : n.path.string();
}

void print_notices(const corpus::LoadResult& result, const std::string& ladder) {
  for (const auto& n : result.notices) {
    if (n.ladder == ladder) fmt::print("  {}: {}: {}\n", corpus::to_string(n.kind), where(n), n.message);
  }
}

}  // namespace

void print_import_report(const corpus::LoadResult& result) {
  for (const auto& ladder : result.ladders) {
    const int levels = static_cast<int>(ladder.levels.size());
    fmt::print("{}  ({}): {} level{}, {} statements, {} summaries, {} set aside; from {}\n", ladder.id, ladder.name,
               levels, levels == 1 ? "" : "s", corpus::count(ladder, StatementKind::competency),
               corpus::count(ladder, StatementKind::summary), corpus::count(ladder, StatementKind::boilerplate),
               fmt::join(ladder.documents, ", "));
    std::vector<std::vector<std::string>> rows;
    for (const auto& level : ladder.levels) {
      const std::string source = level.statements.empty() ? "" : level.statements.front().source;
      rows.push_back({std::to_string(level.rank), level.title, level.code, level.track,
                      level.missing ? "-" : std::to_string(corpus::count(level, StatementKind::competency)),
                      std::to_string(corpus::count(level, StatementKind::summary)),
                      std::to_string(corpus::count(level, StatementKind::boilerplate)), source});
    }
    print_table({"rank", "level", "code", "track", "statements", "summaries", "set aside", "from"}, rows);
    print_notices(result, ladder.id);
    fmt::print("\n");
  }
  bool header = false;
  for (const auto& n : result.notices) {
    if (!n.ladder.empty()) continue;
    if (!header) fmt::print("Not read into any ladder:\n");
    header = true;
    fmt::print("  {}: {}: {}\n", corpus::to_string(n.kind), where(n), n.message);
  }
}

}  // namespace rungs::cli
