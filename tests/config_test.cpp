#include "driver/config.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace dfopt::driver;

using dfopt::test::TempDir;

namespace {

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> all = {
      {"apt-no-install-recommends", "packages", true},
      {"apt-clean", "packages", true},
      {"merge-runs", "layers", true},
      {"cache-mounts", "cache", false},
      {"no-sudo", "security", true},
      {"pin-base-image",
       "stages",
       false,
       {{"map", "table of strings"},
        {"strict", "boolean"},
        {"retries", "integer"},
        {"skip", "array of strings"},
        {"name", "string"}}},
  };
  return all;
}

ConfigResult parse(const std::string& text, const fs::path& file = "/project/.dfopt.toml") {
  return parse_config(file, text, catalog_of(rules()));
}

Config parse_ok(const std::string& text, const fs::path& file = "/project/.dfopt.toml") {
  auto result = parse(text, file);
  if (const auto* error = std::get_if<ConfigError>(&result)) FAIL(error->format());
  return std::get<Config>(std::move(result));
}

struct ErrorAt {
  std::uint32_t line;
  std::uint32_t column;
  std::string message;
};

ErrorAt parse_error(const std::string& text) {
  auto result = parse(text);
  const auto* error = std::get_if<ConfigError>(&result);
  REQUIRE(error != nullptr);
  const auto lc = error->line_col();
  return {lc.line, lc.column, error->diag.message};
}

std::vector<std::string> ids(const Selection& s) { return s.rules; }

}  // namespace

TEST_CASE("glob_match: single segments") {
  CHECK(glob_match("Dockerfile", "Dockerfile"));
  CHECK_FALSE(glob_match("Dockerfile", "dockerfile"));
  CHECK(glob_match("*.Dockerfile", "app.Dockerfile"));
  CHECK(glob_match("*.Dockerfile", ".Dockerfile"));
  CHECK_FALSE(glob_match("*.Dockerfile", "a/app.Dockerfile"));  // `*` stops at `/`
  CHECK(glob_match("D?ckerfile", "Dockerfile"));
  CHECK_FALSE(glob_match("D?ckerfile", "Dckerfile"));
  CHECK(glob_match("?", "é"));  // one code point
  CHECK(glob_match("[ab].txt", "a.txt"));
  CHECK(glob_match("[ab].txt", "b.txt"));
  CHECK_FALSE(glob_match("[ab].txt", "c.txt"));
  CHECK(glob_match("[!ab].txt", "c.txt"));
  CHECK(glob_match("[^ab].txt", "c.txt"));
  CHECK_FALSE(glob_match("[!ab].txt", "a.txt"));
  CHECK(glob_match("file[0-9]", "file7"));
  CHECK_FALSE(glob_match("file[0-9]", "filex"));
  CHECK(glob_match("[]]", "]"));
  CHECK(glob_match("a[", "a["));  // unterminated: a literal `[`
  CHECK(glob_match("\\*", "*"));
  CHECK_FALSE(glob_match("\\*", "x"));
  CHECK(glob_match("*a*b*c", "xxaxxbxxc"));
  CHECK_FALSE(glob_match("*a*b*c", "xxaxxbxx"));
  CHECK_FALSE(glob_match("*", ""));  // the empty path is the base directory itself
  CHECK(glob_match("Dockerfile.*", "Dockerfile.dev"));
}

