#pragma once
// The index layout, and only that: term prefixes, value slots, metadata keys
// and the schema version. Text analysis (normalisation, stemmer, stopwords)
// is `rungs/analysis/analyzer.h`; the codecs of the stored records are
// `rungs/indexer/records.h`.
//
// One Xapian document per statement, set-aside boilerplate included (kind
// "boilerplate", which search leaves out unless asked for). Terms: stemmed positional text (STEM_SOME_FULL_POS),
// boolean filter terms per facet, and a unique id term `Q<ladder>/<level>/<n>`. The display record (JSON) is in slot
// `kSlotRecord`; the document data is empty. Index metadata: `rungs.schema` (the version below), `rungs.ladder.<id>`
// (the ladder, `store_ladder`'s JSON) and `rungs.fingerprint` (of the bundled corpus, for the default index).

#include <cstddef>
#include <string>
#include <string_view>

namespace rungs::indexer::schema {

/// Bumped whenever the layout below changes; a mismatched index is refused.
/// 3: ladders stored as JSON instead of YAML; slots `kSlotFacets` and
/// `kSlotRecord` (the record was the document data). 4: stopwords indexed
/// with their stems too, so that phrases holding one ("on-call") match.
inline constexpr int kVersion = 4;

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

/// Filter term for a facet value, e.g. `filter_term(kPrefixLadder, "ops-sre")`.
/// Values are case-folded; ids over Xapian's term limit are hashed.
[[nodiscard]] std::string filter_term(std::string_view prefix, std::string_view value);

/// Unique id term of statement `n` (its 0-based position among the level's
/// statements, boilerplate included) of level `level` in ladder `ladder`:
/// `Q<ladder>/<level>/<n>`, hashed when over Xapian's term limit.
[[nodiscard]] std::string id_term(std::string_view ladder, std::string_view level, std::size_t n);

}  // namespace rungs::indexer::schema
