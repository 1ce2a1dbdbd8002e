#include <algorithm>
#include <cmath>
#include <limits>
#include <cstring>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/mapping/mapping.h"
#include "rungs/analysis/thesaurus.h"
#include "binary_io.h"
#include "seniority.h"
#include "title_placement.h"
#include "vector_space.h"

namespace rungs::mapping {
namespace {

using corpus::Ladder;
using corpus::Level;
using corpus::StatementKind;

// Weights of the model. Chosen once from first principles and kept general;
// `rungs eval` reports what each signal adds.
constexpr double kSynonymWeight = 0.5;      // a WordNet synonym counts half a word
constexpr double kSummaryWeight = 0.8;      // summaries describe a level less sharply than bullets
constexpr double kHeadingWeight = 0.5;      // an area heading, less than a statement under it
constexpr double kEvidenceDecay[] = {1.0, 0.5, 0.25};  // best, second, third statement of a level
constexpr double kPhraseSeniority = 0.6;    // weight of the seniority agreement for phrases
constexpr double kCuePrior = 2.0;           // cues needed before a reading counts half
constexpr double kSeniorityWeight = 8.0;    // (Δ seniority read from the words)² penalty when aligning
constexpr double kContentScale = 15.0;      // alignment gain per unit of content similarity above the row mean
constexpr double kPositionWeight = 4.0;     // (Δ relative position)² penalty when aligning ladders
// (Δ place on the industry scale)² penalty when both levels are placed by
// their titles or codes: one step apart costs about what a clear content
// contrast gains, two steps four times that. Chosen on the zoo ladders mapped
// onto ops-sre (scripts/zoo-map-eval.py: 4 → 67%, 12 → 89%, 20 → 98%, 30 → 99%)
// with the seed gold mapping held at 10/10; 20 leaves content a say.
constexpr double kAbsoluteWeight = 20.0;
// Share of kSeniorityWeight the statements' words keep when titles or codes
// place both levels: the words read scope from a few cue phrases and often
// disagree with a clear "Engineer I" or "L1". Chosen on the zoo ladders
// (1 → 97.6%, 0.5 → 98.8%, 0.25 → 100%); the layout ladders, not used for
// the choice, went from 77 to 83 of 83 (scripts/layouts-map-eval.py).
constexpr double kWordsBesideTitles = 0;
constexpr double kSkipGain = -3.0;          // gain of "no equivalent", in row z-score units
constexpr std::size_t kReferenceLevels = 200;  // levels a column bias is estimated from, at most
constexpr double kPhraseTemperature = 0.05; // softmax temperature of phrase confidence
constexpr double kCloseMatch = 0.3;         // cosine of a phrase and a statement that say the same
constexpr double kOneLevelCap = 0.9;        // a one-level ladder's confidence never reaches certainty
constexpr double kMapTemperature = 0.5;     // softmax temperature of mapping confidence
constexpr double kContradicted = 0.1;       // score a level loses for affirming what the phrase denies
constexpr std::string_view kDeniedPrefix = "not:";  // terms_of's mark of a denied word
constexpr std::string_view kGuidedTerm = "autonomy:guided";            // terms_of's "works with help"
constexpr std::string_view kIndependentTerm = "autonomy:independent";  // terms_of's "works on their own"

struct Item {
  std::size_t level = 0;
  std::size_t statement = 0;  // index in Level::statements (headings: of the first statement under them)
  bool heading = false;       // an area heading ("I am a mentor of mentors"), not a statement
  std::string text;
  std::string area;
  SparseVector raw;           // the statement's own words and word pairs
  SparseVector wide;          // plus the thesaurus' synonyms
  // Words alone, for comparing statements of two ladders: word pairs rarely
  // recur across vocabularies and would only dilute those comparisons.
  SparseVector words;
  std::vector<SparseVector> sentences;  // each sentence of a multi-sentence statement
  double weight = 1;          // shared among levels repeating it, lower for summaries
  std::vector<std::uint32_t> terms;  // word stems, then word pairs
  std::size_t word_count = 0;        // how many of `terms` are word stems
};

// Where each word term occurs in a ladder's items: comparing two ladders
// merges their term lists once (a sparse matrix product) instead of a dot
// product per pair of statements.
struct TermPostings {
  struct Posting {
    std::uint32_t item = 0;
    float weight = 0;
  };
  std::vector<std::uint32_t> terms;       // ascending
  std::vector<std::uint32_t> first;       // postings of terms[t]: [first[t], first[t + 1])
  std::vector<Posting> postings;
};

struct LadderSpace {
  std::vector<Item> items;
  TermPostings postings;                  // of the items' `words` vectors
  std::vector<std::vector<std::size_t>> level_items;  // per level: indices into items
  std::vector<double> position;   // relative position in its track, NaN when the track has one level
  std::vector<double> seniority;  // from the words alone, calibrated to the relative-position scale
};

TermPostings term_postings(const std::vector<Item>& items) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, float>> entries;  // (term, item, weight)
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    for (const auto& [term, weight] : items[i].words) entries.emplace_back(term, i, weight);
  }
  std::sort(entries.begin(), entries.end());
  TermPostings postings;
  for (const auto& [term, item, weight] : entries) {
    if (postings.terms.empty() || postings.terms.back() != term) {
      postings.terms.push_back(term);
      postings.first.push_back(static_cast<std::uint32_t>(postings.postings.size()));
    }
    postings.postings.push_back({item, weight});
  }
  postings.first.push_back(static_cast<std::uint32_t>(postings.postings.size()));
  return postings;
}

