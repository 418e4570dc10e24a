// The .dockerignore matcher (transforms/support/dockerignore) and the dockerignore
// rule on build contexts made at test time (a `.git` directory cannot live in testdata).
#include <doctest/doctest.h>

#include "rewrite/pass_manager.hpp"
#include "test_util.hpp"
#include "transforms/registry.hpp"
#include "transforms/support/build_context.hpp"
#include "transforms/support/dockerignore.hpp"

using namespace dfopt;
using namespace dfopt::transforms;

TEST_CASE("clean_context_path") {
  CHECK(clean_context_path(".") == "");
  CHECK(clean_context_path("./src/") == "src");
  CHECK(clean_context_path("/app//x/./y") == "app/x/y");
  CHECK(clean_context_path("a/../b") == "b");
  CHECK(clean_context_path("../../x") == "x");
}

TEST_CASE("element_match: Go filepath.Match for one element") {
  CHECK(element_match("*", ".env"));
  CHECK(element_match("*.py[cod]", "x.pyc"));
  CHECK_FALSE(element_match("*.py[cod]", "x.py"));
  CHECK(element_match("[^a]bc", "xbc"));
  CHECK_FALSE(element_match("[^a]bc", "abc"));
  CHECK(element_match("[a-c]?", "bz"));
  CHECK(element_match("\\*", "*"));
  CHECK_FALSE(element_match("\\*", "x"));
  CHECK_FALSE(element_match("[abc", "a"));  // malformed: matches nothing
  CHECK(element_match("?", "\xC3\xA9"));    // one character, two bytes
  CHECK(element_match(".env.*", ".env.local"));
  CHECK_FALSE(element_match(".env.*", ".env"));
}

TEST_CASE("IgnorePattern: per element, ** and parent directories") {
  const IgnorePattern nm("node_modules", false, 1);
  CHECK(nm.matches("node_modules"));
  CHECK_FALSE(nm.matches("web/node_modules"));  // root-relative, unlike .gitignore
  CHECK(nm.matches_or_parent("node_modules/x/y.js"));
  const IgnorePattern pyc("**/*.pyc", false, 1);
  CHECK(pyc.matches("a.pyc"));
  CHECK(pyc.matches("a/b/c.pyc"));
  CHECK_FALSE(pyc.matches("a/b/c.py"));
  const IgnorePattern star("*", false, 1);
  CHECK(star.matches("x"));
  CHECK_FALSE(star.matches("x/y"));
  CHECK(star.matches_or_parent("x/y"));
  CHECK(IgnorePattern("./a/b/", false, 1).pattern == "a/b");
  CHECK(IgnorePattern("/a", false, 1).pattern == "a");
  // reaches: the pattern may take something out of a copy of the path.
  CHECK(nm.reaches(""));
  CHECK(nm.reaches("node_modules/x"));
  CHECK_FALSE(nm.reaches("src"));
  CHECK(pyc.reaches("src"));
  CHECK(IgnorePattern("a/b", false, 1).reaches("a"));
  CHECK_FALSE(IgnorePattern("a/b", false, 1).reaches("c"));
}

TEST_CASE("IgnoreFile: comments, blanks, exceptions, last match wins") {
  const IgnoreFile f = IgnoreFile::parse(
      "\xEF\xBB\xBF# comment\r\n"
      "\r\n"
      "  *.yml  \r\n"
      "!keep.yml\n"
      " # not a comment once trimmed\n"
      "docs\n"
      "!docs/api\n"
      "/build/\n"
      "!\n");
  REQUIRE(f.patterns().size() == 7);
  CHECK(f.patterns()[0].pattern == "*.yml");
  CHECK(f.patterns()[0].line == 3);
  CHECK(f.patterns()[1].exception);
  CHECK(f.patterns()[2].pattern == "# not a comment once trimmed");
  REQUIRE(f.excludes_entirely("config.yml") != nullptr);
  CHECK(f.excludes_entirely("config.yml")->line == 3);
  CHECK(f.excludes_entirely("keep.yml") == nullptr);
  CHECK(f.decisive("keep.yml")->exception);
  CHECK(f.excludes_entirely("sub/config.yml") == nullptr);  // `*.yml` is root-relative
  // docs is excluded, but docs/api is re-included: a copy of docs is not empty.
  CHECK(f.decisive("docs") != nullptr);
  CHECK(f.excludes_entirely("docs") == nullptr);
  CHECK(f.excludes_entirely("docs/guide") != nullptr);
  CHECK(f.excludes_entirely("build/x") != nullptr);
  CHECK(f.excludes_entirely("src") == nullptr);
}

