#pragma once
// A ladder as JSON, field by field as `ladder_fields.h` describes it: the
// ladder record the index keeps in its metadata and the base of the CLI's
// and the HTTP API's `--json` output.

#include <nlohmann/json.hpp>

#include "rungs/corpus/ladder.h"

namespace rungs::corpus {

/// How a level's statements are written.
enum class StatementForm {
  object,    ///< objects with named fields
  row,       ///< arrays of the fields in order: half the size, for a store that holds many
  left_out,  ///< not written (a listing of ladders and levels)
};

/// Every field, the `when_set` ones too (a program reads the same keys each time).
[[nodiscard]] nlohmann::json as_json(const Statement& statement, StatementForm form = StatementForm::object);
[[nodiscard]] nlohmann::json as_json(const Level& level, StatementForm form = StatementForm::object);
[[nodiscard]] nlohmann::json as_json(const Ladder& ladder, StatementForm form = StatementForm::object);

/// Reads what `as_json` wrote with statements as objects or rows. `always`
/// fields are required, `when_set` ones default when absent. Throws `Error`
/// naming the field that is missing or of the wrong type.
[[nodiscard]] Ladder ladder_from_json(const nlohmann::json& json);

}  // namespace rungs::corpus
