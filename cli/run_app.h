#pragma once
// Running a parsed command line, for both executables (`rungs`, `rungs-serve`):
// what a command throws becomes a message on stderr and an exit status.

#include <CLI/CLI.hpp>

namespace rungs::cli {

/// Parses `argv` with `app` and runs the command it names. Returns 0, or
/// CLI11's status for a usage error, `kExitPartial` (exit_status.h) for a
/// command that finished with parts skipped, 1 for a `rungs::Error` (its
/// message printed), 2 for any other exception (an internal error).
[[nodiscard]] int run_app(CLI::App& app, int argc, char** argv);

}  // namespace rungs::cli