TEST_CASE("glob_match: ** and paths") {
  CHECK(glob_match("**/x", "x"));
  CHECK(glob_match("**/x", "a/x"));
  CHECK(glob_match("**/x", "a/b/c/x"));
  CHECK_FALSE(glob_match("**/x", "a/xy"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a/**/b", "a/x/y/c"));
  CHECK_FALSE(glob_match("a/**/b", "x/a/b"));
  CHECK(glob_match("vendor/**", "vendor"));
  CHECK(glob_match("vendor/**", "vendor/a/Dockerfile"));
  CHECK_FALSE(glob_match("vendor/**", "src/vendor/a"));
  CHECK(glob_match("**/testdata/**", "x/testdata/y/Dockerfile"));
  CHECK(glob_match("**/testdata/**", "testdata/Dockerfile"));
  CHECK(glob_match("**/*.Dockerfile", "a/b/app.Dockerfile"));
  CHECK(glob_match("**/**/x", "x"));
  CHECK(glob_match("a/*/c", "a/b/c"));
  CHECK_FALSE(glob_match("a/*/c", "a/b/b/c"));
  CHECK(glob_match("a**b", "axxb"));  // `**` inside a segment is `*`
  CHECK_FALSE(glob_match("a**b", "ax/xb"));
  CHECK(glob_match("**", "any/thing/at/all"));
  CHECK(glob_match("a/b", "a//b"));
}

TEST_CASE("PathPattern: exclude and .gitignore lines") {
  CHECK_FALSE(PathPattern::parse("", false));
  CHECK_FALSE(PathPattern::parse("# comment", true));
  CHECK_FALSE(PathPattern::parse("   ", true));

  auto vendor = PathPattern::parse("vendor", false);
  REQUIRE(vendor);
  CHECK(vendor->matches("vendor", true));
  CHECK(vendor->matches("a/b/vendor", true));
  CHECK_FALSE(vendor->matches("a/vendors", true));

  auto build = PathPattern::parse("build/", true);
  REQUIRE(build);
  CHECK(build->dir_only);
  CHECK(build->matches("x/build", true));
  CHECK_FALSE(build->matches("x/build", false));

  auto anchored = PathPattern::parse("/only", true);
  REQUIRE(anchored);
  CHECK(anchored->matches("only", false));
  CHECK_FALSE(anchored->matches("a/only", false));

  auto inner = PathPattern::parse("docs/Dockerfile", true);
  REQUIRE(inner);
  CHECK(inner->matches("docs/Dockerfile", false));
  CHECK_FALSE(inner->matches("x/docs/Dockerfile", false));

  auto dotted = PathPattern::parse("./legacy", false);
  REQUIRE(dotted);
  CHECK(dotted->matches("legacy", true));
  CHECK_FALSE(dotted->matches("a/legacy", true));

  auto negated = PathPattern::parse("!keep.Dockerfile", true);
  REQUIRE(negated);
  CHECK(negated->negated);
  CHECK(negated->matches("a/keep.Dockerfile", false));

  auto escaped = PathPattern::parse("\\#hash", true);
  REQUIRE(escaped);
  CHECK(escaped->matches("#hash", false));

  auto crlf = PathPattern::parse("*.tmp  \r", true);
  REQUIRE(crlf);
  CHECK(crlf->matches("a.tmp", false));
}

TEST_CASE("relative_to") {
  CHECK(relative_to("/a/b/c/Dockerfile", "/a/b") == std::optional<std::string>("c/Dockerfile"));
  CHECK(relative_to("/a/b/./c/../Dockerfile", "/a/b/") == std::optional<std::string>("Dockerfile"));
  CHECK(relative_to("/a/b", "/a/b") == std::optional<std::string>(""));
  CHECK_FALSE(relative_to("/a/x/Dockerfile", "/a/b"));
}

TEST_CASE("parse_config: the whole schema") {
  const Config config = parse_ok(R"(
select = ["packages", "merge-runs"]
extend-select = ["cache-mounts"]
ignore = ["no-sudo"]
unsafe-fixes = true
exclude = ["vendor/**", "**/testdata/**"]

[[per-path]]
path = "legacy/**"
ignore = ["apt-no-install-recommends"]

[[per-path]]
path = "new/**"
select = ["all"]
extend-select = ["pin-base-image"]

[rules.pin-base-image]
map = { python = "python:3.12-slim" }
strict = true
retries = 3
)");
  CHECK(config.file == fs::path("/project/.dfopt.toml"));
  CHECK(config.dir == fs::path("/project"));
  REQUIRE(config.rules.select);
  CHECK(*config.rules.select == std::vector<std::string>{"packages", "merge-runs"});
  CHECK(config.rules.extend_select == std::vector<std::string>{"cache-mounts"});
  CHECK(config.rules.ignore == std::vector<std::string>{"no-sudo"});
  CHECK(config.unsafe_fixes == std::optional<bool>(true));
  CHECK(config.exclude == std::vector<std::string>{"vendor/**", "**/testdata/**"});
  REQUIRE(config.per_path.size() == 2);
  CHECK(config.per_path[0].path == "legacy/**");
  CHECK_FALSE(config.per_path[0].rules.select);
  CHECK(config.per_path[0].rules.ignore == std::vector<std::string>{"apt-no-install-recommends"});
  CHECK(config.per_path[1].rules.select == std::optional<std::vector<std::string>>({"all"}));
  CHECK(config.settings == nlohmann::json::parse(
                               R"({"pin-base-image": {"map": {"python": "python:3.12-slim"},
                                                      "strict": true, "retries": 3}})"));
}

TEST_CASE("parse_config: rule settings are checked against what the rule declares") {
  const auto error = [](const std::string& body) {
    return parse_error("[rules.pin-base-image]\n" + body);
  };
  auto e = error("colour = 1\n");
  CHECK(e.line == 2);
  CHECK(e.column == 1);
  CHECK(e.message ==
        "rule 'pin-base-image' has no setting 'colour' (see dfopt --explain pin-base-image)");
  e = error("strict = \"yes\"\n");
  CHECK(e.line == 2);
  CHECK(e.column == 10);
  CHECK(e.message == "'rules.pin-base-image.strict' must be a boolean");
  CHECK(error("retries = 1.5\n").message == "'rules.pin-base-image.retries' must be an integer");
  CHECK(error("skip = [\"a\", 2]\n").message ==
        "'rules.pin-base-image.skip' must be an array of strings");
  CHECK(error("map = { a = 1 }\n").message ==
        "'rules.pin-base-image.map' must be a table of strings");
  CHECK(error("name = []\n").message == "'rules.pin-base-image.name' must be a string");
  const Config ok = parse_ok("[rules.pin-base-image]\nskip = [\"a\"]\nname = \"x\"\nmap = {}\n");
  CHECK(ok.settings["pin-base-image"]["skip"] == nlohmann::json::array({"a"}));
}

TEST_CASE("parse_config: an empty file is the defaults") {
  const Config config = parse_ok("# nothing here\n");
  CHECK_FALSE(config.rules.select);
  CHECK(config.rules.extend_select.empty());
  CHECK_FALSE(config.unsafe_fixes);
  CHECK(config.settings == nlohmann::json::object());
}

TEST_CASE("parse_config: errors carry the line and column") {
  SUBCASE("unknown key") {
    const auto e = parse_error("select = [\"packages\"]\n\nbogus = 1\n");
    CHECK(e.line == 3);
    CHECK(e.column == 1);
    CHECK(e.message ==
          "unknown key 'bogus' (expected select, extend-select, ignore, unsafe-fixes, exclude, "
          "per-path or rules)");
  }
  SUBCASE("unknown rule id") {
    const auto e = parse_error("# rules\nselect = [\"packages\", \"nope\"]\n");
    CHECK(e.line == 2);
    CHECK(e.column == 23);
    CHECK(e.message == "unknown rule or category 'nope'");
  }
  SUBCASE("unknown rule id after non-ASCII text (columns count code points)") {
    const auto e = parse_error("ignore = [\"é\", \"ü\"]\n");
    CHECK(e.line == 1);
    CHECK(e.column == 11);
    CHECK(e.message == "unknown rule or category 'é'");
  }
  SUBCASE("wrong type") {
    const auto e = parse_error("unsafe-fixes = \"yes\"\n");
    CHECK(e.line == 1);
    CHECK(e.column == 16);
    CHECK(e.message == "'unsafe-fixes' must be true or false");
  }
  SUBCASE("not an array") {
    const auto e = parse_error("\n  ignore = \"no-sudo\"\n");
    CHECK(e.line == 2);
    CHECK(e.column == 12);
    CHECK(e.message == "'ignore' must be an array of strings");
  }
  SUBCASE("an array element of the wrong type") {
    const auto e = parse_error("exclude = [\"a\", 3]\n");
    CHECK(e.line == 1);
    CHECK(e.column == 17);
    CHECK(e.message == "each element of 'exclude' must be a string");
  }
  SUBCASE("TOML syntax") {
    const auto e = parse_error("select = [\"packages\"\nignore = []\n");
    CHECK(e.line == 2);
    CHECK(e.message.find("expected") != std::string::npos);
  }
  SUBCASE("duplicate key") {
    const auto e = parse_error("ignore = []\nignore = []\n");
    CHECK(e.line == 2);
  }
  SUBCASE("per-path: unknown key") {
    const auto e = parse_error("[[per-path]]\npath = \"a/**\"\nunsafe = true\n");
    CHECK(e.line == 3);
    CHECK(e.column == 1);
    CHECK(e.message == "unknown key 'unsafe' (expected path, select, extend-select or ignore)");
  }
  SUBCASE("per-path: missing path") {
    const auto e = parse_error("ignore = []\n[[per-path]]\nignore = [\"no-sudo\"]\n");
    CHECK(e.line == 2);
    CHECK(e.message == "a 'per-path' entry needs a 'path'");
  }
  SUBCASE("per-path: unknown rule") {
    const auto e = parse_error("[[per-path]]\npath = \"x\"\nselect = [\"packages\", \"zzz\"]\n");
    CHECK(e.line == 3);
    CHECK(e.column == 23);
    CHECK(e.message == "unknown rule or category 'zzz'");
  }
  SUBCASE("per-path: not an array of tables") {
    const auto e = parse_error("per-path = \"x\"\n");
    CHECK(e.line == 1);
    CHECK(e.column == 12);
  }
  SUBCASE("rules: unknown rule") {
    const auto e = parse_error("[rules.pin-base-image]\nmap = {}\n[rules.pin-base]\nx = 1\n");
    CHECK(e.line == 3);
    CHECK(e.column == 8);
    CHECK(e.message == "unknown rule 'pin-base'");
  }
  SUBCASE("rules: a category") {
    const auto e = parse_error("[rules.packages]\nx = 1\n");
    CHECK(e.line == 1);
    CHECK(e.message == "'packages' is a category; settings belong to a rule");
  }
  SUBCASE("rules: not a table") {
    const auto e = parse_error("rules = { no-sudo = 3 }\n");
    CHECK(e.line == 1);
    CHECK(e.column == 21);
    CHECK(e.message == "'rules.no-sudo' must be a table");
  }
}

TEST_CASE("ConfigError::format prints path:line:col, the line and a caret") {
  auto result = parse("select = [\"packages\"]\nbogus = 1\n", "/p/.dfopt.toml");
  const auto* error = std::get_if<ConfigError>(&result);
  REQUIRE(error != nullptr);
  CHECK(error->format() ==
        "/p/.dfopt.toml:2:1: error: unknown key 'bogus' (expected select, extend-select, ignore, "
        "unsafe-fixes, exclude, per-path or rules)\n  bogus = 1\n  ^\n");
}

TEST_CASE("load_config reads from disk and reports unreadable files") {
  TempDir tmp;
  const fs::path file = tmp.write(".dfopt.toml", "ignore = [\"no-sudo\"]\n");
  auto result = load_config(file, catalog_of(rules()));
  REQUIRE(std::holds_alternative<Config>(result));
  CHECK(std::get<Config>(result).dir == tmp.path());

  auto missing = load_config(tmp.path() / "nope.toml", catalog_of(rules()));
  REQUIRE(std::holds_alternative<ConfigError>(missing));
  CHECK(std::get<ConfigError>(missing).format() ==
        (tmp.path() / "nope.toml").string() + ": error: cannot read: No such file or directory\n");

  auto dir = load_config(tmp.path(), catalog_of(rules()));
  REQUIRE(std::holds_alternative<ConfigError>(dir));
  CHECK(std::get<ConfigError>(dir).diag.message == "is a directory");
}

TEST_CASE("find_config: the nearest file wins, the repository root stops the search") {
  TempDir tmp;
  tmp.write(".dfopt.toml", "");  // above the repository: never reached
  const fs::path repo = tmp.path() / "repo";
  fs::create_directories(repo / ".git");
  tmp.write("repo/.dfopt.toml", "");
  tmp.write("repo/svc/.dfopt.toml", "");
  tmp.write("repo/svc/api/Dockerfile", "FROM x\n");
  tmp.write("repo/web/Dockerfile", "FROM x\n");
  tmp.write("other/repo2/Dockerfile", "FROM x\n");
  fs::create_directories(tmp.path() / "other" / "repo2" / ".git");

  CHECK(find_config(repo / "svc" / "api" / "Dockerfile") == repo / "svc" / ".dfopt.toml");
  CHECK(find_config(repo / "web" / "Dockerfile") == repo / ".dfopt.toml");
  CHECK(find_config(repo / "Dockerfile") == repo / ".dfopt.toml");
  CHECK_FALSE(find_config(tmp.path() / "other" / "repo2" / "Dockerfile"));
  // Without a repository the search goes on up to the temp directory's config.
  CHECK(find_config(tmp.path() / "other" / "Dockerfile") == tmp.path() / ".dfopt.toml");
}

TEST_CASE("ConfigCache parses each file once, from many threads") {
  TempDir tmp;
  fs::create_directories(tmp.path() / ".git");
  tmp.write(".dfopt.toml", "ignore = [\"no-sudo\"]\n");
  tmp.write("bad/.dfopt.toml", "ignore = [\"nope\"]\n");
  ConfigCache cache(catalog_of(rules()));

  std::vector<const Config*> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      auto entry = cache.for_file(tmp.path() / ("d" + std::to_string(i % 3)) / "Dockerfile");
      seen[i] = std::get<std::shared_ptr<const Config>>(entry).get();
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(seen[0] != nullptr);
  for (const Config* c : seen) CHECK(c == seen[0]);
  CHECK(seen[0]->rules.ignore == std::vector<std::string>{"no-sudo"});

  auto bad = cache.for_file(tmp.path() / "bad" / "Dockerfile");
  REQUIRE(std::holds_alternative<ConfigError>(bad));
  CHECK(std::get<ConfigError>(bad).line_col().column == 11);

  TempDir empty;
  fs::create_directories(empty.path() / ".git");
  auto none = cache.for_file(empty.path() / "Dockerfile");
  CHECK(std::get<std::shared_ptr<const Config>>(none) == nullptr);
}

TEST_CASE("resolve: defaults, config layers, per-path and the command line") {
  const auto& all = rules();
  const std::vector<std::string> defaults = {"apt-no-install-recommends", "apt-clean", "merge-runs",
                                             "no-sudo"};

  SUBCASE("no config: the default rules") {
    const Selection s = resolve(all, nullptr, "Dockerfile", {});
    CHECK(ids(s) == defaults);
    CHECK_FALSE(s.unsafe_fixes);
    CHECK(s.settings == nlohmann::json::object());
  }
  SUBCASE("select replaces, extend-select adds, ignore removes") {
    const Config c = parse_ok(
        "select = [\"packages\", \"merge-runs\"]\nextend-select = [\"cache-mounts\"]\n"
        "ignore = [\"apt-clean\"]\n");
    CHECK(ids(resolve(all, &c, "/project/Dockerfile", {})) ==
          std::vector<std::string>{"apt-no-install-recommends", "merge-runs", "cache-mounts"});
  }
  SUBCASE("a rule id is more specific than its category") {
    const Config c = parse_ok("ignore = [\"packages\"]\nextend-select = [\"apt-clean\"]\n");
    CHECK(ids(resolve(all, &c, "/project/Dockerfile", {})) ==
          std::vector<std::string>{"apt-clean", "merge-runs", "no-sudo"});
  }
  SUBCASE("all, then ignore by category") {
    const Config c = parse_ok("select = [\"all\"]\nignore = [\"packages\", \"security\"]\n");
    CHECK(ids(resolve(all, &c, "/project/Dockerfile", {})) ==
          std::vector<std::string>{"merge-runs", "cache-mounts", "pin-base-image"});
  }
  SUBCASE("the same selector in select and ignore: ignore wins") {
    const Config c = parse_ok("select = [\"merge-runs\"]\nignore = [\"merge-runs\"]\n");
    CHECK(ids(resolve(all, &c, "/project/Dockerfile", {})).empty());
  }
  SUBCASE("per-path entries apply in order, only to matching files") {
    const Config c = parse_ok(R"(
ignore = ["no-sudo"]
[[per-path]]
path = "legacy/**"
ignore = ["apt-no-install-recommends"]
[[per-path]]
path = "legacy/special/Dockerfile"
extend-select = ["apt-no-install-recommends", "no-sudo"]
[[per-path]]
path = "tools"
select = ["cache"]
[[per-path]]
path = "*.dev.Dockerfile"
extend-select = ["pin-base-image"]
)");
    CHECK(ids(resolve(all, &c, "/project/Dockerfile", {})) ==
          std::vector<std::string>{"apt-no-install-recommends", "apt-clean", "merge-runs"});
    CHECK(ids(resolve(all, &c, "/project/legacy/a/Dockerfile", {})) ==
          std::vector<std::string>{"apt-clean", "merge-runs"});
    CHECK(ids(resolve(all, &c, "/project/legacy/special/Dockerfile", {})) ==
          std::vector<std::string>{"apt-no-install-recommends", "apt-clean", "merge-runs",
                                   "no-sudo"});
    // A pattern without `/` names a directory (or file) at any depth.
    CHECK(ids(resolve(all, &c, "/project/x/tools/Dockerfile", {})) ==
          std::vector<std::string>{"cache-mounts"});
    CHECK(ids(resolve(all, &c, "/project/a/app.dev.Dockerfile", {})) ==
          std::vector<std::string>{"apt-no-install-recommends", "apt-clean", "merge-runs",
                                   "pin-base-image"});
    // Outside the config's directory no per-path entry applies.
    CHECK(ids(resolve(all, &c, "/elsewhere/legacy/Dockerfile", {})) ==
          std::vector<std::string>{"apt-no-install-recommends", "apt-clean", "merge-runs"});
  }
  SUBCASE("the command line wins over the config and per-path") {
    const Config c = parse_ok(R"(
ignore = ["merge-runs"]
unsafe-fixes = true
[[per-path]]
path = "legacy/**"
select = ["no-sudo"]
)");
    CliOverrides cli;
    cli.extend_select = {"merge-runs"};
    cli.ignore = {"no-sudo"};
    cli.unsafe_fixes = false;
    const Selection s = resolve(all, &c, "/project/legacy/Dockerfile", cli);
    CHECK(ids(s) == std::vector<std::string>{"merge-runs"});
    CHECK_FALSE(s.unsafe_fixes);

    CliOverrides only;
    only.select = std::vector<std::string>{"layers", "cache-mounts"};
    CHECK(ids(resolve(all, &c, "/project/legacy/Dockerfile", only)) ==
          std::vector<std::string>{"merge-runs", "cache-mounts"});
    CHECK(resolve(all, &c, "/project/Dockerfile", {}).unsafe_fixes);
  }
  SUBCASE("--unsafe-fixes turns them on without a config") {
    CliOverrides cli;
    cli.unsafe_fixes = true;
    CHECK(resolve(all, nullptr, "Dockerfile", cli).unsafe_fixes);
  }
  SUBCASE("settings are passed through") {
    const Config c = parse_ok("[rules.pin-base-image]\nmap = { python = \"python:3.12-slim\" }\n");
    const Selection s = resolve(all, &c, "/project/Dockerfile", {});
    CHECK(s.settings["pin-base-image"]["map"]["python"] == "python:3.12-slim");
    CHECK(s.contains("merge-runs"));
    CHECK_FALSE(s.contains("pin-base-image"));
  }
}

TEST_CASE("check_selectors validates command-line rule names") {
  const auto catalog = catalog_of(rules());
  CHECK_FALSE(check_selectors({"all", "packages", "no-sudo"}, catalog));
  CHECK(check_selectors({"packages", "nope"}, catalog) ==
        std::optional<std::string>("unknown rule or category 'nope'"));
}
