// Faults during a run of the dfopt binary: the disk filling up under --fix,
// SIGINT in the middle of a bulk --fix, non-UTF-8 file names, directories named
// Dockerfile, binary and huge files among good ones. The promise in each case:
// a clear message, the documented exit code, and every file either untouched or
// completely fixed — never half-written, never a temporary file left behind.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX kill()
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace fs = std::filesystem;
using dfopt::test::read_bytes;
using dfopt::test::run_shell;
using dfopt::test::TempDir;
using dfopt::test::write_bytes;

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace {

const std::string dfopt_bin = DFOPT_BINARY;

// Two RUNs that merge-runs joins (a Safe fix).
const std::string kNaive =
    "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n";

// Files under `dir` that look like dfopt's temporary files.
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".dfopt-") != std::string::npos) out.push_back(e.path().string());
  }
  return out;
}

std::string fixed_text(const TempDir& tmp) {
  write_bytes(tmp.path() / "probe.Dockerfile", kNaive);
  REQUIRE(run_shell(tmp.path(), dfopt_bin + " --select merge-runs --fix probe.Dockerfile").code ==
          0);
  std::string fixed = read_bytes(tmp.path() / "probe.Dockerfile");
  fs::remove(tmp.path() / "probe.Dockerfile");
  REQUIRE(fixed != kNaive);
  return fixed;
}

}  // namespace

TEST_CASE("a write that fails for lack of space leaves the original and no temporary file") {
  TempDir tmp;
  std::string big = "FROM debian:bookworm\n";
  for (int i = 0; i < 300; ++i) big += "RUN apt-get install -y package" + std::to_string(i) + "\n";
  write_bytes(tmp.path() / "Dockerfile", big);
  // ulimit -f 4: no file may grow past 4 KiB, as on a full disk (EFBIG instead of ENOSPC).
  const auto r =
      run_shell(tmp.path(), "ulimit -f 4; " + dfopt_bin + " --select merge-runs --fix Dockerfile");
  CHECK(r.code == 2);
  CHECK(r.err.find("Dockerfile: error: not written: Dockerfile: cannot write: File too large") !=
        std::string::npos);
  // Nothing is claimed as fixed.
  CHECK(r.out.find("(0 fixed, 1 remaining)") != std::string::npos);
  CHECK(read_bytes(tmp.path() / "Dockerfile") == big);
  CHECK(temporaries(tmp.path()).empty());
}

TEST_CASE("SIGINT during a bulk --fix: every file is either untouched or wholly fixed") {
  TempDir tmp;
  const std::string fixed = fixed_text(tmp);
  constexpr int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i) {
    const fs::path dir = tmp.path() / "repo" / ("svc" + std::to_string(i));
    fs::create_directories(dir);
    write_bytes(dir / "Dockerfile", kNaive);
  }
  const std::string repo = (tmp.path() / "repo").string();
  std::vector<std::string> args{dfopt_bin, "--select", "merge-runs", "--fix",
                                "--jobs",  "2",        "--quiet",    repo};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (tmp.path() / "err").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, dfopt_bin.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  // Interrupt once the run is writing (the files are done in sorted order; svc0 comes first).
  const fs::path first = tmp.path() / "repo" / "svc0" / "Dockerfile";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (read_bytes(first) != fixed && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid, SIGINT);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  const int code = WEXITSTATUS(status);
  int done = 0;
  int untouched = 0;
  for (int i = 0; i < kFiles; ++i) {
    const std::string text =
        read_bytes(tmp.path() / "repo" / ("svc" + std::to_string(i)) / "Dockerfile");
    done += text == fixed ? 1 : 0;
    untouched += text == kNaive ? 1 : 0;
  }
  CHECK(done + untouched == kFiles);
  CHECK(done >= 1);
  CHECK(temporaries(tmp.path()).empty());
  if (untouched > 0) {
    // Interrupted before the end: exit 130 and a note on stderr.
    CHECK(code == 130);
    CHECK(read_bytes(tmp.path() / "err").find("dfopt: interrupted") != std::string::npos);
  } else {
    MESSAGE("the run finished before SIGINT arrived; only the invariants were checked");
    CHECK((code == 0 || code == 130));
  }
}

TEST_CASE("file names that are not UTF-8") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "caf\xe9-\xff";
  fs::create_directories(dir);
  write_bytes(dir / "Dockerfile", kNaive);
  auto r = run_shell(tmp.path(), dfopt_bin + " --select merge-runs .");
  CHECK(r.code == 1);
  CHECK(r.out.find("caf\xe9-\xff/Dockerfile:2:1: merge-runs") != std::string::npos);
  // JSON and SARIF stay valid UTF-8 (the bytes are replaced, not passed through).
  for (const std::string format : {"json", "sarif"}) {
    CAPTURE(format);
    r = run_shell(tmp.path(),
                  fmt::format("{} --select merge-runs --format {} .", dfopt_bin, format));
    CHECK(r.code == 1);
    CHECK(nlohmann::json::accept(r.out));
  }
  r = run_shell(tmp.path(), dfopt_bin + " --select merge-runs --fix .");
  CHECK(r.code == 0);
  CHECK(read_bytes(dir / "Dockerfile") != kNaive);
}

TEST_CASE("a directory named Dockerfile") {
  TempDir tmp;
  fs::create_directories(tmp.path() / "a" / "Dockerfile");
  fs::create_directories(tmp.path() / "b");
  write_bytes(tmp.path() / "b" / "Dockerfile", kNaive);
  SUBCASE("named on the command line: a directory to walk, with nothing in it") {
    const auto r = run_shell(tmp.path(), dfopt_bin + " --fix a/Dockerfile");
    CHECK(r.code == 0);
    CHECK(r.err.find("dfopt: warning: no Dockerfiles found") != std::string::npos);
    CHECK(fs::is_empty(tmp.path() / "a" / "Dockerfile"));
  }
  SUBCASE("met in a walk: not a Dockerfile, the rest is done") {
    const auto r = run_shell(tmp.path(), dfopt_bin + " --select merge-runs --fix .");
    CHECK(r.code == 0);
    CHECK(read_bytes(tmp.path() / "b" / "Dockerfile") != kNaive);
    CHECK(fs::is_directory(tmp.path() / "a" / "Dockerfile"));
  }
}

TEST_CASE("binary and huge files among good ones in a bulk --fix") {
  TempDir tmp;
  for (const char* d : {"bin", "huge", "ok"}) fs::create_directories(tmp.path() / d);
  std::string binary = "FROM x\n";
  binary += std::string(1, '\0') + "\x01\x02\xff";
  write_bytes(tmp.path() / "bin" / "Dockerfile", binary);
  std::string huge =
      "FROM debian:bookworm\nLABEL x=\"" + std::string(std::size_t{10} * 1024 * 1024, 'a') + "\"\n";
  write_bytes(tmp.path() / "huge" / "Dockerfile", huge);
  write_bytes(tmp.path() / "ok" / "Dockerfile", kNaive);
  const auto r = run_shell(tmp.path(), dfopt_bin + " --select merge-runs --fix --jobs 2 .");
  CHECK(r.code == 2);  // the binary file is an error
  CHECK(r.out.find("bin/Dockerfile:2:1: error: binary data") != std::string::npos);
  CHECK(read_bytes(tmp.path() / "bin" / "Dockerfile") == binary);
  CHECK(read_bytes(tmp.path() / "huge" / "Dockerfile") == huge);
  CHECK(read_bytes(tmp.path() / "ok" / "Dockerfile") != kNaive);
  CHECK(temporaries(tmp.path()).empty());
}
