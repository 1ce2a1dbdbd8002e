// `rungs serve`'s options (see serve_options.h), and the hand-over from
// `rungs` to `rungs-serve`.
#include "serve_options.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace rungs::cli {

void setup_serve(CLI::App& app, std::function<void(ServeOptions&)> run) {
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
  cmd->callback([options, run = std::move(run)] { run(*options); });
}

std::string exec_server(char** argv) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) return "cannot find the rungs-serve executable: /proc/self/exe: " + error.message();
  const fs::path dir = self.parent_path();
  for (const fs::path& candidate : {dir / "rungs-serve", dir / ".." / "libexec" / "rungs" / "rungs-serve"}) {
    if (::access(candidate.c_str(), X_OK) == 0) {
      ::execv(candidate.c_str(), argv);
      return "cannot start " + candidate.string() + ": " + std::strerror(errno);
    }
  }
  return "cannot find the rungs-serve executable beside " + self.string() +
         " (or in ../libexec/rungs/): `rungs serve` runs it; reinstall rungs";
}

}  // namespace rungs::cli
