// Golden cases for the front end: testdata/parse/<case>/Dockerfile and its
// expected BuildKit dump and errors in testdata/parse/<case>/expected.
// DFOPT_UPDATE_GOLDEN=1 rewrites the expectations (review the diff!).
#include <algorithm>
#include <filesystem>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace dfopt;

namespace {

std::string location(const SourceBuffer& src, const Diagnostic& d) {
  const LineCol lc = src.line_col(d.offset);
  return fmt::format("{}:{}: {}", lc.line, lc.column, d.message);
}

// What the expected file holds: the dump, then any error, by kind.
std::string render(const std::shared_ptr<const SourceBuffer>& src) {
  auto doc = syntax::parse(src);
  if (!doc) return "parse error: " + location(*src, doc.error()) + "\n";
  std::string out = syntax::dump_buildkit(*doc);
  if (auto err = syntax::check_instructions(*doc))
    out += "instructions error: " + location(*src, *err) + "\n";
  return out;
}

}  // namespace

TEST_CASE("golden parse cases") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(test::testdata_dir() / "parse")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 40);
  for (const fs::path& dir : cases) {
    CAPTURE(dir.filename().string());
    auto src = test::source(test::read_bytes(dir / "Dockerfile"), (dir / "Dockerfile").string());
    const std::string actual = render(src);
    if (test::update_golden()) test::write_bytes(dir / "expected", actual);
    REQUIRE(fs::exists(dir / "expected"));
    CHECK(actual == test::read_bytes(dir / "expected"));
    // Lossless: the items of a parsed file give back its bytes.
    if (auto doc = syntax::parse(src)) CHECK(syntax::emit(*doc) == src->text());
  }
}
