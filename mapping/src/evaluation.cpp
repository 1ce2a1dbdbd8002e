#include "rungs/mapping/evaluation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/corpus/title.h"

namespace rungs::mapping {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// Rows of a TSV with `columns` fields, header skipped.
std::vector<std::pair<int, std::vector<std::string>>> read_tsv(const std::filesystem::path& path, std::size_t columns) {
  std::ifstream in(path);
  if (!in) throw ParseError(path, 0, "cannot open the file");
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 || line.empty()) continue;
    auto fields = split(line, '\t');
    if (fields.size() != columns) {
      throw ParseError(
          path, number,
          "expected " + std::to_string(columns) + " tab-separated fields, found " + std::to_string(fields.size()));
    }
    rows.emplace_back(number, std::move(fields));
  }
  return rows;
}

const corpus::Ladder& find_ladder(const std::vector<corpus::Ladder>& ladders, const std::string& id) {
  for (const auto& l : ladders) {
    if (l.id == id) return l;
  }
  throw QueryError("the evaluation names ladder '" + id + "', which is not in the index");
}

// Level with the highest summed score; "" when nothing scored.
std::string best_level(const std::map<std::string, double>& totals) {
  std::string best;
  double top = 0;
  for (const auto& [level, score] : totals) {
    if (score > top) top = score, best = level;
  }
  return best;
}

std::map<std::string, double> bm25_totals(search::Searcher& searcher, const std::string& text,
                                          const std::string& ladder, const corpus::Statement* hidden = nullptr) {
  search::SearchRequest request;
  request.query = text;
  request.plain_words = true;
  request.filters.ladders = {ladder};
  request.limit = 10000;
  std::map<std::string, double> totals;
  for (const auto& hit : searcher.search(request).hits) {
    if (hidden && hit.line == hidden->line && hit.source == hidden->source && hit.text == hidden->text) continue;
    totals[hit.level] += hit.score;
  }
  return totals;
}

// The level of `to` nearest to `level`'s relative position in `from` (same track).
std::string nearest_by_position(const corpus::Ladder& from, const std::string& level_id, const corpus::Ladder& to) {
  auto relative = [](const corpus::Ladder& ladder, const std::string& id, std::string* track) {
    std::vector<std::string> members;
    const corpus::Level* level = corpus::find_level(ladder, id);
    for (const auto& l : ladder.levels) {
      if (l.track == level->track) members.push_back(l.id);
    }
    *track = level->track;
    const auto at = std::find(members.begin(), members.end(), id) - members.begin();
    return members.size() < 2 ? 0.5 : static_cast<double>(at) / static_cast<double>(members.size() - 1);
  };
  std::string track, other_track;
  const double position = relative(from, level_id, &track);
  std::string best;
  double distance = 2;
  for (const auto& l : to.levels) {
    if (l.track != track || l.missing) continue;
    const double d = std::abs(relative(to, l.id, &other_track) - position);
    if (d < distance - 1e-9) distance = d, best = l.id;
  }
  return best;
}

void record(MethodScore& score, std::string case_id, std::string predicted, bool hit, double confidence = 0) {
  score.total += 1;
  score.hits += hit ? 1 : 0;
  score.outcomes.push_back({std::move(case_id), std::move(predicted), hit, confidence});
}

bool is_expected(const corpus::Ladder& ladder, const PhraseCase& c, const std::string& predicted) {
  return std::any_of(c.expected.begin(), c.expected.end(),
                     [&](const std::string& e) { return resolve_level(ladder, e) == predicted; });
}

}  // namespace

