#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "embedded_files.h"
#include "http_errors.h"
#include "routes.h"
#include "rungs/indexer/indexer.h"
#include "rungs/mapping/crosswalk.h"
#include "rungs/mapping/harmonise.h"
#include "rungs/service/json.h"
#include "rungs/service/staff_list.h"
#include "rungs/service/tables.h"
#include "uploads.h"

#ifndef RUNGS_VERSION
#define RUNGS_VERSION "unknown"
#endif

namespace rungs::server {
namespace {

using Json = nlohmann::json;
constexpr const char* kJson = "application/json; charset=utf-8";

void send_json(httplib::Response& response, const Json& value) {
  response.set_content(service::dump(value, -1) + "\n", kJson);
}

void send_csv(httplib::Response& response, const std::string& csv, const std::string& file_name) {
  response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.set_content(csv, "text/csv; charset=utf-8");
}

// The query string as HTML forms encode it ('+' is a space, as browsers send
// it; httplib 0.11 leaves a '+' in the value).
httplib::Params form_params(const httplib::Request& request) {
  httplib::Params params;
  const auto question = request.target.find('?');
  if (question == std::string::npos) return params;
  const std::string query = request.target.substr(question + 1);
  httplib::detail::split(query.data(), query.data() + query.size(), '&', [&](const char* begin, const char* end) {
    const std::string pair(begin, end);
    const auto equals = pair.find('=');
    params.emplace(httplib::detail::decode_url(pair.substr(0, equals), true),
                   equals == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(equals + 1), true));
  });
  return params;
}

// Every route's body runs here: beyond the limit of requests in flight it is
// refused at once (rather than queued behind slow ones), and a rungs error
// becomes its status and message.
template <typename Body>
httplib::Server::Handler guarded(const ApiContext& context, Body body) {
  return [context, body](const httplib::Request& request, httplib::Response& response) {
    struct Slot {
      std::atomic<std::size_t>& count;
      ~Slot() { count.fetch_sub(1); }
    } slot{context.in_flight};
    if (context.in_flight.fetch_add(1) >= context.options.max_concurrent) {
      response.set_header("Retry-After", "1");
      send_error(response, 503,
                 fmt::format("the server is answering {} requests already; try again in a moment",
                             context.options.max_concurrent));
      return;
    }
    try {
      body(request, form_params(request), response);
    } catch (const std::exception& e) {
      const int status = status_of(e);
      send_error(response, status, status == 500 ? fmt::format("internal error: {}", e.what()) : e.what());
    }
  };
}

std::vector<std::string> values(const httplib::Params& params, const char* name) {
  std::vector<std::string> out;
  const auto [begin, end] = params.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    if (!it->second.empty()) out.push_back(it->second);
  }
  return out;
}

std::string value(const httplib::Params& params, const char* name) {
  const auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::string text_param(const httplib::Params& params, const char* name, const ApiContext& context, bool required) {
  std::string text = value(params, name);
  if (required && text.empty()) throw HttpError(400, fmt::format("give the parameter '{}'", name));
  if (text.size() > context.options.max_query_bytes) {
    throw HttpError(400, fmt::format("'{}' is {} bytes; the longest the server takes is {}", name, text.size(),
                                     context.options.max_query_bytes));
  }
  return text;
}

int int_param(const httplib::Params& params, const char* name, int fallback, int low, int high) {
  const std::string text = value(params, name);
  if (text.empty()) return fallback;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw HttpError(400, fmt::format("'{}' takes a whole number from {} to {}, not '{}'", name, low, high, text));
  }
  return value;
}

std::vector<mapping::Pin> pins_of(const httplib::Params& params) {
  std::vector<mapping::Pin> pins;
  for (const auto& text : values(params, "pin")) pins.push_back(mapping::parse_pin(text));
  return pins;
}

mapping::MappingTable mapping_of(const httplib::Params& params, const ApiContext& context) {
  const auto model = context.index.model();
  return model->map_ladders(text_param(params, "from", context, true), text_param(params, "to", context, true),
                            pins_of(params));
}

// The titles of an assign request: JSON {"titles": [...], "ladders": [...]},
// else the body read as `rungs assign` reads a file (CSV with a title
// column, or one title per line).
std::vector<service::TitleRow> title_rows(const httplib::Request& request, const httplib::Params& params,
                                          std::vector<std::string>& ladders, const ApiContext& context) {
  std::vector<service::TitleRow> rows;
  if (request.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    Json body;
    try {
      body = Json::parse(request.body);
    } catch (const Json::exception& e) {
      throw HttpError(400, fmt::format("the body is not JSON: {}", e.what()));
    }
    if (!body.is_object() || !body.contains("titles") || !body["titles"].is_array()) {
      throw HttpError(400, "send {\"titles\": [\"Senior SRE\", ...], \"ladders\": [\"ops-sre\"]}");
    }
    std::string lines;
    for (const auto& t : body["titles"]) {
      if (!t.is_string()) throw HttpError(400, "every title must be a string");
      std::string title = t.get<std::string>();
      for (char& c : title) c = c == '\n' || c == '\r' ? ' ' : c;
      lines += title + "\n";
    }
    if (body.contains("ladders") && body["ladders"].is_array()) {
      for (const auto& l : body["ladders"]) {
        if (l.is_string()) ladders.push_back(l.get<std::string>());
      }
    }
    rows = service::read_title_rows(lines, "", "titles");
  } else {
    rows = service::read_title_rows(request.body, value(params, "column"), "body");
  }
  if (rows.size() > context.options.max_titles) {
    throw HttpError(413, fmt::format("{} titles; the server places at most {} per request (split the list)",
                                     rows.size(), context.options.max_titles));
  }
  return rows;
}

