#pragma once
// What the server reads, shared by its worker threads: the mapping model of
// the index's newest revision, and a pool of Searchers (one per request at a
// time; a Searcher is not thread-safe). When the index changes (a write
// through the API, or `rungs index` from another process), requests go on
// with the old model until the new one is loaded, then switch.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rungs/mapping/mapping.h"
#include "rungs/search/searcher.h"

namespace rungs::server {

class IndexView {
 public:
  /// Opens the index at `db` and loads its model (from the model cache where it can).
  IndexView(std::filesystem::path db, mapping::ModelOptions options);

  /// The model of the newest revision (looked for at most once a second).
  [[nodiscard]] std::shared_ptr<const mapping::Model> model();

  /// A Searcher on the newest revision, back in the pool when the lease ends.
  class Lease {
   public:
    Lease(IndexView& view, std::unique_ptr<search::Searcher> searcher, std::size_t generation)
        : view_(view), searcher_(std::move(searcher)), generation_(generation) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    search::Searcher& operator*() { return *searcher_; }
    search::Searcher* operator->() { return searcher_.get(); }

   private:
    IndexView& view_;
    std::unique_ptr<search::Searcher> searcher_;
    std::size_t generation_;  ///< of the revision it reads
  };
  [[nodiscard]] Lease searcher();

  /// Looks for a new revision now (after this process wrote the index).
  void refresh();

  [[nodiscard]] const std::filesystem::path& db() const { return db_; }

 private:
  void reload_if_changed(bool now);

  std::filesystem::path db_;
  mapping::ModelOptions options_;

  std::mutex mutex_;  ///< guards the members below
  std::shared_ptr<const mapping::Model> model_;
  std::string contents_;  ///< the revision `model_` was built from
  std::chrono::steady_clock::time_point checked_;
  std::vector<std::unique_ptr<search::Searcher>> pool_;
  std::size_t generation_ = 0;  ///< bumped on every new revision; pooled Searchers older than it reopen
  std::vector<std::size_t> pool_generations_;

  std::mutex reload_mutex_;  ///< one reload at a time; the others keep serving the old model
};

}  // namespace rungs::server
