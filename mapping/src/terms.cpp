// Text to terms: stems, adjacent stem pairs, who does what (voice, negation),
// autonomy qualifiers, and the synonyms a phrase widens to.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
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

auto Model::Impl::terms_of(const std::string& text) const -> std::vector<std::string> {
  static const std::set<std::string> kBe = {"is", "are", "was", "were", "be", "been", "being", "gets", "get", "got"};
  static const std::set<std::string> kTowards = {"to", "from", "by", "with", "under"};
  static const std::set<std::string> kDeterminers = {"a",   "an", "the",  "their", "his",
                                                     "her", "my", "your", "our",   "its"};
  static const std::set<std::string> kRoles = {"mentor", "mentors", "manager",    "managers", "lead",     "leads",
                                               "senior", "seniors", "supervisor", "coach",    "tech lead"};
  static const std::set<std::string> kNegators = {"not",   "never", "no",     "without", "cannot", "can't", "doesn't",
                                                  "don't", "isn't", "aren't", "won't",   "didn't", "nor"};
  static const std::set<std::string> kNegationFillers = {"yet",   "always", "ever", "even", "really", "need",
                                                         "needs", "to",     "be",   "have", "has",    "get",
                                                         "a",     "an",     "the",  "any"};
  const auto words = analyzer.words(text);
  std::vector<std::string> stems;
  bool negated = false;   // "does not (yet) mentor": the next content word is denied
  bool after_be = false;  // a form of "be" came last, maybe with an adverb since
  int towards_role = 0;   // 2: "to", 1: "to their"; the next role word is addressed
  for (const auto& word : words) {
    if (kNegators.contains(word)) {
      negated = true;
      continue;
    }
    if (negated && kNegationFillers.contains(word)) continue;
    const bool participle = word.size() > 3 && (word.ends_with("ed") || word.ends_with("en"));
    const bool addressed = towards_role > 0 && kRoles.contains(word);
    const bool passive = (after_be && participle) || addressed;
    if (kBe.contains(word)) {
      after_be = true;
      towards_role = 0;
      continue;
    }
    if (kTowards.contains(word)) {
      towards_role = 2;
      after_be = false;
      continue;
    }
    if (towards_role == 2 && kDeterminers.contains(word)) {
      towards_role = 1;
      continue;
    }
    after_be = after_be && word.ends_with("ly") && !participle;  // "is regularly reviewed"
    towards_role = 0;
    const auto word_stems = analyzer.stems(word);
    for (const auto& stem : word_stems)
      stems.push_back(negated ? std::string(kDeniedPrefix) + stem : passive ? "passive:" + stem : stem);
    if (!word_stems.empty()) negated = false;
  }
  // Pairs of adjacent stems, then the autonomy the text states, if any.
  std::vector<std::string> terms = stems;
  for (std::size_t i = 0; i + 1 < stems.size(); ++i) terms.push_back(stems[i] + " " + stems[i + 1]);
  if (const auto autonomy = autonomy_term(words); !autonomy.empty())
    terms.insert(terms.begin() + static_cast<std::ptrdiff_t>(stems.size()), autonomy);
  return terms;
}

auto Model::Impl::autonomy_term(const std::vector<std::string>& words) -> std::string {
  static const std::vector<std::vector<std::string>> kGuided = {
      {"with", "help"},         {"needs", "help"},        {"need", "help"},      {"for", "help"},
      {"with", "guidance"},     {"under", "guidance"},    {"seeks", "guidance"}, {"with", "supervision"},
      {"under", "supervision"}, {"close", "supervision"}, {"with", "direction"}, {"the", "backing"},
      {"hand", "holding"},      {"handholding"}};
  static const std::vector<std::vector<std::string>> kIndependent = {
      {"on", "their", "own"}, {"on", "his", "own"},       {"on", "her", "own"},     {"on", "my", "own"},
      {"independently"},      {"without", "supervision"}, {"without", "help"},      {"without", "guidance"},
      {"autonomously"},       {"little", "oversight"},    {"minimal", "oversight"}, {"unsupervised"}};
  const auto says = [&](const std::vector<std::vector<std::string>>& cues) {
    return std::any_of(cues.begin(), cues.end(), [&](const auto& cue) {
      return std::search(words.begin(), words.end(), cue.begin(), cue.end()) != words.end();
    });
  };
  const bool guided = says(kGuided), independent = says(kIndependent);
  if (guided == independent) return {};  // neither, or both (a contrast): no reading
  return guided ? std::string(kGuidedTerm) : std::string(kIndependentTerm);
}

