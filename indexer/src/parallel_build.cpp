// A fresh index on several cores (see parallel_build.h).

#include "parallel_build.h"

#include <fmt/core.h>
#include <xapian.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "index_directory.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/xapian_errors.h"
#include "writer.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;
using corpus::Ladder;

// Cuts `ladders` into at most `parts` consecutive runs of about equal statements.
std::vector<std::span<const Ladder>> cut(std::span<const Ladder> ladders, std::size_t parts, std::size_t total) {
  std::vector<std::span<const Ladder>> out;
  std::size_t begin = 0, done = 0;
  for (std::size_t i = 0; i < ladders.size(); ++i) {
    done += corpus::statement_count(ladders[i]);
    if (done * parts >= total * (out.size() + 1) || i + 1 == ladders.size()) {
      out.push_back(ladders.subspan(begin, i + 1 - begin));
      begin = i + 1;
    }
  }
  return out;
}

// One progress report over all shards: each shard's reports summed, its
// "committing" left out (the merge says it once).
class SharedProgress {
 public:
  SharedProgress(const IndexOptions& options, std::size_t shards, std::size_t ladders, std::size_t statements)
      : report_(options.progress), done_(shards) {
    total_.ladders_total = ladders;
    total_.statements_total = statements;
  }

  std::function<void(const IndexProgress&)> for_shard(std::size_t shard) {
    if (!report_) return {};
    return [this, shard](const IndexProgress& p) {
      if (p.committing) return;
      const std::lock_guard lock(mutex_);
      done_[shard] = p;
      IndexProgress sum = total_;
      for (const auto& d : done_) {
        sum.ladders_done += d.ladders_done;
        sum.statements_done += d.statements_done;
      }
      sum.ladder = p.ladder;
      report_(sum);
    };
  }

  void committing() {
    if (!report_) return;
    IndexProgress p = total_;
    p.ladders_done = p.ladders_total;
    p.statements_done = p.statements_total;
    p.committing = true;
    report_(p);
  }

 private:
  std::function<void(const IndexProgress&)> report_;
  std::mutex mutex_;
  IndexProgress total_;
  std::vector<IndexProgress> done_;
};

}  // namespace

IndexStats build_fresh(const fs::path& out, std::span<const Ladder> ladders, const IndexOptions& options) {
  const std::size_t statements =
      std::accumulate(ladders.begin(), ladders.end(), std::size_t{0},
                      [](std::size_t n, const Ladder& ladder) { return n + corpus::statement_count(ladder); });
  std::size_t threads = options.threads;
  if (threads == 0) threads = statements >= kParallelFrom ? std::max(1U, std::thread::hardware_concurrency()) : 1;
  // A ladder given twice is replaced by its second copy, which only one
  // writer can do.
  std::set<std::string_view> ids;
  for (const auto& ladder : ladders) {
    if (!ids.insert(ladder.id).second) threads = 1;
  }
  const auto parts = cut(ladders, std::min(threads, ladders.size()), statements);
  if (parts.size() < 2) {
    auto wdb = open_writable(out, Xapian::DB_CREATE_OR_OVERWRITE);
    IndexStats stats = write_ladders(wdb, out, ladders, options);
    wdb.close();
    return stats;
  }

  std::vector<fs::path> shards;
  for (std::size_t i = 0; i < parts.size(); ++i) shards.push_back(sibling(out, fmt::format("-shard{}", i)));
  const auto remove_shards = [&] {
    std::error_code ignored;
    for (const auto& shard : shards) fs::remove_all(shard, ignored);
  };
  SharedProgress progress(options, parts.size(), ladders.size(), statements);
  std::vector<IndexStats> stats(parts.size());
  std::vector<SynonymPairs> synonyms(parts.size());
  std::vector<std::exception_ptr> failures(parts.size());
  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      workers.emplace_back([&, i] {
        try {
          IndexOptions shard_options = options;
          shard_options.progress = progress.for_shard(i);
          auto wdb = open_writable(shards[i], Xapian::DB_CREATE_OR_OVERWRITE);
          stats[i] = write_shard(wdb, shards[i], parts[i], shard_options, synonyms[i]);
          wdb.close();
        } catch (...) {
          failures[i] = std::current_exception();
        }
      });
    }
  }
  for (const auto& failure : failures) {
    if (failure) {
      remove_shards();
      std::rethrow_exception(failure);
    }
  }

  progress.committing();
  try {
    Xapian::Database all;
    for (const auto& shard : shards) all.add_database(Xapian::Database(shard.string()));
    std::error_code ignored;
    fs::remove_all(out, ignored);
    all.compact(out.string());
  } catch (const Xapian::Error&) {
    remove_shards();
    rethrow_writing_error(out.string());
  }
  remove_shards();
  SynonymPairs all_synonyms;
  for (auto& pairs : synonyms) all_synonyms.merge(pairs);
  auto wdb = open_writable(out, Xapian::DB_OPEN);
  finish_merge(wdb, out, all_synonyms);
  wdb.close();

  IndexStats total;
  for (const auto& s : stats) {
    total.ladders += s.ladders;
    total.documents += s.documents;
    total.set_aside += s.set_aside;
  }
  return total;
}

}  // namespace rungs::indexer
