#pragma once
// Ladders and import notices as JSON, shared by `rungs ladders`, `rungs show`
// and `rungs index`, so that a level's keys are the same in every output.

#include <nlohmann/json.hpp>

#include "rungs/corpus/ladder.h"
#include "rungs/corpus/load.h"

namespace rungs::cli {

/// A level: id, title, code, rank, track, aliases and statement counts;
/// with its statements (text, area, kind, source, line, reason) when asked.
[[nodiscard]] nlohmann::json level_json(const corpus::Level& level, bool with_statements);
/// A ladder with its levels (declared-only levels under "missing_levels").
[[nodiscard]] nlohmann::json ladder_json(const corpus::Ladder& ladder);
/// An import notice: kind, ladder, path, line, message.
[[nodiscard]] nlohmann::json notice_json(const corpus::Notice& notice);

}  // namespace rungs::cli