std::string title_baseline(const corpus::Ladder& ladder, const std::string& title) {
  const std::string wanted = corpus::fold_case(title);
  for (const auto& level : ladder.levels) {
    std::vector<std::string> names = level.aliases;
    names.push_back(level.title);
    for (const auto& n : names) {
      if (corpus::fold_case(n) == wanted) return level.id;
    }
  }
  const auto reading = corpus::read_title(title);
  std::vector<const corpus::Level*> members;
  for (const auto& level : ladder.levels) {
    if (level.track == reading.track) members.push_back(&level);
  }
  if (members.empty()) {
    for (const auto& level : ladder.levels) members.push_back(&level);
  }
  if (members.empty()) return "";
  const double position =
      reading.seniority.value_or(corpus::seniority::kIntermediate) / corpus::seniority::kDistinguished;
  const auto at =
      static_cast<std::size_t>(std::lround(std::clamp(position, 0.0, 1.0) * static_cast<double>(members.size() - 1)));
  return members[at]->id;
}

std::vector<PhraseCase> read_phrase_cases(const std::filesystem::path& path) {
  std::vector<PhraseCase> cases;
  for (auto& [line, f] : read_tsv(path, 4)) cases.push_back({f[0], f[1], f[2], split(f[3], '|')});
  return cases;
}

std::vector<GoldLink> read_gold_links(const std::filesystem::path& path) {
  std::vector<GoldLink> links;
  for (auto& [line, f] : read_tsv(path, 4)) links.push_back({f[0], f[1], f[2], split(f[3], '|')});
  return links;
}

std::string resolve_level(const corpus::Ladder& ladder, const std::string& name) {
  const std::string wanted = corpus::fold_case(name);
  for (const auto& level : ladder.levels) {
    std::vector<std::string> names = level.aliases;
    names.insert(names.end(), {level.id, level.title, level.code});
    for (const auto& n : names) {
      if (!n.empty() && corpus::fold_case(n) == wanted) return level.id;
    }
  }
  throw QueryError("ladder '" + ladder.id + "' has no level called '" + name + "'");
}

