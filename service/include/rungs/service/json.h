#pragma once
// Every answer of rungs as JSON: the one place its keys are written. The
// CLI's `--json` and the HTTP API (`rungs serve`) both print these, so a
// program sees the same document from either.

#include <nlohmann/json.hpp>

#include "rungs/corpus/ladder.h"
#include "rungs/corpus/load.h"
#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::service {

/// A level: its fields (`corpus::as_json`) and statement counts (statements,
/// summaries, set_aside, tba); with its statements under "text" when asked.
[[nodiscard]] nlohmann::json level_json(const corpus::Level& level, bool with_statements);
/// A ladder with its levels (declared-only levels under "missing_levels").
[[nodiscard]] nlohmann::json ladder_json(const corpus::Ladder& ladder);
/// `rungs ladders --json`: {"ladders": [ladder...]}.
[[nodiscard]] nlohmann::json ladder_list_json(const std::vector<corpus::Ladder>& ladders);
/// `rungs show --json`: the ladder's levels (or only `level`, by id) with
/// their statements. Throws `NotFoundError` listing the levels when
/// `level` is not one of them.
[[nodiscard]] nlohmann::json shown_levels_json(const corpus::Ladder& ladder, const std::string& level = "");
/// An import notice: kind, ladder, path, line, message.
[[nodiscard]] nlohmann::json notice_json(const corpus::Notice& notice);
/// What an import read: {"ladders": [...], "notices": [...]}.
[[nodiscard]] nlohmann::json import_report_json(const corpus::LoadResult& result);

/// `rungs search --json`: hits (each with `snippet_parts`, the snippet as
/// `[{text, match}]`, for highlighting without markup), exact total, facets.
/// The results must have been searched with `kSnippetMarkStart`/`End` as
/// highlight markers (`snippet` is written without them).
[[nodiscard]] nlohmann::json search_results_json(const search::SearchResults& results);
/// Snippet markers that never occur in ladder text (control characters are
/// not kept by the importer), for `search_results_json`.
inline constexpr const char* kSnippetMarkStart = "\x02";
inline constexpr const char* kSnippetMarkEnd = "\x03";

/// Statements with their scores.
[[nodiscard]] nlohmann::json evidence_json(const std::vector<mapping::Evidence>& evidence);
/// One ladder's answer for `level` and `assign`: ladder, level, title, code,
/// rank, described, confidence, basis, reason, note, evidence, good_match.
[[nodiscard]] nlohmann::json level_answer_json(const mapping::LevelAnswer& answer);
/// `rungs level --json`: the query split into title and duties, and per
/// ladder the answer with every level ranked.
[[nodiscard]] nlohmann::json answer_json(const mapping::Answer& answer);

/// `rungs map --json`: rows, columns, the similarity matrix and one proposal per row.
[[nodiscard]] nlohmann::json mapping_table_json(const mapping::MappingTable& table);
/// The statement pairs behind one cell of a mapping's similarity matrix.
[[nodiscard]] nlohmann::json cell_evidence_json(const mapping::CellEvidence& cell);
/// `rungs harmonise --json`: bands, their members and notes (as data and words).
[[nodiscard]] nlohmann::json harmonisation_json(const mapping::Harmonisation& harmonisation);
/// `rungs compare --json`: each ladder's themes per level, and the gaps.
[[nodiscard]] nlohmann::json comparison_json(const mapping::Comparison& comparison);

/// Writes `value` as text: indented by `indent` (-1: compact); invalid UTF-8
/// (a query typed in another encoding, echoed back) becomes U+FFFD rather
/// than an exception.
[[nodiscard]] std::string dump(const nlohmann::json& value, int indent = 2);

}  // namespace rungs::service
