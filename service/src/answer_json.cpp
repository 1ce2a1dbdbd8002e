// Which level matches a phrase or a title, as JSON.
#include "rungs/service/json.h"

namespace rungs::service {

nlohmann::json evidence_json(const std::vector<mapping::Evidence>& evidence) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : evidence) out.push_back({{"text", e.text}, {"area", e.area}, {"score", e.score}});
  return out;
}

nlohmann::json level_answer_json(const mapping::LevelAnswer& a) {
  return {{"ladder", a.ladder},
          {"level", a.level.level},
          {"title", a.level.title},
          {"code", a.level.code},
          {"rank", a.rank},
          {"described", a.described},
          {"confidence", a.confidence},
          {"basis", a.basis},
          {"reason", a.reason},
          {"note", a.note},
          {"evidence", evidence_json(a.evidence)},
          {"good_match", a.good_match}};
}

nlohmann::json answer_json(const mapping::Answer& answer) {
  nlohmann::json ladders = nlohmann::json::array();
  for (std::size_t i = 0; i < answer.ladders.size(); ++i) {
    nlohmann::json levels = nlohmann::json::array();
    if (!answer.phrase.ladders.empty()) {
      for (const auto& level : answer.phrase.ladders[i].levels) {
        levels.push_back({{"level", level.level},
                          {"title", level.title},
                          {"code", level.code},
                          {"rank", level.rank},
                          {"score", level.score},
                          {"evidence", evidence_json(level.evidence)}});
      }
    }
    nlohmann::json out = level_answer_json(answer.ladders[i]);
    out["levels"] = levels;
    ladders.push_back(std::move(out));
  }
  return {{"query", answer.query}, {"title", answer.title}, {"duties", answer.duties}, {"ladders", ladders}};
}

}  // namespace rungs::service