EvalReport evaluate(const Model& model, search::Searcher& searcher, const EvalSets& sets) {
  // Plain references, not a structured binding: clang cannot capture those in lambdas.
  const auto& phrases = sets.phrases;
  const auto& gold = sets.gold;
  const auto& titles = sets.titles;
  const auto& paraphrases = sets.paraphrases;
  const auto& ladders = model.ladders();
  EvalReport report;

  ModelOptions words_only = model.options();
  words_only.use_synonyms = false;
  const Model no_synonyms(ladders, words_only);
  words_only.use_seniority = false;
  words_only.use_position = false;
  const Model content_only(ladders, words_only);
  struct Variant {
    const char* name;
    const Model* model;
  };
  const Variant variants[] = {
      {"rungs", &model}, {"rungs without synonyms", &no_synonyms}, {"statement similarity only", &content_only}};

  // What `rungs level` answers, and what the statements alone answer.
  const auto by_answer = [](const Model& m, const PhraseCase& c) {
    const auto a = m.answer(c.phrase, {c.ladder}, 0).ladders.front();
    return std::make_pair(a.level.level, a.confidence);
  };
  const auto by_statements = [](const Model& m, const PhraseCase& c) {
    const auto match = m.match_phrase(c.phrase, {c.ladder}, 0).ladders.front();
    return std::make_pair(match.levels.empty() ? std::string() : match.levels.front().level, match.confidence);
  };
  const auto score_cases = [&](const char* name, const std::vector<PhraseCase>& cases, const auto& predict) {
    MethodScore score{name, 0, 0, {}};
    for (const auto& c : cases) {
      const auto [predicted, confidence] = predict(c);
      record(score, c.id, predicted, is_expected(find_ladder(ladders, c.ladder), c, predicted), confidence);
    }
    return score;
  };
  for (const auto& v : variants) {
    report.phrases.push_back(score_cases(v.name, phrases, [&](const PhraseCase& c) { return by_answer(*v.model, c); }));
  }
  report.phrases.push_back(score_cases("BM25 baseline", phrases, [&](const PhraseCase& c) {
    return std::make_pair(best_level(bm25_totals(searcher, c.phrase, c.ladder)), 0.0);
  }));

  // Paraphrases: what each resource of the bridge adds, by leaving it out.
  std::vector<PhraseCase> dev_paraphrases;
  std::copy_if(phrases.begin(), phrases.end(), std::back_inserter(dev_paraphrases),
               [](const PhraseCase& c) { return c.id.starts_with('D'); });
  if (!paraphrases.empty() || !dev_paraphrases.empty()) {
    // Each resource switched the other way from the model's own options:
    // "without" one it uses, "with" one it leaves out.
    struct Resource {
      const char* name;
      bool analysis::BridgeSources::*source;
    };
    const Resource resources[] = {{"curated groups", &analysis::BridgeSources::curated},
                                  {"WordNet senses", &analysis::BridgeSources::wordnet_senses},
                                  {"WordNet links", &analysis::BridgeSources::wordnet_links},
                                  {"WordNet glosses", &analysis::BridgeSources::wordnet_glosses},
                                  {"the OpenOffice thesaurus", &analysis::BridgeSources::office_thesaurus},
                                  {"the ladders' co-occurrences", &analysis::BridgeSources::ladder_cooccurrence}};
    std::vector<std::pair<std::string, std::unique_ptr<Model>>> models;
    for (const auto& resource : resources) {
      ModelOptions options = model.options();
      bool& used = options.bridge.*resource.source;
      used = !used;
      models.emplace_back(fmt::format("rungs {} {}", used ? "with" : "without", resource.name),
                          std::make_unique<Model>(ladders, options));
    }
    const auto score_set = [&](const std::vector<PhraseCase>& cases, std::vector<MethodScore>& out) {
      if (cases.empty()) return;
      out.push_back(score_cases("rungs", cases, [&](const PhraseCase& c) { return by_answer(model, c); }));
      for (const auto& variant : models) {
        const Model& m = *variant.second;
        out.push_back(score_cases(variant.first.c_str(), cases, [&](const PhraseCase& c) { return by_answer(m, c); }));
      }
      out.push_back(
          score_cases("rungs without synonyms", cases, [&](const PhraseCase& c) { return by_answer(no_synonyms, c); }));
      out.push_back(score_cases("BM25 baseline", cases, [&](const PhraseCase& c) {
        return std::make_pair(best_level(bm25_totals(searcher, c.phrase, c.ladder)), 0.0);
      }));
    };
    score_set(paraphrases, report.paraphrases);
    score_set(dev_paraphrases, report.dev_paraphrases);
  }

  report.titles.push_back(score_cases("rungs", titles, [&](const PhraseCase& c) { return by_answer(model, c); }));
  report.titles.push_back(score_cases("statements only (as a duty phrase)", titles,
                                      [&](const PhraseCase& c) { return by_statements(model, c); }));
  report.titles.push_back(score_cases("title-only baseline", titles, [&](const PhraseCase& c) {
    return std::make_pair(title_baseline(find_ladder(ladders, c.ladder), c.phrase), 0.0);
  }));

  for (const auto& v : variants) {
    MethodScore score{v.name, 0, 0, {}};
    std::map<std::pair<std::string, std::string>, MappingTable> tables;
    for (const auto& link : gold) {
      const auto key = std::make_pair(link.from_ladder, link.to_ladder);
      if (!tables.contains(key)) tables.emplace(key, v.model->map_ladders(link.from_ladder, link.to_ladder));
      const std::string from_level = resolve_level(find_ladder(ladders, link.from_ladder), link.from_level);
      std::string predicted;
      double confidence = 0;
      for (const auto& eq : tables.at(key).equivalences) {
        if (eq.from.level == from_level && !eq.to.empty()) predicted = eq.to.front().level, confidence = eq.confidence;
      }
      bool hit = false;
      for (const auto& a : link.acceptable)
        hit = hit || resolve_level(find_ladder(ladders, link.to_ladder), a) == predicted;
      record(score, link.from_ladder + "/" + from_level + " → " + link.to_ladder, predicted, hit, confidence);
    }
    report.mapping.push_back(std::move(score));
  }
  MethodScore bm25_map{"BM25 baseline", 0, 0, {}};
  MethodScore position_map{"position baseline", 0, 0, {}};
  for (const auto& link : gold) {
    const auto& from = find_ladder(ladders, link.from_ladder);
    const auto& to = find_ladder(ladders, link.to_ladder);
    const std::string from_level = resolve_level(from, link.from_level);
    std::map<std::string, double> totals;
    for (const auto& s : corpus::find_level(from, from_level)->statements) {
      if (s.kind != corpus::StatementKind::competency) continue;
      for (const auto& [level, score] : bm25_totals(searcher, s.text, to.id)) totals[level] += score;
    }
    auto is_acceptable = [&](const std::string& predicted) {
      return std::any_of(link.acceptable.begin(), link.acceptable.end(),
                         [&](const std::string& a) { return resolve_level(to, a) == predicted; });
    };
    const std::string case_id = link.from_ladder + "/" + from_level + " → " + link.to_ladder;
    const std::string by_bm25 = best_level(totals);
    record(bm25_map, case_id, by_bm25, is_acceptable(by_bm25));
    const std::string by_position = nearest_by_position(from, from_level, to);
    record(position_map, case_id, by_position, is_acceptable(by_position));
  }
  report.mapping.push_back(std::move(bm25_map));
  report.mapping.push_back(std::move(position_map));

  MethodScore loo{"rungs", 0, 0, {}};
  MethodScore loo_bm25{"BM25 baseline", 0, 0, {}};
  for (const auto& ladder : ladders) {
    if (ladder.levels.size() < 2) continue;
    // A statement that another level repeats word for word has no single
    // level to recover; such statements are left out.
    std::map<std::string, int> copies;
    for (const auto& level : ladder.levels) {
      std::set<std::string> texts;
      for (const auto& s : level.statements) texts.insert(corpus::fold_case(s.text));
      for (const auto& t : texts) copies[t] += 1;
    }
    for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
      const auto& level = ladder.levels[v];
      for (std::size_t s = 0; s < level.statements.size(); ++s) {
        const auto& statement = level.statements[s];
        if (statement.kind != corpus::StatementKind::competency || copies[corpus::fold_case(statement.text)] > 1)
          continue;
        const std::string case_id = ladder.id + "/" + level.id + "#" + std::to_string(s);
        const auto match = model.match_phrase_without(statement.text, ladder.id, v, s);
        const std::string predicted = match.levels.empty() ? "" : match.levels.front().level;
        record(loo, case_id, predicted, predicted == level.id, match.confidence);
        const std::string by_bm25 = best_level(bm25_totals(searcher, statement.text, ladder.id, &statement));
        record(loo_bm25, case_id, by_bm25, by_bm25 == level.id);
      }
    }
  }
  report.leave_one_out.push_back(std::move(loo));
  report.leave_one_out.push_back(std::move(loo_bm25));
  return report;
}

Calibration calibration(const std::vector<Outcome>& outcomes, int bins) {
  Calibration c;
  c.outcomes = static_cast<int>(outcomes.size());
  for (int b = 0; b < bins; ++b)
    c.bins.push_back({static_cast<double>(b) / bins, static_cast<double>(b + 1) / bins, 0, 0, 0});
  for (const auto& o : outcomes) {
    const int b = std::clamp(static_cast<int>(o.confidence * bins), 0, bins - 1);
    auto& bin = c.bins[static_cast<std::size_t>(b)];
    ++bin.count;
    bin.mean_confidence += o.confidence;
    bin.accuracy += o.hit ? 1 : 0;
  }
  for (auto& bin : c.bins) {
    if (bin.count == 0) continue;
    bin.mean_confidence /= bin.count;
    bin.accuracy /= bin.count;
    c.expected_error +=
        static_cast<double>(bin.count) / std::max(1, c.outcomes) * std::abs(bin.accuracy - bin.mean_confidence);
  }
  return c;
}

}  // namespace rungs::mapping
