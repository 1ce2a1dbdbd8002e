// rungs: cross-framework career-level search and mapping.
#include <cstdio>

#include <fmt/format.h>

#include "common.h"
#include "exit_status.h"
#include "rungs/corpus/error.h"
#include "terminal.h"

int main(int argc, char** argv) {
  CLI::App app{
      "rungs: which level of a career ladder matches a job title or a phrase, and which levels of two ladders are "
      "equivalent.\n"
      "Works on the bundled ladders out of the box (index built on first use); add your own with `rungs index`."};
  app.set_version_flag("--version", RUNGS_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  rungs ladders\n"
      "  rungs show ops-sre l4\n"
      "  rungs search 'mentor' --ladder octopus-support\n"
      "  rungs level \"runs the incident war room\"\n"
      "  rungs map octopus-support ops-sre --html report.html\n"
      "  rungs harmonise octopus-support gitlab-support ops-sre\n"
      "  rungs compare gitlab-support ops-sre\n"
      "  rungs assign staff.csv --ladder ops-sre\n"
      "  rungs index my-company/ladder.md --db ./idx\n"
      "  rungs serve                      # the web app at http://127.0.0.1:8080\n"
      "Environment: RUNGS_DB (index directory), RUNGS_CORPUS (bundled corpus), NO_COLOR.");
  rungs::cli::install_output_filters();
  rungs::cli::setup_ladders(app);
  rungs::cli::setup_search(app);
  rungs::cli::setup_level(app);
  rungs::cli::setup_map(app);
  rungs::cli::setup_harmonise(app);
  rungs::cli::setup_compare(app);
  rungs::cli::setup_assign(app);
  rungs::cli::setup_serve(app);
  rungs::cli::setup_index(app);
  rungs::cli::setup_export(app);
  rungs::cli::setup_eval(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const rungs::cli::PartialSuccess&) {
    std::fflush(stdout);
    return rungs::cli::kExitPartial;
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
