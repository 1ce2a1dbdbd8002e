#pragma once
// The index layout, and only that: term prefixes, value slots, metadata keys
// and the schema version. Text analysis (normalisation, stemmer, stopwords)
// is `rungs/analysis/analyzer.h`; the codecs of the stored records are
// `rungs/indexer/records.h`.
//
// One Xapian document per statement, set-aside boilerplate included (kind
// "boilerplate", which search leaves out unless asked for). Terms: stemmed positional text (STEM_SOME_FULL_POS),
// boolean filter terms per facet, and a unique id term `Q<ladder>/<level>/<n>`. The packed facet values are in slot
// `kSlotFacets`, the display record (JSON) in slot `kSlotRecord`; the document data is empty. Beside Xapian's tables,
// the facet column file. Index metadata: `rungs.schema` (the version below), `rungs.ladder.<id>`
// (the ladder, `store_ladder`'s JSON) and `rungs.fingerprint` (of the bundled corpus, for the default index).

#include <cstddef>
#include <string>
#include <string_view>

namespace rungs::indexer::schema {

/// Bumped whenever the layout below changes; a mismatched index is refused.
/// 3: ladders stored as JSON instead of YAML; slots `kSlotFacets` and
/// `kSlotRecord` (the record was the document data). 4: stopwords indexed
/// with their stems too, so that phrases holding one ("on-call") match.
/// 5: the facet column file; the one-facet value slots 0-6, which nothing
/// read, dropped (the packed facets and the record are slots 0 and 1).
inline constexpr int kVersion = 5;

// Boolean filter term prefixes (omega conventions: user prefixes start with X).
inline constexpr std::string_view kPrefixFramework = "XFW";
inline constexpr std::string_view kPrefixLadder = "XLADDER";
inline constexpr std::string_view kPrefixLevel = "XLEVEL";
inline constexpr std::string_view kPrefixArea = "XAREA";
inline constexpr std::string_view kPrefixTrack = "XTRACK";
inline constexpr std::string_view kPrefixKind = "XKIND";
inline constexpr std::string_view kPrefixId = "Q";

/// All six facet values of the statement, `pack_facets`: what search counts
/// facets from when the facet column (below) is missing or stale.
inline constexpr unsigned kSlotFacets = 0;
/// The display record (JSON). Not the document data: Glass deflates document
/// data one document at a time, and each zlib reset clears a 128 KB hash
/// table, which cost a fifth of the build's instructions; value slots are
/// stored as they are.
inline constexpr unsigned kSlotRecord = 1;

/// The facet column (`rungs/indexer/facet_column.h`): a file of ours inside
/// the index directory, beside Xapian's tables.
inline constexpr std::string_view kFacetColumnFile = "rungs-facets";

inline constexpr std::string_view kMetaSchema = "rungs.schema";
inline constexpr std::string_view kMetaLadderPrefix = "rungs.ladder.";
inline constexpr std::string_view kMetaFingerprint = "rungs.fingerprint";
/// A count of the commits that wrote the index, one more at each: what
/// names a revision where Xapian's own revision is out of reach (remote shards).
inline constexpr std::string_view kMetaCommit = "rungs.commit";
/// `rungs.synonym.<term>`: the synonyms writers met for a stemmed term
/// (`store_synonyms`), for readers of remote shards, which get no synonym table.
inline constexpr std::string_view kMetaSynonymPrefix = "rungs.synonym.";

/// Filter term for a facet value, e.g. `filter_term(kPrefixLadder, "ops-sre")`.
/// Values are case-folded; ids over Xapian's term limit are hashed.
[[nodiscard]] std::string filter_term(std::string_view prefix, std::string_view value);

/// Unique id term of statement `n` (its 0-based position among the level's
/// statements, boilerplate included) of level `level` in ladder `ladder`:
/// `Q<ladder>/<level>/<n>`, hashed when over Xapian's term limit.
[[nodiscard]] std::string id_term(std::string_view ladder, std::string_view level, std::size_t n);

}  // namespace rungs::indexer::schema