auto Model::Impl::known_term_ids(const std::string& text) const -> std::vector<std::uint32_t> {
  return known_term_ids(terms_of(text));
}

auto Model::Impl::known_term_ids(const std::vector<std::string>& terms) const -> std::vector<std::uint32_t> {
  std::vector<std::uint32_t> ids;
  for (const auto& term : terms) {
    if (auto id = vocabulary.find(term); id >= 0) ids.push_back(static_cast<std::uint32_t>(id));
  }
  return ids;
}

auto Model::Impl::synonyms(const std::vector<std::string>& words, Side side) const
    -> std::vector<std::pair<std::uint32_t, double>> {
  std::vector<std::pair<std::uint32_t, double>> extra;
  if (!options.use_synonyms) return extra;
  std::unordered_map<std::uint32_t, double> best;
  const auto widen = [&](const std::string& word) {
    for (const auto& [id, weight] : synonym_terms(word, side)) {
      double& w = best[id];
      w = std::max(w, kSynonymWeight * weight);
    }
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word.size() < 3 || stopwords.contains(word)) continue;
    widen(word);
    if (side == Side::statement) continue;  // the table comes from the statements: it would only echo them
    for (const auto& stem : analyzer.stems(word)) {
      const auto id = vocabulary.find(stem);
      if (id < 0) continue;
      for (const auto& [other, association] : cooccurrence.of(static_cast<std::uint32_t>(id))) {
        double& w = best[other];
        w = std::max(w, kSynonymWeight * kCooccurrenceShare * association);
      }
    }
  }
  // Multiword expressions: a pair the thesaurus knows as a unit ("act up", "on call").
  for (std::size_t i = 0; i + 1 < words.size(); ++i) widen(words[i] + " " + words[i + 1]);
  extra.assign(best.begin(), best.end());
  std::sort(extra.begin(), extra.end());  // the same words always give the same vector
  return extra;
}

auto Model::Impl::synonym_terms(const std::string& word, Side side) const -> const SparseVector& {
  auto& cache = side == Side::phrase ? synonym_cache : statement_synonym_cache;
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = cache.find(word); it != cache.end()) return it->second;
  }
  analysis::BridgeSources sources = options.bridge;
  if (side == Side::statement) sources.wordnet_glosses = false;
  std::map<std::uint32_t, float> ids;
  for (const auto& related : opened_thesaurus().related(word, sources)) {
    for (const auto& stem : analyzer.stems(related.word)) {
      if (auto id = vocabulary.find(stem); id >= 0) {
        float& w = ids[static_cast<std::uint32_t>(id)];
        w = std::max(w, static_cast<float>(related.weight));
      }
    }
  }
  SparseVector terms(ids.begin(), ids.end());
  std::lock_guard lock(cache_mutex);
  return cache.emplace(word, std::move(terms)).first->second;
}

auto Model::Impl::opened_thesaurus() const -> const analysis::Thesaurus& {
  std::call_once(thesaurus_opened, [this] {
    thesaurus.emplace(options.wordnet_dir.empty() ? analysis::WordNet::default_dir()
                                                  : std::filesystem::path(options.wordnet_dir));
  });
  return *thesaurus;
}

}  // namespace rungs::mapping
