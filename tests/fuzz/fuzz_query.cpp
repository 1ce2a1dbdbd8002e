// The query path: a Searcher over a small index of the fixture ladders,
// built once per process. The first input byte picks the mode (user query,
// plain words, with a filter), the rest is the query text.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz_support.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/search/searcher.h"

namespace {

rungs::search::Searcher& searcher() {
  static rungs::search::Searcher instance = [] {
    const auto db = std::filesystem::temp_directory_path() / ("rungs-fuzz-query-" + std::to_string(::getpid()));
    std::vector<rungs::corpus::Ladder> ladders;
    for (const char* name : {"acme-eng.yaml", "globex-sre.yaml"}) {
      const auto path = std::filesystem::path(RUNGS_FIXTURES_DIR) / "index" / name;
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      ladders.push_back(rungs::corpus::ladder_from_yaml(text.str(), path));
    }
    rungs::indexer::build_index(db, ladders);
    return rungs::search::Searcher(db);
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  rungs::search::SearchRequest request;
  request.query = rungs::fuzz::as_string(data + 1, size - 1);
  request.plain_words = (data[0] & 1) != 0;
  if ((data[0] & 2) != 0) request.filters.ladders = {"acme-eng"};
  if ((data[0] & 4) != 0) request.filters.levels = {request.query.substr(0, 8)};
  request.limit = 5 + (data[0] >> 4);
  request.highlight_start = "[";
  request.highlight_end = "]";
  rungs::fuzz::expect_only_rungs_errors([&] {
    const auto results = searcher().search(request);
    if (results.total < 0 || static_cast<int>(results.hits.size()) > request.limit) std::abort();
  });
  return 0;
}
