#include "driver/discover.hpp"

#include <dirent.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace dfopt::driver;

using dfopt::test::TempDir;

namespace {

// The found files relative to `root`, in result order.
std::vector<std::string> relative(const DiscoverResult& result, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& file : result.files)
    out.push_back(fs::path(file).lexically_relative(root).generic_string());
  return out;
}

DiscoverResult walk(const TempDir& tmp, const Excludes& excludes = {}) {
  return discover({tmp.path().string()}, excludes);
}

}  // namespace

TEST_CASE("is_dockerfile_name") {
  for (const char* name :
       {"Dockerfile", "dockerfile", "Dockerfile.dev", "Dockerfile.prod.arm64", "app.Dockerfile",
        "app.dockerfile", "Containerfile", "Containerfile.ci", "x.containerfile", ".Dockerfile"}) {
    CAPTURE(name);
    CHECK(is_dockerfile_name(name));
  }
  for (const char* name :
       {"Dockerfile.", "DOCKERFILE", "Dockerfile-dev", "README.md", "Dockerfile.md",
        "Dockerfile.dockerignore", "app.Dockerfile.dockerignore", "Dockerfile~", "Dockerfile.orig",
        "Dockerfile.rej", "Dockerfile.bak", ".Dockerfile.swp", ".Dockerfile.dfopt-a1B2c3",
        "containerfile", "docker-compose.yml", "x.Containerfile.txt"}) {
    CAPTURE(name);
    CHECK_FALSE(is_dockerfile_name(name));
  }
}

TEST_CASE("discover: names, skipped directories, sorted output") {
  TempDir tmp;
  for (const char* name : {"Dockerfile",
                           "z/Dockerfile.dev",
                           "a/app.Dockerfile",
                           "b/x.dockerfile",
                           "c/Containerfile",
                           "c/Containerfile.prod",
                           "c/y.containerfile",
                           "d/dockerfile",
                           ".devcontainer/Dockerfile",
                           "target/Dockerfile",
                           "notes.md",
                           "Dockerfile.dockerignore",
                           "Dockerfile.md",
                           "a/build.sh",
                           ".git/Dockerfile",
                           ".hg/Dockerfile",
                           ".svn/Dockerfile",
                           "node_modules/x/Dockerfile",
                           "vendor/Dockerfile",
                           "third_party/Dockerfile",
                           ".venv/Dockerfile",
                           "venv/Dockerfile",
                           "__pycache__/Dockerfile",
                           ".tox/Dockerfile",
                           "deep/er/still/Dockerfile"}) {
    tmp.write(name);
  }
  const DiscoverResult result = walk(tmp);
  CHECK(result.errors.empty());
  CHECK(relative(result, tmp.path()) ==
        std::vector<std::string>{".devcontainer/Dockerfile", "Dockerfile", "a/app.Dockerfile",
                                 "b/x.dockerfile", "c/Containerfile", "c/Containerfile.prod",
                                 "c/y.containerfile", "d/dockerfile", "deep/er/still/Dockerfile",
                                 "target/Dockerfile", "z/Dockerfile.dev"});
}

TEST_CASE("discover: file arguments are taken as is; missing ones are errors") {
  TempDir tmp;
  tmp.write("build/odd-name.txt");
  tmp.write("vendor/Dockerfile");
  const fs::path odd = tmp.path() / "build" / "odd-name.txt";
  const fs::path vendored = tmp.path() / "vendor" / "Dockerfile";
  const fs::path missing = tmp.path() / "missing";
  const DiscoverResult result = discover({odd.string(), missing.string(), vendored.string()}, {});
  CHECK(result.files == std::vector<std::string>{odd.string(), vendored.string()});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].path == missing.string());
  CHECK(result.errors[0].message == "No such file or directory");
}

TEST_CASE("discover: duplicates are removed, also through different spellings") {
  TempDir tmp;
  tmp.write("a/Dockerfile");
  tmp.write("b/Dockerfile");
  const std::string root = tmp.path().string();
  const DiscoverResult result =
      discover({root, root + "/a", root + "/./a/Dockerfile", root + "/b/../b"}, {});
  CHECK(relative(result, tmp.path()) == std::vector<std::string>{"a/Dockerfile", "b/Dockerfile"});
}

