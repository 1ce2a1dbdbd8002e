// Google Benchmark micro-benchmarks for the hot inner pieces of rungs, on the
// bundled corpus (RUNGS_CORPUS_DIR):
//   BM_NormalizeText     corpus::normalize_text on one statement (ICU: validate, repair, NFC)
//   BM_LoadLadder        corpus::load_ladder on a bundled document (format sniffing, parsing)
//   BM_LoadCorpus        corpus::load_corpus on the bundled corpus (manifests and documents)
//   BM_AnalyzerStems     analysis::Analyzer::stems on one statement
//   BM_SchemaNormalize   analysis::normalize (folding, spelling variants)
//   BM_ModelBuild        mapping::Model construction over the bundled ladders (default options)
//   BM_ModelLoad         Model::deserialize of that model's file (what a warm `rungs level` reads)
//   BM_MatchPhrase       Model::match_phrase on a phrase from tests/eval, every ladder
//   BM_MapLadders        Model::map_ladders(octopus-support, ops-sre)
//   BM_AlignMonotone     mapping::align_monotone on an n x n random gain matrix
// Example: rungs_micro --benchmark_filter=MapLadders --benchmark_min_time=0.5

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "rungs/analysis/analyzer.h"
#include "rungs/corpus/load.h"
#include "rungs/corpus/text.h"
#include "rungs/mapping/mapping.h"

namespace {

using rungs::corpus::Ladder;

const std::vector<Ladder>& bundled() {
  static const auto ladders = rungs::corpus::load_corpus(RUNGS_CORPUS_DIR);
  return ladders;
}

const std::string kStatement =
    "Leads high-risk maintenance with limited to no customer impact, and prioritises the team’s "
    "behaviours around incident response.";

void BM_NormalizeText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(rungs::corpus::normalize_text(kStatement, "bench", 1));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kStatement.size()));
}
BENCHMARK(BM_NormalizeText);

void BM_LoadLadder(benchmark::State& state) {
  const std::string path = std::string(RUNGS_CORPUS_DIR) + "/ops-sre.yaml";
  for (auto _ : state) benchmark::DoNotOptimize(rungs::corpus::load_ladder(path));
}
BENCHMARK(BM_LoadLadder)->Unit(benchmark::kMicrosecond);

void BM_LoadCorpus(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(rungs::corpus::load_corpus(RUNGS_CORPUS_DIR));
}
BENCHMARK(BM_LoadCorpus)->Unit(benchmark::kMillisecond);

void BM_AnalyzerStems(benchmark::State& state) {
  const rungs::analysis::Analyzer analyzer;
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.stems(kStatement));
}
BENCHMARK(BM_AnalyzerStems);

void BM_SchemaNormalize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(rungs::analysis::normalize(kStatement));
}
BENCHMARK(BM_SchemaNormalize);

void BM_ModelBuild(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(rungs::mapping::Model(bundled()));
}
BENCHMARK(BM_ModelBuild)->Unit(benchmark::kMillisecond);

void BM_ModelLoad(benchmark::State& state) {
  const std::string bytes = rungs::mapping::Model(bundled()).serialize("bench");
  for (auto _ : state) benchmark::DoNotOptimize(rungs::mapping::Model::deserialize(bytes, "bench", {}));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ModelLoad)->Unit(benchmark::kMillisecond);

void BM_MatchPhrase(benchmark::State& state) {
  const rungs::mapping::Model model(bundled());
  for (auto _ : state) benchmark::DoNotOptimize(model.match_phrase("runs the incident war room"));
}
BENCHMARK(BM_MatchPhrase)->Unit(benchmark::kMicrosecond);

void BM_MapLadders(benchmark::State& state) {
  const rungs::mapping::Model model(bundled());
  for (auto _ : state) benchmark::DoNotOptimize(model.map_ladders("octopus-support", "ops-sre"));
}
BENCHMARK(BM_MapLadders)->Unit(benchmark::kMicrosecond);

void BM_AlignMonotone(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937 random(42);
  std::uniform_real_distribution<double> gain(-1, 1);
  std::vector<std::vector<double>> scores(n, std::vector<double>(n));
  for (auto& row : scores) {
    for (auto& g : row) g = gain(random);
  }
  for (auto _ : state) benchmark::DoNotOptimize(rungs::mapping::align_monotone(scores, -0.5));
}
BENCHMARK(BM_AlignMonotone)->Arg(5)->Arg(7)->Arg(20);

}  // namespace

BENCHMARK_MAIN();
