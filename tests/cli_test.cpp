// The dfopt binary end to end: exit codes, --diff applied with git apply equals
// --fix, standard input, bad input, --explain / --list-rules.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "test_util.hpp"
#include "transforms/registry.hpp"

namespace fs = std::filesystem;
using namespace dfopt;

using dfopt::test::TempDir;

namespace {

using Result = test::ShellResult;

Result sh(const fs::path& dir, const std::string& command) { return test::run_shell(dir, command); }

const std::string dfopt_bin = DFOPT_BINARY;

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace

TEST_CASE("exit codes: 0 clean, 1 findings, 2 errors") {
  TempDir tmp;
  test::write_bytes(tmp.path() / "Dockerfile",
                    "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends "
                    "curl\nUSER nobody\n");
  CHECK(sh(tmp.path(), dfopt_bin + " Dockerfile").code == 0);
  test::write_bytes(tmp.path() / "Dockerfile", "FROM debian\nMAINTAINER me\n");
  const Result found = sh(tmp.path(), dfopt_bin + " Dockerfile");
  CHECK(found.code == 1);
  CHECK(found.out.find("Dockerfile:2:1: maintainer-to-label") != std::string::npos);
  test::write_bytes(tmp.path() / "Dockerfile", "FROM debian\nCOPY onlyone\n");
  const Result bad = sh(tmp.path(), dfopt_bin + " Dockerfile");
  CHECK(bad.code == 2);
  CHECK(bad.out.find("Dockerfile:2:1: error: COPY requires at least two arguments") !=
        std::string::npos);
  CHECK(sh(tmp.path(), dfopt_bin + " --select no-such-rule Dockerfile").code == 2);
  CHECK(sh(tmp.path(), dfopt_bin + " --format yaml Dockerfile").code == 2);
  CHECK(sh(tmp.path(), dfopt_bin + " missing/Dockerfile").code == 2);
}

TEST_CASE("--diff applied with git apply gives exactly what --fix writes") {
  TempDir tmp;
  copy_tree(fs::path(DFOPT_SOURCE_DIR) / "examples", tmp.path() / "diffed");
  copy_tree(fs::path(DFOPT_SOURCE_DIR) / "testdata" / "transforms",
            tmp.path() / "diffed" / "cases");
  copy_tree(tmp.path() / "diffed", tmp.path() / "fixed");
  const Result diff = sh(tmp.path() / "diffed", dfopt_bin + " --diff --unsafe-fixes .");
  CHECK(diff.code == 1);
  REQUIRE(diff.out.find("--- a/") != std::string::npos);
  test::write_bytes(tmp.path() / "patch.diff", diff.out);
  const Result apply = sh(tmp.path() / "diffed", "git apply --unsafe-paths -p1 ../patch.diff");
  REQUIRE_MESSAGE(apply.code == 0, apply.err);
  const Result fix = sh(tmp.path() / "fixed", dfopt_bin + " --fix --unsafe-fixes .");
  CHECK(fix.code != 2);
  std::size_t compared = 0;
  for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "fixed")) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), tmp.path() / "fixed");
    CAPTURE(rel.string());
    CHECK(test::read_bytes(e.path()) == test::read_bytes(tmp.path() / "diffed" / rel));
    ++compared;
  }
  CHECK(compared > 20);
  // A second --fix run has nothing left to change.
  const Result again = sh(tmp.path() / "fixed", dfopt_bin + " --diff --unsafe-fixes .");
  CHECK(again.out.empty());
}

TEST_CASE("--check is the CI gate") {
  TempDir tmp;
  const std::string text = "FROM debian:bookworm-slim\nMAINTAINER me\nUSER nobody\n";
  test::write_bytes(tmp.path() / "Dockerfile", text);
  CHECK(sh(tmp.path(), dfopt_bin + " --check Dockerfile").code == 1);
  CHECK(test::read_bytes(tmp.path() / "Dockerfile") == text);
  CHECK(sh(tmp.path(), dfopt_bin + " --fix Dockerfile").code == 0);
  CHECK(sh(tmp.path(), dfopt_bin + " --check Dockerfile").code == 0);
}

TEST_CASE("standard input with --stdin-filename") {
  TempDir tmp;
  test::write_bytes(tmp.path() / "in", "FROM debian\nMAINTAINER me\n");
  const Result fixed = sh(tmp.path(), dfopt_bin + " --fix --stdin-filename app/Dockerfile - < in");
  CHECK(fixed.out == "FROM debian\nLABEL org.opencontainers.image.authors=\"me\"\n");
  const Result report = sh(tmp.path(), dfopt_bin + " --stdin-filename app/Dockerfile - < in");
  CHECK(report.code == 1);
  CHECK(report.out.find("app/Dockerfile:2:1:") != std::string::npos);
}