// What the model file holds of an item: not its text and area (those of
// its statement, restored on loading) nor the terms used while building.
template <typename Io, Is<Item> I>
void fields(Io& io, I& item) {
  io.field(item.level);
  io.field(item.statement);
  io.field(item.heading);
  io.field(item.raw);
  io.field(item.wide);
  io.field(item.words);
  io.field(item.sentences);
  io.field(item.weight);
}

template <typename Io, Is<LadderSpace> S>
void fields(Io& io, S& space) {
  io.field(space.items);
  io.field(space.level_items);
  io.field(space.position);
  io.field(space.seniority);
}

double softmax_share(const std::vector<double>& scores, std::size_t chosen, double temperature) {
  const double top = *std::max_element(scores.begin(), scores.end());
  double total = 0;
  for (double s : scores) total += std::exp((s - top) / temperature);
  return std::exp((scores[chosen] - top) / temperature) / total;
}

// Sentences of a statement ("Able to contribute to any project. Work happens
// completely autonomously."): matching them one by one keeps a long statement
// from diluting the sentence that matters.
std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == ';') && text[i + 1] == ' ') {
      sentences.push_back(text.substr(start, i - start));
      start = i + 2;
    }
  }
  sentences.push_back(text.substr(start));
  return sentences;
}

}  // namespace

struct Model::Impl {
  ModelOptions options;
  std::vector<Ladder> ladders;
  analysis::Analyzer analyzer;
  // Words too common to widen with synonyms.
  std::set<std::string> stopwords{analysis::stopwords().begin(), analysis::stopwords().end()};
  // Opened at the first word whose synonyms are not cached yet: a model read
  // back from a file has the corpus' words cached and seldom needs WordNet.
  mutable std::once_flag thesaurus_opened;
  mutable std::optional<analysis::Thesaurus> thesaurus;
  SeniorityLexicon lexicon;
  Vocabulary vocabulary;
  std::vector<LadderSpace> spaces;
  // Levels that `column_bias` compares against: all, or an evenly spaced
  // sample of kReferenceLevels when the corpus is larger.
  std::vector<std::pair<std::size_t, std::size_t>> reference_levels;
  mutable std::mutex cache_mutex;
  mutable std::unordered_map<std::string, std::vector<std::uint32_t>> synonym_cache;
  mutable std::unordered_map<std::size_t, std::vector<double>> bias_cache;
  // What each ladder's level titles say, read at the first title placed on it.
  mutable std::unordered_map<std::size_t, std::shared_ptr<const LadderTitles>> titles_cache;
  // Least-squares map from the lexicon's reading to the relative-position scale.
  double seniority_intercept = 0.0;
  double seniority_slope = 1.0;

