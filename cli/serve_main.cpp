// rungs-serve: `rungs serve`, the web app and the HTTP API, until SIGINT or
// SIGTERM. `rungs serve ...` execs this with its own arguments
// (serve_options.h says why the server is an executable of its own).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "common.h"
#include "run_app.h"
#include "serve_options.h"
#include "terminal.h"

namespace rungs::cli {
namespace {

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
}  // namespace rungs::cli

int main(int argc, char** argv) {
  CLI::App app{"rungs serve: the web app and the HTTP API over an index (run as `rungs serve`)"};
  app.require_subcommand(1);
  rungs::cli::install_output_filters();
  rungs::cli::setup_serve(app, rungs::cli::run_serve);
  return rungs::cli::run_app(app, argc, argv);
}
