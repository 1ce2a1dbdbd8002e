#include "rungs/mapping/crosswalk.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "rungs/corpus/error.h"

namespace rungs::mapping {
namespace {

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

std::string text(const YAML::Node& map, const char* key, const std::filesystem::path& path) {
  const YAML::Node node = map[key];
  if (!node || node.IsNull()) return "";
  if (!node.IsScalar()) throw ParseError(path, line_of(node), std::string("'") + key + "' must be text");
  return node.Scalar();
}

Crosswalk read_one(const YAML::Node& node, const std::filesystem::path& path) {
  if (!node.IsMap()) throw ParseError(path, line_of(node), "a crosswalk is a map with 'from', 'to' and 'pins'");
  Crosswalk c{.from = text(node, "from", path), .to = text(node, "to", path), .pins = {}};
  if (c.from.empty() || c.to.empty())
    throw ParseError(path, line_of(node), "a crosswalk needs 'from' and 'to' ladder ids");
  const YAML::Node pins = node["pins"];
  if (!pins || !pins.IsSequence()) throw ParseError(path, line_of(node), "'pins' must list {from: LEVEL, to: LEVEL}");
  for (const auto& pin : pins) {
    if (!pin.IsMap()) throw ParseError(path, line_of(pin), "a pin is a map {from: LEVEL, to: LEVEL}");
    Pin p{.from = text(pin, "from", path), .to = text(pin, "to", path)};
    if (p.from.empty()) throw ParseError(path, line_of(pin), "a pin needs 'from'");
    c.pins.push_back(std::move(p));
  }
  return c;
}

}  // namespace

std::vector<Crosswalk> read_crosswalks(const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw ParseError(path, 0, "cannot read the crosswalk file");
  } catch (const YAML::Exception& e) {
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
  }
  std::vector<Crosswalk> out;
  try {
    if (root.IsSequence()) {
      for (const auto& node : root) out.push_back(read_one(node, path));
    } else {
      out.push_back(read_one(root, path));
    }
  } catch (const YAML::Exception& e) {
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
  }
  return out;
}

std::string crosswalk_yaml(const MappingTable& table) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "from" << YAML::Value << table.from << YAML::Key << "to" << YAML::Value
      << table.to;
  out << YAML::Key << "pins" << YAML::Value << YAML::BeginSeq;
  for (const auto& eq : table.equivalences) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "from" << YAML::Value << eq.from.level << YAML::Key << "to"
        << YAML::Value << (eq.to.empty() ? std::string() : eq.to.front().level) << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return "# Level decisions for `rungs map " + table.from + " " + table.to +
         " --crosswalk FILE`: each row pins FROM's level to TO's\n# (\"\" = no equivalent). Delete rows you have not "
         "decided, so that they are proposed again.\n" +
         std::string(out.c_str()) + "\n";
}

std::vector<Pin> pins_for(const std::vector<Crosswalk>& crosswalks, const std::string& from, const std::string& to) {
  std::vector<Pin> pins;
  for (const auto& c : crosswalks) {
    if (c.from == from && c.to == to) {
      pins.insert(pins.end(), c.pins.begin(), c.pins.end());
    } else if (c.from == to && c.to == from) {
      for (const auto& p : c.pins) {
        // Two levels of `to` that share one level of `from` pin it once.
        const bool seen = std::any_of(pins.begin(), pins.end(), [&](const Pin& q) { return q.from == p.to; });
        if (!p.to.empty() && !seen) pins.push_back({.from = p.to, .to = p.from});
      }
    }
  }
  return pins;
}

Pin parse_pin(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw QueryError("--pin takes FROM=TO (level ids or titles; FROM= for no equivalent), not '" + text + "'");
  }
  return {.from = text.substr(0, eq), .to = text.substr(eq + 1)};
}

}  // namespace rungs::mapping