  // Stems of `text`, then its adjacent stem pairs ("save day"). Who does
  // what is kept apart: a participle after a form of "be" ("work is
  // reviewed") and a mentor, manager or lead that the text addresses ("status
  // updates to their mentor") become "passive:" terms, which never match the
  // active verb or the role ("reviews their code", "mentors juniors"); the
  // content word a negation denies ("does not yet mentor") becomes a "not:"
  // term, which never matches the word affirmed.
  // Numbers stay: "six to ten engineers" is "6-10 people" (`rungs eval`:
  // leaving them out lost that dev phrase).
  std::vector<std::string> terms_of(const std::string& text) const {
    static const std::set<std::string> kBe = {"is", "are", "was", "were", "be", "been", "being", "gets", "get", "got"};
    static const std::set<std::string> kTowards = {"to", "from", "by", "with", "under"};
    static const std::set<std::string> kDeterminers = {"a", "an", "the", "their", "his", "her", "my", "your", "our", "its"};
    static const std::set<std::string> kRoles = {"mentor", "mentors", "manager", "managers", "lead", "leads", "senior",
                                                 "seniors", "supervisor", "coach", "tech lead"};
    static const std::set<std::string> kNegators = {"not", "never", "no", "without", "cannot", "can't", "doesn't", "don't",
                                                    "isn't", "aren't", "won't", "didn't", "nor"};
    static const std::set<std::string> kNegationFillers = {"yet", "always", "ever", "even", "really", "need", "needs",
                                                           "to", "be", "have", "has", "get", "a", "an", "the", "any"};
    const auto words = analyzer.words(text);
    std::vector<std::string> stems;
    bool negated = false;        // "does not (yet) mentor": the next content word is denied
    bool after_be = false;       // a form of "be" came last, maybe with an adverb since
    int towards_role = 0;        // 2: "to", 1: "to their"; the next role word is addressed
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
      for (const auto& stem : word_stems) stems.push_back(negated ? std::string(kDeniedPrefix) + stem : passive ? "passive:" + stem : stem);
      if (!word_stems.empty()) negated = false;
    }
    // Pairs of adjacent stems, then the autonomy the text states, if any.
    std::vector<std::string> terms = stems;
    for (std::size_t i = 0; i + 1 < stems.size(); ++i) terms.push_back(stems[i] + " " + stems[i + 1]);
    if (const auto autonomy = autonomy_term(words); !autonomy.empty()) terms.insert(terms.begin() + static_cast<std::ptrdiff_t>(stems.size()), autonomy);
    return terms;
  }
  // How much help the text says the work needs, as one term shared by its
  // wordings: "needs help", "with guidance" and "under supervision" all say
  // "guided"; "on their own", "independently" and "without supervision" all
  // say "independent". Their content words rarely match each other, so
  // without this a qualifier barely moves a phrase between neighbouring levels.
  static std::string autonomy_term(const std::vector<std::string>& words) {
    static const std::vector<std::vector<std::string>> kGuided = {
        {"with", "help"}, {"needs", "help"}, {"need", "help"}, {"for", "help"}, {"with", "guidance"},
        {"under", "guidance"}, {"seeks", "guidance"}, {"with", "supervision"}, {"under", "supervision"},
        {"close", "supervision"}, {"with", "direction"}, {"the", "backing"}, {"hand", "holding"}, {"handholding"}};
    static const std::vector<std::vector<std::string>> kIndependent = {
        {"on", "their", "own"}, {"on", "his", "own"}, {"on", "her", "own"}, {"on", "my", "own"}, {"independently"},
        {"without", "supervision"}, {"without", "help"}, {"without", "guidance"}, {"autonomously"},
        {"little", "oversight"}, {"minimal", "oversight"}, {"unsupervised"}};
    const auto says = [&](const std::vector<std::vector<std::string>>& cues) {
      return std::any_of(cues.begin(), cues.end(), [&](const auto& cue) {
        return std::search(words.begin(), words.end(), cue.begin(), cue.end()) != words.end();
      });
    };
    const bool guided = says(kGuided), independent = says(kIndependent);
    if (guided == independent) return {};  // neither, or both (a contrast): no reading
    return guided ? std::string(kGuidedTerm) : std::string(kIndependentTerm);
  }
  // The terms of `text` the vocabulary knows, as ids.
  std::vector<std::uint32_t> known_term_ids(const std::string& text) const {
    std::vector<std::uint32_t> ids;
    for (const auto& term : terms_of(text)) {
      if (auto id = vocabulary.find(term); id >= 0) ids.push_back(static_cast<std::uint32_t>(id));
    }
    return ids;
  }

  // Synonym terms of `words` (as `Analyzer::words` gives them), each at kSynonymWeight.
  std::vector<std::pair<std::uint32_t, double>> synonyms(const std::vector<std::string>& words) const {
    std::vector<std::pair<std::uint32_t, double>> extra;
    if (!options.use_synonyms) return extra;
    for (const auto& word : words) {
      if (word.size() < 3 || stopwords.contains(word)) continue;
      for (auto id : synonym_terms(word)) extra.emplace_back(id, kSynonymWeight);
    }
    return extra;
  }

  // The known term ids of `word`'s synonyms, looked up once per word: the
  // same words recur across statements, and the lookup dominates start-up.
  std::vector<std::uint32_t> synonym_terms(const std::string& word) const {
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = synonym_cache.find(word); it != synonym_cache.end()) return it->second;
    }
    std::call_once(thesaurus_opened, [this] {
      thesaurus.emplace(options.wordnet_dir.empty() ? analysis::WordNet::default_dir()
                                                    : std::filesystem::path(options.wordnet_dir));
    });
    std::vector<std::uint32_t> ids;
    for (const auto& synonym : thesaurus->synonyms(word)) {
      for (const auto& stem : analyzer.stems(synonym)) {
        if (auto id = vocabulary.find(stem); id >= 0) ids.push_back(static_cast<std::uint32_t>(id));
      }
    }
    std::lock_guard lock(cache_mutex);
    return synonym_cache.emplace(word, std::move(ids)).first->second;
  }

  // How similar each level of ladder `to` is to levels in general: the mean
  // similarity to the reference levels of the other ladders. Short, generic
  // levels look close to everything, and that closeness says nothing about
  // any one level mapped onto them. Computed once per ladder.
  std::vector<double> column_bias(std::size_t to) const {
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

  // Seniority of a text on the relative-position scale, and how sure (0..1).
  std::pair<double, double> seniority(const SeniorityReading& reading) const {
    if (reading.cues <= 0) return {0.5, 0};
    const double estimate = std::clamp(seniority_intercept + seniority_slope * reading.mean(), 0.0, 1.0);
    return {estimate, reading.cues / (reading.cues + kCuePrior)};
  }

  std::size_t ladder_index(const std::string& id) const {
    for (std::size_t i = 0; i < ladders.size(); ++i) {
      if (ladders[i].id == id) return i;
    }
    std::string known;
    for (const auto& l : ladders) known += (known.empty() ? "" : ", ") + l.id;
    throw QueryError("unknown ladder '" + id + "' (known: " + known + ")");
  }

  // The indices of `ids`, or of every ladder when `ids` is empty.
  std::vector<std::size_t> ladder_indices(const std::vector<std::string>& ids) const {
    std::vector<std::size_t> chosen;
    if (ids.empty()) {
      chosen.resize(ladders.size());
      std::iota(chosen.begin(), chosen.end(), 0);
    }
    for (const auto& id : ids) chosen.push_back(ladder_index(id));
    return chosen;
  }

  // Cosine of every item of ladder `a` with every item of ladder `b`, row
  // major. Synonyms are left out here: with a level's worth of statements on
  // both sides the words themselves carry the match, and expanding both sides
  // blurs every level into every other (`rungs eval`: 10 of 10 gold links
  // without, 8 with). Each cell sums its terms in ascending order, exactly as
  // `dot` of the two `words` vectors would.
  std::vector<double> item_similarities(std::size_t a, std::size_t b) const {
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

  // Cosine of `item` with every item of ladder `b`, summed term by term as in `item_similarities`.
  std::vector<double> similarities_to(const Item& item, std::size_t b) const {
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

  // A phrase against a statement (word pairs count): the whole statement or its best sentence.
  static double phrase_similarity(const Item& query, const Item& item) {
    double best = 0.5 * (dot(query.wide, item.raw) + dot(query.raw, item.wide));
    for (const auto& sentence : item.sentences) best = std::max(best, dot(query.wide, sentence));
    return best;
  }

  // Where a level sits: its relative position blended with what its words
  // say; the words alone for a ladder of one level.
  double level_seniority(std::size_t ladder, std::size_t level) const {
    const double position = spaces[ladder].position[level];
    const double words = spaces[ladder].seniority[level];
    return std::isnan(position) ? words : 0.5 * (position + words);
  }

  // Each level's place for aligning ladders: its seniority on the industry
  // scale, junior 0 .. principal 1 (management: manager 0 .. chief 1), where
  // the titles or codes of its track say; its relative position otherwise.
  struct Placement {
    double position = std::numeric_limits<double>::quiet_NaN();
    bool absolute = false;  // read from titles or codes, not from the level's rank alone
  };
  std::vector<Placement> absolute_positions(std::size_t l) const {
    const auto titles = ladder_titles(l);
    std::vector<Placement> out(spaces[l].position.size());
    for (std::size_t v = 0; v < out.size(); ++v) {
      out[v].position = spaces[l].position[v];
      if (titles->source[v] == SenioritySource::statements || std::isnan(titles->seniority[v])) continue;
      const bool management = ladders[l].levels[v].track == "management";
      const double low = management ? 4.0 : corpus::seniority::kJunior;
      const double high = management ? 8.0 : corpus::seniority::kPrincipal;
      out[v] = {(titles->seniority[v] - low) / (high - low), true};
    }
    return out;
  }

  // The level titles of ladder `l`, read once.
  std::shared_ptr<const LadderTitles> ladder_titles(std::size_t l) const {
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = titles_cache.find(l); it != titles_cache.end()) return it->second;
    }
    std::vector<double> statement_seniority(ladders[l].levels.size());
    for (std::size_t v = 0; v < statement_seniority.size(); ++v) statement_seniority[v] = level_seniority(l, v);
    auto titles = std::make_shared<const LadderTitles>(read_ladder_titles(ladders[l], statement_seniority));
    std::lock_guard lock(cache_mutex);
    return titles_cache.emplace(l, std::move(titles)).first->second;
  }

  // Content similarity of two levels: F1 of the weighted mean best match in
  // each direction. `sim(k, n)` is the cosine of the k-th item of `level_a`
  // and the n-th item of `level_b`.
  template <class Similarity>
  double level_similarity(std::size_t ladder_a, std::size_t level_a, std::size_t ladder_b, std::size_t level_b,
                          const Similarity& sim) const {
    const LadderSpace& sa = spaces[ladder_a];
    const LadderSpace& sb = spaces[ladder_b];
    const auto& ia = sa.level_items[level_a];
    const auto& ib = sb.level_items[level_b];
    if (ia.empty() || ib.empty()) return 0;
    std::vector<double> best_b(ib.size(), 0);
    double recall = 0, recall_mass = 0;
    for (std::size_t n = 0; n < ia.size(); ++n) {
      double best = 0;
      for (std::size_t k = 0; k < ib.size(); ++k) {
        const double s = sim(n, k);
        best = std::max(best, s);
        best_b[k] = std::max(best_b[k], s);
      }
      recall += sa.items[ia[n]].weight * best;
      recall_mass += sa.items[ia[n]].weight;
    }
    double precision = 0, precision_mass = 0;
    for (std::size_t k = 0; k < ib.size(); ++k) {
      precision += sb.items[ib[k]].weight * best_b[k];
      precision_mass += sb.items[ib[k]].weight;
    }
    recall /= recall_mass;
    precision /= precision_mass;
    return recall + precision > 0 ? 2 * recall * precision / (recall + precision) : 0;
  }

  void build();
  // What the model file holds after the key and options, in file order;
  // `Io` is a `BinaryWriter` (with a const `m`) or a `BinaryReader`.
  template <typename Io, Is<Impl> Self>
  static void persisted(Io& io, Self& m) {
    io.field(m.ladders);
    if constexpr (std::is_const_v<Self>) {
      m.vocabulary.write(io);
    } else {
      m.vocabulary.read(io);
    }
    io.field(m.spaces);
    io.field(m.reference_levels);
    io.field(m.seniority_intercept);
    io.field(m.seniority_slope);
  }
  // Checks what a model file gave against the ladders, and restores what it
  // leaves out (item texts); throws `rungs::Error` when they disagree.
  void check_loaded();
  LadderMatch rank_levels(std::size_t ladder, const std::string& phrase, std::size_t evidence_per_level,
                          std::optional<std::pair<std::size_t, std::size_t>> hidden) const;
};

