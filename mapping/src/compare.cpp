// Benchmarking two ladders: which themes each level asks for, which themes
// one ladder lacks, thin and near-duplicate levels, and where one ladder asks
// for a theme earlier than the other.
#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "phrase_set.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/mapping/harmonise.h"

namespace rungs::mapping {
namespace {

using corpus::StatementKind;

// Themes career ladders commonly cover, each with the words that signal it
// (`PhraseSet` syntax). General vocabulary, not tuned to any ladder.
struct ThemeWords {
  const char* theme;
  const char* patterns;  // '|' separated
};
constexpr ThemeWords kThemes[] = {
    {"mentoring", "mentor*|coach*|teach*|tutor*|less experienced|level up"},
    {"feedback and reviews", "feedback|review*|critique*"},
    {"incident response", "incident*|on call|oncall|outage*|emergenc*|triag*|escalat*|site is down"},
    {"customer focus", "customer*|client*|user*"},
    {"communication", "communicat*|writ*|explain*|stakeholder*|present*|articulate"},
    {"planning and prioritisation", "plan*|prioriti*|scope*|scoping|estimat*|roadmap*|deadline*|deliverable*"},
    {"technical depth", "expert*|deep*|mastery|master*|proficien*|technical*|codebase|root cause"},
    {"process and tooling", "process*|tool*|tooling|automat*|documentation|workflow*|procedure*"},
    {"leadership and direction", "lead*|direction|strateg*|vision|influenc*|represent*"},
    {"collaboration", "collaborat*|pairing|teammate*|across teams|other teams|together|counterpart*|working groups"},
    {"learning and growth", "learn*|growth|grow*|curiosity|curious|develop* my|personal development|student"},
    {"ownership and autonomy",
     "independen*|ownership|autonom*|oversight|self managing|accountab*|take responsibility|takes responsibility"},
    {"people management", "hire*|hiring|recruit*|performance reviews|salary|salaries|manage people|people in my team"},
    {"reliability and risk", "risk*|maintenance|reliab*|security|secure|quality|capacity"},
};

std::vector<PhraseSet> compile_themes() {
  std::vector<PhraseSet> compiled(std::size(kThemes));
  for (std::size_t t = 0; t < compiled.size(); ++t) compiled[t].add(kThemes[t].patterns);
  return compiled;
}

LadderProfile profile(const Model& model, const std::string& id) {
  static const auto kThemePhrases = compile_themes();
  const analysis::Analyzer analyzer;
  const auto& ladder = model.ladder(id);
  LadderProfile p;
  p.ladder = id;
  std::vector<std::size_t> level_index;  // into ladder.levels
  for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
    const auto& level = ladder.levels[v];
    const int n = corpus::count(level, StatementKind::competency);
    if (level.missing || n == 0) continue;
    p.levels.push_back({level.id, level.title, level.code});
    p.statement_counts.push_back(n);
    level_index.push_back(v);
  }
  for (std::size_t t = 0; t < kThemePhrases.size(); ++t) {
    ThemeCoverage coverage{kThemes[t].theme, std::vector<int>(p.levels.size(), 0), -1,
                           std::vector<std::vector<std::string>>(p.levels.size())};
    for (std::size_t i = 0; i < level_index.size(); ++i) {
      for (const auto& s : ladder.levels[level_index[i]].statements) {
        if (s.kind != StatementKind::competency) continue;
        if (!kThemePhrases[t].find(analyzer.words(s.text)).empty() ||
            !kThemePhrases[t].find(analyzer.words(s.area)).empty()) {
          ++coverage.statements[i];
          coverage.evidence[i].push_back(s.text);
        }
      }
      if (coverage.statements[i] > 0 && coverage.first_level < 0) coverage.first_level = static_cast<int>(i);
    }
    p.themes.push_back(std::move(coverage));
  }
  if (!p.statement_counts.empty()) {
    std::vector<int> sorted = p.statement_counts;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    for (std::size_t i = 0; i < p.levels.size(); ++i) {
      if (p.statement_counts[i] < 0.5 * median) p.thin_levels.push_back(p.levels[i].title);
    }
  }
  // Neighbours on the same track that say nearly the same: most of the
  // higher level's statements repeat the lower one's word for word.
  for (std::size_t i = 0; i + 1 < level_index.size(); ++i) {
    const auto& lower = ladder.levels[level_index[i]];
    const auto& upper = ladder.levels[level_index[i + 1]];
    if (lower.track != upper.track) continue;
    int repeated = 0;
    for (const auto& s : upper.statements) {
      if (s.kind != StatementKind::competency) continue;
      repeated += std::any_of(lower.statements.begin(), lower.statements.end(),
                              [&](const corpus::Statement& o) { return o.kind == s.kind && o.text == s.text; });
    }
    const double share = static_cast<double>(repeated) / corpus::count(upper, StatementKind::competency);
    if (share >= 0.5) {
      p.near_duplicates.push_back(
          fmt::format("{} repeats {:.0f}% of {} word for word", upper.title, 100 * share, lower.title));
    }
  }
  return p;
}

}  // namespace

