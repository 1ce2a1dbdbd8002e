// What the parsers share: reading a document, splitting lines and headings,
// and turning a document read without a manifest into a ladder.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "blocks.h"
#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/corpus/title.h"

namespace rungs::corpus::detail {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      out.push_back(c);
      pending_space = false;
    }
  }
  return out;
}

void blank_lines(std::string& text, int first, int last) {
  std::string out;
  out.reserve(text.size());
  int line = 1;
  for (char c : text) {
    if (c == '\n') {
      out.push_back(c);
      ++line;
    } else if (line < first || line > last) {
      out.push_back(c);
    }
  }
  text = std::move(out);
}

LevelHeading split_level_heading(std::string_view heading) {
  // A grade code is a short letter prefix and a number: L4, E1, IC3, M2.
  static const std::regex kSuffix(R"(^(.*\S)\s*\(([A-Za-z]{1,3}[0-9]{1,2})\)$)");
  static const std::regex kPrefix(R"(^([A-Za-z]{1,3}[0-9]{1,2})\s*:\s*(\S.*)$)");
  const std::string text = collapse_whitespace(heading);
  // Codes sit in short headings; std::regex recurses per character, so a
  // long heading (which has no code) is not matched at all.
  constexpr std::size_t kLongestCodedHeading = 300;
  if (text.size() > kLongestCodedHeading) return {"", text};
  std::smatch m;
  if (std::regex_match(text, m, kSuffix)) return {m[2].str(), m[1].str()};
  if (std::regex_match(text, m, kPrefix)) return {m[1].str(), m[2].str()};
  return {"", text};
}

std::string read_document(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) throw ParseError(path, 0, "cannot read: " + ec.message());
  if (!std::filesystem::exists(status)) throw ParseError(path, 0, "no such file");
  if (std::filesystem::is_directory(status)) throw ParseError(path, 0, "is a directory, expected a file");
  // Never open a FIFO or a device: reading one may block or never end.
  if (!std::filesystem::is_regular_file(status)) {
    throw ParseError(path, 0, "not a regular file (a FIFO, socket or device), expected a ladder file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    throw ParseError(path, 0,
                     "is " + std::to_string(size) + " bytes; rungs reads ladder files of up to " +
                         std::to_string(kMaxFileBytes >> 20) + " MB (is this a ladder?)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(path, 0, std::string("cannot read: ") + std::strerror(errno));
  std::string data;
  // One byte more than the size found, to notice a file that grew since; a
  // file still over the limit is cut off there and refused.
  data.resize(static_cast<std::size_t>(ec ? kMaxFileBytes : size) + 1);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  while (in && data.size() <= kMaxFileBytes) {  // grew since the size check
    char buffer[65536];
    in.read(buffer, sizeof buffer);
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (data.size() > kMaxFileBytes) {
    throw ParseError(
        path, 0, "is over " + std::to_string(kMaxFileBytes >> 20) + " MB; rungs reads ladder files of up to that size");
  }
  if (std::all_of(data.begin(), data.end(), is_space)) throw ParseError(path, 0, "empty file");
  if (const auto nul = data.find('\0'); nul != std::string::npos) {
    const auto line = 1 + std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
    throw ParseError(path, static_cast<int>(line), "binary file (contains NUL bytes), expected text");
  }
  if (data.starts_with(kUtf8Bom)) data.erase(0, kUtf8Bom.size());
  return normalize_text(data, path, 1);
}

Blocks read_blocks(const std::string& text, Format format, const std::filesystem::path& path) {
  if (format == Format::html) return Blocks{.front_matter = {}, .blocks = html_blocks(text)};
  return markdown_blocks(text, path);
}

Document parse_markdown(const std::string& text, const std::filesystem::path& path, const LevelTest& is_level) {
  return outline_ladder(markdown_blocks(text, path), path, is_level);
}

Document parse_html(const std::string& text, const std::filesystem::path& path, const LevelTest& is_level) {
  return outline_ladder(Blocks{.front_matter = {}, .blocks = html_blocks(text)}, path, is_level);
}

Document parse_document(const std::string& text, Format format, const std::filesystem::path& path,
                        const LevelTest& is_level) {
  switch (format) {
    case Format::markdown:
    case Format::markdown_table:
      return parse_markdown(text, path, is_level);
    case Format::html:
      return parse_html(text, path, is_level);
    case Format::plain_text:
      return parse_plain_text(text, path);
    case Format::csv:
      return parse_csv(text, path);
    case Format::manifest:
    case Format::structured:
      break;
  }
  throw ParseError(
      path, 0,
      std::string("a ") + to_string(format) + " is not a ladder document (expected Markdown, HTML or plain text)");
}

Ladder ladder_from_document(const Document& document, const std::filesystem::path& path) {
  if (document.sections.empty()) throw ParseError(path, 0, "no levels found");
  Ladder ladder;
  ladder.id = slugify(path.stem().string());
  if (is_index_page(path) && !slugify(path.parent_path().filename().string()).empty()) {
    ladder.id = slugify(path.parent_path().filename().string());  // "syncromatics/README.md" → syncromatics
  }
  ladder.framework = ladder.id;
  ladder.name = document.title.empty() ? path.stem().string() : document.title;
  ladder.documents = {path.filename().string()};
  std::set<std::string> seen;
  for (const auto& section : document.sections) {
    auto [code, title] = split_level_heading(section.heading);
    Level level;
    level.rank = static_cast<int>(ladder.levels.size()) + 1;
    level.id = slugify(title);
    if (level.id.empty()) level.id = "level-" + std::to_string(level.rank);  // heading without ASCII
    if (!seen.insert(level.id).second) {
      throw ParseError(path, section.line, "two levels share the id '" + level.id + "'; use a manifest to name them");
    }
    level.title = std::move(title);
    level.code = code.empty() ? read_title(level.title).code : std::move(code);  // "IC3", "Level 2"
    level.track = infer_track(level.title);
    level.statements = section.statements;
    ladder.levels.push_back(std::move(level));
  }
  return ladder;
}

}  // namespace rungs::corpus::detail
