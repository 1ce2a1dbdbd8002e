#pragma once
// The one text analyzer of rungs. Indexing, querying and mapping all analyse
// text through it (or, where they hand text to Xapian, through `normalize`
// and the same stemmer and stopwords), so they can never disagree on what a
// word is or which words match.
//
// The pipeline: `normalize` (case folding, British→American spelling,
// number words to digits; words cut by `is_word_byte`), then Xapian's
// TermGenerator as the tokeniser, then the `kStemmer` Snowball stemmer with
// `stopwords()` left out.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rungs::analysis {

/// Snowball stemmer name used everywhere.
inline constexpr std::string_view kStemmer = "english";

/// Short list of function words left out of statement similarity and query
/// expansion. Deliberately small: "why", "how", "not" and "no" carry meaning
/// in ladders ("knows the why", "no regular need for review").
[[nodiscard]] const std::vector<std::string>& stopwords();

/// The normalisation every text goes through before term generation, at
/// indexing and at query time alike: Unicode case folding, then each word
/// made only of ASCII letters goes through `normalize_word`. Everything
/// else (punctuation, spacing, other words) is kept as it is.
/// **Example**: `normalize("Prioritises six Behaviours")` → `"prioritizes 6 behaviors"`.
[[nodiscard]] std::string normalize(std::string_view text);

/// One lower-case ASCII word to its normalised spelling:
/// - number words "one" .. "twenty" become digits ("six" → "6");
/// - British spellings become American: a short list of -our words and
///   their derivatives ("behaviour(al)" → "behavior(al)", "favourite" →
///   "favorite"); -lyse → -lyze ("analysed" → "analyzed"); a few single
///   words ("practise" → "practice", "centre" → "center", "defence",
///   "offence", "licence", "judgement"); and -ise/-ised/-ises/-ising/
///   -iser(s)/-isation(s)/-isational → -ize... ("prioritising" →
///   "prioritizing", "organisation" → "organization") unless the word is not
///   a variant: the part before "ise" is under 4 letters ("raise", "noise"),
///   the -ise form ends in wise, vise, prise, raise, guise, oise, uise or
///   chise ("otherwise", "advise", "surprise", "franchise"), or it is one of
///   a short exception list ("exercise", "expertise", "promise", "precise"...).
/// Any other word is returned unchanged.
[[nodiscard]] std::string normalize_word(std::string_view word);

/// Turns text into the stemmed terms the index holds (`Z`-less stems).
/// Applies the same normalisation as indexing: case folding, British→American
/// spelling variants, number words to digits, stopwords removed.
/// Safe to share between threads (each call borrows its own Xapian tools).
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&);
  Analyzer& operator=(const Analyzer&);

  /// Stems of the words of `text`, in order, stopwords removed.
  /// **Example**: `stems("Mentors junior teammates")` → `{"mentor", "junior", "teammat"}`.
  [[nodiscard]] std::vector<std::string> stems(std::string_view text) const;

  /// The words of `text` after normalisation (folded, unstemmed), stopwords kept.
  [[nodiscard]] std::vector<std::string> words(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rungs::analysis
