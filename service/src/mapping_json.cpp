// Mappings, bands and comparisons of ladders as JSON.
#include "rungs/service/json.h"
#include "rungs/service/words.h"

namespace rungs::service {
namespace {

nlohmann::json ref_json(const mapping::LevelRef& r) {
  return {{"level", r.level}, {"title", r.title}, {"code", r.code}};
}

nlohmann::json gain_json(const mapping::GainTerms& g) {
  return {{"content", g.content}, {"position", g.position}, {"seniority", g.seniority}, {"total", g.total}};
}

}  // namespace

nlohmann::json mapping_table_json(const mapping::MappingTable& t) {
  nlohmann::json rows = nlohmann::json::array(), cols = nlohmann::json::array(), eqs = nlohmann::json::array();
  for (const auto& r : t.from_levels) rows.push_back(ref_json(r));
  for (const auto& c : t.to_levels) cols.push_back(ref_json(c));
  for (const auto& e : t.equivalences) {
    nlohmann::json to = nlohmann::json::array(), evidence = nlohmann::json::array();
    for (const auto& r : e.to) to.push_back(ref_json(r));
    for (const auto& p : e.evidence) {
      evidence.push_back(
          {{"from_statement", p.from_statement}, {"to_statement", p.to_statement}, {"similarity", p.similarity}});
    }
    nlohmann::json row = {{"from", ref_json(e.from)},
                          {"to", to},
                          {"confidence", e.confidence},
                          {"evidence", evidence},
                          {"note", e.note},
                          {"pinned", e.pinned},
                          {"gain", gain_json(e.gain)},
                          {"decided_by", mapping::to_string(e.decided_by)},
                          {"explanation", decision_words(e)}};
    row["runner_up"] = e.runner_up
                           ? nlohmann::json{{"level", ref_json(*e.runner_up)}, {"gain", gain_json(e.runner_up_gain)}}
                           : nlohmann::json(nullptr);
    row["content_choice"] = e.content_choice ? ref_json(*e.content_choice) : nlohmann::json(nullptr);
    eqs.push_back(std::move(row));
  }
  return {{"from", t.from},
          {"to", t.to},
          {"rows", rows},
          {"columns", cols},
          {"matrix", t.matrix},
          {"equivalences", eqs},
          {"confidence_method", t.confidence_method}};
}

nlohmann::json cell_evidence_json(const mapping::CellEvidence& cell) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& p : cell.pairs) {
    pairs.push_back(
        {{"from_statement", p.from_statement}, {"to_statement", p.to_statement}, {"similarity", p.similarity}});
  }
  return {{"from", cell.from},
          {"to", cell.to},
          {"from_level", ref_json(cell.from_level)},
          {"to_level", ref_json(cell.to_level)},
          {"similarity", cell.similarity},
          {"pairs", pairs}};
}

namespace {

// Each note as data, with its words for people who read the JSON.
nlohmann::json notes_json(const std::vector<mapping::BandNote>& notes) {
  static constexpr const char* kKinds[] = {"gap", "doubles", "direct_disagrees"};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : notes) {
    nlohmann::json j = {{"kind", kKinds[static_cast<int>(n.kind)]}, {"ladder", n.ladder}, {"text", band_note_words(n)}};
    if (!n.titles.empty()) j["titles"] = n.titles;
    if (n.kind == mapping::BandNote::Kind::direct_disagrees) {
      j["other_ladder"] = n.other_ladder;
      j["other_band"] = n.other_band;
      j["pivot"] = n.pivot;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

nlohmann::json harmonisation_json(const mapping::Harmonisation& h) {
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& band : h.bands) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : band.members) {
      members.push_back({{"ladder", m.ladder},
                         {"level", m.level.level},
                         {"title", m.level.title},
                         {"code", m.level.code},
                         {"confidence", m.confidence},
                         {"evidence",
                          {{"from_statement", m.evidence.from_statement},
                           {"to_statement", m.evidence.to_statement},
                           {"similarity", m.evidence.similarity}}}});
    }
    bands.push_back({{"band", band.number},
                     {"name", band_name(band)},
                     {"track", band.track},
                     {"members", members},
                     {"confidence", band.confidence},
                     {"notes", notes_json(band.notes)}});
  }
  nlohmann::json unplaced = nlohmann::json::array();
  for (std::size_t i = 0; i < h.unplaced.size(); ++i) {
    unplaced.push_back(
        {{"ladder", h.unplaced_ladders[i]}, {"level", h.unplaced[i].level}, {"title", h.unplaced[i].title}});
  }
  nlohmann::json pivots = nlohmann::json::array();
  for (const auto& p : h.pivots) pivots.push_back({{"track", p.track}, {"ladder", p.ladder}});
  return {{"ladders", h.ladders}, {"pivots", pivots}, {"bands", bands}, {"unplaced", unplaced}};
}

namespace {

nlohmann::json profile_json(const mapping::LadderProfile& p) {
  nlohmann::json levels = nlohmann::json::array(), themes = nlohmann::json::array();
  for (std::size_t i = 0; i < p.levels.size(); ++i) {
    levels.push_back({{"level", p.levels[i].level},
                      {"title", p.levels[i].title},
                      {"code", p.levels[i].code},
                      {"statements", p.statement_counts[i]}});
  }
  for (const auto& t : p.themes) {
    nlohmann::json evidence = nlohmann::json::object();
    for (std::size_t i = 0; i < p.levels.size(); ++i) {
      if (!t.evidence[i].empty()) evidence[p.levels[i].level] = t.evidence[i];
    }
    themes.push_back(
        {{"theme", t.theme},
         {"statements", t.statements},
         {"first_level", t.first_level < 0 ? nlohmann::json(nullptr)
                                           : nlohmann::json(p.levels[static_cast<std::size_t>(t.first_level)].level)},
         {"evidence", evidence}});
  }
  return {{"ladder", p.ladder},
          {"levels", levels},
          {"themes", themes},
          {"thin_levels", p.thin_levels},
          {"near_duplicates", p.near_duplicates}};
}

}  // namespace

nlohmann::json comparison_json(const mapping::Comparison& c) {
  return {{"a", profile_json(c.a)},
          {"b", profile_json(c.b)},
          {"only_in_a", c.only_in_a},
          {"only_in_b", c.only_in_b},
          {"earlier", c.earlier}};
}

}  // namespace rungs::service
