// The statement space: every statement of every ladder as a weighted term
// vector, built once; similarities between items, levels and ladders; where
// a level sits by its words.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "model_internals.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::mapping {

auto Model::Impl::column_bias(std::size_t to) const -> std::vector<double> {
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = bias_cache.find(to); it != bias_cache.end()) return it->second;
  }
  const LadderSpace& target = spaces[to];
  std::vector<double> bias(ladders[to].levels.size(), 0);
  int references = 0;
  for (const auto& [l, w] : reference_levels) {
    if (l == to) continue;
    std::vector<std::vector<double>> rows;  // per item of the reference level: its cosine with each item of `to`
    for (auto i : spaces[l].level_items[w]) rows.push_back(similarities_to(spaces[l].items[i], to));
    for (std::size_t v = 0; v < bias.size(); ++v) {
      const auto& columns = target.level_items[v];
      bias[v] += level_similarity(l, w, to, v, [&](std::size_t n, std::size_t k) { return rows[n][columns[k]]; });
    }
    ++references;
  }
  if (references > 0) {
    for (auto& b : bias) b /= references;
  }
  std::lock_guard lock(cache_mutex);
  return bias_cache.emplace(to, std::move(bias)).first->second;
}

auto Model::Impl::seniority(const SeniorityReading& reading) const -> std::pair<double, double> {
  if (reading.cues <= 0) return {0.5, 0};
  const double estimate = std::clamp(seniority_intercept + seniority_slope * reading.mean(), 0.0, 1.0);
  return {estimate, reading.cues / (reading.cues + kCuePrior)};
}

auto Model::Impl::ladder_index(const std::string& id) const -> std::size_t {
  for (std::size_t i = 0; i < ladders.size(); ++i) {
    if (ladders[i].id == id) return i;
  }
  std::string known;
  for (const auto& l : ladders) known += (known.empty() ? "" : ", ") + l.id;
  throw NotFoundError("unknown ladder '" + id + "' (known: " + known + ")");
}

auto Model::Impl::ladder_indices(const std::vector<std::string>& ids) const -> std::vector<std::size_t> {
  std::vector<std::size_t> chosen;
  if (ids.empty()) {
    chosen.resize(ladders.size());
    std::iota(chosen.begin(), chosen.end(), 0);
  }
  for (const auto& id : ids) chosen.push_back(ladder_index(id));
  return chosen;
}

auto Model::Impl::item_similarities(std::size_t a, std::size_t b) const -> std::vector<double> {
  const TermPostings& pa = spaces[a].postings;
  const TermPostings& pb = spaces[b].postings;
  const std::size_t columns = spaces[b].items.size();
  std::vector<double> sims(spaces[a].items.size() * columns, 0.0);
  std::size_t i = 0, j = 0;
  while (i < pa.terms.size() && j < pb.terms.size()) {
    if (pa.terms[i] < pb.terms[j]) {
      ++i;
    } else if (pb.terms[j] < pa.terms[i]) {
      ++j;
    } else {
      for (auto x = pa.first[i]; x < pa.first[i + 1]; ++x) {
        const auto& from = pa.postings[x];
        double* row = &sims[from.item * columns];
        for (auto y = pb.first[j]; y < pb.first[j + 1]; ++y) {
          row[pb.postings[y].item] += static_cast<double>(from.weight) * pb.postings[y].weight;
        }
      }
      ++i;
      ++j;
    }
  }
  return sims;
}

auto Model::Impl::similarities_to(const Item& item, std::size_t b) const -> std::vector<double> {
  const TermPostings& pb = spaces[b].postings;
  std::vector<double> sims(spaces[b].items.size(), 0.0);
  for (const auto& [term, weight] : item.words) {
    const auto it = std::lower_bound(pb.terms.begin(), pb.terms.end(), term);
    if (it == pb.terms.end() || *it != term) continue;
    const auto t = static_cast<std::size_t>(it - pb.terms.begin());
    for (auto y = pb.first[t]; y < pb.first[t + 1]; ++y) {
      sims[pb.postings[y].item] += static_cast<double>(weight) * pb.postings[y].weight;
    }
  }
  return sims;
}

