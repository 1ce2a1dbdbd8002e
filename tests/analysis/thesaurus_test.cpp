// The word-boundary rule, reading words back from a Xapian document, the
// thesaurus and the WordNet reader.

#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/thesaurus.h"
#include "rungs/analysis/word.h"
#include "rungs/analysis/wordnet.h"
#include "rungs/analysis/xapian_terms.h"
#include "rungs/corpus/error.h"

using rungs::analysis::Thesaurus;
using rungs::analysis::WordNet;
using Words = std::vector<std::string>;

namespace {

bool contains(const Words& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

TEST_CASE("the word-boundary rule: ASCII letters, digits, '_' and every non-ASCII byte are word bytes") {
  struct Case {
    unsigned char byte;
    bool word;
  };
  static constexpr Case cases[] = {
      {'a', true},   {'z', true},  {'A', true},  {'Z', true},  {'0', true},  {'9', true},   {'_', true},   {0x80, true},
      {0xC3, true},  {0xA9, true}, {0xFF, true}, {' ', false}, {'-', false}, {'\'', false}, {':', false},  {'"', false},
      {'\t', false}, {'@', false}, {'`', false}, {'{', false}, {'/', false}, {0x00, false}, {0x7F, false},
  };
  for (const auto& c : cases) {
    const int byte = c.byte;
    CAPTURE(byte);
    CHECK(rungs::analysis::is_word_byte(c.byte) == c.word);
  }
  static_assert(rungs::analysis::is_word_byte('x'), "usable at compile time");
}

TEST_CASE("positioned_words reads back the unstemmed words in text order, without stems or boolean terms") {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(std::string(rungs::analysis::kStemmer)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(rungs::analysis::normalize("Mentors the mentors of six teams"));
  doc.add_boolean_term("XLADDERops-sre");
  CHECK(rungs::analysis::positioned_words(doc) == Words{"mentors", "the", "mentors", "of", "6", "teams"});
  // The same words as the analyzer reads from the text itself.
  CHECK(rungs::analysis::positioned_words(doc) ==
        rungs::analysis::Analyzer().words("Mentors the mentors of six teams"));
}

TEST_CASE("the thesaurus joins the words of a curated group, both ways round") {
  const Thesaurus thesaurus;
  static const char* const cases[][2] = {
      {"coach", "mentor"},
      {"mentor", "coach"},
      {"outage", "incident"},
      {"incident", "outage"},
      {"teammate", "colleague"},
      {"runbook", "documentation"},
      {"autonomously", "independently"},
  };
  for (const auto& c : cases) {
    const std::string word = c[0];
    CAPTURE(word);
    const auto synonyms = thesaurus.synonyms(word);
    CHECK(contains(synonyms, c[1]));
    CHECK_FALSE(contains(synonyms, word));
    // No duplicates.
    Words sorted = synonyms;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  }
}

TEST_CASE("WordNet gives the first sense's single-word lemmas, after its morphology") {
  const WordNet wordnet;
  // "teaching" is read as the verb "teach" (first sense: teach, learn,
  // instruct) and as the noun "teaching"; the word's own lemma is left out.
  const auto synonyms = wordnet.first_sense_synonyms("teaching");
  CHECK(contains(synonyms, "instruct"));
  CHECK(contains(synonyms, "learn"));
  CHECK_FALSE(contains(synonyms, "teach"));
  CHECK_FALSE(contains(synonyms, "teaching"));
  for (const auto& s : synonyms) CHECK(s.find('_') == std::string::npos);
  CHECK(wordnet.first_sense_synonyms("xqzzyv").empty());
}

TEST_CASE("a missing WordNet directory is an error that names the package") {
  try {
    const WordNet wordnet("/nonexistent/wordnet");
    FAIL("no error");
  } catch (const rungs::Error& e) {
    CHECK(std::string(e.what()).find("wordnet-base") != std::string::npos);
  }
}

namespace {
double weight_of(const std::vector<rungs::analysis::WeightedWord>& words, const std::string& word) {
  for (const auto& w : words) {
    if (w.word == word) return w.weight;
  }
  return 0;
}
}  // namespace

TEST_CASE("WordNet weighs every sense of a word by its tagged uses, and reads multiword expressions") {
  const WordNet wordnet;
  // "rookie" has one sense: its synonyms weigh as much as the word.
  const auto rookie = wordnet.sense_synonyms("rookie");
  CHECK(weight_of(rookie, "greenhorn") == doctest::Approx(1.0));
  // "run": a sense used more ("flee": scat, escape) weighs more than one used
  // less ("operate"), both below the top sense ("move fast", no synonym);
  // senses under a tenth of the top one are left out.
  const auto run = wordnet.sense_synonyms("run");
  CHECK(weight_of(run, "scat") > weight_of(run, "operate"));
  CHECK(weight_of(run, "operate") > 0.1);
  CHECK(weight_of(run, "scat") < 1.0);
  for (const auto& w : run) {
    CHECK(w.weight >= 0.1);
    CHECK(w.weight <= 1.0);
    CHECK(w.word != "run");
  }
  // A spaced expression, its head word inflected, is looked up whole.
  CHECK(weight_of(wordnet.linked_words("acts up"), "misbehave") > 0);
  CHECK(wordnet.sense_synonyms("xqzzyv qqq").empty());
}

TEST_CASE("WordNet's links and definitions say what a word means in other words") {
  const WordNet wordnet;
  // Derivations belong to the lemma asked about: "supervise" → "supervisor".
  const auto supervise = wordnet.linked_words("supervise");
  CHECK(weight_of(supervise, "supervisor") == doctest::Approx(0.5));
  // Adverbs are read too, through their pertainym.
  CHECK(weight_of(wordnet.linked_words("independently"), "independent") > 0);
  // Definitions: "rookie" is "an awkward and inexperienced youth".
  const auto gloss = wordnet.gloss_words("rookie");
  CHECK(weight_of(gloss, "inexperienced") == doctest::Approx(0.25));
  CHECK(weight_of(gloss, "rookie") == 0);
}

TEST_CASE("the bridge's sources switch on and off one by one") {
  const Thesaurus thesaurus;
  const rungs::analysis::BridgeSources none{.curated = false,
                                            .wordnet_senses = false,
                                            .wordnet_links = false,
                                            .wordnet_glosses = false,
                                            .office_thesaurus = false,
                                            .ladder_cooccurrence = false};
  CHECK(thesaurus.related("coach", none).empty());
  rungs::analysis::BridgeSources curated = none;
  curated.curated = true;
  CHECK(weight_of(thesaurus.related("coach", curated), "mentor") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("rookie", curated), "greenhorn") == 0);
  rungs::analysis::BridgeSources senses = none;
  senses.wordnet_senses = true;
  CHECK(weight_of(thesaurus.related("rookie", senses), "greenhorn") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("rookie", senses), "inexperienced") == 0);
  CHECK(weight_of(thesaurus.related("supervise", senses), "ride herd on") == 0);
  rungs::analysis::BridgeSources office = none;
  office.office_thesaurus = true;
  CHECK(weight_of(thesaurus.related("supervise", office), "ride herd on") == doctest::Approx(0.6));
  // A word reached by two sources keeps its best weight, once.
  const auto all = thesaurus.related("rookie", {true, true, true, true});
  CHECK(std::count_if(all.begin(), all.end(), [](const auto& w) { return w.word == "novice"; }) == 1);
  CHECK(weight_of(all, "novice") == doctest::Approx(0.5));
}
