#pragma once
// What the files of the mapping model share: its weights, the statement
// space types and `Model::Impl` (state, and the methods each file defines).

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "binary_io.h"
#include "cooccurrence.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/thesaurus.h"
#include "rungs/mapping/mapping.h"
#include "seniority.h"
#include "title_placement.h"
#include "vector_space.h"

namespace rungs::mapping {

using corpus::Ladder;
using corpus::Level;
using corpus::StatementKind;

// Weights of the model. Chosen once from first principles and kept general;
// `rungs eval` reports what each signal adds.
// A related word counts this share of the word itself (times its relatedness
// in the thesaurus). Chosen on the dev sets (`rungs eval`: 0.3, 0.5, 0.7, 1.0
// → paraphrases 42, 48, 49, 48 of 115; phrases 23, 23, 24, 24 of 24).
constexpr double kSynonymWeight = 0.7;
// A word that keeps company with a phrase word in the index's statements
// counts this share of a related word, times their association (with the zoo
// ladders indexed: 0.5 → 51, 1.0 → 49 dev paraphrases of 115).
constexpr double kCooccurrenceShare = 0.5;
constexpr double kSummaryWeight = 0.8;                 // summaries describe a level less sharply than bullets
constexpr double kHeadingWeight = 0.5;                 // an area heading, less than a statement under it
constexpr double kEvidenceDecay[] = {1.0, 0.5, 0.25};  // best, second, third statement of a level
constexpr double kPhraseSeniority = 0.6;               // weight of the seniority agreement for phrases
constexpr double kCuePrior = 2.0;                      // cues needed before a reading counts half
constexpr double kSeniorityWeight = 8.0;               // (Δ seniority read from the words)² penalty when aligning
constexpr double kContentScale = 15.0;   // alignment gain per unit of content similarity above the row mean
constexpr double kPositionWeight = 4.0;  // (Δ relative position)² penalty when aligning ladders
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
constexpr double kSkipGain = -3.0;                           // gain of "no equivalent", in row z-score units
constexpr std::size_t kReferenceLevels = 200;                // levels a column bias is estimated from, at most
constexpr double kPhraseTemperature = 0.05;                  // softmax temperature of phrase confidence
constexpr double kCloseMatch = 0.3;                          // cosine of a phrase and a statement that say the same
constexpr double kOneLevelCap = 0.9;                         // a one-level ladder's confidence never reaches certainty
constexpr double kMapTemperature = 0.5;                      // softmax temperature of mapping confidence
constexpr double kContradicted = 0.1;                        // score a level loses for affirming what the phrase denies
constexpr std::string_view kDeniedPrefix = "not:";           // terms_of's mark of a denied word
constexpr std::string_view kGuidedTerm = "autonomy:guided";  // terms_of's "works with help"
constexpr std::string_view kIndependentTerm = "autonomy:independent";  // terms_of's "works on their own"

struct Item {
  std::size_t level = 0;
  std::size_t statement = 0;  // index in Level::statements (headings: of the first statement under them)
  bool heading = false;       // an area heading ("I am a mentor of mentors"), not a statement
  std::string text;
  std::string area;
  SparseVector raw;   // the statement's own words and word pairs
  SparseVector wide;  // plus the thesaurus' synonyms
  // Words alone, for comparing statements of two ladders: word pairs rarely
  // recur across vocabularies and would only dilute those comparisons.
  SparseVector words;
  std::vector<SparseVector> sentences;  // each sentence of a multi-sentence statement
  double weight = 1;                    // shared among levels repeating it, lower for summaries
  std::vector<std::uint32_t> terms;     // word stems, then word pairs
  std::size_t word_count = 0;           // how many of `terms` are word stems
};

// Where each word term occurs in a ladder's items: comparing two ladders
// merges their term lists once (a sparse matrix product) instead of a dot
// product per pair of statements.
struct TermPostings {
  struct Posting {
    std::uint32_t item = 0;
    float weight = 0;
  };
  std::vector<std::uint32_t> terms;  // ascending
  std::vector<std::uint32_t> first;  // postings of terms[t]: [first[t], first[t + 1])
  std::vector<Posting> postings;
};

struct LadderSpace {
  std::vector<Item> items;
  TermPostings postings;                              // of the items' `words` vectors
  std::vector<std::vector<std::size_t>> level_items;  // per level: indices into items
  std::vector<double> position;   // relative position in its track, NaN when the track has one level
  std::vector<double> seniority;  // from the words alone, calibrated to the relative-position scale
};

inline TermPostings term_postings(const std::vector<Item>& items) {
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

inline double softmax_share(const std::vector<double>& scores, std::size_t chosen, double temperature) {
  const double top = *std::max_element(scores.begin(), scores.end());
  double total = 0;
  for (double s : scores) total += std::exp((s - top) / temperature);
  return std::exp((scores[chosen] - top) / temperature) / total;
}

// Sentences of a statement ("Able to contribute to any project. Work happens
// completely autonomously."): matching them one by one keeps a long statement
// from diluting the sentence that matters.
inline std::vector<std::string> split_sentences(const std::string& text) {
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

struct Model::Impl {
  ModelOptions options;
  std::vector<Ladder> ladders;
  analysis::Analyzer analyzer;
  // Words too common to widen with synonyms.
  std::set<std::string> stopwords{analysis::stopwords().begin(), analysis::stopwords().end()};
  // Opened at the first word whose related words are not cached yet: a model
  // read back from a file keeps the phrase words seen so far (WordNet is
  // memory-mapped, so opening it costs little).
  mutable std::once_flag thesaurus_opened;
  mutable std::optional<analysis::Thesaurus> thesaurus;
  SeniorityLexicon lexicon;
  Vocabulary vocabulary;
  CooccurrenceTable cooccurrence;  // empty unless options.bridge.ladder_cooccurrence
  std::vector<LadderSpace> spaces;
  // Levels that `column_bias` compares against: all, or an evenly spaced
  // sample of kReferenceLevels when the corpus is larger.
  std::vector<std::pair<std::size_t, std::size_t>> reference_levels;
  mutable std::mutex cache_mutex;
  mutable std::unordered_map<std::string, SparseVector>
      synonym_cache;  ///< phrase word → (term id, weight); kept in the model file
  mutable std::unordered_map<std::string, SparseVector>
      statement_synonym_cache;  ///< the same for statements, while building
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
  std::vector<std::string> terms_of(const std::string& text) const;
  // How much help the text says the work needs, as one term shared by its
  // wordings: "needs help", "with guidance" and "under supervision" all say
  // "guided"; "on their own", "independently" and "without supervision" all
  // say "independent". Their content words rarely match each other, so
  // without this a qualifier barely moves a phrase between neighbouring levels.
  static std::string autonomy_term(const std::vector<std::string>& words);
  // The terms of `text` the vocabulary knows, as ids.
  std::vector<std::uint32_t> known_term_ids(const std::string& text) const;
  // The ids of those of `terms` (as `terms_of` gives them) the vocabulary knows.
  std::vector<std::uint32_t> known_term_ids(const std::vector<std::string>& terms) const;

  // Which text is widened: a phrase draws on every source of the bridge; a
  // statement leaves out the definitions' words, whose everyday words
  // ("others", "time") would otherwise make every statement match them.
  enum class Side { phrase, statement };

  // Related terms of `words` (as `Analyzer::words` gives them) and of their
  // adjacent pairs ("acts up", "on call"), each at kSynonymWeight times its
  // relatedness; a term reached twice keeps its best weight.
  std::vector<std::pair<std::uint32_t, double>> synonyms(const std::vector<std::string>& words, Side side) const;

  // The known term ids related to `word` (a word or a spaced pair), with
  // their relatedness, looked up once per word and side: the same words
  // recur across statements, and the lookup dominates start-up.
  const SparseVector& synonym_terms(const std::string& word, Side side) const;

  // The thesaurus, opened at first use.
  const analysis::Thesaurus& opened_thesaurus() const;

  // How similar each level of ladder `to` is to levels in general: the mean
  // similarity to the reference levels of the other ladders. Short, generic
  // levels look close to everything, and that closeness says nothing about
  // any one level mapped onto them. Computed once per ladder.
  std::vector<double> column_bias(std::size_t to) const;

  // Seniority of a text on the relative-position scale, and how sure (0..1).
  std::pair<double, double> seniority(const SeniorityReading& reading) const;

  std::size_t ladder_index(const std::string& id) const;

  // The indices of `ids`, or of every ladder when `ids` is empty.
  std::vector<std::size_t> ladder_indices(const std::vector<std::string>& ids) const;

  // Cosine of every item of ladder `a` with every item of ladder `b`, row
  // major. Synonyms are left out here: with a level's worth of statements on
  // both sides the words themselves carry the match, and expanding both sides
  // blurs every level into every other (`rungs eval`: 10 of 10 gold links
  // without, 8 with). Each cell sums its terms in ascending order, exactly as
  // `dot` of the two `words` vectors would.
  std::vector<double> item_similarities(std::size_t a, std::size_t b) const;

  // Cosine of `item` with every item of ladder `b`, summed term by term as in `item_similarities`.
  std::vector<double> similarities_to(const Item& item, std::size_t b) const;

  // A phrase against a statement (word pairs count): the whole statement or its best sentence.
  static double phrase_similarity(const Item& query, const Item& item);

  // Where a level sits: its relative position blended with what its words
  // say; the words alone for a ladder of one level.
  double level_seniority(std::size_t ladder, std::size_t level) const;

  // Each level's place for aligning ladders: its seniority on the industry
  // scale, junior 0 .. principal 1 (management: manager 0 .. chief 1), where
  // the titles or codes of its track say; its relative position otherwise.
  struct Placement {
    double position = std::numeric_limits<double>::quiet_NaN();
    bool absolute = false;  // read from titles or codes, not from the level's rank alone
  };
  std::vector<Placement> absolute_positions(std::size_t l) const;

  // The level titles of ladder `l`, read once.
  std::shared_ptr<const LadderTitles> ladder_titles(std::size_t l) const;

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

  void build(const Model::BuildProgress& progress);
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
    io.field(m.cooccurrence);
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

}  // namespace rungs::mapping
