#pragma once
// One description of a ladder's fields: their names, their order and whether
// a text format may leave them out. Every form a ladder is written in walks
// these lists (the index's ladder record and the CLI's JSON in
// `ladder_json.h`, `rungs export`'s YAML, the model cache's binary copy), so a
// field added to `Ladder`, `Level` or `Statement` is described here once.
//
// A visitor has `field(name, value, presence)`, `value` const for writers and
// mutable for readers; `fields(visitor, record)` calls it once per field.

#include <concepts>
#include <type_traits>

#include "rungs/corpus/ladder.h"

namespace rungs::corpus {

/// Whether a text format writes a field that holds its default value.
enum class Presence {
  always,    ///< written every time; a reader requires it
  when_set,  ///< left out of YAML at its default (empty, 0, false, competency); a reader defaults it
};

/// `T`, const or not: one `fields` function serves writers and readers alike.
template <typename T, typename U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

template <typename Visitor, Is<Statement> S>
void fields(Visitor& v, S& statement) {
  v.field("text", statement.text, Presence::always);
  v.field("area", statement.area, Presence::when_set);
  v.field("kind", statement.kind, Presence::when_set);
  v.field("source", statement.source, Presence::when_set);
  v.field("line", statement.line, Presence::when_set);
  v.field("reason", statement.reason, Presence::when_set);
}

template <typename Visitor, Is<Level> L>
void fields(Visitor& v, L& level) {
  v.field("id", level.id, Presence::always);
  v.field("title", level.title, Presence::always);
  v.field("code", level.code, Presence::when_set);
  v.field("rank", level.rank, Presence::always);
  v.field("track", level.track, Presence::always);
  v.field("aliases", level.aliases, Presence::when_set);
  v.field("missing", level.missing, Presence::when_set);
  v.field("statements", level.statements, Presence::always);
}

template <typename Visitor, Is<Ladder> L>
void fields(Visitor& v, L& ladder) {
  v.field("id", ladder.id, Presence::always);
  v.field("framework", ladder.framework, Presence::always);
  v.field("name", ladder.name, Presence::always);
  v.field("source", ladder.source, Presence::when_set);
  v.field("documents", ladder.documents, Presence::when_set);
  v.field("levels", ladder.levels, Presence::always);
}

/// True for the records `fields` describes.
template <typename T>
concept LadderRecord = Is<T, Statement> || Is<T, Level> || Is<T, Ladder>;

/// A list of those records: a level's statements, a ladder's levels.
template <typename T>
concept LadderRecordList = requires {
  typename T::value_type;
}
&&LadderRecord<typename T::value_type>;

/// A visitor made of a callable, for `for_each_field`.
template <typename F>
struct FieldCalls {
  F& call;
  template <typename T>
  void field(const char* name, T& value, Presence presence) {
    call(name, value, presence);
  }
};

/// Calls `call(name, value, presence)` for each field of `record`, in order.
template <LadderRecord R, typename F>
void for_each_field(R& record, F&& call) {
  FieldCalls<std::remove_reference_t<F>> visitor{call};
  fields(visitor, record);
}

}  // namespace rungs::corpus