void Model::Impl::build() {
  spaces.resize(ladders.size());
  // Pass 1: terms and document frequencies (a text repeated within a ladder counts once).
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const Ladder& ladder = ladders[l];
    LadderSpace& space = spaces[l];
    space.level_items.resize(ladder.levels.size());
    std::unordered_map<std::string, std::set<std::size_t>> levels_of_text;
    std::vector<std::string> folded;  // per item: its text case-folded
    auto add = [&](std::size_t level, std::size_t statement, bool heading, const std::string& text, const std::string& area) {
      Item item;
      item.level = level;
      item.statement = statement;
      item.heading = heading;
      item.text = text;
      item.area = area;
      const auto strings = terms_of(item.text);
      for (const auto& term : strings) item.terms.push_back(vocabulary.intern(term));
      item.word_count = static_cast<std::size_t>(  // word terms come first; pairs hold a space
          std::count_if(strings.begin(), strings.end(), [](const std::string& t) { return t.find(' ') == std::string::npos; }));
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
      const auto extra = synonyms(words);
      const std::vector<std::uint32_t> word_terms(item.terms.begin(), item.terms.begin() + static_cast<std::ptrdiff_t>(item.word_count));
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

LadderMatch Model::Impl::rank_levels(std::size_t l, const std::string& phrase, std::size_t evidence_per_level,
                                     std::optional<std::pair<std::size_t, std::size_t>> hidden) const {
  const Ladder& ladder = ladders[l];
  const LadderSpace& space = spaces[l];
  const auto terms = known_term_ids(phrase);
  Item query;
  query.raw = vocabulary.weigh(terms);
  const auto words = analyzer.words(phrase);
  query.wide = vocabulary.weigh(terms, synonyms(words));
  std::pair<double, double> phrase_seniority{0.5, 0};
  if (options.use_seniority) phrase_seniority = seniority(lexicon.read(words));
  // Words the phrase denies ("does not yet mentor"): a statement that affirms
  // one is contradicted, so it is no evidence, and its level is held back.
  std::vector<std::uint32_t> denied;
  for (const auto& term : terms_of(phrase)) {
    if (!term.starts_with(kDeniedPrefix)) continue;
    if (auto id = vocabulary.find(term.substr(kDeniedPrefix.size())); id >= 0) denied.push_back(static_cast<std::uint32_t>(id));
  }
  const auto affirms_denied = [&](const Item& item) {  // `words` is what the model cache keeps of an item's terms
    return std::any_of(denied.begin(), denied.end(), [&](std::uint32_t id) {
      return std::any_of(item.words.begin(), item.words.end(), [id](const auto& entry) { return entry.first == id; });
    });
  };

  LadderMatch match;
  match.ladder = ladder.id;
  std::vector<double> scores;
  std::vector<bool> matched;  // some statement of the level shares a word with the phrase
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
    if (ranked.empty() && contradicted) ranked.emplace_back(0.0, space.level_items[v].front());  // a level all contradicted stays a candidate
    if (ranked.empty()) continue;
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    double content = 0;
    for (std::size_t k = 0; k < std::size(kEvidenceDecay) && k < ranked.size(); ++k) content += kEvidenceDecay[k] * ranked[k].first;
    const double gap = phrase_seniority.first - level_seniority(l, v);
    const double score = content - kPhraseSeniority * phrase_seniority.second * gap * gap - (contradicted ? kContradicted : 0.0);
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

Model::Model(std::vector<corpus::Ladder> ladders, ModelOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->ladders = std::move(ladders);
  impl_->build();
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

const std::vector<corpus::Ladder>& Model::ladders() const { return impl_->ladders; }

const corpus::Ladder& Model::ladder(const std::string& id) const { return impl_->ladders[impl_->ladder_index(id)]; }

PhraseMatch Model::match_phrase(const std::string& phrase, const std::vector<std::string>& ladder_ids,
                                std::size_t evidence_per_level) const {
  if (impl_->analyzer.stems(phrase).empty()) throw QueryError("the phrase has no words to match: '" + phrase + "'");
  PhraseMatch result;
  result.query = phrase;
  const auto chosen = impl_->ladder_indices(ladder_ids);
  for (auto l : chosen) result.ladders.push_back(impl_->rank_levels(l, phrase, evidence_per_level, std::nullopt));
  return result;
}

std::vector<TitlePlacement> Model::place_title(const std::string& title, const std::vector<std::string>& ladder_ids) const {
  const auto chosen = impl_->ladder_indices(ladder_ids);
  const auto reading = corpus::read_title(title);
  std::vector<TitlePlacement> placements;
  for (auto l : chosen) placements.push_back(place_title_on(impl_->ladders[l], *impl_->ladder_titles(l), title, reading));
  return placements;
}

LadderMatch Model::match_phrase_without(const std::string& phrase, const std::string& ladder_id,
                                        std::size_t hidden_level, std::size_t hidden_statement) const {
  return impl_->rank_levels(impl_->ladder_index(ladder_id), phrase, 0, std::make_pair(hidden_level, hidden_statement));
}

const char* to_string(Decider decider) {
  switch (decider) {
    case Decider::content: return "content";
    case Decider::position: return "position";
    case Decider::seniority: return "seniority";
    case Decider::pin: return "pin";
    case Decider::none: return "none";
  }
  return "none";
}

namespace {

// The index in `ids` of the level of `ladder` that `name` names (id or title,
// case aside), or throws naming the ladder's levels.
std::size_t pinned_index(const Ladder& ladder, const std::vector<std::size_t>& ids, const std::string& name) {
  const std::string key = corpus::fold_case(name);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const Level& level = ladder.levels[ids[k]];
    if (level.id == name || corpus::fold_case(level.title) == key || (!level.code.empty() && corpus::fold_case(level.code) == key)) {
      return k;
    }
  }
  std::string known;
  for (auto v : ids) known += (known.empty() ? "" : ", ") + ladder.levels[v].id;
  throw QueryError("pin: '" + name + "' is no level of " + ladder.id + " that can be mapped (levels: " + known + ")");
}

}  // namespace

MappingTable Model::map_ladders(const std::string& from_id, const std::string& to_id, const std::vector<Pin>& pins) const {
  const Impl& m = *impl_;
  const std::size_t from = m.ladder_index(from_id);
  const std::size_t to = m.ladder_index(to_id);
  const Ladder& a = m.ladders[from];
  const Ladder& b = m.ladders[to];
  const LadderSpace& sa = m.spaces[from];
  const LadderSpace& sb = m.spaces[to];

  MappingTable table;
  table.from = a.id;
  table.to = b.id;
  std::vector<std::size_t> rows, cols;
  for (std::size_t v = 0; v < a.levels.size(); ++v) {
    if (!a.levels[v].missing) rows.push_back(v);
  }
  for (std::size_t v = 0; v < b.levels.size(); ++v) {
    if (!sb.level_items[v].empty()) cols.push_back(v);
  }
  auto ref = [](const Level& level) { return LevelRef{level.id, level.title, level.code}; };
  for (auto v : rows) table.from_levels.push_back(ref(a.levels[v]));
  for (auto v : cols) table.to_levels.push_back(ref(b.levels[v]));

  const std::vector<double> sims = m.item_similarities(from, to);
  const auto similarity = [&](std::size_t i, std::size_t j) { return sims[i * sb.items.size() + j]; };
  table.matrix.assign(rows.size(), std::vector<double>(cols.size(), 0));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& ia = sa.level_items[rows[r]];
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto& ib = sb.level_items[cols[c]];
      table.matrix[r][c] = m.level_similarity(from, rows[r], to, cols[c], [&](std::size_t n, std::size_t k) { return similarity(ia[n], ib[k]); });
    }
  }
  const std::vector<double> column_bias = m.column_bias(to);
  // Where each level sits: on the industry scale where its titles or codes
  // say (so that a ladder starting at its second step, or of two levels,
  // lands where it belongs), else by its relative position in its ladder.
  const auto positions_a = m.absolute_positions(from);
  const auto positions_b = m.absolute_positions(to);

  // Gains: content similarity above the row's mean (which TO level is
  // relatively closest), minus the disagreement of relative positions and of
  // the seniority the words read; levels of another track, or without
  // statements, cannot be matched.
  constexpr double kForbidden = -std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> gains(rows.size(), std::vector<double>(cols.size(), kForbidden));
  std::vector<std::vector<GainTerms>> terms(rows.size(), std::vector<GainTerms>(cols.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Level& level = a.levels[rows[r]];
    if (sa.level_items[rows[r]].empty()) continue;
    std::vector<std::size_t> allowed;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (b.levels[cols[c]].track == level.track) allowed.push_back(c);
    }
    if (allowed.empty()) continue;
    double mean = 0;
    std::vector<double> contrast(cols.size(), 0);
    for (auto c : allowed) contrast[c] = table.matrix[r][c] - column_bias[cols[c]];
    for (auto c : allowed) mean += contrast[c];
    mean /= static_cast<double>(allowed.size());
    for (auto c : allowed) {
      GainTerms& t = terms[r][c];
      t.content = kContentScale * (contrast[c] - mean);
      const double from_position = positions_a[rows[r]].position, to_position = positions_b[cols[c]].position;
      const bool positioned = m.options.use_position && !std::isnan(from_position) && !std::isnan(to_position);
      const bool absolute = positions_a[rows[r]].absolute && positions_b[cols[c]].absolute;
      if (positioned) {
        t.position = -(absolute ? kAbsoluteWeight : kPositionWeight) * (from_position - to_position) * (from_position - to_position);
      }
      if (m.options.use_seniority) {
        // Without positions to compare, the words stand in for them.
        const double gap = sa.seniority[rows[r]] - sb.seniority[cols[c]];
        const double weight = !positioned ? kSeniorityWeight + kPositionWeight : absolute ? kWordsBesideTitles * kSeniorityWeight : kSeniorityWeight;
        t.seniority = -weight * gap * gap;
      }
      t.total = t.content + t.position + t.seniority;
      gains[r][c] = t.total;
    }
  }
  // What decided each row: its gain split into terms, the runner-up among
  // the levels the order leaves open, and, where the statements alone
  // favour another level, which term moved the row off it.
  const auto explain = [&](Equivalence& eq, std::size_t r, std::size_t c, int low, int high) {
    eq.gain = terms[r][c];
    std::optional<std::size_t> runner, by_content;
    for (int k = low; k <= high; ++k) {
      const auto j = static_cast<std::size_t>(k);
      if (gains[r][j] == kForbidden) continue;
      if (j != c && (!runner || gains[r][j] > gains[r][*runner])) runner = j;
      if (!by_content || terms[r][j].content > terms[r][*by_content].content) by_content = j;
    }
    if (runner) {
      eq.runner_up = ref(b.levels[cols[*runner]]);
      eq.runner_up_gain = terms[r][*runner];
    }
    if (eq.pinned) {
      eq.decided_by = Decider::pin;
    } else if (!by_content || *by_content == c) {
      eq.decided_by = Decider::content;
    } else {
      eq.content_choice = ref(b.levels[cols[*by_content]]);
      const GainTerms& other = terms[r][*by_content];
      const double position = eq.gain.position - other.position, seniority = eq.gain.seniority - other.seniority;
      eq.decided_by = position >= seniority ? Decider::position : Decider::seniority;
    }
  };
  // Pins: a pinned row keeps its pinned column (or none) whatever the
  // gains; the alignment then runs around it, which keeps the order.
  std::vector<int> pinned_to(rows.size(), -2);  // -2: not pinned, -1: pinned to no equivalent
  for (const auto& pin : pins) {
    const std::size_t r = pinned_index(a, rows, pin.from);
    if (pinned_to[r] != -2) throw QueryError("pin: " + a.levels[rows[r]].id + " is pinned twice");
    pinned_to[r] = pin.to.empty() ? -1 : static_cast<int>(pinned_index(b, cols, pin.to));
  }
  int last_pinned = -1;
  std::size_t last_row = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] < 0) continue;
    if (pinned_to[r] < last_pinned) {
      throw QueryError(fmt::format("pins cross: {} → {} comes after {} → {} in {} but before it in {}", a.levels[rows[r]].id,
                                   b.levels[cols[static_cast<std::size_t>(pinned_to[r])]].id, a.levels[rows[last_row]].id,
                                   b.levels[cols[static_cast<std::size_t>(last_pinned)]].id, a.id, b.id));
    }
    last_pinned = pinned_to[r];
    last_row = r;
  }
  std::vector<std::vector<double>> aligned_gains = gains;
  constexpr double kPinnedGain = 1e6;  // outweighs any sum of proposals' gains
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] == -2) continue;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      aligned_gains[r][c] = static_cast<int>(c) == pinned_to[r] ? kPinnedGain : kForbidden;
    }
  }
  std::vector<int> aligned = align_monotone(aligned_gains, kSkipGain);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] == -1) aligned[r] = -1;
  }

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Level& level = a.levels[rows[r]];
    Equivalence eq;
    eq.from = ref(level);
    eq.pinned = pinned_to[r] != -2;
    const int c = aligned[r];
    if (c < 0) {
      if (eq.pinned) {
        eq.note = "pinned: no equivalent in " + b.id;
      } else if (sa.level_items[rows[r]].empty()) {
        eq.note = "no statements to compare";
      } else if (std::all_of(gains[r].begin(), gains[r].end(), [](double g) { return g == kForbidden; })) {
        eq.note = fmt::format("{} has no level on the {} track", b.id, level.track);
      } else {
        eq.note = "no level of " + b.id + " is close enough";
      }
      table.equivalences.push_back(std::move(eq));
      continue;
    }
    eq.to.push_back(ref(b.levels[cols[static_cast<std::size_t>(c)]]));
    // Confidence: softmax share of the chosen level among the levels the
    // order of the neighbouring rows leaves open.
    int low = 0, high = static_cast<int>(cols.size()) - 1;
    for (std::size_t p = r; p-- > 0;) {
      if (aligned[p] >= 0) { low = aligned[p]; break; }
    }
    for (std::size_t n = r + 1; n < rows.size(); ++n) {
      if (aligned[n] >= 0) { high = aligned[n]; break; }
    }
    std::vector<double> open;
    std::size_t chosen = 0;
    for (int k = low; k <= high; ++k) {
      if (gains[r][static_cast<std::size_t>(k)] == kForbidden) continue;
      if (k == c) chosen = open.size();
      open.push_back(gains[r][static_cast<std::size_t>(k)]);
    }
    eq.confidence = eq.pinned ? 1.0 : softmax_share(open, chosen, kMapTemperature);
    if (eq.pinned) eq.note = "pinned";
    explain(eq, r, static_cast<std::size_t>(c), low, high);
    // Evidence: the statement pairs that carry the match, best first, each statement once.
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (auto i : sa.level_items[rows[r]]) {
      for (auto j : sb.level_items[cols[static_cast<std::size_t>(c)]]) {
        // Pairs sharing no word can never be evidence: leaving them out keeps the sort short.
        if (const double score = similarity(i, j) * sa.items[i].weight * sb.items[j].weight; score > 0) pairs.emplace_back(score, i, j);
      }
    }
    std::sort(pairs.begin(), pairs.end(), std::greater<>());
    std::set<std::size_t> used_a, used_b;
    for (const auto& [score, i, j] : pairs) {
      if (eq.evidence.size() == 3 || score <= 0) break;
      if (used_a.contains(i) || used_b.contains(j) || sa.items[i].heading || sb.items[j].heading) continue;
      used_a.insert(i);
      used_b.insert(j);
      eq.evidence.push_back({sa.items[i].text, sb.items[j].text, similarity(i, j)});
    }
    table.equivalences.push_back(std::move(eq));
  }
  table.confidence_method = fmt::format(
      "softmax (temperature {}) of the alignment gain of the chosen level against the other levels the order "
      "allows; gain = {} x (similarity - the TO level's mean similarity to other ladders, centred on the row) "
      "- {} x (difference of relative position)^2 - {} x (difference of seniority read from the words)^2",
      kMapTemperature, kContentScale, kPositionWeight, kSeniorityWeight);
  return table;
}

