// Ladders published as one page per level (a Hugo or Jekyll folder, a wiki,
// generated HTML pages): which pages are levels, which hold a ladder of their
// own, which are README/index/FAQ pages to leave out, and in what order the
// levels go.

#include "level_pages.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "blocks.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus::detail {
namespace {

namespace fs = std::filesystem;

std::optional<double> number(const FrontMatter& front, const char* key) {
  const auto it = front.find(key);
  if (it == front.end()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(it->second, &used);
    if (used == it->second.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// The order of level pages: front matter weight or order when every page has
// one, else the level code of every title or file name, else the seniority
// words of the titles; the file name breaks ties.
std::vector<double> order_keys(const std::vector<Page>& pages) {
  const auto all = [&](auto key) {
    std::vector<double> keys;
    for (const auto& p : pages) {
      const auto k = key(p);
      if (!k) return std::vector<double>{};
      keys.push_back(*k);
    }
    return keys;
  };
  for (const char* field : {"weight", "order", "level"}) {
    auto keys = all([&](const Page& p) { return number(p.blocks.front_matter, field); });
    if (!keys.empty()) return keys;
  }
  auto keys = all([](const Page& p) -> std::optional<double> {
    for (const auto& text : {p.title, p.path.stem().string()}) {
      const auto r = read_title(text);
      if (r.code_number > 0) return r.code_number;
    }
    return std::nullopt;
  });
  if (!keys.empty()) return keys;
  std::vector<double> by_title;
  for (const auto& p : pages) by_title.push_back(title_order_key(read_title(p.title)));
  return by_title;
}

}  // namespace

bool is_index_page(const fs::path& path) {
  const std::string stem = fold_case(path.stem().string());
  static constexpr std::string_view kNames[] = {"readme",   "_index",       "index",   "faq",       "faqs",
                                                "about",    "contributing", "license", "changelog", "summary",
                                                "overview", "glossary",     "home"};
  return std::find(std::begin(kNames), std::end(kNames), stem) != std::end(kNames);
}

fs::path folder_index_page(const fs::path& folder) {
  for (const char* name :
       {"index.md", "_index.md", "README.md", "readme.md", "index.markdown", "index.html", "index.htm"}) {
    std::error_code ec;
    if (fs::is_regular_file(folder / name, ec)) return folder / name;
  }
  return {};
}

Page read_page(const fs::path& path, bool folder_page) {
  Page page;
  page.path = path;
  page.text = read_document(path);
  page.format = sniff_format(page.text, path);
  if (page.format != Format::markdown && page.format != Format::markdown_table && page.format != Format::html) {
    page.role = PageRole::ladder;  // manifests, structured ladders and plain text stand alone
    return page;
  }
  page.blocks = read_blocks(page.text, page.format, path);
  const fs::path name = folder_page ? path.parent_path().filename() : path.stem();
  page.title = page_title(page.blocks);
  if (page.title.empty()) page.title = name.string();
  if (holds_levels(page.blocks)) {
    page.role = PageRole::ladder;
  } else if (!folder_page && is_index_page(path)) {
    page.role = PageRole::left_out;
    page.why = "an index, README or FAQ page, not a level";
  } else if (looks_like_level_title(page.title) || !read_title(name.string()).code.empty()) {
    page.role = PageRole::level;
  } else {
    page.role = PageRole::left_out;
    page.why =
        "not a level page: its title \"" + page.title + "\" does not read as a level, and it has no level headings";
  }
  return page;
}

LoadResult ladder_from_pages(std::vector<Page> pages, const fs::path& folder, const std::string& name) {
  LoadResult result;
  const std::vector<double> keys = order_keys(pages);
  std::vector<TitleReading> readings;  // each page's title, read once
  for (const auto& page : pages) readings.push_back(read_title(page.title));
  std::vector<std::size_t> order(pages.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool ma = readings[a].track == "management";
    const bool mb = readings[b].track == "management";
    if (ma != mb) return mb;  // the individual track first
    if (keys[a] != keys[b]) return keys[a] < keys[b];
    return pages[a].path.filename() < pages[b].path.filename();
  });

  Ladder ladder;
  ladder.id = slugify(folder.filename().string());
  if (ladder.id.empty()) ladder.id = "ladder";
  ladder.framework = ladder.id;
  ladder.name = name.empty() ? folder.filename().string() : name;
  std::map<std::string, fs::path> seen;  // level id → page
  for (std::size_t i : order) {
    Page& page = pages[i];
    const Document document = outline_level_page(page.blocks, page.path, page.title);
    auto [code, title] = split_level_heading(page.title);
    Level level;
    level.rank = static_cast<int>(ladder.levels.size()) + 1;
    level.title = std::move(title);
    level.code = code.empty() ? readings[i].code : std::move(code);
    if (level.code.empty()) level.code = read_title(page.path.stem().string()).code;  // L3.md titled "Senior"
    level.id = slugify(level.title);
    if (level.id.empty()) level.id = "level-" + std::to_string(level.rank);
    if (const auto [it, added] = seen.emplace(level.id, page.path); !added) {
      throw ParseError(page.path, 0,
                       "this page and " + it->second.string() + " both read as level '" + level.id +
                           "'; give one a distinct title (or use a manifest)");
    }
    level.track = infer_track(level.title);
    level.statements = document.sections.front().statements;
    // A page in a folder of its own (senior/index.md) is named from the ladder's folder.
    const std::string document_name = page.path.parent_path() == folder
                                          ? page.path.filename().string()
                                          : (page.path.parent_path().filename() / page.path.filename()).string();
    for (auto& st : level.statements) st.source = document_name;
    for (auto notice : document.notices) result.notices.push_back(std::move(notice));
    ladder.documents.push_back(document_name);
    ladder.levels.push_back(std::move(level));
  }
  result.ladders.push_back(std::move(ladder));
  return result;
}

}  // namespace rungs::corpus::detail
