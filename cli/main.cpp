// rungs: cross-framework career-level search and mapping.
#include <string_view>

#include <fmt/format.h>

#include "common.h"
#include "run_app.h"
#include "rungs/corpus/error.h"
#include "serve_options.h"
#include "terminal.h"

int main(int argc, char** argv) {
  // The server is an executable of its own (serve_options.h): hand it the command line.
  if (argc >= 2 && std::string_view(argv[1]) == "serve") {
    fmt::print(stderr, "rungs: {}\n", rungs::cli::exec_server(argv));
    return 1;
  }
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
  rungs::cli::setup_serve(app, [](rungs::cli::ServeOptions&) {
    throw rungs::Error("`serve` runs in the rungs-serve executable");  // main hands it over before parsing
  });
  rungs::cli::setup_index(app);
  rungs::cli::setup_export(app);
  rungs::cli::setup_eval(app);
  return rungs::cli::run_app(app, argc, argv);
}
