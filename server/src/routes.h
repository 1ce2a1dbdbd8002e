#pragma once
// The HTTP API under /api/v1/ (docs/API.md): each route reads its
// parameters, asks the model or the index, and answers with the JSON of
// `rungs::service`.

#include <atomic>
#include <mutex>

#include <httplib.h>

#include "index_view.h"
#include "rungs/server/server.h"

namespace rungs::server {

/// What the routes share: the index, the limits, and the one write at a time.
struct ApiContext {
  IndexView& index;
  const ServerOptions& options;
  std::mutex& write_mutex;
  std::atomic<std::size_t>& in_flight;  ///< API requests being answered
};

/// Registers every /api/v1/ route on `http`.
void add_api_routes(httplib::Server& http, ApiContext context);

/// Registers the web app's files (compiled in) at "/" and "/NAME".
void add_static_routes(httplib::Server& http);

}  // namespace rungs::server