TEST_CASE("bad input is reported, never written") {
  TempDir tmp;
  test::write_bytes(tmp.path() / "Dockerfile", std::string("FROM a\nRUN x\0y\n", 14));
  const Result binary = sh(tmp.path(), dfopt_bin + " --fix Dockerfile");
  CHECK(binary.code == 2);
  CHECK(binary.out.find("Dockerfile:2:6: error: binary data") != std::string::npos);
  // A directory named Dockerfile is walked, not read.
  fs::create_directories(tmp.path() / "sub" / "Dockerfile");
  test::write_bytes(tmp.path() / "sub" / "Dockerfile" / "Dockerfile", "FROM a:1\nUSER nobody\n");
  const Result dir = sh(tmp.path(), dfopt_bin + " sub");
  CHECK(dir.code == 0);
  CHECK(dir.out.find("Scanned 1 file") != std::string::npos);
  test::write_bytes(tmp.path() / "ro", "FROM debian\nMAINTAINER me\n");
  fs::permissions(tmp.path() / "ro",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const Result ro = sh(tmp.path(), dfopt_bin + " --fix ro");
  CHECK(ro.code == 2);
  CHECK(ro.err.find("read-only") != std::string::npos);
  CHECK(test::read_bytes(tmp.path() / "ro") == "FROM debian\nMAINTAINER me\n");
}

TEST_CASE("--list-rules and --explain cover every rule") {
  TempDir tmp;
  const Result list = sh(tmp.path(), dfopt_bin + " --list-rules");
  CHECK(list.code == 0);
  for (const Transform* t : transforms::all()) {
    CAPTURE(t->id);
    CHECK(list.out.find(std::string(t->id)) != std::string::npos);
    const Result doc = sh(tmp.path(), dfopt_bin + " --explain " + std::string(t->id));
    CHECK(doc.code == 0);
    CHECK(doc.out.find("## What it does") != std::string::npos);
    CHECK(doc.out.find("## Fix safety") != std::string::npos);
  }
  CHECK(sh(tmp.path(), dfopt_bin + " --explain nope").code == 2);
}

TEST_CASE(
    "dockerignore: --diff shows the new file once, --fix creates it, a second --fix is a no-op") {
  TempDir tmp;
  tmp.write("app/package.json", "{}\n");
  tmp.write("app/.git/HEAD", "ref: refs/heads/main\n");
  tmp.write("app/Dockerfile", "FROM node:20\nCOPY . .\nRUN npm ci\n");
  tmp.write("app/Dockerfile.dev", "FROM node:20\nCOPY package.json /app/\n");
  const std::string run = dfopt_bin + " --select dockerignore ";
  const Result diff = sh(tmp.path(), run + "--diff app");
  CHECK(diff.code == 1);
  CHECK(diff.out.find("--- /dev/null\n+++ b/app/.dockerignore\n@@ -0,0 +1,") == 0);
  CHECK(diff.out.find("+++ b/", 20) ==
        std::string::npos);  // shared by both Dockerfiles: shown once
  CHECK(diff.out.find("\n+.git\n") != std::string::npos);
  CHECK(diff.out.find("\n+node_modules\n") != std::string::npos);
  CHECK(sh(tmp.path(), run + "--check app").code == 1);
  CHECK_FALSE(fs::exists(tmp.path() / "app" / ".dockerignore"));
  // The patch creates exactly what --fix writes.
  test::write_bytes(tmp.path() / "patch.diff", diff.out);
  fs::create_directories(tmp.path() / "patched");
  copy_tree(tmp.path() / "app", tmp.path() / "patched" / "app");
  const Result apply = sh(tmp.path() / "patched", "git apply --unsafe-paths -p1 ../patch.diff");
  REQUIRE_MESSAGE(apply.code == 0, apply.err);

  const Result fix = sh(tmp.path(), run + "--fix app");
  CHECK(fix.code == 0);
  CHECK(fix.err.empty());
  const std::string created = test::read_bytes(tmp.path() / "app" / ".dockerignore");
  CHECK(created == test::read_bytes(tmp.path() / "patched" / "app" / ".dockerignore"));

  const Result again = sh(tmp.path(), run + "--fix app");
  CHECK(again.code == 0);
  CHECK(test::read_bytes(tmp.path() / "app" / ".dockerignore") == created);
  CHECK(sh(tmp.path(), run + "--diff app").out.empty());
  CHECK(sh(tmp.path(), run + "--check app").code == 0);
}
