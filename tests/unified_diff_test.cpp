// lib/emit: unified diffs, checked against `git apply` and `patch -p1`.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "emit/unified_diff.hpp"

using namespace dfopt;
namespace fs = std::filesystem;

namespace {

std::string diff(std::string_view a, std::string_view b, int context = 3) {
  return unified_diff(a, b, "a/Dockerfile", "b/Dockerfile", context);
}

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool have_command(const char* name) {
  const std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
  return std::system(probe.c_str()) == 0;
}

// A scratch directory removed at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "dfopt-diff-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Applies `patch_text` to `old_text` with `command` run in a fresh directory
// holding `Dockerfile`, and returns the patched bytes.
std::string apply_with(const std::string& command, std::string_view old_text,
                       std::string_view patch_text) {
  TempDir dir;
  write_file(dir.path() / "Dockerfile", old_text);
  write_file(dir.path() / "fix.patch", patch_text);
  // Hermetic git: no user or system config (core.autocrlf would rewrite line
  // ends) and no enclosing repository (it would change how paths resolve).
  const std::string line = "cd '" + dir.path().string() +
                           "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null"
                           " GIT_CEILING_DIRECTORIES=\"$(dirname \"$PWD\")\" " +
                           command + " < fix.patch > log.txt 2>&1";
  const int status = std::system(line.c_str());
  INFO("command: ", command, "\noutput:\n", read_file(dir.path() / "log.txt"));
  CHECK(status == 0);
  return read_file(dir.path() / "Dockerfile");
}

struct Pair {
  const char* name;
  std::string old_text;
  std::string new_text;
};

std::vector<Pair> tricky_pairs() {
  std::string long_old;
  std::string long_new;
  for (int i = 1; i <= 60; ++i) {
    const std::string line = "RUN echo " + std::to_string(i) + "\n";
    long_old += line;
    long_new += i % 9 == 0 ? "RUN echo changed " + std::to_string(i) + "\n" : line;
  }
  return {
      {"change in the middle", "FROM a\nRUN b\nRUN c\n", "FROM a\nRUN B\nRUN c\n"},
      {"no final newline on either side", "FROM a\nRUN b", "FROM a\nRUN c"},
      {"adding the final newline", "FROM a\nRUN b", "FROM a\nRUN b\n"},
      {"removing the final newline", "FROM a\nRUN b\n", "FROM a\nRUN b"},
      {"unchanged last line without newline", "FROM a\nRUN b\nRUN c", "FROM x\nRUN b\nRUN c"},
      {"append after a last line without newline", "FROM a", "FROM a\nRUN b\n"},
      {"CRLF lines", "FROM a\r\nRUN b\r\nRUN c\r\n", "FROM a\r\nRUN b --x\r\nRUN c\r\n"},
      {"CRLF to LF on one line", "FROM a\r\nRUN b\r\n", "FROM a\r\nRUN b\n"},
      {"tabs and trailing blanks", "RUN a \\\n\tb  \nRUN\tc\t\n", "RUN a \\\n\tb  \n\tRUN\tc\t\n"},
      {"empty old file", "", "FROM a\nRUN b\nRUN c\n"},
      {"empty new file", "FROM a\nRUN b\n", ""},
      {"empty old file, new without newline", "", "FROM a"},
      {"first and last line changed", long_old.substr(0, 200),
       "# x\n" + long_old.substr(10, 180) + "RUN end\n"},
      {"many hunks", long_old, long_new},
      {"lines with only a backslash", "RUN a \\\n\\\n\\\nb\n", "RUN a \\\n\\\nc \\\n\\\nb\n"},
      {"lines that look like diff syntax", "--- a\n+++ b\n@@ -1 +1 @@\n \\ No\n",
       "--- a\n+++ c\n@@ -1 +1 @@\n\\ No newline at end of file\n"},
      {"removed and added lines that read as headers", "-- a\n++ b\nx\n", "x\n-- c\n++ d\n"},
      {"blank lines", "\n\n\nFROM a\n\n\n", "\n\nFROM a\n\n\n\n"},
  };
}

}  // namespace

TEST_CASE("unified_diff: identical inputs give nothing") {
  CHECK(diff("", "").empty());
  CHECK(diff("FROM a\n", "FROM a\n").empty());
  CHECK(diff("FROM a", "FROM a").empty());
}

