// `rungs index`: add ladders to an index (all or nothing).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "common.h"
#include "exit_status.h"
#include "import_report.h"
#include "output.h"
#include "progress.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/stub.h"

namespace rungs::cli {
namespace {

/// Exit status when the index was written but directory entries were skipped.

struct IndexCommandOptions {
  IndexOptions index;
  OutputOptions output;
  std::vector<std::string> paths;
  bool rebuild = false;
  bool no_bundled = false;
  bool dry_run = false;
  std::string write_manifest;
  bool quiet = false;
  bool allow_outside_manifest_dir = false;
  std::vector<std::string> remove;
};

// Statements written of those given, the rate and the time left, on a terminal.
std::function<void(const indexer::IndexProgress&)> show_progress(ProgressLine& line) {
  if (!line.shown()) return {};
  return [&line](const indexer::IndexProgress& p) {
    if (p.committing) {
      line.say(fmt::format("rungs: committing {} statements of {} ladders", grouped(p.statements_total),
                           grouped(p.ladders_total)));
    } else {
      line.update("indexing", p.statements_done, p.statements_total, "statements",
                  fmt::format("{}/{} ladders, {}", grouped(p.ladders_done), grouped(p.ladders_total), p.ladder));
    }
  };
}

// Prints how a run went: the ladders indexed and removed, or the same as JSON.
void report(const IndexCommandOptions& options, const corpus::LoadResult& read, const std::filesystem::path& db,
            const std::vector<corpus::Ladder>& ladders, const indexer::IndexStats& stats, nlohmann::json shards) {
  if (shards.is_null()) {
    for (const auto& id : options.remove) fmt::print(stderr, "rungs: removed {} from {}\n", id, db.string());
  }
  nlohmann::json added = nlohmann::json::array();
  for (const auto& l : ladders) added.push_back(l.id);
  if (options.output.json()) {
    nlohmann::json notices = nlohmann::json::array();
    for (const auto& n : read.notices) notices.push_back(service::notice_json(n));
    nlohmann::json out = {{"db", db.string()},
                          {"added", added},
                          {"statements", stats.documents},
                          {"set_aside", stats.set_aside},
                          {"notices", notices}};
    if (!shards.is_null()) out["shards"] = std::move(shards);
    print_json(out);
  } else if (!ladders.empty()) {
    fmt::print("Indexed {} ladder{} into {}: {} statements, {} set aside\n", ladders.size(),
               ladders.size() == 1 ? "" : "s", db.string(), stats.documents, stats.set_aside);
  }
}

// Through a stub file: each ladder to the local shard that holds it, a new
// one to the emptiest (indexer::add_ladders_to_shards).
void index_through_stub(const IndexCommandOptions& options, const corpus::LoadResult& read,
                        const std::filesystem::path& stub, const std::vector<corpus::Ladder>& ladders) {
  if (options.rebuild) {
    throw QueryError(
        fmt::format("{} is a stub file of shards, and --rebuild builds one index: rebuild each shard with `rungs index "
                    "--rebuild --db SHARD`; nothing was written",
                    stub.string()));
  }
  indexer::IndexOptions index_options;
  index_options.remove = options.remove;
  ProgressLine progress(options.quiet);
  index_options.progress = show_progress(progress);
  const auto writes = indexer::add_ladders_to_shards(stub, ladders, index_options);
  progress.clear();
  indexer::IndexStats total;
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& w : writes) {
    total.ladders += w.stats.ladders;
    total.documents += w.stats.documents;
    total.set_aside += w.stats.set_aside;
    shards.push_back({{"shard", w.shard.string()},
                      {"stub_line", w.where},
                      {"added", w.added},
                      {"removed", w.removed},
                      {"statements", w.stats.documents},
                      {"set_aside", w.stats.set_aside}});
    if (!options.output.json()) {
      for (const auto& id : w.added) fmt::print(stderr, "rungs: {} → shard {}\n", id, w.shard.string());
      for (const auto& id : w.removed) fmt::print(stderr, "rungs: removed {} from shard {}\n", id, w.shard.string());
    }
  }
  report(options, read, stub, ladders, total, std::move(shards));
}

void run_index(const IndexCommandOptions& options) {
  // Read and check every input before touching the index, so that bad input
  // leaves the index as it was.
  // A file named on the command line must load, or nothing is written
  // (exit 1). In a directory, an entry that cannot be read as a file (symlink
  // loop, dangling link, FIFO, no permission) is skipped with a warning and
  // the rest is indexed (exit 3); a ladder file that is wrong aborts the batch.
  int skipped = 0;
  const corpus::SkipHandler warn = [&skipped](const ParseError& why) {
    fmt::print(stderr, "rungs: warning: {}\n", why.what());
    ++skipped;
  };
  corpus::LoadResult read =
      corpus::load_inputs({options.paths.begin(), options.paths.end()}, warn,
                          {.documents_outside_manifest_folder = options.allow_outside_manifest_dir});
  if (!options.output.json() && !options.quiet) print_import_report(read);
  if (!options.write_manifest.empty()) {
    if (read.ladders.size() != 1) {
      throw QueryError(
          fmt::format("--write-manifest writes the manifest of one ladder, and {} were read; name the "
                      "files or folder of one ladder",
                      read.ladders.size()));
    }
    // A manifest reads documents from its own folder only (unless trusted
    // with --allow-outside-manifest-dir): one written elsewhere would name
    // them as ../x.md and then be refused.
    const auto manifest_folder = std::filesystem::path(options.write_manifest).parent_path();
    if (!options.allow_outside_manifest_dir && !corpus::is_within(read.folders[0], manifest_folder)) {
      throw QueryError(fmt::format(
          "the documents are in {}, outside the folder of {}, and a manifest reads documents from its own folder "
          "only; write the manifest there (say {}), or pass --allow-outside-manifest-dir (then index it with that "
          "option too)",
          read.folders[0].string(), options.write_manifest, (read.folders[0] / "ladder.yaml").string()));
    }
    std::vector<std::string> set_aside;
    for (const auto& n : read.notices) {
      if (!n.heading.empty()) set_aside.push_back(n.heading);
    }
    service::write_output_file(options.write_manifest, corpus::to_manifest(read.ladders[0], read.folders[0],
                                                                           options.write_manifest, set_aside));
    fmt::print(stderr, "rungs: wrote {}; edit it, then `rungs index {}`\n", options.write_manifest,
               options.write_manifest);
    return;
  }
  if (options.dry_run) {
    if (options.output.json()) print_json(service::import_report_json(read));
    if (!options.output.json()) fmt::print("Dry run: nothing was written.\n");
    if (skipped > 0) throw PartialSuccess{};
    return;
  }
  std::vector<corpus::Ladder> ladders = std::move(read.ladders);
  std::filesystem::path db;
  bool fresh_built = false;  // a new index was built, the removals applied to it
  if (options.index.db.empty() && !std::getenv("RUNGS_DB")) {
    db = resolve_db(options.index);  // the default index, bundled ladders included
  } else {
    db = options.index.db.empty() ? std::filesystem::path(std::getenv("RUNGS_DB"))
                                  : std::filesystem::path(options.index.db);
    if (indexer::is_stub_file(db)) {
      index_through_stub(options, read, db, ladders);
      if (skipped > 0) throw PartialSuccess{};
      return;
    }
    const bool fresh = options.rebuild || !std::filesystem::exists(db);
    if (fresh && !options.no_bundled) {
      auto bundled = corpus::load_corpus(bundled_corpus_dir());
      ladders.insert(ladders.begin(), bundled.begin(), bundled.end());
    }
    if (fresh) {
      // --remove with --rebuild: what is built leaves the ladder out.
      for (const auto& id : options.remove) {
        const auto kept =
            std::remove_if(ladders.begin(), ladders.end(), [&](const corpus::Ladder& l) { return l.id == id; });
        if (kept == ladders.end()) throw QueryError(fmt::format("no ladder '{}' to remove; nothing was written", id));
        ladders.erase(kept, ladders.end());
      }
      ProgressLine progress(options.quiet);
      indexer::IndexOptions build_options;
      build_options.progress = show_progress(progress);
      const auto stats = indexer::build_index(db, ladders, build_options);
      progress.clear();
      if (!options.output.json()) {
        fmt::print(stderr, "rungs: built {}: {} ladders, {} statements indexed, {} set aside\n", db.string(),
                   stats.ladders, stats.documents, stats.set_aside);
      }
      ladders.clear();
      fresh_built = true;
    }
  }
  // Removals and additions land in one commit, or none do: an unknown id
  // to remove leaves the index as it was.
  indexer::IndexStats stats;
  const bool removing = !fresh_built && !options.remove.empty();
  if (!ladders.empty() || removing) {
    indexer::IndexOptions index_options;
    if (removing) index_options.remove = options.remove;
    ProgressLine progress(options.quiet);
    index_options.progress = show_progress(progress);
    stats = indexer::add_ladders(db, ladders, index_options);
    progress.clear();
  }
  report(options, read, db, ladders, stats, nullptr);
  if (skipped > 0) {
    fmt::print(stderr, "rungs: {} directory {} skipped (see the warnings above)\n", skipped,
               skipped == 1 ? "entry was" : "entries were");
    std::fflush(stdout);
    throw PartialSuccess{};  // the index is written; tell scripts that not everything was read
  }
}

}  // namespace

