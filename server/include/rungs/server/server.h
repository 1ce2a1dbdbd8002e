#pragma once
// `rungs serve`: the HTTP API under /api/v1/ (docs/API.md) and the web app,
// in one process over one index. Every JSON body is written by
// `rungs::service`, as the CLI's `--json` is.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "rungs/mapping/mapping.h"

namespace rungs::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        ///< 0: any free port (`on_listening` says which)
  bool allow_writes = false;              ///< accept POST /api/v1/index
  std::size_t max_body_bytes = 8u << 20;  ///< larger requests get 413
  std::size_t max_query_bytes = 4096;     ///< longer query texts get 400
  std::size_t max_titles = 10'000;        ///< longer staff lists get 413
  std::size_t max_concurrent = 64;        ///< requests in flight beyond this get 503
  std::size_t threads = 0;                ///< worker threads; 0 picks from the cores
  mapping::ModelOptions model;
  /// Called once the socket listens, with the URL ("http://127.0.0.1:8080/").
  std::function<void(const std::string&)> on_listening;
};

class Server {
 public:
  /// Serves the index at `db` (which must exist). Throws `IndexError` when it cannot be read.
  Server(std::filesystem::path db, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and serves until `stop`; requests in flight finish first.
  /// Throws `rungs::Error` when the address cannot be bound.
  void run();
  /// Makes `run` return; callable from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rungs::server
