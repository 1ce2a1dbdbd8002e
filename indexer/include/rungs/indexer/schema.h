#pragma once
// The single source of the index layout: term prefixes, value slots, the
// stemmer, the stopwords and the schema version. Indexing, querying and
// mapping all analyse text through `Analyzer`, so they can never disagree.
//
// One Xapian document per statement, set-aside boilerplate included (kind
// "boilerplate", which search leaves out unless asked for). Terms: stemmed positional text (STEM_SOME_FULL_POS), boolean
// filter terms per facet, and a unique id term `Q<ladder>/<level>/<n>`.
// The display record (JSON) is in slot `kSlotRecord`; the document data is
// empty. Index metadata: `rungs.schema`
// (the version below), `rungs.ladder.<id>` (the ladder, `store_ladder`'s JSON)
// and `rungs.fingerprint` (of the bundled corpus, for the default index).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rungs/corpus/ladder.h"

namespace rungs::indexer::schema {

/// Bumped whenever the layout below changes; a mismatched index is refused.
/// 3: ladders stored as JSON instead of YAML; slots `kSlotFacets` and
/// `kSlotRecord` (the record was the document data).
inline constexpr int kVersion = 3;

// Boolean filter term prefixes (omega conventions: user prefixes start with X).
inline constexpr std::string_view kPrefixFramework = "XFW";
inline constexpr std::string_view kPrefixLadder = "XLADDER";
inline constexpr std::string_view kPrefixLevel = "XLEVEL";
inline constexpr std::string_view kPrefixArea = "XAREA";
inline constexpr std::string_view kPrefixTrack = "XTRACK";
inline constexpr std::string_view kPrefixKind = "XKIND";
inline constexpr std::string_view kPrefixId = "Q";

// Value slots, one facet each (exact counts via ValueCountMatchSpy).
inline constexpr unsigned kSlotFramework = 0;
inline constexpr unsigned kSlotLadder = 1;
inline constexpr unsigned kSlotLevel = 2;  ///< "<ladder>/<level>", unique across ladders
inline constexpr unsigned kSlotRank = 3;   ///< sortable_serialise(level rank)
inline constexpr unsigned kSlotArea = 4;
inline constexpr unsigned kSlotTrack = 5;
inline constexpr unsigned kSlotKind = 6;
/// All six facet values of the statement, `pack_facets`: search counts every
/// facet from this one slot, one value read per match instead of six.
inline constexpr unsigned kSlotFacets = 7;
/// The display record (JSON). Not the document data: Glass deflates document
/// data one document at a time, and each zlib reset clears a 128 KB hash
/// table, which cost a fifth of the build's instructions; value slots are
/// stored as they are.
inline constexpr unsigned kSlotRecord = 8;

inline constexpr std::string_view kMetaSchema = "rungs.schema";
inline constexpr std::string_view kMetaLadderPrefix = "rungs.ladder.";
inline constexpr std::string_view kMetaFingerprint = "rungs.fingerprint";

/// The facet values of one statement, as search counts them.
struct FacetValues {
  std::string framework;
  std::string ladder;
  std::string level;  ///< "<ladder>/<level>", as in `kSlotLevel`
  std::string area;
  std::string track;
  std::string kind;

  bool operator==(const FacetValues&) const = default;
};

/// `values` as one string (each field length-prefixed, so any bytes survive).
[[nodiscard]] std::string pack_facets(const FacetValues& values);
/// Inverse of `pack_facets`; throws `IndexError` on a malformed value.
[[nodiscard]] FacetValues unpack_facets(std::string_view packed);

/// `ladder` as stored in `rungs.ladder.<id>`: compact JSON, which reads back
/// many times faster than the structured YAML of `rungs export`.
[[nodiscard]] std::string store_ladder(const corpus::Ladder& ladder);
/// Inverse of `store_ladder`; throws `IndexError` naming `key` when
/// `record` cannot be read.
[[nodiscard]] corpus::Ladder stored_ladder(std::string_view record, std::string_view key);

/// Snowball stemmer name used everywhere.
inline constexpr std::string_view kStemmer = "english";

/// Short list of function words left out of statement similarity and query
/// expansion. Deliberately small: "why", "how", "not" and "no" carry meaning
/// in ladders ("knows the why", "no regular need for review").
[[nodiscard]] const std::vector<std::string>& stopwords();

/// Filter term for a facet value, e.g. `filter_term(kPrefixLadder, "ops-sre")`.
/// Values are case-folded; ids over Xapian's term limit are hashed.
[[nodiscard]] std::string filter_term(std::string_view prefix, std::string_view value);

/// Unique id term of statement `n` (its 0-based position among the level's
/// statements, boilerplate included) of level `level` in ladder `ladder`:
/// `Q<ladder>/<level>/<n>`, hashed when over Xapian's term limit.
[[nodiscard]] std::string id_term(std::string_view ladder, std::string_view level, std::size_t n);

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

}  // namespace rungs::indexer::schema

namespace rungs::indexer {

/// Turns text into the stemmed terms the index holds (`Z`-less stems).
/// Applies the same normalisation as indexing: case folding, British→American
/// spelling variants, number words to digits, stopwords removed.
/// Copying is cheap; one instance per thread.
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

}  // namespace rungs::indexer
