// `rungs serve`: the web app and the HTTP API, until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "common.h"
#include "rungs/server/server.h"

namespace rungs::cli {
namespace {

struct ServeOptions {
  IndexOptions index;
  ModelFlags model;
  server::ServerOptions server;
  std::size_t max_body_mb = 8;
};

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

void run_serve(ServeOptions& options) {
  auto& o = options.server;
  o.model.use_synonyms = !options.model.no_synonyms;
  o.max_body_bytes = options.max_body_mb << 20;
  if (!is_loopback(o.host)) {
    fmt::print(stderr,
               "rungs: warning: listening on {}: anyone who can reach this machine can use the server; it has "
               "no authentication{}\n",
               o.host, o.allow_writes ? ", and --allow-writes lets them add ladders to the index" : "");
  }
  // SIGINT and SIGTERM are taken by one thread that stops the server; the
  // worker threads, started after this, inherit the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const auto db = resolve_db(options.index);
  o.on_listening = [&](const std::string& url) {
    fmt::print("rungs: serving http://{} ({}; {}); stop with Ctrl-C\n", url.substr(7), db.string(),
               o.allow_writes ? "uploads are added to the index" : "read-only");
    std::fflush(stdout);
  };
  server::Server server(db, o);
  std::atomic<bool> done = false;
  std::thread stopper([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      if (const int signal = sigtimedwait(&signals, nullptr, &tick); signal > 0) {
        fmt::print(stderr, "rungs: {}: stopping\n", signal == SIGINT ? "interrupted" : "terminated");
        server.stop();
        return;
      }
    }
  });
  struct Join {
    std::atomic<bool>& done;
    std::thread& thread;
    ~Join() {
      done = true;
      thread.join();
    }
  } join{done, stopper};
  server.run();
}

}  // namespace

void setup_serve(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the web app and the HTTP API (JSON under /api/v1/) over an index");
  cmd->add_option("--host", options->server.host,
                  "Address to listen on; other than loopback, anyone who reaches it can use the server")
      ->capture_default_str();
  cmd->add_option("--port", options->server.port,
                  "Port to listen on; 0 picks a free one (the first line printed names it)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_flag("--allow-writes", options->server.allow_writes,
                "Let clients add ladders to the index (POST /api/v1/index); without it the server is read-only");
  cmd->add_option("--max-body-mb", options->max_body_mb,
                  "Largest request body (an uploaded ladder, a staff list), in MiB")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--max-concurrent", options->server.max_concurrent,
                  "API requests answered at once; more get 503 and Retry-After")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->add_option("--threads", options->server.threads, "Worker threads (default: 4 per core, at least 16)");
  options->model.add_to(*cmd);
  options->index.add_to(*cmd);
  cmd->footer(
      "Open the printed URL in a browser for the web app; programs call /api/v1/ (docs/API.md, and\n"
      "/api/v1/openapi.json). Every JSON answer is what the matching command prints with --json.\n"
      "Limits: query texts of 4 KiB, 10,000 titles per placement request. Reads go on while an upload is\n"
      "indexed; a second concurrent upload gets 409. SIGINT or SIGTERM stops the server.\n"
      "Examples:\n"
      "  rungs serve\n"
      "  rungs serve --port 0 --db ./idx --allow-writes\n"
      "  curl 'http://127.0.0.1:8080/api/v1/level?q=runs+the+incident+war+room'");
  cmd->callback([options] { run_serve(*options); });
}

}  // namespace rungs::cli