TEST_CASE("discover: --exclude globs and config excludes") {
  TempDir tmp;
  for (const char* name :
       {"Dockerfile", "gen/Dockerfile", "svc/a/Dockerfile", "svc/a/app.dockerfile",
        "svc/testdata/Dockerfile", "svc/b/Dockerfile", "legacy/Dockerfile"}) {
    tmp.write(name);
  }
  SUBCASE("relative to the base") {
    Excludes ex;
    ex.base = tmp.path();
    ex.globs = {"gen/**", "*.dockerfile", "legacy/"};
    CHECK(relative(walk(tmp, ex), tmp.path()) ==
          std::vector<std::string>{"Dockerfile", "svc/a/Dockerfile", "svc/b/Dockerfile",
                                   "svc/testdata/Dockerfile"});
  }
  SUBCASE("a pattern outside the base matches nothing") {
    Excludes ex;
    ex.base = tmp.path() / "svc";
    ex.globs = {"gen/**", "a"};
    CHECK(relative(walk(tmp, ex), tmp.path()) ==
          std::vector<std::string>{"Dockerfile", "gen/Dockerfile", "legacy/Dockerfile",
                                   "svc/b/Dockerfile", "svc/testdata/Dockerfile"});
  }
  SUBCASE("the governing config's exclude, relative to its directory") {
    auto config = std::make_shared<Config>();
    config->dir = tmp.path() / "svc";
    config->exclude = {"**/testdata/**", "b/Dockerfile"};
    Excludes ex;
    ex.config_for = [&](const fs::path& dir) -> std::shared_ptr<const Config> {
      const auto rel = relative_to(dir, config->dir);
      return rel ? config : nullptr;
    };
    CHECK(relative(walk(tmp, ex), tmp.path()) ==
          std::vector<std::string>{"Dockerfile", "gen/Dockerfile", "legacy/Dockerfile",
                                   "svc/a/Dockerfile", "svc/a/app.dockerfile"});
  }
}

TEST_CASE("discover: .gitignore") {
  TempDir tmp;
  for (const char* name :
       {"Dockerfile", "build/Dockerfile", "x.gen.Dockerfile", "keep.gen.Dockerfile",
        "rootonly/Dockerfile", "sub/rootonly/Dockerfile", "sub/Dockerfile", "sub/local.Dockerfile",
        "sub/deep/local.Dockerfile", "out/Dockerfile", "out/keep/Dockerfile"}) {
    tmp.write(name);
  }
  tmp.write(".gitignore",
            "# generated\n\nbuild/\n*.gen.Dockerfile\n!keep.gen.Dockerfile\n/rootonly\nout/\n"
            "!out/keep/\n");
  tmp.write("sub/.gitignore", "/local.Dockerfile\n");

  CHECK(relative(walk(tmp), tmp.path()) ==
        std::vector<std::string>{"Dockerfile", "keep.gen.Dockerfile", "sub/Dockerfile",
                                 "sub/deep/local.Dockerfile", "sub/rootonly/Dockerfile"});

  Excludes no_gitignore;
  no_gitignore.respect_gitignore = false;
  CHECK(walk(tmp, no_gitignore).files.size() == 11);
}

TEST_CASE("discover: symbolic links") {
  TempDir tmp;
  tmp.write("real/Dockerfile");
  tmp.write("outside/Dockerfile.shared");
  fs::create_directory_symlink(tmp.path(), tmp.path() / "real" / "loop");       // a loop
  fs::create_directory_symlink(tmp.path() / "outside", tmp.path() / "linked");  // not followed
  fs::create_symlink(tmp.path() / "outside" / "Dockerfile.shared",
                     tmp.path() / "real" / "app.Dockerfile");
  fs::create_symlink(tmp.path() / "nowhere", tmp.path() / "real" / "broken.Dockerfile");

  const DiscoverResult result = discover({(tmp.path() / "real").string()}, {});
  CHECK(result.errors.empty());
  CHECK(relative(result, tmp.path()) ==
        std::vector<std::string>{"real/Dockerfile", "real/app.Dockerfile"});

  // The link and its target are one file: listed once, under the first name.
  const DiscoverResult both = walk(tmp);
  CHECK(relative(both, tmp.path()) ==
        std::vector<std::string>{"outside/Dockerfile.shared", "real/Dockerfile"});
}