void setup_index(CLI::App& app) {
  auto options = std::make_shared<IndexCommandOptions>();
  auto* cmd = app.add_subcommand("index", "Add ladders (files or directories of manifests) to an index");
  cmd->add_option("paths", options->paths,
                  "Ladder files (Markdown, HTML, GitLab-style text, structured YAML/JSON, manifests) or folders; "
                  "a folder of level pages, or level pages named together, is one ladder")
      ->check(CLI::ExistingPath);
  cmd->add_flag("--rebuild", options->rebuild, "Build the index afresh instead of adding to it");
  cmd->add_flag("--no-bundled", options->no_bundled, "When creating an index, leave the bundled ladders out");
  cmd->add_option("--remove", options->remove, "Remove the ladder with this id (repeatable)");
  cmd->add_flag("--dry-run", options->dry_run,
                "Read the inputs and print what would be indexed (ladders, levels in order, statement counts, "
                "what is set aside or left out, warnings); write nothing");
  cmd->add_option("--write-manifest", options->write_manifest,
                  "Write the manifest of what was detected to FILE (one ladder), ready to edit and index; "
                  "nothing is indexed");
  cmd->add_flag("--allow-outside-manifest-dir", options->allow_outside_manifest_dir,
                "Let manifests name documents outside their own folder (../x.md, absolute paths, links out); "
                "only for manifests you trust");
  cmd->add_flag("-q,--quiet", options->quiet,
                "Do not print the per-ladder report of what was read, nor the progress line (shown only on a "
                "terminal)");
  options->index.add_to(*cmd);
  options->output.add_to(*cmd);
  cmd->footer(
      "A new index (or --rebuild) starts with the bundled ladders unless --no-bundled.\n"
      "Re-indexing a ladder replaces it; all changes land in one commit, or none do.\n"
      "--db may name a stub file of shards (`auto PATH` lines for local shards): each ladder goes to\n"
      "the local shard that holds it, a new one to the shard with the fewest statements; each shard commits\n"
      "on its own.\n"
      "Every run prints, per ladder, the levels it read in order with statement counts, and what it set\n"
      "aside or left out and why; --dry-run prints only that.\n"
      "Examples:\n  rungs index my-company/ladder.md --db ./idx\n  rungs index career-ladder/engineering/ --dry-run\n"
      "  rungs index ladders/ --db ./idx --rebuild");
  cmd->callback([options] { run_index(*options); });
}

}  // namespace rungs::cli
