// What the parsers share: reading a document, splitting lines and headings,
// and turning a document read without a manifest into a ladder.

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

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

LevelHeading split_level_heading(std::string_view heading) {
  // A grade code is a short letter prefix and a number: L4, E1, IC3, M2.
  static const std::regex kSuffix(R"(^(.*\S)\s*\(([A-Za-z]{1,3}[0-9]{1,2})\)$)");
  static const std::regex kPrefix(R"(^([A-Za-z]{1,3}[0-9]{1,2})\s*:\s*(\S.*)$)");
  const std::string text = collapse_whitespace(heading);
  std::smatch m;
  if (std::regex_match(text, m, kSuffix)) return {m[2].str(), m[1].str()};
  if (std::regex_match(text, m, kPrefix)) return {m[1].str(), m[2].str()};
  return {"", text};
}

std::string read_document(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw ParseError(path, 0, "no such file");
  if (std::filesystem::is_directory(path, ec)) throw ParseError(path, 0, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(path, 0, "cannot read file");
  std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (std::all_of(data.begin(), data.end(), is_space)) throw ParseError(path, 0, "empty file");
  if (const auto nul = data.find('\0'); nul != std::string::npos) {
    const auto line = 1 + std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
    throw ParseError(path, static_cast<int>(line), "binary file (contains NUL bytes), expected text");
  }
  if (data.starts_with(kUtf8Bom)) data.erase(0, kUtf8Bom.size());
  return normalize_text(data, path, 1);
}

Document parse_document(const std::string& text, Format format, const std::filesystem::path& path,
                        const LevelTest& is_level) {
  switch (format) {
    case Format::markdown: return parse_markdown(text, path, is_level);
    case Format::markdown_table: return parse_markdown_table(text, path);
    case Format::plain_text: return parse_plain_text(text, path);
    case Format::manifest:
    case Format::structured: break;
  }
  throw ParseError(path, 0, std::string("a ") + to_string(format) +
                                " is not a ladder document (expected Markdown, a Markdown table or plain text)");
}

Ladder ladder_from_document(const Document& document, const std::filesystem::path& path) {
  if (document.sections.empty()) throw ParseError(path, 0, "no levels found");
  Ladder ladder;
  ladder.id = slugify(path.stem().string());
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
    level.code = std::move(code);
    level.track = infer_track(level.title);
    level.statements = section.statements;
    ladder.levels.push_back(std::move(level));
  }
  return ladder;
}

}  // namespace rungs::corpus::detail