// Places the titles of `request`; throws when none could be placed.
std::pair<std::vector<service::TitleRow>, std::vector<std::string>> assignment_of(const httplib::Request& request,
                                                                                  const httplib::Params& params,
                                                                                  const ApiContext& context) {
  std::vector<std::string> ladders = values(params, "ladder");
  auto rows = title_rows(request, params, ladders, context);
  const auto model = context.index.model();
  if (ladders.empty()) {
    for (const auto& l : model->ladders()) ladders.push_back(l.id);
  }
  if (rows.empty()) throw HttpError(400, "no titles to place: send one title per line");
  if (service::place_title_rows(*model, rows, ladders) == 0) {
    throw HttpError(400, fmt::format("no title could be placed ({} rows, each with its error)", rows.size()));
  }
  return {std::move(rows), std::move(ladders)};
}

void add_read_routes(httplib::Server& http, const ApiContext& context) {
  http.Get("/api/v1/health",
           guarded(context, [context](const httplib::Request&, const httplib::Params&, httplib::Response& response) {
             auto searcher = context.index.searcher();
             const auto model = context.index.model();
             send_json(response, {{"status", "ok"},
                                  {"version", RUNGS_VERSION},
                                  {"ladders", model->ladders().size()},
                                  {"statements", searcher->document_count()},
                                  {"writes", context.options.allow_writes},
                                  {"limits",
                                   {{"body_bytes", context.options.max_body_bytes},
                                    {"query_bytes", context.options.max_query_bytes},
                                    {"titles", context.options.max_titles},
                                    {"concurrent_requests", context.options.max_concurrent}}}});
           }));
  http.Get("/api/v1/ladders",
           guarded(context, [context](const httplib::Request&, const httplib::Params&, httplib::Response& response) {
             send_json(response, service::ladder_list_json(context.index.searcher()->ladders()));
           }));
  http.Get(
      R"(/api/v1/ladders/([^/]+))",
      guarded(context, [context](const httplib::Request& request, const httplib::Params&, httplib::Response& response) {
        send_json(response, service::shown_levels_json(context.index.searcher()->ladder(request.matches[1])));
      }));
  http.Get(
      R"(/api/v1/ladders/([^/]+)/levels/([^/]+))",
      guarded(context, [context](const httplib::Request& request, const httplib::Params&, httplib::Response& response) {
        send_json(response,
                  service::shown_levels_json(context.index.searcher()->ladder(request.matches[1]), request.matches[2]));
      }));
  http.Get("/api/v1/search", guarded(context, [context](const httplib::Request&, const httplib::Params& params,
                                                        httplib::Response& response) {
             search::SearchRequest query;
             query.query = text_param(params, "q", context, false);
             query.filters.ladders = values(params, "ladder");
             query.filters.levels = values(params, "level");
             query.filters.areas = values(params, "area");
             query.filters.frameworks = values(params, "framework");
             query.filters.tracks = values(params, "track");
             query.filters.kinds = values(params, "kind");
             query.limit = int_param(params, "limit", 10, 0, 1000);
             query.offset = int_param(params, "offset", 0, 0, 1'000'000);
             query.highlight_start = service::kSnippetMarkStart;
             query.highlight_end = service::kSnippetMarkEnd;
             send_json(response, service::search_results_json(context.index.searcher()->search(query)));
           }));
  http.Get("/api/v1/level", guarded(context, [context](const httplib::Request&, const httplib::Params& params,
                                                       httplib::Response& response) {
             const auto model = context.index.model();
             const auto evidence = static_cast<std::size_t>(int_param(params, "evidence", 3, 0, 50));
             send_json(response, service::answer_json(model->answer(text_param(params, "q", context, true),
                                                                    values(params, "ladder"), evidence)));
           }));
  http.Post("/api/v1/assign", guarded(context, [context](const httplib::Request& request, const httplib::Params& params,
                                                         httplib::Response& response) {
              const auto [rows, ladders] = assignment_of(request, params, context);
              send_json(response, service::assignment_json(rows, ladders));
            }));
  http.Post("/api/v1/assign.csv",
            guarded(context, [context](const httplib::Request& request, const httplib::Params& params,
                                       httplib::Response& response) {
              const auto [rows, ladders] = assignment_of(request, params, context);
              const auto table = service::assignment_table(rows, ladders, true);
              send_csv(response, service::csv_text(table.header, table.rows), "placements.csv");
            }));
  http.Get("/api/v1/map", guarded(context, [context](const httplib::Request&, const httplib::Params& params,
                                                     httplib::Response& response) {
             send_json(response, service::mapping_table_json(mapping_of(params, context)));
           }));
  http.Get("/api/v1/map.csv", guarded(context, [context](const httplib::Request&, const httplib::Params& params,
                                                         httplib::Response& response) {
             const auto table = mapping_of(params, context);
             send_csv(response, service::mapping_csv(table), "crosswalk-" + table.from + "-" + table.to + ".csv");
           }));
  http.Get("/api/v1/map/cell", guarded(context, [context](const httplib::Request&, const httplib::Params& params,
                                                          httplib::Response& response) {
             const auto model = context.index.model();
             send_json(response, service::cell_evidence_json(model->cell_evidence(
                                     text_param(params, "from", context, true), text_param(params, "to", context, true),
                                     text_param(params, "from_level", context, true),
                                     text_param(params, "to_level", context, true), 5)));
           }));
  http.Get(
      "/api/v1/harmonise",
      guarded(context, [context](const httplib::Request&, const httplib::Params& params, httplib::Response& response) {
        const auto model = context.index.model();
        mapping::HarmoniseOptions options;
        options.pivot = text_param(params, "pivot", context, false);
        send_json(response, service::harmonisation_json(mapping::harmonise(*model, values(params, "ladder"), options)));
      }));
  http.Get(
      "/api/v1/compare",
      guarded(context, [context](const httplib::Request&, const httplib::Params& params, httplib::Response& response) {
        const auto model = context.index.model();
        send_json(response, service::comparison_json(mapping::compare(*model, text_param(params, "a", context, true),
                                                                      text_param(params, "b", context, true))));
      }));
  http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& response) {
    for (const auto& file : embedded_files()) {
      if (file.path == "openapi.json") response.set_content(std::string(file.bytes), kJson);
    }
  });
}

