// The README's rule table is generated from the docs in code; this test fails
// when it is stale (DFOPT_UPDATE_GOLDEN=1 rewrites it), and checks that every
// rule's doc has the fixed headings.
#include <doctest/doctest.h>

#include <string>

#include "test_util.hpp"
#include "transforms/docs.hpp"
#include "transforms/registry.hpp"

using namespace dfopt;

TEST_CASE("README rule table is up to date") {
  const auto readme_path = std::filesystem::path(DFOPT_SOURCE_DIR) / "README.md";
  std::string readme = test::read_bytes(readme_path);
  const std::string begin = "<!-- rules:begin (generated from the docs in code; do not edit) -->\n";
  const std::string end = "<!-- rules:end -->";
  const auto b = readme.find(begin);
  const auto e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string table = transforms::rule_table_markdown();
  if (test::update_golden()) {
    readme.replace(b + begin.size(), e - b - begin.size(), table);
    test::write_bytes(readme_path, readme);
  }
  CHECK(readme.substr(b + begin.size(), e - b - begin.size()) == table);
}

TEST_CASE("every rule is documented with the fixed headings") {
  for (const Transform* t : transforms::all()) {
    CAPTURE(t->id);
    const std::string doc(t->doc);
    CHECK(doc.find("## What it does") != std::string::npos);
    CHECK(doc.find("## Why is this bad?") != std::string::npos);
    CHECK(doc.find("## Example") != std::string::npos);
    CHECK(doc.find("## Fix safety") != std::string::npos);
    // Settings are documented under "## Options", each key in backquotes.
    CHECK((doc.find("## Options") != std::string::npos) == !t->options.empty());
    for (const Option& o : t->options) {
      CAPTURE(o.key);
      CHECK(doc.find("`" + std::string(o.key) + "`") != std::string::npos);
      CHECK_FALSE(o.help.empty());
    }
    CHECK_FALSE(t->summary.empty());
    CHECK(t->id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
  }
}
