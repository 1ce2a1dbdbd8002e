#pragma once
// A staff list's job titles, read and placed on ladders: `rungs assign` and
// `POST /api/v1/assign` read, place and write them with these.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rungs/mapping/mapping.h"

namespace rungs::service {

/// Bytes; a longer cell is not a job title.
inline constexpr std::size_t kLongestTitle = 200;

struct TitleRow {
  int line = 0;                               ///< 1-based line of the input where the row starts
  std::string title;                          ///< as read (NFC), "" when the row is bad
  std::string error;                          ///< why the row was skipped; "" when it was placed
  std::vector<mapping::LevelAnswer> answers;  ///< one per ladder, once placed
};

/// The rows of `text`: a CSV (RFC 4180) whose header line names the title
/// column (`column`, else one named title, job title, position or role),
/// else one title per line (commas are then part of the title). A bad row
/// (empty, over `kLongestTitle`, invalid UTF-8, too few fields) gets its
/// `error`. `source` names the input in messages. Throws `QueryError` when
/// `column` is given and the header has no such column.
[[nodiscard]] std::vector<TitleRow> read_title_rows(const std::string& text, const std::string& column,
                                                    const std::string& source);

/// Places every row without an error on `ladders` (each read as a job
/// title); a row with no words gets an error instead. Returns how many rows
/// were placed. Throws `NotFoundError` for an unknown ladder, before any row.
std::size_t place_title_rows(const mapping::Model& model, std::vector<TitleRow>& rows,
                             const std::vector<std::string>& ladders);

/// `rungs assign --json`: {"ladders": [...], "rows": [{line, title, error, ladders: [answer...]}]}.
[[nodiscard]] nlohmann::json assignment_json(const std::vector<TitleRow>& rows,
                                             const std::vector<std::string>& ladders);

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// The placements as a table for people (level with code, confidence in %,
/// reasons), or, with `for_csv`, the columns of the CSV download (per ladder:
/// level id, title, confidence, basis, reason).
[[nodiscard]] TextTable assignment_table(const std::vector<TitleRow>& rows, const std::vector<std::string>& ladders,
                                         bool for_csv);

}  // namespace rungs::service
