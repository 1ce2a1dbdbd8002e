#pragma once
// Running the built `rungs` binary from the end-to-end tests: to completion
// (`run`), or in the background to be killed or waited for (`Child`).
// Output goes to files, so that children never block on a full pipe.
// Thread-safe: each call uses its own output files. Uses no doctest
// assertions, so that threads may call it.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace rungs::e2e {

struct Outcome {
  int exit_code = -1;  ///< -1 when killed by a signal
  int signal = 0;      ///< the signal that ended it, 0 when it exited
  std::string out;
  std::string err;
};

inline std::string slurp_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh scratch directory for one test binary run, named after `name`
/// and the process id; created on first use, the same path after that.
inline const std::filesystem::path& scratch_dir(const std::string& name) {
  static const std::filesystem::path dir = [&] {
    auto d = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

/// One background `rungs` process.
class Child {
 public:
  /// Starts `rungs args...` with stdout and stderr written to files in `scratch`.
  /// A non-empty `launcher` (say `setpriv --reuid=65534 ...`) runs rungs: the
  /// program is then `launcher[0]`, and `rungs args...` follows its arguments.
  Child(const std::filesystem::path& scratch, const std::vector<std::string>& args,
        const std::vector<std::string>& launcher = {}) {
    static std::atomic<int> counter{0};
    const std::string stem = "proc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    out_ = scratch / (stem + ".out");
    err_ = scratch / (stem + ".err");
    std::vector<std::string> argv_storage = launcher;
    argv_storage.emplace_back(RUNGS_BINARY);
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("posix_spawn failed: " + std::to_string(rc));
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    std::filesystem::remove(out_, ignored);
    std::filesystem::remove(err_, ignored);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  /// What the process has written to stdout so far.
  [[nodiscard]] std::string out_so_far() const { return slurp_file(out_); }

  /// True while the process has not ended (reaps it when it has).
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      finish(status);
      return false;
    }
    return true;
  }

  /// SIGKILLs the process (if still running) and waits for it.
  Outcome kill() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
    return wait();
  }

  /// Waits for the process to end.
  Outcome wait() {
    if (pid_ > 0) {
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      finish(status);
    }
    outcome_.out = slurp_file(out_);
    outcome_.err = slurp_file(err_);
    return outcome_;
  }

 private:
  void finish(int status) {
    outcome_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome_.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    pid_ = -1;
  }

  pid_t pid_ = -1;
  std::filesystem::path out_;
  std::filesystem::path err_;
  Outcome outcome_;
};

/// Runs `rungs args...` to completion (through `launcher`, as in `Child`).
inline Outcome run(const std::filesystem::path& scratch, const std::vector<std::string>& args,
                   const std::vector<std::string>& launcher = {}) {
  return Child(scratch, args, launcher).wait();
}

}  // namespace rungs::e2e
