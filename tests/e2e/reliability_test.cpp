// Crash safety and concurrency of the real `rungs` binary: indexing runs
// killed with SIGKILL at random moments, searches running while the index is
// rewritten, and a second writer. Every index state a reader can see must be
// one that a run committed.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using rungs::e2e::Child;
using rungs::e2e::Outcome;
using LadderSet = std::set<std::string>;

namespace {

const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-reliability"); }

Outcome rungs_run(const std::vector<std::string>& args) { return rungs::e2e::run(scratch(), args); }

// Writes `count` structured ladders `<prefix>-NNN` (5 levels of
// `statements` statements each) into a new directory; returns their ids.
LadderSet write_ladders(const fs::path& dir, const std::string& prefix, int count, int statements) {
  static const char* kWords[] = {"leads",    "mentors",     "owns",        "designs",    "reviews",  "incidents",
                                 "customer", "maintenance", "escalations", "tickets",    "strategy", "roadmap",
                                 "team",     "platform",    "reliability", "automation", "coaching", "hiring"};
  std::mt19937 random(static_cast<unsigned>(count * 7919 + statements));
  fs::create_directories(dir);
  LadderSet ids;
  for (int i = 0; i < count; ++i) {
    const std::string id = fmt::format("{}-{:03}", prefix, i);
    std::ofstream out(dir / (id + ".yaml"));
    out << "id: " << id << "\nname: Generated " << id << "\nframework: generated\nlevels:\n";
    for (int level = 1; level <= 5; ++level) {
      out << "  - title: Level " << level << "\n    statements:\n";
      for (int s = 0; s < statements; ++s) {
        out << "      - ";
        for (int w = 0; w < 9; ++w) out << kWords[random() % std::size(kWords)] << ' ';
        out << "statement" << s << "\n";
      }
    }
    ids.insert(id);
  }
  return ids;
}

// The ladders the index lists, or nullopt-like empty + `ok=false` when it
// does not open. `why` gets the error.
struct Listing {
  bool ok = false;
  bool missing = false;  ///< "no index": no run ever committed
  LadderSet ids;
  std::string why;
};

Listing list_ladders(const std::string& db) {
  const auto run = rungs_run({"ladders", "--db", db, "--json"});
  Listing listing;
  if (run.exit_code != 0) {
    listing.missing = run.exit_code == 1 && run.err.find("run `rungs index` first") != std::string::npos;
    listing.why = fmt::format("exit {} signal {}: {}", run.exit_code, run.signal, run.err);
    return listing;
  }
  const auto parsed = json::parse(run.out, nullptr, false);
  if (parsed.is_discarded()) {
    listing.why = "unparsable JSON: " + run.out.substr(0, 200);
    return listing;
  }
  for (const auto& l : parsed["ladders"]) listing.ids.insert(l["id"].get<std::string>());
  listing.ok = true;
  return listing;
}

// A search answers from one snapshot: its hits and facet counts agree, and
// every hit is from a listed ladder. Returns "" when consistent.
std::string check_search(const std::string& db, const LadderSet& ladders) {
  const auto run = rungs_run({"search", "mentors reliability", "--db", db, "--json", "--limit", "10000"});
  if (run.exit_code != 0) return fmt::format("search: exit {} signal {}: {}", run.exit_code, run.signal, run.err);
  const auto out = json::parse(run.out, nullptr, false);
  if (out.is_discarded()) return "search: unparsable JSON";
  if (out["hits"].size() != out["total"].get<std::size_t>()) return "search: hits and total disagree";
  int facet_sum = 0;
  for (const auto& f : out["facets"]["ladder"]) facet_sum += f["count"].get<int>();
  if (facet_sum != out["total"].get<int>()) return "search: ladder facet counts do not add up to the total";
  for (const auto& h : out["hits"]) {
    if (!ladders.empty() && ladders.count(h["ladder"].get<std::string>()) == 0) {
      return "search: a hit from ladder " + h["ladder"].get<std::string>() + " that is not listed";
    }
  }
  return "";
}

LadderSet set_union(const LadderSet& a, const LadderSet& b) {
  LadderSet out = a;
  out.insert(b.begin(), b.end());
  return out;
}

std::string describe(const LadderSet& s) {
  if (s.empty()) return "{}";
  return fmt::format("{{{} ladders, {} .. {}}}", s.size(), *s.begin(), *s.rbegin());
}

// Leftovers of killed runs beside the index.
std::vector<std::string> leftovers(const fs::path& db) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(db.parent_path())) {
    const auto name = entry.path().filename().string();
    const auto base = db.filename().string();
    if (name.rfind(base + ".tmp-", 0) == 0 || name.rfind(base + ".old-", 0) == 0) out.push_back(name);
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("rungs index killed at random moments leaves the last commit, and the next run recovers") {
  const fs::path dir = scratch() / "crash";
  const LadderSet a = write_ladders(dir / "a", "crash-a", 60, 10);
  const LadderSet b = write_ladders(dir / "b", "crash-b", 60, 10);
  const LadderSet c = write_ladders(dir / "c", "crash-c", 30, 10);
  const std::string db = (dir / "index").string();

  // How long an uninterrupted run takes here, to spread the kills over it:
  // the faster of two runs (the first may be slowed by a cold cache or by
  // other tests), then lowered whenever a run ends before its kill (a
  // sanitizer build or a loaded machine is slower at first than later).
  double full_run = 1e9;
  for (int i = 0; i < 2; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto first = rungs_run({"index", (dir / "a").string(), "--db", db, "--rebuild", "--no-bundled"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    full_run = std::min(full_run, seconds_since(start));
  }
  MESSAGE(fmt::format("an uninterrupted rebuild of {} ladders takes {:.2f} s", a.size(), full_run));

  unsigned seed = std::random_device{}();
  if (const char* s = std::getenv("RUNGS_CRASH_SEED")) seed = static_cast<unsigned>(std::stoul(s));
  MESSAGE("seed " << seed << " (set RUNGS_CRASH_SEED to replay)");
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> spread(0.0, 1.1);

  // RUNGS_CRASH_RUNS lowers the count where every run is slow: the suite
  // under ASan + UBSan (scripts/sanitize.sh) runs 15, the plain suite 50.
  const char* runs_env = std::getenv("RUNGS_CRASH_RUNS");
  const int runs = runs_env != nullptr ? std::stoi(runs_env) : 50;
  int killed_mid_run = 0;
  int saw_before = 0;
  int saw_after = 0;
  Listing state = list_ladders(db);
  REQUIRE(state.ok);
  for (int i = 0; i < runs; ++i) {
    // Three kinds of run: a rebuild to the other set, adding a set in place
    // (one Xapian commit), and creating the index from nothing.
    std::vector<std::string> args;
    LadderSet before = state.ids;
    LadderSet after;
    const int kind = i % 5 == 4 ? 2 : i % 2;
    if (kind == 0) {
      const bool to_b = before.count(*a.begin()) != 0;
      args = {"index", (dir / (to_b ? "b" : "a")).string(), "--db", db, "--rebuild", "--no-bundled"};
      after = to_b ? b : a;
    } else if (kind == 1) {
      args = {"index", (dir / "c").string(), "--db", db, "--no-bundled"};
      after = set_union(before, c);
    } else {
      fs::remove_all(db);
      before.clear();
      args = {"index", (dir / "a").string(), "--db", db, "--no-bundled"};
      after = a;
    }
    const double wait = spread(random) * full_run;
    CAPTURE(i);
    CAPTURE(kind);
    CAPTURE(wait);
    const auto start = std::chrono::steady_clock::now();
    Child child(scratch(), args);
    while (seconds_since(start) < wait && child.running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!child.running() && kind != 1) full_run = std::min(full_run, seconds_since(start));
    const Outcome outcome = child.kill();
    if (outcome.signal == SIGKILL) {
      ++killed_mid_run;
    } else {
      CHECK_MESSAGE(outcome.exit_code == 0, outcome.err);
    }

    const Listing now = list_ladders(db);
    if (before.empty() && now.missing) {
      ++saw_before;  // killed before the first commit: still no index, said plainly
      state = now;
      continue;
    }
    REQUIRE_MESSAGE(now.ok, now.why);
    const bool is_before = now.ids == before;
    const bool is_after = now.ids == after;
    CHECK_MESSAGE((is_before || is_after), "index lists " << describe(now.ids) << ", expected " << describe(before)
                                                          << " or " << describe(after));
    saw_before += is_before && !is_after;
    saw_after += is_after;
    const std::string search = check_search(db, now.ids);
    CHECK_MESSAGE(search.empty(), search);
    state = now;
  }
  MESSAGE(fmt::format("{} runs: {} killed mid-run, index as before {} times, as after {} times", runs, killed_mid_run,
                      saw_before, saw_after));
  CHECK(killed_mid_run >= runs / 4);

  // The next uninterrupted run succeeds without clean-up, and leaves nothing behind.
  const auto last = rungs_run({"index", (dir / "b").string(), "--db", db, "--rebuild", "--no-bundled"});
  REQUIRE_MESSAGE(last.exit_code == 0, last.err);
  CHECK(list_ladders(db).ids == b);
  CHECK(leftovers(db).empty());
}

TEST_CASE("searches running while rungs index rewrites the index always see a whole index") {
  const fs::path dir = scratch() / "concurrent";
  const LadderSet a = write_ladders(dir / "a", "conc-a", 40, 8);
  const LadderSet b = write_ladders(dir / "b", "conc-b", 40, 8);
  const LadderSet c = write_ladders(dir / "c", "conc-c", 20, 8);
  const std::string db = (dir / "index").string();
  const auto first = rungs_run({"index", (dir / "a").string(), "--db", db, "--rebuild", "--no-bundled"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  const std::vector<LadderSet> committed = {a, b, set_union(a, c), set_union(b, c)};

  std::atomic<bool> writing{true};
  std::mutex mutex;
  std::vector<std::string> failures;
  int reads = 0;
  auto reader = [&] {
    while (writing) {
      const Listing listing = list_ladders(db);
      std::string problem;
      if (!listing.ok) {
        problem = "ladders failed: " + listing.why;
      } else if (std::find(committed.begin(), committed.end(), listing.ids) == committed.end()) {
        problem = "ladders listed a set no run committed: " + describe(listing.ids);
      } else {
        problem = check_search(db, {});
      }
      const std::lock_guard<std::mutex> guard(mutex);
      ++reads;
      if (!problem.empty()) failures.push_back(problem);
    }
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) readers.emplace_back(reader);

  std::vector<std::string> writer_failures;
  constexpr int kRounds = 5;
  for (int round = 0; round < kRounds; ++round) {
    const bool to_b = round % 2 == 0;
    auto rebuild = rungs_run({"index", (dir / (to_b ? "b" : "a")).string(), "--db", db, "--rebuild", "--no-bundled"});
    if (rebuild.exit_code != 0) writer_failures.push_back(rebuild.err);
    auto add = rungs_run({"index", (dir / "c").string(), "--db", db});
    if (add.exit_code != 0) writer_failures.push_back(add.err);
  }
  writing = false;
  for (auto& t : readers) t.join();
  MESSAGE(fmt::format("{} reads (ladders + search) during {} writes", reads, 2 * kRounds));
  CHECK(writer_failures.empty());
  for (const auto& f : failures) FAIL_CHECK(f);
  CHECK(reads >= 3);
}

TEST_CASE("a second writer fails at once with a clear message, and the first one's index stands") {
  const fs::path dir = scratch() / "writers";
  const LadderSet a = write_ladders(dir / "a", "wr-a", 150, 10);
  const LadderSet b = write_ladders(dir / "b", "wr-b", 5, 4);
  const std::string db = (dir / "index").string();
  const auto first = rungs_run({"index", (dir / "b").string(), "--db", db, "--rebuild", "--no-bundled"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);

  Child writer(scratch(), {"index", (dir / "a").string(), "--db", db, "--rebuild", "--no-bundled"});
  // Wait until the first writer holds the lock (it writes its pid in the lock file).
  const auto start = std::chrono::steady_clock::now();
  const std::string pid = std::to_string(writer.pid());
  while (rungs::e2e::slurp_file(db + ".lock").find(pid) != 0 && seconds_since(start) < 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (const auto& second :
       std::vector<std::vector<std::string>>{{"index", (dir / "b").string(), "--db", db},
                                             {"index", (dir / "b").string(), "--db", db, "--rebuild", "--no-bundled"},
                                             {"index", "--remove", "wr-b-000", "--db", db}}) {
    const auto run = rungs_run(second);
    if (!writer.running()) {
      MESSAGE("the first writer finished before the second started; nothing to test on this machine");
      break;
    }
    CAPTURE(second.back());
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("being written by another rungs process (pid") != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
  const auto done = writer.wait();
  REQUIRE_MESSAGE(done.exit_code == 0, done.err);
  CHECK(list_ladders(db).ids == a);
}

TEST_CASE("rungs index stopped at each fail point leaves the index as before or after, and the next run recovers") {
  // Deterministic: the test build dies at a named step of the write path
  // (indexer/src/fail_point.h) as a SIGKILL would, instead of at a random moment.
  const std::vector<std::string> points = {
      "before-commit",      "after-commit",     "built-beside",     "swapped",          "old-moved-aside",
      "renamed-into-place", "ladder-removed:1", "ladder-removed:2", "ladder-written:1", "ladder-written:2",
      "ladder-written:3",   "ladder-written:4", "ladder-written:5", "ladder-written:6", "facet-column-written"};
  struct Operation {
    const char* name;
    bool start_with_a;  // the index holds ladders A before the run
    bool start_with_b;
    bool rebuild;
    bool add_b;
    std::vector<std::string> remove;  // ids of A removed by the run
  };
  const std::vector<Operation> operations = {
      {"first creation", false, false, false, true, {}},
      {"in-place addition", true, false, false, true, {}},
      {"rebuild", true, false, true, true, {}},
      {"removals", true, true, false, false, {"fp-a-000", "fp-a-001"}},
      {"removal and addition", true, false, false, true, {"fp-a-002"}},
  };
  int kills = 0, runs = 0;
  // Three rounds of other ladder sizes: 225 runs, 141 of them stopped.
  // RUNGS_FAILPOINT_ROUNDS lowers the rounds where every run is slow (the
  // sanitized stage runs one: every fail point of every operation still).
  int rounds = 3;
  if (const char* env = std::getenv("RUNGS_FAILPOINT_ROUNDS")) rounds = std::clamp(std::atoi(env), 1, 3);
  for (int round = 0; round < rounds; ++round) {
    const fs::path dir = scratch() / fmt::format("failpoints-{}", round);
    const LadderSet a = write_ladders(dir / "a", "fp-a", 3, 2 + round);
    const LadderSet b = write_ladders(dir / "b", "fp-b", 6, 2 + round);
    for (const auto& op : operations) {
      for (const auto& point : points) {
        const std::string operation = op.name;
        CAPTURE(operation);
        CAPTURE(point);
        const std::string db = (dir / "idx").string();
        fs::remove_all(db);
        LadderSet before;
        if (op.start_with_a || op.start_with_b) {
          std::vector<std::string> args = {"index", "-q", "--no-bundled", "--db", db};
          if (op.start_with_a) args.push_back((dir / "a").string()), before = set_union(before, a);
          if (op.start_with_b) args.push_back((dir / "b").string()), before = set_union(before, b);
          REQUIRE(rungs_run(args).exit_code == 0);
        }
        std::vector<std::string> args = {"index", "-q", "--no-bundled", "--db", db};
        if (op.rebuild) args.push_back("--rebuild");
        if (op.add_b) args.push_back((dir / "b").string());
        for (const auto& id : op.remove) args.insert(args.end(), {"--remove", id});
        LadderSet after = op.rebuild ? LadderSet{} : before;
        if (op.add_b) after = set_union(after, b);
        for (const auto& id : op.remove) after.erase(id);

        const Outcome stopped = rungs::e2e::run(scratch(), args, {"/usr/bin/env", "RUNGS_FAIL_AT=" + point});
        ++runs;
        REQUIRE_MESSAGE((stopped.exit_code == 137 || stopped.exit_code == 0), stopped.err);
        if (stopped.exit_code == 137) ++kills;
        const Listing seen = list_ladders(db);
        if (before.empty() && !seen.ok) {
          CHECK_MESSAGE(seen.missing, seen.why);  // no commit yet: "no index", said plainly
        } else {
          REQUIRE_MESSAGE(seen.ok, seen.why);
          CHECK_MESSAGE((seen.ids == before || seen.ids == after),
                        fmt::format("torn: {} is neither before {} nor after {}", describe(seen.ids), describe(before),
                                    describe(after)));
          CHECK(check_search(db, seen.ids).empty());
        }
        // The next run recovers whatever the stop left, and lands the change.
        const Outcome again = rungs_run(args);
        if (seen.ok && seen.ids == after && !op.remove.empty()) {
          CHECK(again.exit_code == 1);  // the removals already landed: the ids are gone, said so
          CHECK(again.err.find("to remove; nothing was written") != std::string::npos);
        } else {
          REQUIRE_MESSAGE(again.exit_code == 0, again.err);
          const Listing recovered = list_ladders(db);
          REQUIRE_MESSAGE(recovered.ok, recovered.why);
          CHECK(recovered.ids == after);
        }
        CHECK(leftovers(db).empty());
      }
    }
  }
  MESSAGE(fmt::format("{} runs stopped at fail points: {} stopped (exit 137), none torn", runs, kills));
  // 47 of each round's 75 runs reach their fail point (the others finish
  // before it: a creation has nothing to move aside, and so on).
  CHECK(kills >= 40 * rounds);
}
