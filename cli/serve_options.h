#pragma once
// The `serve` subcommand's options, declared once for both executables:
// `rungs`, which lists the command in its help and hands `rungs serve ...`
// to `rungs-serve` (serve_main.cpp), and `rungs-serve`, which runs it. The
// server lives in an executable of its own so that every other command
// starts without loading cpp-httplib and initialising OpenSSL (a fifth of
// a short command's start-up), as git keeps its HTTP transport apart.

#include <CLI/CLI.hpp>

#include <cstddef>
#include <functional>

#include "common.h"
#include "rungs/server/server.h"

namespace rungs::cli {

struct ServeOptions {
  IndexOptions index;
  ModelFlags model;
  server::ServerOptions server;
  std::size_t max_body_mb = 8;
};

/// Declares `serve` on `app`; its callback calls `run` with the options.
void setup_serve(CLI::App& app, std::function<void(ServeOptions&)> run);

/// Replaces this process with `rungs-serve`, found beside this executable
/// (a build tree) or in `../libexec/rungs/` (an installation), with the same
/// arguments. Returns only when it cannot: the error, for `main` to print.
[[nodiscard]] std::string exec_server(char** argv);

}  // namespace rungs::cli
