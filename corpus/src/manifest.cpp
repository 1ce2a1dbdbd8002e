// Manifests: what a document cannot say about itself.
//
//   id: ops-sre                      # optional: slug of `name` when absent
//   framework: basecamp              # optional: `id` when absent
//   name: Titles for Ops (SRE)
//   source: Basecamp handbook, Titles for Ops
//   documents: [004_6727a1017ec8ed27.txt]     # relative to the manifest's folder
//   # or, per document: {file: senior.html, format: html, level: senior}
//   #   format: markdown | html | plain_text forces the format instead of sniffing it;
//   #   level: the whole document is that one level (its headings are areas)
//   skip: ["When do I get promoted?", FAQ]   # headings whose sections are not levels
//   levels:                          # in ladder order; rank = position, from 1
//     - id: l4                       # optional: slug of `title` when absent
//       title: Lead SRE
//       heading: "Lead SRE (L4)"     # optional: the heading when it differs from the title
//       code: L4
//       aliases: [Staff SRE]
//       track: individual            # or management
//       missing: true                # declared but absent from the documents
//       pattern: "^Lead\\b"           # a regular expression (case aside) that matches its headings
//
// A document section is a level when its heading, without a "(L4)" suffix or
// an "L4:" prefix, equals the level's title, heading or an alias (case and
// spacing aside), or when the whole heading equals `heading`.

#include <optional>
#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "yaml_budget.h"

