// The structured ladder format (YAML, or JSON which YAML reads too): what
// `rungs export` writes and what people write by hand or export from a sheet.
//
//   id: acme-eng            # optional: slug of `name` when absent
//   name: Acme Engineering
//   framework: acme
//   levels:
//     - title: Engineer I   # id: slug of title when absent; rank: position
//       code: E1
//       statements:         # strings, or maps with text/area/kind/source/line/reason
//         - Ships small features with guidance.
//       areas:              # optional shorthand: area name → statements
//         Delivery: [Ships small features with guidance.]
//
// Data kept the way spreadsheets and tools keep it is read too: levels
// without statements (`title` or `name`, `id` or `key`) and, beside them,
// lists that point at the levels, either one statement per entry
//   competencies: [{level: 1, area: Craft, description: "..."}]
// or a matrix by topic
//   topics: [{name: Craft, levels: {junior: ["..."], senior: "..."}}]
// The same data in a Markdown page's front matter is read the same way.

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_fields.h"
#include "rungs/corpus/load.h"
#include "rungs/corpus/text.h"
#include "yaml_budget.h"

namespace rungs::corpus {
namespace {

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

std::string scalar(const YAML::Node& parent, const char* key, const std::filesystem::path& origin,
                   const std::string& fallback = "") {
  const YAML::Node node = parent[key];
  if (!node) return fallback;
  if (!node.IsScalar()) throw ParseError(origin, line_of(node), std::string("'") + key + "' must be text");
  return normalize_text(node.Scalar(), origin, line_of(node));
}

// A one-line field (a title, id, code, track or name): whitespace runs made
// one space and trimmed, so that "individual\r\r" in a flow mapping reads as
// the "individual" that the export writes back (found by fuzz_structured).
std::string one_line(const YAML::Node& parent, const char* key, const std::filesystem::path& origin,
                     const std::string& fallback = "") {
  return detail::collapse_whitespace(scalar(parent, key, origin, fallback));
}

Statement read_statement(const YAML::Node& node, const std::string& area, const std::filesystem::path& origin) {
  Statement s;
  s.area = area;
  s.line = line_of(node);
  if (node.IsScalar()) {
    s.text = normalize_text(node.Scalar(), origin, s.line);
  } else if (node.IsMap()) {
    s.text = scalar(node, "text", origin);
    s.area = scalar(node, "area", origin, area);
    const std::string kind = scalar(node, "kind", origin, "competency");
    try {
      s.kind = statement_kind_from_string(kind);
    } catch (const Error& e) {
      throw ParseError(origin, line_of(node), e.what());
    }
    s.source = scalar(node, "source", origin);
    s.reason = scalar(node, "reason", origin);
    // `line: 0` (or anything not a positive number) means "not known", as
    // when it is absent: the statement's own line here. `to_yaml` leaves
    // such lines out, so they must read back the same (found by fuzzing).
    if (node["line"]) {
      const int given = node["line"].as<int>(0);
      if (given > 0) s.line = given;
    }
  } else {
    throw ParseError(origin, s.line, "a statement must be text or a map with 'text'");
  }
  if (s.text.empty()) throw ParseError(origin, line_of(node), "empty statement");
  return s;
}

Level read_level(const YAML::Node& node, int position, const std::filesystem::path& origin) {
  if (!node.IsMap()) throw ParseError(origin, line_of(node), "a level must be a map with 'title'");
  Level level;
  level.title = one_line(node, "title", origin, one_line(node, "name", origin));
  level.id = one_line(node, "id", origin, one_line(node, "key", origin, slugify(level.title)));
  if (level.title.empty()) level.title = level.id;
  // A title with no Latin letter or digit (Cyrillic, Japanese, emoji) slugs to
  // nothing: its id is its position, as for such a heading in Markdown.
  if (level.id.empty() && !level.title.empty()) level.id = "level-" + std::to_string(position);
  if (level.id.empty()) throw ParseError(origin, line_of(node), "a level needs a 'title' or an 'id'");
  level.code = one_line(node, "code", origin);
  level.track = one_line(node, "track", origin, infer_track(level.title));
  level.rank = node["rank"] ? node["rank"].as<int>(position) : position;
  level.missing = node["missing"] && node["missing"].as<bool>(false);
  if (const auto aliases = node["aliases"]) {
    for (const auto& alias : aliases)
      level.aliases.push_back(normalize_text(alias.as<std::string>(), origin, line_of(alias)));
  }
  if (const auto statements = node["statements"]) {
    if (!statements.IsSequence()) throw ParseError(origin, line_of(statements), "'statements' must be a list");
    for (const auto& s : statements) level.statements.push_back(read_statement(s, "", origin));
  }
  if (const auto areas = node["areas"]) {
    if (!areas.IsMap()) throw ParseError(origin, line_of(areas), "'areas' must map area names to lists of statements");
    for (const auto& area : areas) {
      const std::string name = normalize_text(area.first.as<std::string>(), origin, line_of(area.first));
      if (!area.second.IsSequence())
        throw ParseError(origin, line_of(area.second), "area '" + name + "' must be a list");
      for (const auto& s : area.second) level.statements.push_back(read_statement(s, name, origin));
    }
  }
  return level;
}

}  // namespace

namespace {

Ladder ladder_from_node(const YAML::Node& root, const std::filesystem::path& origin);

}  // namespace

Ladder ladder_from_yaml(const std::string& text, const std::filesystem::path& origin) {
  // Every YAML error, from parsing or from a node of an unexpected shape (a
  // map in the 'documents' list, say: a fuzz finding), is the file's fault.
  try {
    return ladder_from_node(detail::load_yaml(text, origin), origin);
  } catch (const YAML::Exception& e) {
    throw ParseError(origin, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
  }
}

namespace {

// The first of `keys` that `node` has as text, and which key it was.
std::pair<std::string, std::string> first_of(const YAML::Node& node, std::initializer_list<const char*> keys,
                                             const std::filesystem::path& origin, const std::string& except = "") {
  for (const char* key : keys) {
    if (key != except && node[key] && node[key].IsScalar()) return {scalar(node, key, origin), key};
  }
  return {"", ""};
}

// Statements kept beside the levels in lists that point at them (see the top of this file).
void read_linked_statements(const YAML::Node& root, Ladder& ladder, const std::filesystem::path& origin) {
  static const std::set<std::string> kLadderKeys = {"id", "name", "framework", "source", "documents", "levels"};
  const auto level_index = [&](const std::string& ref) -> int {
    const std::string key = fold_case(ref);
    for (std::size_t i = 0; i < ladder.levels.size(); ++i) {
      const Level& l = ladder.levels[i];
      if (fold_case(l.id) == key || fold_case(l.title) == key || slugify(l.title) == slugify(ref) ||
          (!l.code.empty() && fold_case(l.code) == key)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  const auto unknown = [&](const YAML::Node& node, const std::string& ref) {
    std::string ids;
    for (const auto& l : ladder.levels) ids += (ids.empty() ? "" : ", ") + l.id;
    return ParseError(origin, line_of(node), "level '" + ref + "' is not one of the levels (" + ids + ")");
  };
  for (const auto& entry : root) {
    if (!entry.first.IsScalar() || kLadderKeys.contains(entry.first.Scalar()) || !entry.second.IsSequence()) continue;
    for (const auto& item : entry.second) {
      if (!item.IsMap()) continue;
      if (const auto levels = item["levels"]; levels && levels.IsMap()) {  // a matrix row: one topic, every level
        const std::string area =
            first_of(item, {"name", "area", "title", "topic", "category", "competency"}, origin).first;
        for (const auto& cell : levels) {
          const std::string ref = cell.first.as<std::string>();
          const int index = level_index(ref);
          if (index < 0) throw unknown(cell.first, ref);
          const auto add = [&](const YAML::Node& s) {
            ladder.levels[static_cast<std::size_t>(index)].statements.push_back(read_statement(s, area, origin));
          };
          if (cell.second.IsSequence()) {
            for (const auto& s : cell.second) add(s);
          } else if (cell.second.IsScalar() && !cell.second.Scalar().empty()) {
            add(cell.second);
          }
        }
        continue;
      }
      const auto [ref, ref_key] = first_of(item, {"level", "level_id", "levelId", "level_key", "grade"}, origin);
      if (ref.empty()) continue;
      const int index = level_index(ref);
      if (index < 0) throw unknown(item, ref);
      const auto [text, text_key] = first_of(
          item, {"text", "statement", "description", "expectation", "behaviour", "behavior", "example"}, origin);
      if (text.empty())
        throw ParseError(origin, line_of(item), "an entry of '" + entry.first.Scalar() + "' has a level but no text");
      Statement s{.text = text,
                  .area = first_of(item, {"area", "category", "competency", "skill", "topic", "theme", "dimension"},
                                   origin, text_key)
                              .first,
                  .kind = StatementKind::competency,
                  .source = "",
                  .line = line_of(item),
                  .reason = ""};
      ladder.levels[static_cast<std::size_t>(index)].statements.push_back(std::move(s));
    }
  }
}

Ladder ladder_from_node(const YAML::Node& root, const std::filesystem::path& origin) {
  if (!root.IsMap() || !root["levels"] || !root["levels"].IsSequence()) {
    throw ParseError(origin, 0, "not a structured ladder: expected a map with a 'levels' list");
  }
  Ladder ladder;
  ladder.name = one_line(root, "name", origin);
  ladder.id = one_line(root, "id", origin, slugify(ladder.name));
  if (ladder.id.empty()) ladder.id = slugify(origin.stem().string());  // data files rarely name themselves
  if (ladder.id.empty()) throw ParseError(origin, 0, "a ladder needs an 'id' or a 'name'");
  if (ladder.name.empty()) ladder.name = ladder.id;
  ladder.framework = one_line(root, "framework", origin, ladder.id);
  ladder.source = scalar(root, "source", origin);
  if (const auto docs = root["documents"]) {
    for (const auto& d : docs) ladder.documents.push_back(normalize_text(d.as<std::string>(), origin, line_of(d)));
  }
  std::set<std::string> seen;
  int position = 0;
  for (const auto& node : root["levels"]) {
    Level level = read_level(node, ++position, origin);
    if (!seen.insert(level.id).second) {
      throw ParseError(origin, line_of(node), "two levels share the id '" + level.id + "'");
    }
    ladder.levels.push_back(std::move(level));
  }
  if (ladder.levels.empty()) throw ParseError(origin, line_of(root["levels"]), "the ladder has no levels");
  const bool bare_levels =
      std::all_of(ladder.levels.begin(), ladder.levels.end(), [](const Level& l) { return l.statements.empty(); });
  if (bare_levels) read_linked_statements(root, ladder, origin);
  return ladder;
}

// `rungs export`: the fields of `ladder_fields.h` in their order, those at
// their default left out when a reader may default them; lists of words on
// one line.
template <LadderRecord R>
void emit(YAML::Emitter& out, const R& record) {
  out << YAML::BeginMap;
  for_each_field(record, [&](const char* name, const auto& value, Presence presence) {
    using T = std::remove_cvref_t<decltype(value)>;
    if (presence == Presence::when_set && value == T{}) return;
    out << YAML::Key << name << YAML::Value;
    if constexpr (std::is_same_v<T, StatementKind>) {
      out << to_string(value);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      out << YAML::Flow << value;
    } else if constexpr (LadderRecordList<T>) {
      out << YAML::BeginSeq;
      for (const auto& item : value) emit(out, item);
      out << YAML::EndSeq;
    } else {
      out << value;
    }
  });
  out << YAML::EndMap;
}

}  // namespace

std::string to_yaml(const Ladder& ladder) {
  YAML::Emitter out;
  emit(out, ladder);
  return std::string(out.c_str()) + "\n";
}

}  // namespace rungs::corpus