namespace {

FileOutcome run_rule(const test::TempDir& dir, const std::string& dockerfile, bool fix = true) {
  PassOptions options;
  options.transforms = {transforms::find("dockerignore")};
  options.fix = fix;
  options.directory = dir.path();
  return run_passes(test::source(dockerfile, (dir.path() / "Dockerfile").string()), options);
}

std::string generated(const FileOutcome& out) {
  const auto it = out.new_files.find(".dockerignore");
  return it == out.new_files.end() ? std::string() : it->second;
}

bool has_line(const std::string& content, const std::string& line) {
  return ("\n" + content).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("dockerignore: a context with .git and node_modules") {
  test::TempDir dir;
  dir.write(".git/HEAD", "ref: refs/heads/main\n");
  dir.write("package.json", "{}\n");
  dir.write("node_modules/x/index.js", "");
  dir.write(".env", "TOKEN=x\n");
  SUBCASE("COPY . . followed by npm ci: node_modules is rebuilt, .env is copied") {
    const FileOutcome out = run_rule(dir, "FROM node:20\nCOPY . .\nRUN npm ci\n");
    const std::string content = generated(out);
    CHECK(has_line(content, ".git"));
    CHECK(has_line(content, "node_modules"));
    CHECK_FALSE(
        has_line(content, ".env"));      // exists and COPY . . takes it: may be read at run time
    CHECK(has_line(content, ".env.*"));  // none exists
    CHECK_FALSE(has_line(content, "dist"));  // a CI job may make it before the build
    CHECK_FALSE(out.text_changed);
    CHECK(out.findings.empty());  // the finding went with the created file
  }
  SUBCASE("no install after the copy: the host node_modules is kept") {
    const std::string content =
        generated(run_rule(dir, "FROM node:20\nCOPY . .\nCMD [\"node\", \"x\"]\n"));
    CHECK_FALSE(has_line(content, "node_modules"));
    CHECK(has_line(content, ".git"));
  }
  SUBCASE("the build runs git: .git stays") {
    const std::string content =
        generated(run_rule(dir, "FROM node:20\nCOPY . .\nRUN git describe > v\n"));
    CHECK_FALSE(has_line(content, ".git"));
    CHECK(has_line(content, ".hg"));
  }
  SUBCASE("only src is copied: .env, dist and the rest are not needed") {
    dir.write("src/index.js", "");
    const std::string content = generated(run_rule(dir, "FROM node:20\nCOPY src/ /app/\n"));
    CHECK(has_line(content, ".env"));
    CHECK(has_line(content, "node_modules"));
    CHECK(has_line(content, "dist"));
  }
  SUBCASE("an explicit COPY of .env is never excluded") {
    const std::string content =
        generated(run_rule(dir, "FROM node:20\nCOPY .env package.json /app/\n"));
    CHECK_FALSE(has_line(content, ".env"));
    CHECK(has_line(content, ".env.*"));
  }
  SUBCASE("an existing .dockerignore: nothing is created, ignored sources are reported") {
    dir.write(".dockerignore", "# mine\n.env\n");
    const FileOutcome out = run_rule(dir, "FROM node:20\nCOPY .env /app/\n");
    CHECK(out.new_files.empty());
    REQUIRE(out.findings.size() == 1);
    CHECK(out.findings[0].message ==
          "COPY source '.env' is excluded by .dockerignore line 2 ('.env')");
    CHECK(out.findings[0].safety() == Safety::DisplayOnly);
  }
  SUBCASE("a Dockerfile-specific ignore file counts") {
    dir.write("Dockerfile.dockerignore", "*\n!src\n");
    const FileOutcome out = run_rule(dir, "FROM node:20\nCOPY package.json /app/\n");
    CHECK(out.new_files.empty());
    REQUIRE(out.findings.size() == 1);
    CHECK(out.findings[0].message ==
          "COPY source 'package.json' is excluded by Dockerfile.dockerignore line 1 ('*')");
  }
}

TEST_CASE("dockerignore: sibling Dockerfiles share the file") {
  test::TempDir dir;
  dir.write("requirements.txt", "flask\n");
  dir.write("dist/app.whl", "");
  dir.write("Dockerfile.release", "FROM python:3.12\nCOPY dist/ /wheels/\n");
  const std::string content =
      generated(run_rule(dir, "FROM python:3.12\nCOPY requirements.txt .\n"));
  CHECK(has_line(content, "**/__pycache__"));
  CHECK_FALSE(has_line(content, "dist"));  // Dockerfile.release copies it
  CHECK(has_line(content, "build"));
  SUBCASE("a sibling that does not parse: report only") {
    dir.write("Dockerfile.broken", "FROM python:3.12\nCOPY onlyone\n");
    const FileOutcome out = run_rule(dir, "FROM python:3.12\nCOPY requirements.txt .\n");
    CHECK(out.new_files.empty());
    REQUIRE(out.findings.size() == 1);
    CHECK(out.findings[0].safety() == Safety::DisplayOnly);
  }
}

TEST_CASE("dockerignore: another context or no context read") {
  test::TempDir dir;
  dir.write("package.json", "{}\n");
  // src/ is not here: the Dockerfile is built with another directory as its context.
  CHECK(run_rule(dir, "FROM node:20\nCOPY src/ /app/\n", false).findings.empty());
  // Nothing read from the context.
  CHECK(run_rule(dir, "FROM node:20\nRUN echo hi\n", false).findings.empty());
  // A source built from a variable may name anything: only junk is excluded.
  const std::string content =
      generated(run_rule(dir, "FROM node:20\nARG SRC=.\nCOPY $SRC /app/\n"));
  CHECK(has_line(content, ".git"));
  CHECK(has_line(content, "node_modules"));  // none exists
  CHECK_FALSE(has_line(content, "dist"));
}
