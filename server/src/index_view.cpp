#include "index_view.h"

#include "rungs/service/model_cache.h"

namespace rungs::server {
namespace {

constexpr auto kCheckEvery = std::chrono::seconds(1);

}  // namespace

IndexView::IndexView(std::filesystem::path db, mapping::ModelOptions options)
    : db_(std::move(db)), options_(std::move(options)) {
  search::Searcher searcher(db_);
  contents_ = searcher.contents_id();
  model_ = std::make_shared<const mapping::Model>(service::load_model(db_, options_));
  checked_ = std::chrono::steady_clock::now();
  pool_.push_back(std::make_unique<search::Searcher>(std::move(searcher)));
  pool_generations_.push_back(generation_);
}

IndexView::Lease::~Lease() {
  std::lock_guard lock(view_.mutex_);
  view_.pool_.push_back(std::move(searcher_));
  view_.pool_generations_.push_back(generation_);
}

IndexView::Lease IndexView::searcher() {
  reload_if_changed(false);
  std::unique_ptr<search::Searcher> searcher;
  bool stale = false;
  std::size_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
    if (!pool_.empty()) {
      searcher = std::move(pool_.back());
      stale = pool_generations_.back() != generation_;
      pool_.pop_back();
      pool_generations_.pop_back();
    }
  }
  if (!searcher) {
    searcher = std::make_unique<search::Searcher>(db_);
  } else if (stale) {
    searcher->reopen();
  }
  return Lease(*this, std::move(searcher), generation);
}

std::shared_ptr<const mapping::Model> IndexView::model() {
  reload_if_changed(false);
  std::lock_guard lock(mutex_);
  return model_;
}

void IndexView::refresh() { reload_if_changed(true); }

void IndexView::reload_if_changed(bool now) {
  {
    std::lock_guard lock(mutex_);
    const auto time = std::chrono::steady_clock::now();
    if (!now && time - checked_ < kCheckEvery) return;
    checked_ = time;
  }
  // One thread reloads; the others go on with what they have. A forced
  // refresh (after our own write) waits for the reload in progress.
  std::unique_lock reloading(reload_mutex_, std::defer_lock);
  if (now) {
    reloading.lock();
  } else if (!reloading.try_lock()) {
    return;
  }
  search::Searcher probe(db_);
  const std::string contents = probe.contents_id();
  {
    std::lock_guard lock(mutex_);
    if (contents == contents_) return;
  }
  auto model = std::make_shared<const mapping::Model>(service::load_model(db_, options_));
  std::lock_guard lock(mutex_);
  model_ = std::move(model);
  contents_ = contents;
  ++generation_;
}

}  // namespace rungs::server