TEST_CASE("discover: an unreadable directory is reported and the walk goes on") {
  TempDir tmp;
  tmp.write("a/Dockerfile");
  tmp.write("locked/Dockerfile");
  tmp.write("z/Dockerfile");
  const fs::path locked = tmp.path() / "locked";
  fs::permissions(locked, fs::perms::none);
  // Root (or CAP_DAC_OVERRIDE) reads it anyway: nothing to check then.
  DIR* probe = ::opendir(locked.c_str());
  const bool denied = probe == nullptr;
  if (probe != nullptr) ::closedir(probe);
  if (denied) {
    const DiscoverResult result = walk(tmp);
    CHECK(relative(result, tmp.path()) == std::vector<std::string>{"a/Dockerfile", "z/Dockerfile"});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].path == locked.string());
    CHECK(result.errors[0].message == "Permission denied");
  } else {
    MESSAGE("running with privileges that ignore permissions: skipped the denied-directory check");
  }
  fs::permissions(locked, fs::perms::owner_all);
}

TEST_CASE("discover: the walk yields sorted paths, names that sort around '/' included") {
  TempDir tmp;
  // '-' and '.' sort before '/', '0' after it: a depth-first walk that sorted bare names
  // would put "a/Dockerfile" before "a-b/Dockerfile".
  for (const char* name : {"a/Dockerfile", "a-b/Dockerfile", "a.Dockerfile", "a0/Dockerfile",
                           "a/b/Dockerfile", "a/b.Dockerfile", "a/b-c/Dockerfile", "ab.Dockerfile",
                           "Dockerfile", "Dockerfile.a", "B/Dockerfile"}) {
    tmp.write(name);
  }
  const DiscoverResult result = walk(tmp);
  std::vector<std::string> sorted = result.files;
  std::sort(sorted.begin(), sorted.end());
  CHECK(result.files == sorted);
  CHECK(result.files.size() == 11);
}

TEST_CASE("discover: streamed, the first pass counts") {
  TempDir tmp;
  for (const char* name : {"x/Dockerfile", "y/Dockerfile", "y/z/Dockerfile"}) tmp.write(name);
  Discovery discovery({tmp.path().string()}, {});
  CHECK(discovery.errors().empty());
  CHECK(discovery.expected() == 3);
  std::vector<std::string> got;
  while (auto file = discovery.next()) got.push_back(*file);
  CHECK(got.size() == 3);
  CHECK_FALSE(discovery.next().has_value());
  // A file added between the passes is still found: the count is an estimate.
  Discovery later({tmp.path().string()}, {});
  tmp.write("w/Dockerfile");
  std::size_t n = 0;
  while (later.next()) ++n;
  CHECK(later.expected() == 3);
  CHECK(n == 4);
}

TEST_CASE("discover: a hard link is listed once, under its first name") {
  TempDir tmp;
  const fs::path first = tmp.write("a/Dockerfile");
  fs::create_directories(tmp.path() / "b");
  std::error_code ec;
  fs::create_hard_link(first, tmp.path() / "b" / "Dockerfile", ec);
  if (ec) {
    MESSAGE("no hard links here: " << ec.message());
    return;
  }
  tmp.write("c/Dockerfile");
  CHECK(relative(walk(tmp), tmp.path()) ==
        std::vector<std::string>{"a/Dockerfile", "c/Dockerfile"});
}

TEST_CASE("discover: a nested directory argument adds only what the outer walk skipped") {
  TempDir tmp;
  for (const char* name : {"Dockerfile", "svc/Dockerfile", "svc/vendor/Dockerfile", "z/Dockerfile"})
    tmp.write(name);
  const std::string root = tmp.path().string();
  // `vendor` is skipped by the walk of the root, but named on its own it is walked.
  const DiscoverResult result = discover({root + "/svc/vendor", root}, {});
  CHECK(result.errors.empty());
  CHECK(relative(result, tmp.path()) == std::vector<std::string>{"Dockerfile", "svc/Dockerfile",
                                                                 "z/Dockerfile",
                                                                 "svc/vendor/Dockerfile"});
}
