// A ladder as JSON (see ladder_json.h): one writer and one reader that walk
// the fields of `ladder_fields.h`.

#include "rungs/corpus/ladder_json.h"

#include <string>
#include <vector>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_fields.h"

namespace rungs::corpus {
namespace {

using nlohmann::json;

template <LadderRecord R>
json record_json(const R& record, StatementForm form);

template <typename T>
json value_json(const T& value, StatementForm form) {
  if constexpr (std::is_same_v<T, StatementKind>) {
    return to_string(value);
  } else if constexpr (LadderRecordList<T>) {
    json items = json::array();
    for (const auto& item : value) items.push_back(record_json(item, form));
    return items;
  } else {
    return value;
  }
}

template <LadderRecord R>
json record_json(const R& record, StatementForm form) {
  const bool row = std::is_same_v<R, Statement> && form == StatementForm::row;
  json out = row ? json::array() : json::object();
  for_each_field(record, [&](const char* name, const auto& value, Presence) {
    using T = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<T, std::vector<Statement>>) {
      if (form == StatementForm::left_out) return;
    }
    if (row) {
      out.push_back(value_json(value, form));
    } else {
      out[name] = value_json(value, form);
    }
  });
  return out;
}

template <LadderRecord R>
void read_record(const json& in, R& record);

template <typename T>
void read_value(const json& in, T& value) {
  if constexpr (std::is_same_v<T, StatementKind>) {
    value = statement_kind_from_string(in.get<std::string>());
  } else if constexpr (LadderRecordList<T>) {
    if (!in.is_array()) throw Error("expected a list, found " + std::string(in.type_name()));
    value.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) read_record(in[i], value[i]);
  } else {
    value = in.get<T>();
  }
}

template <LadderRecord R>
void read_record(const json& in, R& record) {
  if (!in.is_object() && !(std::is_same_v<R, Statement> && in.is_array())) {
    throw Error("expected an object, found " + std::string(in.type_name()));
  }
  std::size_t position = 0;
  for_each_field(record, [&](const char* name, auto& value, Presence presence) {
    const json* field = nullptr;
    if (in.is_array()) {
      if (position < in.size()) field = &in[position];
      ++position;
    } else if (const auto it = in.find(name); it != in.end()) {
      field = &*it;
    }
    if (field == nullptr) {
      if (presence == Presence::always) throw Error(std::string("the field '") + name + "' is missing");
      return;
    }
    try {
      read_value(*field, value);
    } catch (const json::exception& e) {
      throw Error(std::string("the field '") + name + "' " + e.what());
    }
  });
}

}  // namespace

json as_json(const Statement& statement, StatementForm form) { return record_json(statement, form); }
json as_json(const Level& level, StatementForm form) { return record_json(level, form); }
json as_json(const Ladder& ladder, StatementForm form) { return record_json(ladder, form); }

Ladder ladder_from_json(const json& json) {
  Ladder ladder;
  read_record(json, ladder);
  return ladder;
}

}  // namespace rungs::corpus