void add_write_routes(httplib::Server& http, const ApiContext& context) {
  http.Post("/api/v1/import/preview", guarded(context, [](const httplib::Request& request,
                                                          const httplib::Params& params, httplib::Response& response) {
              send_json(response, service::import_report_json(read_uploads(
                                      uploads_of(request, value(params, "filename")), value(params, "name"))));
            }));
  http.Post("/api/v1/index", guarded(context, [context](const httplib::Request& request, const httplib::Params& params,
                                                        httplib::Response& response) {
              if (!context.options.allow_writes) {
                throw HttpError(403,
                                "this server is read-only: start it with `rungs serve --allow-writes` to add ladders");
              }
              const auto read = read_uploads(uploads_of(request, value(params, "filename")), value(params, "name"));
              if (read.ladders.empty()) throw HttpError(400, "the upload holds no ladder (see the preview's notices)");
              // One write at a time in this process; the index's own lock keeps other
              // processes out, and readers go on reading the last commit meanwhile.
              std::unique_lock writing(context.write_mutex, std::try_to_lock);
              if (!writing) throw HttpError(409, "another upload is being indexed; try again when it finishes");
              Json added = Json::array(), replaced = Json::array(), notices = Json::array();
              {
                const auto model = context.index.model();
                for (const auto& l : read.ladders) {
                  added.push_back(l.id);
                  const auto& known = model->ladders();
                  if (std::any_of(known.begin(), known.end(), [&](const corpus::Ladder& k) { return k.id == l.id; }))
                    replaced.push_back(l.id);
                }
              }
              const auto stats = indexer::add_ladders(context.index.db(), read.ladders, {});
              context.index.refresh();
              for (const auto& n : read.notices) notices.push_back(service::notice_json(n));
              send_json(response, {{"db", context.index.db().filename().string()},
                                   {"added", added},
                                   {"replaced", replaced},
                                   {"statements", stats.documents},
                                   {"set_aside", stats.set_aside},
                                   {"notices", notices}});
            }));
  http.Delete(
      R"(/api/v1/ladders/([^/]+))",
      guarded(context, [context](const httplib::Request& request, const httplib::Params&, httplib::Response& response) {
        if (!context.options.allow_writes) {
          throw HttpError(403,
                          "this server is read-only: start it with `rungs serve --allow-writes` to remove ladders");
        }
        const std::string id = request.matches[1];
        std::unique_lock writing(context.write_mutex, std::try_to_lock);
        if (!writing) throw HttpError(409, "another change to the index is running; try again when it finishes");
        (void)context.index.searcher()->ladder(id);  // 404, naming the ladders, when absent
        indexer::IndexOptions options;
        options.remove = {id};
        (void)indexer::add_ladders(context.index.db(), {}, options);
        context.index.refresh();
        send_json(response, {{"removed", id}});
      }));
}

}  // namespace

void add_api_routes(httplib::Server& http, ApiContext context) {
  add_read_routes(http, context);
  add_write_routes(http, context);
}

}  // namespace rungs::server