const std::vector<std::string>& themes() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (const auto& t : kThemes) out.emplace_back(t.theme);
    return out;
  }();
  return kNames;
}

Comparison compare(const Model& model, const std::string& a, const std::string& b) {
  Comparison c;
  c.a = profile(model, a);
  c.b = profile(model, b);
  c.mapping = model.map_ladders(a, b);
  auto column_of = [&](const std::string& level_id) {
    for (std::size_t j = 0; j < c.b.levels.size(); ++j) {
      if (c.b.levels[j].level == level_id) return static_cast<int>(j);
    }
    return -1;
  };
  // The lowest column of B that some level of A maps to: below it, A has no
  // level, so B asking for a theme there says nothing about A.
  int lowest_mapped = static_cast<int>(c.b.levels.size());
  for (const auto& eq : c.mapping.equivalences) {
    if (!eq.to.empty() && column_of(eq.to.front().level) >= 0)
      lowest_mapped = std::min(lowest_mapped, column_of(eq.to.front().level));
  }
  for (std::size_t t = 0; t < c.a.themes.size(); ++t) {
    const auto& ta = c.a.themes[t];
    const auto& tb = c.b.themes[t];
    if (ta.first_level >= 0 && tb.first_level < 0) c.only_in_a.push_back(ta.theme);
    if (tb.first_level >= 0 && ta.first_level < 0) c.only_in_b.push_back(tb.theme);
    if (ta.first_level < 0 || tb.first_level < 0) continue;
    // Where A's first level asking for the theme lands in B, by the mapping.
    const auto& a_level = c.a.levels[static_cast<std::size_t>(ta.first_level)];
    int mapped = -1;
    for (const auto& eq : c.mapping.equivalences) {
      if (eq.from.level == a_level.level && !eq.to.empty()) mapped = column_of(eq.to.front().level);
    }
    if (mapped < 0) continue;
    const auto& b_level = c.b.levels[static_cast<std::size_t>(tb.first_level)];
    if (tb.first_level > mapped) {
      c.earlier.push_back(fmt::format("{}: {} asks for it from {}, which maps to {} in {}; {} asks only from {}",
                                      ta.theme, a, a_level.title, c.b.levels[static_cast<std::size_t>(mapped)].title, b,
                                      b, b_level.title));
    } else if (tb.first_level < mapped && tb.first_level >= lowest_mapped) {
      c.earlier.push_back(
          fmt::format("{}: {} asks for it from {}, below {} (where {}'s first level asking for it, {}, maps)", tb.theme,
                      b, b_level.title, c.b.levels[static_cast<std::size_t>(mapped)].title, a, a_level.title));
    }
  }
  return c;
}

}  // namespace rungs::mapping