template <typename Io, Is<ModelOptions> O>
void fields(Io& io, O& options) {
  io.field(options.use_synonyms);
  io.field(options.use_seniority);
  io.field(options.use_position);
  io.field(options.wordnet_dir);
}

namespace {

// The model file: a fixed header (magic, format version, payload size,
// checksum of the payload), then the payload: the caller's key, the options,
// then what `Model::Impl::build` computed.
constexpr char kFileMagic[8] = {'R', 'U', 'N', 'G', 'S', 'M', 'D', 'L'};
constexpr std::uint32_t kFileVersion = 1;  // bump whenever what the file holds changes
constexpr std::size_t kHeaderSize = sizeof kFileMagic + sizeof(std::uint32_t) + 2 * sizeof(std::uint64_t);

[[noreturn]] void corrupt(const char* what) { throw Error(std::string("the model file is corrupt (") + what + ")"); }

}  // namespace

void Model::Impl::check_loaded() {
  if (spaces.size() != ladders.size()) corrupt("ladder count");
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const auto& levels = ladders[l].levels;
    LadderSpace& space = spaces[l];
    if (space.level_items.size() != levels.size() || space.position.size() != levels.size() ||
        space.seniority.size() != levels.size()) {
      corrupt("level count");
    }
    for (const auto& level : levels) {
      for (const auto& statement : level.statements) {
        if (statement.kind > StatementKind::boilerplate || statement.kind < StatementKind::competency) corrupt("statement kind");
      }
    }
    for (auto& item : space.items) {
      if (item.level >= levels.size() || item.statement >= levels[item.level].statements.size()) corrupt("statement");
      const auto& statement = levels[item.level].statements[item.statement];
      item.text = item.heading ? statement.area : statement.text;
      item.area = statement.area;
    }
    for (const auto& items : space.level_items) {
      for (auto i : items) {
        if (i >= space.items.size()) corrupt("item");
      }
    }
    space.postings = term_postings(space.items);  // derived from the items: rebuilt, not stored
  }
  for (const auto& [l, v] : reference_levels) {
    if (l >= ladders.size() || v >= ladders[l].levels.size()) corrupt("reference level");
  }
}

