// Ladders, levels and import notices as JSON.
#include "rungs/service/json.h"

#include "rungs/corpus/error.h"

namespace rungs::service {

using corpus::StatementKind;

nlohmann::json level_json(const corpus::Level& level, bool with_statements) {
  nlohmann::json j = {{"id", level.id},
                      {"title", level.title},
                      {"code", level.code},
                      {"rank", level.rank},
                      {"track", level.track},
                      {"aliases", level.aliases},
                      {"statements", corpus::count(level, StatementKind::competency)},
                      {"summaries", corpus::count(level, StatementKind::summary)},
                      {"set_aside", corpus::count(level, StatementKind::boilerplate)},
                      {"tba", corpus::count(level, StatementKind::competency) == 0}};
  if (with_statements) {
    j["text"] = nlohmann::json::array();
    for (const auto& s : level.statements) {
      nlohmann::json item = {{"text", s.text},
                             {"area", s.area},
                             {"kind", corpus::to_string(s.kind)},
                             {"source", s.source},
                             {"line", s.line}};
      if (!s.reason.empty()) item["reason"] = s.reason;
      j["text"].push_back(std::move(item));
    }
  }
  return j;
}

nlohmann::json ladder_json(const corpus::Ladder& ladder) {
  nlohmann::json levels = nlohmann::json::array();
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& level : ladder.levels) {
    if (level.missing) {
      missing.push_back({{"id", level.id}, {"title", level.title}, {"rank", level.rank}});
    } else {
      levels.push_back(level_json(level, false));
    }
  }
  return {{"id", ladder.id},
          {"framework", ladder.framework},
          {"name", ladder.name},
          {"source", ladder.source},
          {"documents", ladder.documents},
          {"levels", levels},
          {"missing_levels", missing},
          {"statements", corpus::count(ladder, StatementKind::competency)},
          {"summaries", corpus::count(ladder, StatementKind::summary)},
          {"set_aside", corpus::count(ladder, StatementKind::boilerplate)}};
}

nlohmann::json ladder_list_json(const std::vector<corpus::Ladder>& ladders) {
  nlohmann::json out = {{"ladders", nlohmann::json::array()}};
  for (const auto& l : ladders) out["ladders"].push_back(ladder_json(l));
  return out;
}

nlohmann::json shown_levels_json(const corpus::Ladder& ladder, const std::string& level_id) {
  nlohmann::json out = {{"ladder", ladder.id}, {"levels", nlohmann::json::array()}};
  for (const auto& level : ladder.levels) {
    if (!level_id.empty() && level.id != level_id) continue;
    auto j = level_json(level, true);
    j["missing"] = level.missing;
    out["levels"].push_back(std::move(j));
  }
  if (out["levels"].empty()) {
    std::string known;
    for (const auto& level : ladder.levels) known += (known.empty() ? "" : ", ") + level.id;
    throw NotFoundError("ladder '" + ladder.id + "' has no level '" + level_id + "' (levels: " + known + ")");
  }
  return out;
}

nlohmann::json notice_json(const corpus::Notice& notice) {
  return {{"kind", corpus::to_string(notice.kind)},
          {"ladder", notice.ladder},
          {"path", notice.path.string()},
          {"line", notice.line},
          {"message", notice.message}};
}

nlohmann::json import_report_json(const corpus::LoadResult& result) {
  nlohmann::json ladders = nlohmann::json::array();
  for (const auto& l : result.ladders) ladders.push_back(ladder_json(l));
  nlohmann::json notices = nlohmann::json::array();
  for (const auto& n : result.notices) notices.push_back(notice_json(n));
  return {{"ladders", ladders}, {"notices", notices}};
}

std::string dump(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rungs::service
