// A phrase against the levels of one ladder: evidence per level, the denied
// words, the seniority the phrase reads, and the confidence of the choice.

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

LadderMatch Model::Impl::rank_levels(std::size_t l, const std::string& phrase, std::size_t evidence_per_level,
                                     std::optional<std::pair<std::size_t, std::size_t>> hidden) const {
  const Ladder& ladder = ladders[l];
  const LadderSpace& space = spaces[l];
  const auto phrase_terms = terms_of(phrase);  // read once: for matching, and for the words it denies
  const auto terms = known_term_ids(phrase_terms);
  Item query;
  query.raw = vocabulary.weigh(terms);
  const auto words = analyzer.words(phrase);
  // A word the phrase denies is not widened: "does not mentor" says nothing of coaching either.
  std::set<std::string> denied_stems;
  for (const auto& term : phrase_terms) {
    if (term.starts_with(kDeniedPrefix)) denied_stems.insert(term.substr(kDeniedPrefix.size()));
  }
  std::vector<std::string> affirmed = words;
  std::erase_if(affirmed, [&](const std::string& word) {
    const auto stems = analyzer.stems(word);
    return !stems.empty() && denied_stems.contains(stems.front());
  });
  query.wide = vocabulary.weigh(terms, synonyms(affirmed, Side::phrase));
  std::pair<double, double> phrase_seniority{0.5, 0};
  if (options.use_seniority) phrase_seniority = seniority(lexicon.read(words));
  // Words the phrase denies ("does not yet mentor"): a statement that affirms
  // one is contradicted, so it is no evidence, and its level is held back.
  std::vector<std::uint32_t> denied;
  for (const auto& term : phrase_terms) {
    if (!term.starts_with(kDeniedPrefix)) continue;
    if (auto id = vocabulary.find(term.substr(kDeniedPrefix.size())); id >= 0)
      denied.push_back(static_cast<std::uint32_t>(id));
  }
  const auto affirms_denied = [&](const Item& item) {  // `words` is what the model cache keeps of an item's terms
    return std::any_of(denied.begin(), denied.end(), [&](std::uint32_t id) {
      return std::any_of(item.words.begin(), item.words.end(), [id](const auto& entry) { return entry.first == id; });
    });
  };

  LadderMatch match;
  match.ladder = ladder.id;
  std::vector<double> scores;
  std::vector<bool> matched;    // some statement of the level shares a word with the phrase
  std::vector<double> closest;  // per level, the similarity of its closest statement
  for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
    const Level& level = ladder.levels[v];
    std::vector<std::pair<double, std::size_t>> ranked;  // (weighted similarity, item)
    bool contradicted = false;
    for (auto i : space.level_items[v]) {
      const Item& item = space.items[i];
      if (hidden && hidden->first == v && hidden->second == item.statement && !item.heading) continue;
      if (!denied.empty() && affirms_denied(item)) {
        contradicted = true;
        continue;
      }
      ranked.emplace_back(phrase_similarity(query, item) * item.weight, i);
    }
    if (ranked.empty() && contradicted)
      ranked.emplace_back(0.0, space.level_items[v].front());  // a level all contradicted stays a candidate
    if (ranked.empty()) continue;
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    double content = 0;
    for (std::size_t k = 0; k < std::size(kEvidenceDecay) && k < ranked.size(); ++k)
      content += kEvidenceDecay[k] * ranked[k].first;
    const double gap = phrase_seniority.first - level_seniority(l, v);
    const double score =
        content - kPhraseSeniority * phrase_seniority.second * gap * gap - (contradicted ? kContradicted : 0.0);
    LevelMatch lm{level.id, level.title, level.code, level.rank, score, {}};
    for (std::size_t k = 0; k < ranked.size() && lm.evidence.size() < evidence_per_level && ranked[k].first > 0; ++k) {
      const Item& item = space.items[ranked[k].second];
      if (!item.heading) lm.evidence.push_back({item.text, item.area, phrase_similarity(query, item)});
    }
    match.levels.push_back(std::move(lm));
    scores.push_back(score);
    matched.push_back(ranked.front().first > 0);
    closest.push_back(ranked.front().first);
  }
  std::vector<std::size_t> order(match.levels.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
  std::vector<LevelMatch> sorted;
  for (auto i : order) sorted.push_back(std::move(match.levels[i]));
  match.levels = std::move(sorted);
  // No shared word, no confidence, however the seniority signal ranks the levels.
  if (!order.empty() && matched[order.front()]) {
    match.confidence = softmax_share(scores, order.front(), kPhraseTemperature);
    // One level to choose from says nothing about the choice: how closely its
    // best statement matches the phrase stands in (a close match about 0.3).
    if (match.levels.size() == 1) {
      match.confidence = std::min(kOneLevelCap, closest.front() / kCloseMatch);
    }
  }
  return match;
}

}  // namespace rungs::mapping
