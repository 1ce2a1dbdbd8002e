// Reading ladders from files and folders (see load.h): one file, a folder of
// manifests, ladder files or level pages, and the checks every ladder passes.
// Which format a file is in: format_sniff.cpp; the checks: ladder_checks.cpp.

#include "rungs/corpus/load.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "blocks.h"
#include "level_pages.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus {
namespace {

namespace fs = std::filesystem;

Ladder ladder_from_text(const std::string& text, Format format, const fs::path& path, const ReadOptions& options = {}) {
  switch (format) {
    case Format::manifest:
      return detail::load_manifest(text, path, options.documents_outside_manifest_folder);
    case Format::structured:
      return ladder_from_yaml(detail::has_front_matter(text) ? detail::front_matter_yaml(text) : text, path);
    case Format::markdown:
    case Format::markdown_table:
    case Format::plain_text:
    case Format::html:
    case Format::csv:
      break;
  }
  return detail::ladder_from_document(detail::parse_document(text, format, path, {}), path);
}

bool is_page_file(const fs::path& path) {
  static constexpr std::string_view kExtensions[] = {".md",  ".markdown", ".html", ".htm",
                                                     ".txt", ".text",     ".csv",  ".tsv"};
  const std::string ext = fold_case(path.extension().string());
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

// One file read as a ladder of its own; a page that describes one level is
// a one-level ladder, with a warning.
LoadResult load_one(detail::Page page, const ReadOptions& options = {}) {
  LoadResult result;
  if (page.role == detail::PageRole::level) {
    result = detail::ladder_from_pages({page}, page.path.stem(), page.path.stem().string());
    result.notices.push_back({.kind = Notice::Kind::warning,
                              .ladder = "",
                              .path = page.path,
                              .line = 0,
                              .message = "this page describes one level (\"" + page.title +
                                         "\"); index its folder, or name its sibling pages together, to read the "
                                         "whole ladder",
                              .heading = ""});
    return result;
  }
  if (page.format == Format::manifest || page.format == Format::structured || page.format == Format::plain_text ||
      page.format == Format::csv) {
    result.ladders.push_back(ladder_from_text(page.text, page.format, page.path, options));
    return result;
  }
  detail::Document document = detail::outline_ladder(page.blocks, page.path, {});
  result.notices = std::move(document.notices);
  result.ladders.push_back(detail::ladder_from_document(document, page.path));
  return result;
}

void append(LoadResult& to, LoadResult from) {
  for (auto& l : from.ladders) to.ladders.push_back(std::move(l));
  for (auto& n : from.notices) to.notices.push_back(std::move(n));
}

// Pages of one folder, read together: the level pages make one ladder.
void load_pages(std::vector<detail::Page> pages, const fs::path& folder, bool named, const ReadOptions& options,
                LoadResult& result) {
  // Partitioned by role up front, so that nothing is read after a move.
  std::vector<detail::Page> levels, others;
  for (auto& page : pages) (page.role == detail::PageRole::level ? levels : others).push_back(std::move(page));
  if (levels.size() < 2 && named) {  // files named one by one that are not a set of level pages
    for (auto& page : levels) append(result, load_one(std::move(page), options));
    for (auto& page : others) append(result, load_one(std::move(page), options));
    return;
  }
  std::string name;  // the index page's title names the ladder
  for (auto& page : others) {
    if (page.role == detail::PageRole::ladder) {
      append(result, load_one(std::move(page), options));
    } else {
      if (name.empty() && !page.blocks.blocks.empty() && !levels.empty()) name = detail::page_title(page.blocks);
      result.notices.push_back({.kind = Notice::Kind::left_out,
                                .ladder = "",
                                .path = page.path,
                                .line = 0,
                                .message = page.why,
                                .heading = ""});
    }
  }
  if (!levels.empty()) {
    const std::size_t first_notice = result.notices.size();
    append(result, detail::ladder_from_pages(std::move(levels), folder, name));
    for (std::size_t i = first_notice; i < result.notices.size(); ++i)
      result.notices[i].ladder = result.ladders.back().id;
  }
}

// Entries of a folder that can be read, sorted; the others go to `skip`.
std::vector<fs::path> folder_files(const fs::path& dir, const SkipHandler& skip, bool (*wanted)(const fs::path&)) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw ParseError(dir, 0, "not a directory");
  std::vector<fs::path> files;
  fs::directory_iterator entries(dir, ec);
  if (ec) throw ParseError(dir, 0, "cannot list the directory: " + ec.message());
  for (; entries != fs::directory_iterator(); entries.increment(ec)) {
    if (ec) throw ParseError(dir, 0, "cannot list the directory: " + ec.message());
    const fs::path path = entries->path();
    if (!wanted(path)) continue;
    // Status through symlinks without throwing: a loop (ELOOP) or a dangling
    // link is an entry we cannot read, not an internal error.
    std::error_code status_error;
    const auto status = fs::status(path, status_error);
    std::string problem;
    if (status_error) {
      problem = status_error.message();
    } else if (fs::is_directory(status)) {
      continue;  // "ladders.yaml/" is a folder, not a ladder; subfolders are not read
    } else if (!fs::is_regular_file(status)) {
      problem = "not a regular file (a FIFO, socket or device)";
    } else if (::access(path.c_str(), R_OK) != 0) {
      problem = std::string("cannot read: ") + std::strerror(errno);
    }
    if (problem.empty()) {
      files.push_back(path);
    } else if (skip) {
      skip(ParseError(path, 0, problem + "; skipped"));
    } else {
      throw ParseError(path, 0, problem);
    }
  }
  std::sort(files.begin(), files.end());  // the first error found does not depend on the file system
  return files;
}

// Subfolders of `dir`, sorted; hidden ones (.git) left out.
std::vector<fs::path> subfolders(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code status_error;
    if (!it->path().filename().string().starts_with(".") && fs::is_directory(it->path(), status_error))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_ladder_file(const fs::path& path) {
  const auto ext = path.extension();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool is_ladder_or_page_file(const fs::path& path) { return is_ladder_file(path) || is_page_file(path); }

}  // namespace

const char* to_string(Notice::Kind kind) {
  switch (kind) {
    case Notice::Kind::set_aside:
      return "set aside";
    case Notice::Kind::left_out:
      return "left out";
    case Notice::Kind::warning:
      return "warning";
  }
  return "warning";
}

bool is_within(const fs::path& path, const fs::path& folder) {
  std::error_code ec;
  const fs::path real_path = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  const fs::path real_folder = fs::weakly_canonical(fs::absolute(folder.empty() ? "." : folder, ec), ec);
  if (ec) return false;
  const fs::path relative = real_path.lexically_relative(real_folder);
  return !relative.empty() && *relative.begin() != "..";
}

Ladder load_ladder(const fs::path& path) {
  LoadResult result = load_one(detail::read_page(path));
  detail::check_ladder(result.ladders.front(), path);
  return std::move(result.ladders.front());
}

std::vector<Ladder> load_corpus(const fs::path& dir, const SkipHandler& skip) {
  const std::vector<fs::path> files = folder_files(dir, skip, is_ladder_file);

  std::vector<Ladder> ladders;
  std::map<std::string, fs::path> origin;  // ladder id → the file it came from
  for (const auto& file : files) {
    const std::string text = detail::read_document(file);
    const Format format = sniff_format(text, file);
    if (format != Format::manifest && format != Format::structured) {
      throw ParseError(file, 0, "expected a manifest ('documents:') or a structured ladder ('levels:')");
    }
    Ladder ladder = ladder_from_text(text, format, file);
    if (const auto [it, added] = origin.emplace(ladder.id, file); !added) {
      throw ParseError(file, 0, "ladder id '" + ladder.id + "' is already used by " + it->second.string());
    }
    ladders.push_back(std::move(ladder));
  }
  for (const auto& ladder : ladders) detail::check_ladder(ladder, origin.at(ladder.id));
  std::sort(ladders.begin(), ladders.end(), [](const Ladder& a, const Ladder& b) { return a.id < b.id; });
  return ladders;
}

LoadResult load_inputs(const std::vector<fs::path>& paths, const SkipHandler& skip, const ReadOptions& options) {
  LoadResult result;
  std::vector<fs::path> origins;  // per ladder of `result`, where it came from
  const auto note_origins = [&](const fs::path& origin) {
    while (origins.size() < result.ladders.size()) origins.push_back(origin);
  };
  std::vector<fs::path> folders_done;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> manifests;
      std::vector<fs::path> page_files;
      std::set<std::string> documents;  // named by the folder's manifests
      for (const auto& file : folder_files(path, skip, is_ladder_or_page_file)) {
        (is_ladder_file(file) ? manifests : page_files).push_back(file);
      }
      for (const auto& file : manifests) {
        const std::string text = detail::read_document(file);
        const Format format = sniff_format(text, file);
        if (format != Format::manifest && format != Format::structured) {
          throw ParseError(file, 0, "expected a manifest ('documents:') or a structured ladder ('levels:')");
        }
        Ladder ladder = ladder_from_text(text, format, file, options);
        for (const auto& d : ladder.documents) documents.insert(d);
        result.ladders.push_back(std::move(ladder));
        note_origins(file);
      }
      std::vector<detail::Page> pages;
      for (const auto& file : page_files) {
        if (!documents.contains(file.filename().string())) pages.push_back(detail::read_page(file));
      }
      for (const auto& sub : subfolders(path)) {  // one page per level in folders of their own: senior/index.md
        if (const auto index = detail::folder_index_page(sub); !index.empty())
          pages.push_back(detail::read_page(index, true));
      }
      const std::size_t before = result.ladders.size();
      load_pages(std::move(pages), path, false, options, result);
      note_origins(path);
      if (result.ladders.size() == before && manifests.empty()) {
        throw ParseError(path, 0,
                         "no ladder found in this folder (it reads manifests, YAML/JSON ladders, and Markdown, "
                         "HTML or text pages; see the notices above for the pages left out)");
      }
      continue;
    }
    // Files named one by one: those of one folder are read together.
    const fs::path folder = path.parent_path();
    if (std::find(folders_done.begin(), folders_done.end(), folder) != folders_done.end()) continue;
    folders_done.push_back(folder);
    std::vector<detail::Page> pages;
    for (const auto& other : paths) {
      std::error_code other_ec;
      if (other.parent_path() == folder && !fs::is_directory(other, other_ec))
        pages.push_back(detail::read_page(other));
    }
    const std::size_t before = result.ladders.size();
    std::vector<fs::path> page_paths;  // in input order
    const bool one_ladder_each = std::none_of(pages.begin(), pages.end(), [&](const detail::Page& p) {
      page_paths.push_back(p.path);
      return p.role == detail::PageRole::level;
    });
    load_pages(std::move(pages), folder.empty() ? fs::current_path().filename() : folder, true, options, result);
    const bool by_page = one_ladder_each && result.ladders.size() - before == page_paths.size();
    for (std::size_t i = before; i < result.ladders.size(); ++i) {
      // Each file its own ladder: its own path, so that two files giving one id are both named.
      origins.push_back(by_page ? page_paths[i - before]
                        : result.ladders.size() - before == 1 && !result.ladders[i].documents.empty()
                            ? folder / result.ladders[i].documents.front()
                            : path);
    }
  }
  for (std::size_t i = 0; i < result.ladders.size(); ++i) {
    result.folders.push_back(fs::is_directory(origins[i]) ? origins[i] : origins[i].parent_path());
  }
  std::map<std::string, fs::path> origin_of;
  for (std::size_t i = 0; i < result.ladders.size(); ++i) {
    const Ladder& ladder = result.ladders[i];
    if (const auto [it, added] = origin_of.emplace(ladder.id, origins[i]); !added) {
      throw ParseError(
          origins[i], 0,
          "gives ladder id '" + ladder.id + "', as " + it->second.string() +
              " does; rename one file (or give a manifest an 'id:') so that one does not replace the other");
    }
    detail::check_ladder(ladder, origins[i]);
    detail::check_quality(ladder, origins[i], result.notices);
  }
  for (auto& notice : result.notices) {
    if (!notice.ladder.empty()) continue;
    for (std::size_t i = 0; i < result.ladders.size() && notice.ladder.empty(); ++i) {
      const auto& docs = result.ladders[i].documents;
      if (std::find(docs.begin(), docs.end(), notice.path.filename().string()) != docs.end())
        notice.ladder = result.ladders[i].id;
    }
  }
  return result;
}

}  // namespace rungs::corpus
