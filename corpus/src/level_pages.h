#pragma once
// Private to the corpus module: pages read and classified, and the ladder
// that a set of level pages makes.

#include <filesystem>
#include <string>
#include <vector>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/load.h"

namespace rungs::corpus::detail {

enum class PageRole {
  ladder,    ///< holds levels of its own (or is a manifest, structured ladder, plain text)
  level,     ///< describes one level
  left_out,  ///< README, index, FAQ, or a page that is neither
};

struct Page {
  std::filesystem::path path;
  std::string text;  ///< normalised
  Format format = Format::markdown;
  Blocks blocks;      ///< Markdown and HTML pages only
  std::string title;  ///< front matter title, first heading, or file stem
  PageRole role = PageRole::ladder;
  std::string why;  ///< why a page is left out
};

/// Reads and classifies one page. Throws `ParseError` for an unreadable file.
/// `folder_page`: the page is its folder's index (`senior/index.md`), named
/// by its folder rather than by its file name.
[[nodiscard]] Page read_page(const std::filesystem::path& path, bool folder_page = false);

/// The index page of a subfolder (index.md, _index.md, README.md, index.html),
/// or an empty path when it has none.
[[nodiscard]] std::filesystem::path folder_index_page(const std::filesystem::path& folder);

/// The ladder of `pages` (all `PageRole::level`), id and name from `folder`
/// unless `name` is given. Throws `ParseError` when two pages give one level id.
[[nodiscard]] LoadResult ladder_from_pages(std::vector<Page> pages, const std::filesystem::path& folder,
                                           const std::string& name);

}  // namespace rungs::corpus::detail
