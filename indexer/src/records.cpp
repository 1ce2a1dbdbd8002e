// Records the index stores besides the text (see records.h): the packed facet
// values of a statement and the ladder kept in the metadata.

#include <fmt/core.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_json.h"
#include "rungs/indexer/records.h"

namespace rungs::indexer {
namespace {

using nlohmann::json;

IndexError malformed() { return IndexError("the index holds a malformed facet value: run `rungs index --rebuild`"); }

void append_field(std::string& out, std::string_view field) {
  // Length as a base-128 varint, low group first.
  std::size_t n = field.size();
  while (n >= 0x80) {
    out.push_back(static_cast<char>(0x80 | (n & 0x7f)));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
  out.append(field);
}

std::string read_field(std::string_view& in) {
  std::size_t n = 0;
  for (int shift = 0;; shift += 7) {
    if (in.empty() || shift > 28) throw malformed();
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (n > in.size()) throw malformed();
  std::string field(in.substr(0, n));
  in.remove_prefix(n);
  return field;
}

}  // namespace

std::string pack_facets(const FacetValues& values) {
  std::string out;
  std::size_t size = kFacetFields.size();
  for (const auto& field : kFacetFields) size += (values.*field.value).size();
  out.reserve(size);
  for (const auto& field : kFacetFields) append_field(out, values.*field.value);
  return out;
}

FacetValues unpack_facets(std::string_view packed) {
  FacetValues values;
  for (const auto& field : kFacetFields) values.*field.value = read_field(packed);
  if (!packed.empty()) throw malformed();
  return values;
}

std::string store_synonyms(const std::set<std::string>& synonyms) {
  std::string out;
  for (const auto& synonym : synonyms) out += synonym + '\n';
  return out;
}

std::set<std::string> stored_synonyms(std::string_view record) {
  std::set<std::string> out;
  while (!record.empty()) {
    const auto end = std::min(record.find('\n'), record.size());
    if (end > 0) out.emplace(record.substr(0, end));
    record.remove_prefix(std::min(end + 1, record.size()));
  }
  return out;
}

// Statements are rows rather than objects: there are many of them, and
// field names repeated in each would double the record.
std::string store_ladder(const corpus::Ladder& ladder) {
  return corpus::as_json(ladder, corpus::StatementForm::row).dump();
}

corpus::Ladder stored_ladder(std::string_view record, std::string_view key) {
  const auto unreadable = [&](const char* why) {
    return IndexError(
        fmt::format("the index holds an unreadable ladder record {} ({}): run `rungs index --rebuild`", key, why));
  };
  try {
    return corpus::ladder_from_json(json::parse(record));
  } catch (const json::exception& e) {
    throw unreadable(e.what());
  } catch (const rungs::Error& e) {  // a missing field, an unknown statement kind
    throw unreadable(e.what());
  }
}

}  // namespace rungs::indexer
