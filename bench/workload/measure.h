#pragma once
// Measuring helpers of rungs_bench: wall time, disk size, resident memory,
// a phase run in a forked child (its own peak RSS), latency percentiles.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

namespace rungs::bench {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start);
/// Bytes of a file, or of every file under a directory.
std::uint64_t dir_bytes(const std::filesystem::path& path);
/// This process's resident memory, in KiB.
std::uint64_t rss_now_kb();
/// Runs `body` in a forked child; returns its JSON result plus "peak_rss_mb"
/// (the child's ru_maxrss) and "base_rss_mb" (the parent's RSS at the fork,
/// which the child starts with).
json in_child(const std::function<json()>& body);

struct Latencies {
  std::vector<double> ms;
  /// n, p50, p95, p99, mean, max.
  json summary() const;
};

}  // namespace rungs::bench
