// Search results as JSON, with snippets split into plain and matched parts.
#include "rungs/service/json.h"

#include <string_view>

namespace rungs::service {
namespace {

// `marked` (with kSnippetMarkStart/End around matches) as the plain snippet
// and as parts a client can render without parsing markup.
std::pair<std::string, nlohmann::json> snippet_parts(std::string_view marked) {
  std::string plain;
  nlohmann::json parts = nlohmann::json::array();
  bool match = false;
  std::string part;
  auto flush = [&] {
    if (!part.empty()) parts.push_back({{"text", part}, {"match", match}});
    part.clear();
  };
  for (char c : marked) {
    if (c == *kSnippetMarkStart || c == *kSnippetMarkEnd) {
      flush();
      match = c == *kSnippetMarkStart;
      continue;
    }
    plain += c;
    part += c;
  }
  flush();
  return {std::move(plain), std::move(parts)};
}

}  // namespace

nlohmann::json search_results_json(const search::SearchResults& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) {
    auto [snippet, parts] = snippet_parts(h.snippet);
    hits.push_back({{"score", h.score},
                    {"framework", h.framework},
                    {"ladder", h.ladder},
                    {"level", h.level},
                    {"level_title", h.level_title},
                    {"level_rank", h.level_rank},
                    {"area", h.area},
                    {"kind", h.kind},
                    {"text", h.text},
                    {"snippet", snippet},
                    {"snippet_parts", parts},
                    {"source", h.source},
                    {"line", h.line}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, counts] : r.facets) {
    facets[name] = nlohmann::json::array();
    for (const auto& c : counts) facets[name].push_back({{"value", c.value}, {"count", c.count}});
  }
  return {{"query", r.query},
          {"corrected_query", r.corrected_query},
          {"showing_corrected", r.showing_corrected},
          {"fell_back_to_plain", r.fell_back_to_plain},
          {"total", r.total},
          {"hits", hits},
          {"facets", facets}};
}

}  // namespace rungs::service
