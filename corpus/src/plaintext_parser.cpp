// GitLab-style plain text, as copied from a handbook page:
//
//   Support Career Framework: Staff Support Engineer   title: one level, named after the colon
//   Support Staff Support Engineer                     breadcrumb (ends with the title)
//   Support Framework | Engineering Framework          navigation
//   Leadership Competencies                            section heading: short, no final period
//   Engineering                                        right after a heading: a sub-area
//   A staff engineer generally operates at ...         prose ending with a period: summary
//   - Improves team processes.                         bullet: competency
//   Last modified May 18, 2024: ...                    footer, with every line after it

#include <utility>

#include "parsers.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::corpus::detail {
namespace {

// Longer lines read as prose even without a final period.
constexpr std::size_t kMaxHeadingLength = 60;
constexpr std::string_view kBullet = "- ";

bool is_heading(std::string_view line) {
  return line.size() <= kMaxHeadingLength && line.find_last_of(".:!?") != line.size() - 1;
}

}  // namespace

Document parse_plain_text(const std::string& text, const std::filesystem::path& path) {
  const auto lines = split_lines(text);
  const std::string source = path.filename().string();
  std::size_t i = 0;
  while (i < lines.size() && collapse_whitespace(lines[i]).empty()) ++i;
  if (i == lines.size() || lines[i].starts_with(kBullet)) {
    throw ParseError(path, static_cast<int>(i + 1), "expected a title line before the first '- ' bullet");
  }

  Document document;
  Section section;
  const std::string title = collapse_whitespace(lines[i]);
  if (const auto colon = title.find(": "); colon != std::string::npos) {
    document.title = title.substr(0, colon);
    section.heading = collapse_whitespace(title.substr(colon + 2));
  } else {
    section.heading = title;
  }
  section.line = static_cast<int>(i + 1);

  const std::string folded_title = fold_case(section.heading);
  bool first = true;           // the line after the title may be a breadcrumb
  bool after_heading = false;  // the previous line was a section heading
  bool in_footer = false;
  std::string area;
  for (++i; i < lines.size(); ++i) {
    const std::string line = collapse_whitespace(lines[i]);
    if (line.empty()) continue;
    const int number = static_cast<int>(i + 1);
    if (std::exchange(first, false) && fold_case(line).ends_with(folded_title)) {
      section.statements.push_back({.text = line,
                                    .area = "",
                                    .kind = StatementKind::boilerplate,
                                    .source = source,
                                    .line = number,
                                    .reason = reason::kNavigation});
      continue;
    }
    if (in_footer) {
      section.statements.push_back({.text = line,
                                    .area = "",
                                    .kind = StatementKind::boilerplate,
                                    .source = source,
                                    .line = number,
                                    .reason = reason::kFooter});
      continue;
    }
    const bool bullet = line.starts_with(kBullet);
    Statement s = make_statement(bullet ? line.substr(kBullet.size()) : line,
                                 bullet ? StatementKind::competency : StatementKind::summary, area, number, source);
    if (s.kind != StatementKind::boilerplate && !bullet && is_heading(line)) {
      area = after_heading ? area + " / " + line : line;
      after_heading = true;
      continue;
    }
    after_heading = false;
    if (s.reason == reason::kFooter) {
      in_footer = true;
      s.area.clear();
    }
    section.statements.push_back(std::move(s));
  }
  document.sections.push_back(std::move(section));
  return document;
}

}  // namespace rungs::corpus::detail