std::string Model::serialize(const std::string& key) const {
  const Impl& m = *impl_;
  BinaryWriter payload;
  payload.field(key);
  payload.field(m.options);
  Impl::persisted(payload, m);
  {
    // Sorted, so that the same model always gives the same file.
    std::lock_guard lock(m.cache_mutex);
    std::vector<std::pair<std::string, std::vector<std::uint32_t>>> synonyms(m.synonym_cache.begin(),
                                                                             m.synonym_cache.end());
    std::sort(synonyms.begin(), synonyms.end());
    payload.field(synonyms);
  }
  BinaryWriter file;
  for (char c : kFileMagic) file.field(c);
  file.field(kFileVersion);
  file.field(static_cast<std::uint64_t>(payload.bytes().size()));
  file.field(checksum(payload.bytes()));
  return file.bytes() + payload.bytes();
}

std::optional<Model> Model::deserialize(std::string_view bytes, const std::string& key, const ModelOptions& options) {
  if (bytes.size() < kHeaderSize) throw Error("the model file is truncated");
  if (std::memcmp(bytes.data(), kFileMagic, sizeof kFileMagic) != 0) throw Error("not a rungs model file");
  BinaryReader header(bytes.substr(sizeof kFileMagic, kHeaderSize - sizeof kFileMagic));
  if (header.get<std::uint32_t>() != kFileVersion) return std::nullopt;
  const auto size = header.get<std::uint64_t>();
  const auto sum = header.get<std::uint64_t>();
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (payload.size() < size) throw Error("the model file is truncated");
  if (payload.size() > size) corrupt("trailing bytes");

  BinaryReader in(payload);
  auto impl = std::make_unique<Impl>();
  // Key and options first: a stale file is common and costs no checksum.
  if (in.get<std::string>() != key) return std::nullopt;
  in.field(impl->options);
  if (!(impl->options == options)) return std::nullopt;
  if (checksum(payload) != sum) corrupt("checksum");
  Impl::persisted(in, *impl);
  auto synonyms = in.get<std::vector<std::pair<std::string, std::vector<std::uint32_t>>>>();
  impl->synonym_cache.insert(std::make_move_iterator(synonyms.begin()), std::make_move_iterator(synonyms.end()));
  if (!in.at_end()) corrupt("trailing bytes");
  impl->check_loaded();
  return Model(std::move(impl));
}

}  // namespace rungs::mapping