namespace rungs::corpus::detail {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kManifestKeys = {"id", "framework", "name", "source", "documents", "levels", "skip"};
const std::set<std::string> kLevelKeys = {"id", "title", "heading", "code", "aliases", "track", "missing", "pattern"};
const std::set<std::string> kDocumentKeys = {"file", "format", "level"};

struct ManifestDocument {
  std::string file;
  std::optional<Format> format;  // forced; sniffed when absent
  std::string level;             // the whole document is this level ("" when not)
  int line = 0;                  // in the manifest
};

std::optional<Format> format_named(const std::string& name) {
  for (auto f : {Format::markdown, Format::html, Format::plain_text}) {
    if (name == to_string(f)) return f;
  }
  return std::nullopt;
}

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

// Headings compare equal when they differ only in case and spacing.
std::string match_key(std::string_view text) { return collapse_whitespace(fold_case(text)); }

struct ManifestLevel {
  Level level;
  std::string heading_key;            // match_key of `heading`; "" when none
  std::set<std::string> names;        // match_keys of title, heading and aliases
  std::optional<std::regex> pattern;  // `pattern:`, matched against headings
  int line = 0;                       // in the manifest
  std::string found_at;               // "doc:line" of the section matched so far
};

class Manifest {
 public:
  Manifest(const std::string& text, const fs::path& path, bool documents_outside_folder)
      : path_(path), documents_outside_folder_(documents_outside_folder) {
    YAML::Node root;
    try {
      root = detail::load_yaml(text, path_);
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
    if (const auto skip = root["skip"]) {
      if (!skip.IsSequence()) throw ParseError(path_, line_of(skip), "'skip' must list headings");
      for (const auto& h : skip) {
        if (!h.IsScalar()) throw ParseError(path_, line_of(h), "a heading to skip must be text");
        skip_.insert(match_key(h.Scalar()));
      }
    }
  }

  Ladder load() {
    const fs::path folder = path_.parent_path();
    int last = -1;  // manifest position of the last level found, for the order check
    for (const auto& doc : documents_) {
      const fs::path document_path = folder / doc.file;
      if (!fs::exists(document_path)) {
        throw ParseError(path_, doc.line,
                         "document '" + doc.file + "' does not exist (looked for " + document_path.string() + ")");
      }
      if (!documents_outside_folder_ && !is_within(document_path, folder)) {
        std::error_code ignored;
        throw ParseError(path_, doc.line,
                         "document '" + doc.file + "' is outside the manifest's folder (it is " +
                             fs::weakly_canonical(document_path, ignored).string() +
                             "); keep a ladder's documents beside its manifest, or index with "
                             "--allow-outside-manifest-dir if you trust this manifest");
      }
      const std::string text = read_document(document_path);
      const Format format = doc.format ? *doc.format : sniff_format(text, document_path);
      if (!doc.level.empty()) {  // the whole document is one level
        const int index = find_level_id(doc.level, doc.line);
        const Blocks blocks = read_blocks(text, format, document_path);
        Section section = outline_level_page(blocks, document_path, page_title(blocks)).sections.front();
        section.heading = levels_[static_cast<std::size_t>(index)].level.title;
        assign(index, section, document_path, last);
        last = index;
        continue;
      }
      const Document document = parse_document(text, format, document_path,
                                               [this](const std::string& h) { return !skipped(h) && find(h) >= 0; });
      for (const auto& section : document.sections) {
        headings_seen_ += (headings_seen_.empty() ? "" : ", ") + ("\"" + section.heading + "\"");
        if (skipped(section.heading)) continue;
        const int index = find(section.heading);
        assign(index, section, document_path, last);
        last = index;
      }
    }
    for (auto& entry : levels_) {
      if (!entry.level.missing && entry.found_at.empty()) {
        throw ParseError(path_, entry.line,
                         "level '" + entry.level.id + "' (\"" + entry.level.title +
                             "\") has no section in the documents; add `heading:`, `aliases:` or `pattern:`, or "
                             "`missing: true` (level headings found: " +
                             (headings_seen_.empty() ? std::string("none") : headings_seen_) + ")");
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
      ManifestDocument doc;
      doc.line = line_of(d);
      if (d.IsMap()) {
        check_keys(d, kDocumentKeys);
        doc.file = scalar(d, "file");
        if (const std::string name = scalar(d, "format"); !name.empty()) {
          doc.format = format_named(name);
          if (!doc.format)
            throw ParseError(path_, doc.line, "format must be markdown, html or plain_text, not '" + name + "'");
        }
        doc.level = scalar(d, "level");
      } else if (d.IsScalar()) {
        doc.file = normalize_text(d.Scalar(), path_, doc.line);
      }
      if (doc.file.empty()) throw ParseError(path_, doc.line, "a document must be a file name or a map with 'file'");
      ladder_.documents.push_back(doc.file);
      documents_.push_back(std::move(doc));
    }
  }

  bool skipped(const std::string& heading) const {
    return skip_.contains(match_key(heading)) || skip_.contains(match_key(split_level_heading(heading).title));
  }

  // The manifest position of the level named by id or title in `documents:`.
  int find_level_id(const std::string& name, int line) const {
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      if (levels_[i].level.id == name || match_key(levels_[i].level.title) == match_key(name))
        return static_cast<int>(i);
    }
    throw ParseError(path_, line, "document level '" + name + "' is not a level of 'levels:'");
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
      if (const std::string pattern = scalar(node, "pattern"); !pattern.empty()) {
        try {
          entry.pattern.emplace(pattern, std::regex::ECMAScript | std::regex::icase);
        } catch (const std::regex_error& e) {
          throw ParseError(path_, line_of(node["pattern"]),
                           "'pattern' is not a valid regular expression: " + std::string(e.what()));
        }
      }
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
      constexpr std::size_t kLongestMatchedHeading = 300;  // std::regex recurses per character
      if (entry.pattern && heading.size() <= kLongestMatchedHeading && std::regex_search(heading, *entry.pattern)) {
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
      throw ParseError(
          document_path, section.line,
          "section '" + section.heading + "' matches no level of " + path_.filename().string() + " (" + titles + ")");
    }
    ManifestLevel& entry = levels_[static_cast<std::size_t>(index)];
    if (entry.level.missing) {
      throw ParseError(document_path, section.line,
                       "section '" + section.heading + "' is level '" + entry.level.id + "', which " +
                           path_.filename().string() + " declares missing");
    }
    if (!entry.found_at.empty()) {
      throw ParseError(document_path, section.line,
                       "section '" + section.heading + "' matches level '" + entry.level.id + "' again (first at " +
                           entry.found_at + ")");
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
  std::vector<ManifestDocument> documents_;
  std::set<std::string> skip_;             // match_keys of headings to skip
  bool documents_outside_folder_ = false;  // documents may be read from anywhere
  std::string headings_seen_;              // level-depth headings of the documents, for errors
  std::vector<ManifestLevel> levels_;
};

}  // namespace

Ladder load_manifest(const std::string& text, const fs::path& path, bool documents_outside_folder) {
  try {
    return Manifest(text, path, documents_outside_folder).load();
  } catch (const YAML::Exception& e) {
    // A node of an unexpected shape (a map where text belongs, say) that a
    // check above missed: still the manifest's fault, with its line (fuzz finding).
    throw ParseError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg);
  }
}

}  // namespace rungs::corpus::detail

namespace rungs::corpus {

namespace fs = std::filesystem;

std::string to_manifest(const Ladder& ladder, const fs::path& documents_folder, const fs::path& manifest_path,
                        const std::vector<std::string>& set_aside) {
  const fs::path base = fs::absolute(manifest_path).parent_path();
  const auto relative = [&](const std::string& document) {
    return fs::absolute(documents_folder / document).lexically_normal().lexically_relative(base).generic_string();
  };
  // Level pages: every level read from a document of its own.
  std::vector<std::string> level_documents;
  for (const auto& level : ladder.levels) {
    if (!level.statements.empty()) level_documents.push_back(level.statements.front().source);
  }
  const bool one_per_level =
      level_documents.size() == ladder.levels.size() && ladder.documents.size() == ladder.levels.size() &&
      std::set<std::string>(level_documents.begin(), level_documents.end()).size() == level_documents.size();
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << ladder.id;
  out << YAML::Key << "name" << YAML::Value << ladder.name;
  out << YAML::Key << "documents" << YAML::Value << YAML::BeginSeq;
  if (one_per_level) {
    for (const auto& level : ladder.levels) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "file" << YAML::Value
          << relative(level.statements.front().source) << YAML::Key << "level" << YAML::Value << level.id
          << YAML::EndMap;
    }
  } else {
    for (const auto& d : ladder.documents) out << relative(d);
  }
  out << YAML::EndSeq;
  if (!set_aside.empty()) out << YAML::Key << "skip" << YAML::Value << YAML::Flow << set_aside;
  out << YAML::Key << "levels" << YAML::Value << YAML::BeginSeq;
  for (const auto& level : ladder.levels) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << level.id;
    out << YAML::Key << "title" << YAML::Value << level.title;
    if (!level.code.empty()) out << YAML::Key << "code" << YAML::Value << level.code;
    out << YAML::Key << "track" << YAML::Value << level.track;
    if (!level.aliases.empty()) out << YAML::Key << "aliases" << YAML::Value << level.aliases;
    if (level.missing) out << YAML::Key << "missing" << YAML::Value << true;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return "# Written by `rungs index --write-manifest`: the ladder as rungs read it. Edit it (skip sections,\n"
         "# force a document's format, rename or reorder levels, match headings with `pattern:`), then index it.\n" +
         std::string(out.c_str()) + "\n";
}

}  // namespace rungs::corpus
