#pragma once
// Proposing one band structure across N ladders (harmonising titles after a
// merger), and benchmarking two ladders against each other.
//
// Bands come from a centre-star alignment: per career track, the ladder
// chosen as pivot (after a merger, the acquirer's; by default the one with
// the most levels on the track) gives the bands, and every
// other ladder is aligned to it with `Model::map_ladders` (so the bands
// inherit its order-preserving proposals). Consistency is then checked pair
// by pair: where the direct mapping of two non-pivot ladders disagrees with
// the bands, the band says so.

#include <string>
#include <vector>

#include "rungs/mapping/crosswalk.h"
#include "rungs/mapping/mapping.h"

namespace rungs::mapping {

struct BandMember {
  std::string ladder;
  LevelRef level;
  double confidence = 0;  ///< of its alignment to the pivot level (1 for the pivot itself)
  EvidencePair evidence;  ///< the statement pair that best ties it to the pivot level
};

/// Something a band's reader should know, as data (the CLI words it).
struct BandNote {
  enum class Kind {
    gap,              ///< `ladder` has no level in the band
    doubles,          ///< `ladder` has several levels in the band: `titles`
    direct_disagrees  ///< mapped directly, `titles[0]` of `ladder` pairs with `titles[1]` of `other_ladder`, in band
                      ///< `other_band`
  };
  Kind kind = Kind::gap;
  std::string ladder;
  std::vector<std::string> titles;
  std::string other_ladder;
  int other_band = 0;
  std::string pivot;  ///< direct_disagrees: the ladder through which the two fall in different bands

  friend bool operator==(const BandNote&, const BandNote&) = default;
};

struct Band {
  int number = 0;  ///< 1-based, in order of seniority within the track
  std::string track;
  std::vector<BandMember> members;  ///< pivot first, then ladders in the order given
  double confidence = 0;            ///< the lowest confidence of the members beside the pivot (0 when alone)
  std::vector<BandNote> notes;      ///< gaps, doubles and disagreements with direct mappings
};

/// The ladder whose levels are the bands of one track.
struct Pivot {
  std::string track;
  std::string ladder;

  bool operator==(const Pivot&) const = default;
};

struct Harmonisation {
  std::vector<std::string> ladders;
  std::vector<Pivot> pivots;  ///< one per track, individual first
  std::vector<Band> bands;
  std::vector<LevelRef> unplaced;             ///< levels no band could take
  std::vector<std::string> unplaced_ladders;  ///< ladder of each `unplaced` entry
};

struct HarmoniseOptions {
  /// The pivot of every track it has levels on; "" picks, per track, the ladder with the most levels there.
  std::string pivot;
  /// Decisions taken on pairs of these ladders: pins of each ladder onto the pivot.
  std::vector<Crosswalk> crosswalks;
};

/// Bands across `ladder_ids` (at least two). Throws `QueryError` for an
/// unknown or repeated ladder id, or a pivot that is not among them.
[[nodiscard]] Harmonisation harmonise(const Model& model, const std::vector<std::string>& ladder_ids,
                                      const HarmoniseOptions& options = {});

/// How much of one theme a level asks for.
struct ThemeCoverage {
  std::string theme;
  std::vector<int> statements;  ///< per level of the ladder, statements touching the theme
  int first_level = -1;         ///< index of the first level asking for it, -1 when none
  /// Per level, the statements that put it under the theme: their words, or
  /// the area they sit in (a "Collaboration" column counts for collaboration).
  std::vector<std::vector<std::string>> evidence;
};

struct LadderProfile {
  std::string ladder;
  std::vector<LevelRef> levels;              ///< levels with statements, in order
  std::vector<int> statement_counts;         ///< competency statements per level
  std::vector<ThemeCoverage> themes;         ///< every theme, in the order of `themes()`
  std::vector<std::string> thin_levels;      ///< levels with under half the ladder's median statements
  std::vector<std::string> near_duplicates;  ///< "a ≈ b (0.87)": neighbours that say nearly the same
};

struct Comparison {
  LadderProfile a;
  LadderProfile b;
  std::vector<std::string> only_in_a;  ///< themes a covers and b does not
  std::vector<std::string> only_in_b;
  /// Where one ladder asks for a theme at a lower level than the other, in
  /// words ("mentoring: ops-sre from Senior SRE, octopus-support from …, which maps lower").
  std::vector<std::string> earlier;
  MappingTable mapping;  ///< a → b, which the comparison of levels relies on
};

/// The theme names `compare` uses, in display order.
[[nodiscard]] const std::vector<std::string>& themes();

/// Benchmarks ladder `a` against ladder `b`.
[[nodiscard]] Comparison compare(const Model& model, const std::string& a, const std::string& b);

}  // namespace rungs::mapping
