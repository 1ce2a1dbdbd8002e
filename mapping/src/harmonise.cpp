#include "rungs/mapping/harmonise.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "rungs/corpus/error.h"

namespace rungs::mapping {
namespace {

using corpus::Ladder;
using corpus::StatementKind;

// Levels of `ladder` on `track` that have competency statements.
std::vector<std::string> levels_on(const Ladder& ladder, const std::string& track) {
  std::vector<std::string> ids;
  for (const auto& level : ladder.levels) {
    if (level.track == track && !level.missing && corpus::count(level, StatementKind::competency) > 0)
      ids.push_back(level.id);
  }
  return ids;
}

}  // namespace

Harmonisation harmonise(const Model& model, const std::vector<std::string>& ladder_ids,
                        const HarmoniseOptions& options) {
  if (ladder_ids.size() < 2) throw QueryError("harmonising needs at least two ladders");
  std::set<std::string> distinct(ladder_ids.begin(), ladder_ids.end());
  if (distinct.size() != ladder_ids.size()) throw QueryError("a ladder is named twice");
  if (!options.pivot.empty() && !distinct.contains(options.pivot)) {
    throw QueryError("the pivot '" + options.pivot + "' is not one of the ladders harmonised");
  }
  const auto map = [&](const std::string& from, const std::string& to) {
    return model.map_ladders(from, to, pins_for(options.crosswalks, from, to));
  };
  std::vector<const Ladder*> ladders;
  for (const auto& id : ladder_ids) ladders.push_back(&model.ladder(id));

  Harmonisation result;
  result.ladders = ladder_ids;
  std::set<std::string> tracks;
  for (const auto* l : ladders) {
    for (const auto& level : l->levels) tracks.insert(level.track);
  }
  // Individual contributors first: it is the track most ladders share.
  std::vector<std::string> ordered(tracks.begin(), tracks.end());
  std::stable_partition(ordered.begin(), ordered.end(), [](const std::string& t) { return t == "individual"; });

  for (const auto& track : ordered) {
    std::vector<const Ladder*> members;
    for (const auto* l : ladders) {
      if (!levels_on(*l, track).empty()) members.push_back(l);
    }
    if (members.empty()) continue;
    const Ladder* pivot = *std::max_element(members.begin(), members.end(), [&](const Ladder* x, const Ladder* y) {
      return levels_on(*x, track).size() < levels_on(*y, track).size();
    });
    for (const auto* l : members) {
      if (l->id == options.pivot) pivot = l;
    }
    result.pivots.push_back({track, pivot->id});
    const auto pivot_levels = levels_on(*pivot, track);
    const std::size_t first_band = result.bands.size();
    std::map<std::string, std::size_t> band_of_pivot_level;
    for (const auto& id : pivot_levels) {
      const auto* level = corpus::find_level(*pivot, id);
      Band band;
      band.number = static_cast<int>(result.bands.size() - first_band) + 1;
      band.track = track;
      band.members.push_back({pivot->id, {level->id, level->title, level->code}, 1.0, {}});
      band_of_pivot_level[id] = result.bands.size();
      result.bands.push_back(std::move(band));
    }
    // Where each level of each ladder landed: (ladder, level) → band index.
    std::map<std::pair<std::string, std::string>, std::size_t> placed;
    for (const auto& id : pivot_levels) placed[{pivot->id, id}] = band_of_pivot_level[id];
    for (const auto* other : members) {
      if (other == pivot) continue;
      const auto table = map(other->id, pivot->id);
      for (const auto& eq : table.equivalences) {
        const auto* level = corpus::find_level(*other, eq.from.level);
        if (level->track != track || corpus::count(*level, StatementKind::competency) == 0) continue;
        if (eq.to.empty()) {
          result.unplaced.push_back(eq.from);
          result.unplaced_ladders.push_back(other->id);
          continue;
        }
        const std::size_t b = band_of_pivot_level.at(eq.to.front().level);
        result.bands[b].members.push_back(
            {other->id, eq.from, eq.confidence, eq.evidence.empty() ? EvidencePair{} : eq.evidence.front()});
        placed[{other->id, eq.from.level}] = b;
      }
    }
    for (std::size_t b = first_band; b < result.bands.size(); ++b) {
      Band& band = result.bands[b];
      // The pivot's own level says nothing about how sure the band is.
      band.confidence = band.members.size() > 1 ? 1.0 : 0.0;
      for (std::size_t i = 1; i < band.members.size(); ++i)
        band.confidence = std::min(band.confidence, band.members[i].confidence);
      for (const auto* l : members) {
        std::vector<std::string> titles;
        for (const auto& m : band.members) {
          if (m.ladder == l->id) titles.push_back(m.level.title);
        }
        if (titles.empty()) {
          band.notes.push_back({BandNote::Kind::gap, l->id, {}, "", 0, ""});
        } else if (titles.size() > 1) {
          band.notes.push_back({BandNote::Kind::doubles, l->id, std::move(titles), "", 0, ""});
        }
      }
    }
    // Consistency: the direct mapping of two non-pivot ladders should agree
    // with the bands; where it does not, the band says why it differs.
    for (const auto* x : members) {
      for (const auto* y : members) {
        if (x == pivot || y == pivot || x == y || x->id > y->id) continue;
        const auto direct = map(x->id, y->id);
        for (const auto& eq : direct.equivalences) {
          if (eq.to.empty()) continue;
          auto from = placed.find({x->id, eq.from.level});
          auto to = placed.find({y->id, eq.to.front().level});
          if (from == placed.end() || to == placed.end() || from->second == to->second) continue;
          result.bands[from->second].notes.push_back({.kind = BandNote::Kind::direct_disagrees,
                                                      .ladder = x->id,
                                                      .titles = {eq.from.title, eq.to.front().title},
                                                      .other_ladder = y->id,
                                                      .other_band = result.bands[to->second].number,
                                                      .pivot = pivot->id});
        }
      }
    }
  }
  return result;
}

}  // namespace rungs::mapping
