// Measuring helpers of rungs_bench (see measure.h).

#include "measure.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace rungs::bench {

namespace fs = std::filesystem;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::uint64_t dir_bytes(const fs::path& path) {
  std::uint64_t total = 0;
  if (fs::is_regular_file(path)) return fs::file_size(path);
  for (const auto& e : fs::recursive_directory_iterator(path)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

std::uint64_t rss_now_kb() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
}

json in_child(const std::function<json()>& body) {
  std::fflush(stdout);
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const std::uint64_t base = rss_now_kb();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    int code = 0;
    try {
      out = body().dump();
    } catch (const std::exception& e) {
      out = json{{"error", e.what()}}.dump();
      code = 1;
    }
    std::size_t done = 0;
    while (done < out.size()) {
      const auto n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    std::fflush(stdout);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  json result = text.empty() ? json{{"error", "child died"}} : json::parse(text);
  result["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024;
  result["base_rss_mb"] = static_cast<double>(base) / 1024;
  if (result.contains("error")) throw std::runtime_error(result["error"].get<std::string>());
  return result;
}

json Latencies::summary() const {
  if (ms.empty()) return json{{"n", 0}};
  auto sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double p) {
    const auto i = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size()))) - 1;
    return sorted[std::min(i, sorted.size() - 1)];
  };
  double sum = 0;
  for (double v : sorted) sum += v;
  return {{"n", sorted.size()},
          {"p50", pct(50)},
          {"p95", pct(95)},
          {"p99", pct(99)},
          {"mean", sum / static_cast<double>(sorted.size())},
          {"max", sorted.back()}};
}

}  // namespace rungs::bench
