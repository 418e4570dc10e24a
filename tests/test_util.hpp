// Helpers shared by the test programs: files, the testdata and shared/ folders.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/source.hpp"

namespace dfopt::test {

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline std::filesystem::path testdata_dir() { return DFOPT_TESTDATA_DIR; }

// ../shared beside the checkout (DFOPT_SHARED overrides); empty when absent.
inline std::filesystem::path shared_dir() {
  const char* env = std::getenv("DFOPT_SHARED");
  std::filesystem::path dir =
      env != nullptr ? std::filesystem::path(env) : std::filesystem::path(DFOPT_SHARED_DIR);
  std::error_code ec;
  return std::filesystem::is_directory(dir / "corpus" / "expected", ec) ? dir
                                                                        : std::filesystem::path();
}

// What a shell command line printed and returned.
struct ShellResult {
  int code = -1;  // the exit status; -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs a shell command line in `dir`, capturing stdout and stderr.
inline ShellResult run_shell(const std::filesystem::path& dir, const std::string& command) {
  const std::filesystem::path out = dir / ".out";
  const std::filesystem::path err = dir / ".err";
  const std::string line = "cd '" + dir.string() + "' && " + command + " >'" + out.string() +
                           "' 2>'" + err.string() + "'";
  const int status = std::system(line.c_str());
  ShellResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_bytes(out);
  r.err = read_bytes(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

inline bool update_golden() { return std::getenv("DFOPT_UPDATE_GOLDEN") != nullptr; }

inline std::shared_ptr<const SourceBuffer> source(std::string text,
                                                  std::string path = "Dockerfile") {
  return std::make_shared<const SourceBuffer>(std::move(path), std::move(text));
}

// A fresh directory under the system temp directory, removed (permissions
// restored first, for tests that take them away) when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("dfopt-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    }
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (creating directories) and returns its path.
  std::filesystem::path write(const std::string& relative,
                              const std::string& content = "FROM scratch\n") const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    write_bytes(file, content);
    return file;
  }
  // The sorted names of the entries directly in the directory (to spot stray temp files).
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace dfopt::test
