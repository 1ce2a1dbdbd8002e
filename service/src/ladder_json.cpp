// Ladders, levels and import notices as JSON.
#include "rungs/service/json.h"

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_json.h"

namespace rungs::service {

using corpus::StatementKind;

namespace {

// A level's statement counts, beside its fields in `j`.
void add_counts(nlohmann::json& j, const corpus::Level& level) {
  j["statements"] = corpus::count(level, StatementKind::competency);
  j["summaries"] = corpus::count(level, StatementKind::summary);
  j["set_aside"] = corpus::count(level, StatementKind::boilerplate);
  j["tba"] = corpus::count(level, StatementKind::competency) == 0;
}

}  // namespace

nlohmann::json level_json(const corpus::Level& level, bool with_statements) {
  nlohmann::json j = corpus::as_json(level, corpus::StatementForm::left_out);
  add_counts(j, level);
  if (with_statements) {
    j["text"] = nlohmann::json::array();
    for (const auto& s : level.statements) j["text"].push_back(corpus::as_json(s));
  }
  return j;
}

nlohmann::json ladder_json(const corpus::Ladder& ladder) {
  nlohmann::json j = corpus::as_json(ladder, corpus::StatementForm::left_out);
  nlohmann::json levels = nlohmann::json::array();
  nlohmann::json missing = nlohmann::json::array();
  for (std::size_t v = 0; v < ladder.levels.size(); ++v) {
    const corpus::Level& level = ladder.levels[v];
    if (level.missing) {
      missing.push_back({{"id", level.id}, {"title", level.title}, {"rank", level.rank}});
    } else {
      nlohmann::json described = std::move(j["levels"][v]);  // its fields, written once by as_json
      add_counts(described, level);
      levels.push_back(std::move(described));
    }
  }
  j["levels"] = std::move(levels);
  j["missing_levels"] = std::move(missing);
  j["statements"] = corpus::count(ladder, StatementKind::competency);
  j["summaries"] = corpus::count(ladder, StatementKind::summary);
  j["set_aside"] = corpus::count(ladder, StatementKind::boilerplate);
  return j;
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
    out["levels"].push_back(level_json(level, true));
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