TEST_CASE("unified_diff: headers, hunk ranges and context") {
  CHECK(diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n") ==
        "--- a/Dockerfile\n"
        "+++ b/Dockerfile\n"
        "@@ -2,7 +2,7 @@\n"
        " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(diff("1\n2\n", "1\nx\n2\n", 0) ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,0 +2 @@\n+x\n");
  CHECK(diff("1\n2\n", "2\n", 0) == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +0,0 @@\n-1\n");
  CHECK(unified_diff("a\n", "b\n", "x/old", "y/new") ==
        "--- x/old\n+++ y/new\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST_CASE("unified_diff: empty files") {
  CHECK(diff("", "a\nb\nc\n") ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n");
  CHECK(diff("a\nb\n", "") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +0,0 @@\n-a\n-b\n");
}

TEST_CASE("unified_diff: missing final newline") {
  CHECK(diff("a\nb", "a\nb\n") ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n"
        "\\ No newline at end of file\n+b\n");
  CHECK(diff("a\nb\n", "a\nc") ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        "\\ No newline at end of file\n");
  // A context line without newline carries the marker once, for both sides.
  CHECK(diff("a\nb", "x\nb") ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n-a\n+x\n b\n"
        "\\ No newline at end of file\n");
}

TEST_CASE("unified_diff: CRLF bytes are kept") {
  CHECK(diff("a\r\nb\r\n", "a\r\nc\r\n") ==
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
  // Only the line ending changed: still a changed line.
  CHECK(diff("a\r\n", "a\n") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-a\r\n+a\n");
}

TEST_CASE("unified_diff: nearby changes share a hunk, distant ones do not") {
  std::string a;
  for (int i = 1; i <= 20; ++i) a += std::to_string(i) + "\n";
  std::string near = a;
  near.replace(near.find("4\n"), 2, "x\n");
  near.replace(near.find("10\n"), 3, "y\n");  // 5 common lines between: merged
  CHECK(diff(a, near).find("@@ -1,13 +1,13 @@\n") != std::string::npos);
  std::string far = a;
  far.replace(far.find("4\n"), 2, "x\n");
  far.replace(far.find("12\n"), 3, "y\n");  // 7 common lines between: split
  const std::string out = diff(a, far);
  CHECK(out.find("@@ -1,7 +1,7 @@\n") != std::string::npos);
  CHECK(out.find("@@ -9,7 +9,7 @@\n") != std::string::npos);
}

TEST_CASE("unified_diff: a long file with a few changes") {
  std::string a;
  for (int i = 0; i < 10'000; ++i) a += "RUN echo line " + std::to_string(i) + "\n";
  std::string b = a;
  b.replace(b.find("line 17\n"), 8, "line seventeen\n");
  b.replace(b.find("line 5000\n"), 10, "");
  b += "RUN true\n";
  const std::string out = diff(a, b);
  CHECK(out.find("@@ -15,7 +15,7 @@\n") != std::string::npos);
  CHECK(out.find("-RUN echo line 5000\n") != std::string::npos);
  CHECK(out.find("+RUN true\n") != std::string::npos);
  // Every line differs: D = N, still fine.
  std::string c;
  for (int i = 0; i < 2'000; ++i) c += "COPY " + std::to_string(i) + "\n";
  CHECK(diff(a.substr(0, 40'000), c).find("@@ -1,") != std::string::npos);
}

TEST_CASE("unified_diff: git apply and patch -p1 reproduce the new text") {
  const bool have_git = have_command("git");
  const bool have_patch = have_command("patch");
  REQUIRE(have_git);
  for (const Pair& pair : tricky_pairs()) {
    CAPTURE(pair.name);
    const std::string patch_text = diff(pair.old_text, pair.new_text);
    CAPTURE(patch_text);
    REQUIRE_FALSE(patch_text.empty());
    CHECK(apply_with("git apply -p1 --whitespace=nowarn", pair.old_text, patch_text) ==
          pair.new_text);
    // Applied in reverse, the patch must give the old text back.
    CHECK(apply_with("git apply -p1 -R --whitespace=nowarn", pair.new_text, patch_text) ==
          pair.old_text);
    if (have_patch) {
      CHECK(apply_with("patch -p1 --quiet --no-backup-if-mismatch", pair.old_text, patch_text) ==
            pair.new_text);
    }
  }
}
