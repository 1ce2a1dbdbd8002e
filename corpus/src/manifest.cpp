// Manifests: what a document cannot say about itself.
//
//   id: ops-sre                      # optional: slug of `name` when absent
//   framework: basecamp              # optional: `id` when absent
//   name: Titles for Ops (SRE)
//   source: Basecamp handbook, Titles for Ops
//   documents: [004_6727a1017ec8ed27.txt]     # relative to the manifest's folder
//   levels:                          # in ladder order; rank = position, from 1
//     - id: l4                       # optional: slug of `title` when absent
//       title: Lead SRE
//       heading: "Lead SRE (L4)"     # optional: the heading when it differs from the title
//       code: L4
//       aliases: [Staff SRE]
//       track: individual            # or management
//       missing: true                # declared but absent from the documents
//
// A document section is a level when its heading, without a "(L4)" suffix or
// an "L4:" prefix, equals the level's title, heading or an alias (case and
// spacing aside), or when the whole heading equals `heading`.

#include <set>

#include <yaml-cpp/yaml.h>

#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::corpus::detail {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kManifestKeys = {"id", "framework", "name", "source", "documents", "levels"};
const std::set<std::string> kLevelKeys = {"id", "title", "heading", "code", "aliases", "track", "missing"};

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

// Headings compare equal when they differ only in case and spacing.
std::string match_key(std::string_view text) { return collapse_whitespace(fold_case(text)); }

struct ManifestLevel {
  Level level;
  std::string heading_key;         // match_key of `heading`; "" when none
  std::set<std::string> names;     // match_keys of title, heading and aliases
  int line = 0;                    // in the manifest
  std::string found_at;            // "doc:line" of the section matched so far
};

