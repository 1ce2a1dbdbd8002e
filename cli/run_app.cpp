// Running a parsed command line (see run_app.h).
#include "run_app.h"

#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "exit_status.h"
#include "rungs/corpus/error.h"

namespace rungs::cli {

int run_app(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const PartialSuccess&) {
    std::fflush(stdout);
    return kExitPartial;
  } catch (const rungs::Error& e) {
    std::fflush(stdout);
    fmt::print(stderr, "rungs: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    fmt::print(stderr, "rungs: internal error: {}\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace rungs::cli