auto Model::Impl::phrase_similarity(const Item& query, const Item& item) -> double {
  double best = 0.5 * (dot(query.wide, item.raw) + dot(query.raw, item.wide));
  for (const auto& sentence : item.sentences) best = std::max(best, dot(query.wide, sentence));
  return best;
}

auto Model::Impl::level_seniority(std::size_t ladder, std::size_t level) const -> double {
  const double position = spaces[ladder].position[level];
  const double words = spaces[ladder].seniority[level];
  return std::isnan(position) ? words : 0.5 * (position + words);
}

void Model::Impl::build(const Model::BuildProgress& progress) {
  spaces.resize(ladders.size());
  const std::size_t steps = 2 * ladders.size();
  // Pass 1: terms and document frequencies (a text repeated within a ladder counts once).
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const Ladder& ladder = ladders[l];
    LadderSpace& space = spaces[l];
    space.level_items.resize(ladder.levels.size());
    std::unordered_map<std::string, std::set<std::size_t>> levels_of_text;
    std::vector<std::string> folded;  // per item: its text case-folded
    auto add = [&](std::size_t level, std::size_t statement, bool heading, const std::string& text,
                   const std::string& area) {
      Item item;
      item.level = level;
      item.statement = statement;
      item.heading = heading;
      item.text = text;
      item.area = area;
      const auto strings = terms_of(item.text);
      for (const auto& term : strings) item.terms.push_back(vocabulary.intern(term));
      item.word_count = static_cast<std::size_t>(  // word terms come first; pairs hold a space
          std::count_if(strings.begin(), strings.end(),
                        [](const std::string& t) { return t.find(' ') == std::string::npos; }));
      if (item.terms.empty()) return;
      std::string key = corpus::fold_case(item.text);
      if (levels_of_text[key].empty()) vocabulary.count_document(item.terms);
      levels_of_text[key].insert(item.level);
      space.level_items[item.level].push_back(space.items.size());
      space.items.push_back(std::move(item));
      folded.push_back(std::move(key));
    };
    for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
      const auto& statements = ladder.levels[v].statements;
      std::set<std::string> areas;
      for (std::size_t s = 0; s < statements.size(); ++s) {
        if (statements[s].kind == StatementKind::boilerplate) continue;
        // Area headings often say what a level is about ("I am a mentor of mentors").
        if (!statements[s].area.empty() && areas.insert(statements[s].area).second) {
          add(v, s, true, statements[s].area, statements[s].area);
        }
        add(v, s, false, statements[s].text, statements[s].area);
      }
    }
    for (std::size_t i = 0; i < space.items.size(); ++i) {
      Item& item = space.items[i];
      item.weight = 1.0 / static_cast<double>(levels_of_text[folded[i]].size());
      if (item.heading) {
        item.weight *= kHeadingWeight;
      } else if (ladder.levels[item.level].statements[item.statement].kind == StatementKind::summary) {
        item.weight *= kSummaryWeight;
      }
    }
    if (progress) progress(l + 1, steps);
  }
  if (options.use_synonyms && options.bridge.ladder_cooccurrence) {
    std::vector<std::vector<std::uint32_t>> texts;  // word terms of each distinct statement
    std::set<std::string_view> seen;
    for (const auto& space : spaces) {
      for (const auto& item : space.items) {
        if (item.heading || !seen.insert(item.text).second) continue;
        texts.emplace_back(item.terms.begin(), item.terms.begin() + static_cast<std::ptrdiff_t>(item.word_count));
      }
    }
    cooccurrence = CooccurrenceTable::build(texts, vocabulary.size());
  }
  // Pass 2: vectors, positions and what the words say about seniority.
  std::vector<std::pair<double, double>> fit;  // (lexicon reading, relative position)
  // The vectors and reading of a text depend on the text alone, and
  // cumulative ladders repeat statements and headings level after level:
  // each distinct text is analysed once (its first item, and its reading).
  std::unordered_map<std::string, std::pair<const Item*, SeniorityReading>> analysed;
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const Ladder& ladder = ladders[l];
    LadderSpace& space = spaces[l];
    std::vector<SeniorityReading> readings(ladder.levels.size());
    for (auto& item : space.items) {
      const std::string& text = item.text;
      if (auto seen = analysed.find(text); seen != analysed.end()) {
        const Item& same = *seen->second.first;
        item.raw = same.raw;
        item.wide = same.wide;
        item.words = same.words;
        item.sentences = same.sentences;
        readings[item.level].add(seen->second.second, item.weight);
        continue;
      }
      const auto words = analyzer.words(text);
      const auto extra = synonyms(words, Side::statement);
      const std::vector<std::uint32_t> word_terms(item.terms.begin(),
                                                  item.terms.begin() + static_cast<std::ptrdiff_t>(item.word_count));
      item.raw = vocabulary.weigh(item.terms);
      item.wide = vocabulary.weigh(item.terms, extra);
      item.words = vocabulary.weigh(word_terms);
      const auto sentences = split_sentences(text);
      if (sentences.size() > 1) {
        for (const auto& sentence : sentences) item.sentences.push_back(vocabulary.weigh(known_term_ids(sentence)));
      }
      const auto reading = lexicon.read(words);
      readings[item.level].add(reading, item.weight);
      analysed.emplace(text, std::make_pair(&item, reading));
    }
    space.postings = term_postings(space.items);
    space.position.assign(ladder.levels.size(), std::numeric_limits<double>::quiet_NaN());
    std::map<std::string, std::vector<std::size_t>> tracks;
    for (std::size_t v = 0; v < ladder.levels.size(); ++v) tracks[ladder.levels[v].track].push_back(v);
    for (const auto& [track, members] : tracks) {
      if (members.size() < 2) continue;
      for (std::size_t k = 0; k < members.size(); ++k) {
        space.position[members[k]] = static_cast<double>(k) / static_cast<double>(members.size() - 1);
      }
    }
    space.seniority.assign(ladder.levels.size(), 0.5);
    for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
      // A title word counts as much as all the statements' cues together.
      const auto title = lexicon.read_title(analyzer.words(ladder.levels[v].title));
      if (title.cues > 0 && readings[v].cues > 0) readings[v] = {title.mean() + readings[v].mean(), 2};
      space.seniority[v] = readings[v].mean();
      if (readings[v].cues > 0 && !std::isnan(space.position[v]) && ladder.levels[v].track == "individual") {
        fit.emplace_back(readings[v].mean(), space.position[v]);
      }
    }
    if (progress) progress(ladders.size() + l + 1, steps);
  }
  // Pass 3: calibrate the lexicon's scale on the ladders' own order.
  if (fit.size() >= 3) {
    double mx = 0, my = 0;
    for (auto [x, y] : fit) mx += x, my += y;
    mx /= static_cast<double>(fit.size());
    my /= static_cast<double>(fit.size());
    double sxy = 0, sxx = 0;
    for (auto [x, y] : fit) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
    if (sxx > 1e-12 && sxy > 0) {
      seniority_slope = sxy / sxx;
      seniority_intercept = my - seniority_slope * mx;
    }
  }
  for (auto& space : spaces) {
    for (auto& s : space.seniority) s = std::clamp(seniority_intercept + seniority_slope * s, 0.0, 1.0);
  }
  std::vector<std::pair<std::size_t, std::size_t>> levels;
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    for (std::size_t v = 0; v < ladders[l].levels.size(); ++v) {
      if (!spaces[l].level_items[v].empty()) levels.emplace_back(l, v);
    }
  }
  const std::size_t step = std::max<std::size_t>(1, (levels.size() + kReferenceLevels - 1) / kReferenceLevels);
  for (std::size_t i = 0; i < levels.size(); i += step) reference_levels.push_back(levels[i]);
}

}  // namespace rungs::mapping
