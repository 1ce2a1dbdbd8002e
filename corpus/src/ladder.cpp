#include "rungs/corpus/ladder.h"

#include <algorithm>

#include "rungs/corpus/error.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus {

const char* to_string(StatementKind kind) {
  switch (kind) {
    case StatementKind::competency:
      return "competency";
    case StatementKind::summary:
      return "summary";
    case StatementKind::boilerplate:
      return "boilerplate";
  }
  return "competency";
}

StatementKind statement_kind_from_string(const std::string& name) {
  for (auto kind : {StatementKind::competency, StatementKind::summary, StatementKind::boilerplate}) {
    if (name == to_string(kind)) return kind;
  }
  throw Error("unknown statement kind '" + name + "' (expected competency, summary or boilerplate)");
}

std::string infer_track(const std::string& title) { return read_title(title).track; }

int count(const Level& level, StatementKind kind) {
  return static_cast<int>(std::count_if(level.statements.begin(), level.statements.end(),
                                        [kind](const Statement& s) { return s.kind == kind; }));
}

int count(const Ladder& ladder, StatementKind kind) {
  int total = 0;
  for (const auto& level : ladder.levels) total += count(level, kind);
  return total;
}

std::size_t statement_count(const Ladder& ladder) {
  std::size_t total = 0;
  for (const auto& level : ladder.levels) total += level.statements.size();
  return total;
}

const Level* find_level(const Ladder& ladder, const std::string& level_id) {
  auto it = std::find_if(ladder.levels.begin(), ladder.levels.end(), [&](const Level& l) { return l.id == level_id; });
  return it == ladder.levels.end() ? nullptr : &*it;
}

}  // namespace rungs::corpus
