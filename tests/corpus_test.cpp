// Conformance with BuildKit's parser over ../shared/corpus (skipped when absent):
// every file BuildKit accepts gives exactly its dump and emits back byte for byte;
// every file BuildKit rejects is rejected with a located error.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace dfopt;

TEST_CASE("corpus: BuildKit conformance and lossless round trip" *
          doctest::skip(test::shared_dir().empty())) {
  const fs::path corpus = test::shared_dir() / "corpus";
  std::ifstream verdicts(corpus / "expected" / "verdicts.tsv");
  REQUIRE(verdicts);
  std::string line;
  std::getline(verdicts, line);  // header
  int accepted = 0;
  int rejected = 0;
  int mismatched = 0;
  while (std::getline(verdicts, line)) {
    std::istringstream row(line);
    std::string path;
    std::string parse_verdict;
    std::string instructions_verdict;
    std::getline(row, path, '\t');
    std::getline(row, parse_verdict, '\t');
    std::getline(row, instructions_verdict, '\t');
    CAPTURE(path);
    auto src = test::source(test::read_bytes(corpus / "public" / path), path);
    auto doc = syntax::parse(src);
    if (parse_verdict != "ok") {
      CHECK_FALSE(doc.ok());
      ++rejected;
      continue;
    }
    REQUIRE(doc.ok());
    CHECK(syntax::emit(*doc) == src->text());
    const std::string expected = test::read_bytes(corpus / "expected" / (path + ".dump"));
    const std::string actual = syntax::dump_buildkit(*doc);
    if (actual != expected) ++mismatched;
    CHECK(actual == expected);
    const bool typed_ok = !syntax::check_instructions(*doc).has_value();
    CHECK(typed_ok == (instructions_verdict == "ok"));
    typed_ok ? ++accepted : ++rejected;
  }
  MESSAGE(fmt::format("corpus: {} accepted, {} rejected, {} dump mismatches", accepted, rejected,
                      mismatched));
  CHECK(accepted + rejected > 2500);
}
