// Every input the fuzz targets ever crashed on (testdata/fuzz-regressions/<target>/), run
// through the same invariants as the target (tests/fuzz/fuzz_checks.hpp).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "fuzz/fuzz_checks.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs(std::string_view target) {
  std::vector<fs::path> files;
  const fs::path dir = dfopt::test::testdata_dir() / "fuzz-regressions" / target;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.')
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

template <typename Check>
void run_all(std::string_view target, Check check) {
  for (const fs::path& file : inputs(target)) {
    CAPTURE(file.string());
    const std::string bytes = dfopt::test::read_bytes(file);
    const dfopt::fuzz::Failures failures = check(bytes);
    CHECK_MESSAGE(failures.empty(), dfopt::fuzz::join(failures));
  }
}

}  // namespace

TEST_CASE("fuzz regressions: fuzz_dockerfile") {
  run_all("fuzz_dockerfile", dfopt::fuzz::check_dockerfile);
}

TEST_CASE("fuzz regressions: fuzz_shell") { run_all("fuzz_shell", dfopt::fuzz::check_shell); }

TEST_CASE("fuzz regressions: fuzz_pipeline") {
  run_all("fuzz_pipeline", dfopt::fuzz::check_pipeline);
}
