// The set-aside rules: text found under a level that must not be ranked or
// mapped, because it describes no competency of that level. All parsers
// classify through `make_statement`, so this table is the one place to
// change. Rules match the text as rendered (markup removed); first match wins.
//
// Three rules depend on where the text is, not what it says, and live in the
// parsers: Markdown HTML blocks such as `<TBA>` (placeholder), the plain-text
// breadcrumb line that repeats the title (navigation), and every plain-text
// line after the footer starts (footer).

#include <regex>

#include "parsers.h"

namespace rungs::corpus::detail {
namespace {

struct SetAsideRule {
  std::regex pattern;
  const char* reason;
};

const std::vector<SetAsideRule>& rules() {
  constexpr auto kFlags = std::regex::ECMAScript | std::regex::icase | std::regex::optimize;
  static const std::vector<SetAsideRule> kRules = {
      // "The Senior X role builds upon the foundation of the X role."
      {std::regex(R"(\bbuild(s|ing)?\s+(up)?on\b[^.]*\broles?\b)", kFlags), reason::kCrossReference},
      // "See the [manager's handbook](...)": a pointer to another page.
      {std::regex(R"((^|[.!?]\s+)see the\b)", kFlags), reason::kCrossReference},
      // GitLab: "Staff Support Engineers at GitLab are expected to exhibit the following competencies:"
      {std::regex(R"(\bare expected to exhibit the following competencies:?$)", kFlags), reason::kIntroduction},
      // GitLab: "Adhere to the Results Competencies for this job grade."
      {std::regex(R"(^adhere to the .+ competencies for this job grade\.?$)", kFlags), reason::kElsewhere},
      // GitLab: "Support Framework | Engineering Framework": links, no sentence
      {std::regex(R"(^[^|.]+(\s\|\s[^|.]+)+$)", kFlags), reason::kNavigation},
      // GitLab: "Last modified October 29, 2024: Fix broken links ("
      {std::regex(R"(^last modified\b)", kFlags), reason::kFooter},
  };
  return kRules;
}

}  // namespace

Statement make_statement(std::string text, StatementKind kind, const std::string& area, int line,
                         const std::string& source) {
  Statement s{.text = std::move(text), .area = area, .kind = kind, .source = source, .line = line, .reason = ""};
  // Boilerplate is a short line. libstdc++'s std::regex recurses once per
  // character matched, so a long text (a 100 kB bullet) would overflow the
  // stack: long texts are never matched against the rules.
  constexpr std::size_t kLongestBoilerplate = 1000;
  if (s.text.size() > kLongestBoilerplate) return s;
  for (const auto& rule : rules()) {
    if (std::regex_search(s.text, rule.pattern)) {
      s.kind = StatementKind::boilerplate;
      s.reason = rule.reason;
      break;
    }
  }
  return s;
}

}  // namespace rungs::corpus::detail