class Manifest {
 public:
  Manifest(const std::string& text, const fs::path& path) : path_(path) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw ParseError(path_, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
    }
    if (!root.IsMap()) throw ParseError(path_, 0, "a manifest must be a map with 'documents' and 'levels'");
    check_keys(root, kManifestKeys);
    ladder_.name = scalar(root, "name");
    ladder_.id = scalar(root, "id", slugify(ladder_.name));
    if (ladder_.id.empty()) throw ParseError(path_, 0, "a manifest needs an 'id' or a 'name'");
    if (ladder_.name.empty()) ladder_.name = ladder_.id;
    ladder_.framework = scalar(root, "framework", ladder_.id);
    ladder_.source = scalar(root, "source");
    read_documents(root["documents"]);
    read_levels(root["levels"]);
  }

  Ladder load() {
    const fs::path folder = path_.parent_path();
    int last = -1;  // manifest position of the last level found, for the order check
    for (std::size_t d = 0; d < ladder_.documents.size(); ++d) {
      const fs::path document_path = folder / ladder_.documents[d];
      if (!fs::exists(document_path)) {
        throw ParseError(path_, document_lines_[d],
                         "document '" + ladder_.documents[d] + "' does not exist (looked for " +
                             document_path.string() + ")");
      }
      const std::string text = read_document(document_path);
      const Document document = parse_document(text, sniff_format(text, document_path), document_path,
                                               [this](const std::string& h) { return find(h) >= 0; });
      for (const auto& section : document.sections) {
        const int index = find(section.heading);
        assign(index, section, document_path, last);
        last = index;
      }
    }
    for (auto& entry : levels_) {
      if (!entry.level.missing && entry.found_at.empty()) {
        throw ParseError(path_, entry.line,
                         "level '" + entry.level.id + "' (\"" + entry.level.title +
                             "\") has no section in the documents; add `heading:` or `aliases:`, or "
                             "`missing: true`");
      }
      ladder_.levels.push_back(std::move(entry.level));
    }
    return std::move(ladder_);
  }

 private:
  void check_keys(const YAML::Node& map, const std::set<std::string>& known) const {
    for (const auto& entry : map) {
      if (!entry.first.IsScalar()) throw ParseError(path_, line_of(entry.first), "a key must be text");
      const auto key = entry.first.Scalar();
      if (!known.contains(key)) throw ParseError(path_, line_of(entry.first), "unknown key '" + key + "'");
    }
  }

  std::string scalar(const YAML::Node& parent, const char* key, const std::string& fallback = "") const {
    const YAML::Node node = parent[key];
    if (!node) return fallback;
    if (!node.IsScalar()) throw ParseError(path_, line_of(node), std::string("'") + key + "' must be text");
    return normalize_text(node.Scalar(), path_, line_of(node));
  }

  void read_documents(const YAML::Node& documents) {
    if (!documents || !documents.IsSequence() || documents.size() == 0) {
      throw ParseError(path_, documents ? line_of(documents) : 0, "'documents' must list at least one file");
    }
    for (const auto& d : documents) {
      if (!d.IsScalar() || d.Scalar().empty()) throw ParseError(path_, line_of(d), "a document must be a file name");
      ladder_.documents.push_back(normalize_text(d.Scalar(), path_, line_of(d)));
      document_lines_.push_back(line_of(d));
    }
  }

  void read_levels(const YAML::Node& levels) {
    if (!levels || !levels.IsSequence() || levels.size() == 0) {
      throw ParseError(path_, levels ? line_of(levels) : 0, "'levels' must list the levels in ladder order");
    }
    std::set<std::string> ids;
    for (const auto& node : levels) {
      if (!node.IsMap()) throw ParseError(path_, line_of(node), "a level must be a map with 'title'");
      check_keys(node, kLevelKeys);
      ManifestLevel entry;
      entry.line = line_of(node);
      Level& level = entry.level;
      level.title = scalar(node, "title");
      if (level.title.empty()) throw ParseError(path_, entry.line, "a level needs a 'title'");
      level.id = scalar(node, "id", slugify(level.title));
      if (!ids.insert(level.id).second) {
        throw ParseError(path_, entry.line, "two levels share the id '" + level.id + "'");
      }
      level.code = scalar(node, "code");
      level.track = scalar(node, "track", infer_track(level.title));
      if (level.track != "individual" && level.track != "management") {
        throw ParseError(path_, entry.line, "track must be 'individual' or 'management', not '" + level.track + "'");
      }
      level.rank = static_cast<int>(levels_.size()) + 1;
      try {
        level.missing = node["missing"] && node["missing"].as<bool>();
      } catch (const YAML::Exception&) {
        throw ParseError(path_, line_of(node["missing"]), "'missing' must be true or false");
      }
      if (const auto aliases = node["aliases"]) {
        if (!aliases.IsSequence()) throw ParseError(path_, line_of(aliases), "'aliases' must be a list");
        for (const auto& alias : aliases) {
          if (!alias.IsScalar()) throw ParseError(path_, line_of(alias), "an alias must be text");
          level.aliases.push_back(normalize_text(alias.Scalar(), path_, line_of(alias)));
        }
      }
      const std::string heading = scalar(node, "heading");
      entry.heading_key = heading.empty() ? "" : match_key(heading);
      entry.names = {match_key(level.title)};
      if (!heading.empty()) entry.names.insert(entry.heading_key);
      for (const auto& alias : level.aliases) entry.names.insert(match_key(alias));
      levels_.push_back(std::move(entry));
    }
  }

  // The manifest position of the level `heading` names, or -1.
  int find(const std::string& heading) const {
    const std::string whole = match_key(heading);
    const std::string title = match_key(split_level_heading(heading).title);
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      const auto& entry = levels_[i];
      if (entry.names.contains(title) || (!entry.heading_key.empty() && entry.heading_key == whole)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  void assign(int index, const Section& section, const fs::path& document_path, int last) {
    const std::string where = document_path.filename().string() + ":" + std::to_string(section.line);
    if (index < 0) {
      std::string titles;
      for (const auto& entry : levels_) titles += (titles.empty() ? "" : ", ") + entry.level.title;
      throw ParseError(document_path, section.line,
                       "section '" + section.heading + "' matches no level of " + path_.filename().string() +
                           " (" + titles + ")");
    }
    ManifestLevel& entry = levels_[static_cast<std::size_t>(index)];
    if (entry.level.missing) {
      throw ParseError(document_path, section.line,
                       "section '" + section.heading + "' is level '" + entry.level.id + "', which " +
                           path_.filename().string() + " declares missing");
    }
    if (!entry.found_at.empty()) {
      throw ParseError(document_path, section.line,
                       "section '" + section.heading + "' matches level '" + entry.level.id +
                           "' again (first at " + entry.found_at + ")");
    }
    if (index < last) {
      const Level& previous = levels_[static_cast<std::size_t>(last)].level;
      throw ParseError(document_path, section.line,
                       "level order contradicts " + path_.filename().string() + ": '" + entry.level.id +
                           "' comes after '" + previous.id + "' here but before it in the manifest");
    }
    entry.found_at = where;
    entry.level.statements = section.statements;
  }

  fs::path path_;
  Ladder ladder_;
  std::vector<int> document_lines_;  // manifest line of each document name
  std::vector<ManifestLevel> levels_;
};

}  // namespace

Ladder load_manifest(const std::string& text, const fs::path& path) {
  try {
    return Manifest(text, path).load();
  } catch (const YAML::Exception& e) {
    // A node of an unexpected shape (a map where text belongs, say) that a
    // check above missed: still the manifest's fault, with its line (fuzz finding).
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
  }
}

}  // namespace rungs::corpus::detail
