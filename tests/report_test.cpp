// lib/emit/report: text, summary, JSON, SARIF and GitHub annotations.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.hpp"
#include "emit/report.hpp"
#include "test_util.hpp"

using namespace dfopt;
using Mode = ReportOptions::Mode;
using nlohmann::json;

namespace {

const Transform apt_rule{"apt-no-install-recommends",
                         Category::Packages,
                         Safety::Safe,
                         "Install apt packages without recommended packages",
                         {"DL3015"},
                         "## What it does\nAdds `--no-install-recommends`.\n"};
const Transform root_rule{"run-as-non-root",
                          Category::Security,
                          Safety::Unsafe,
                          "Run the final stage as a non-root user",
                          {},
                          "## What it does\nAdds `USER`.\n"};
const Transform pin_rule{"pin-base-image",
                         Category::Stages,
                         Safety::DisplayOnly,
                         "Pin base images by digest",
                         {},
                         "## What it does\nSuggests a digest.\n"};

const Transform* lookup(std::string_view id) {
  for (const Transform* t : {&apt_rule, &root_rule, &pin_rule}) {
    if (t->id == id) return t;
  }
  return nullptr;
}

const RuleLookup rules = lookup;

Fix make_fix(Safety safety, std::string title, std::vector<TextEdit> edits) {
  auto fix = Fix::create(safety, std::move(title), std::move(edits));
  REQUIRE(fix.ok());
  return std::move(fix.value());
}

Finding finding(const Transform& rule, Span span, std::string message,
                std::optional<Fix> fix = std::nullopt) {
  return Finding{rule.id, span, std::move(message), std::move(fix), std::nullopt};
}

FileOutcome outcome(std::string text, std::string path = "Dockerfile") {
  FileOutcome file;
  file.original = test::source(std::move(text), std::move(path));
  file.result = file.original;
  return file;
}

// "RUN apt-get install -y curl" on line 2; the finding covers the command.
constexpr std::string_view apt_text = "FROM debian:12\nRUN apt-get install -y curl\n";
constexpr Span apt_span{19, 42};

Finding apt_finding() {
  return finding(apt_rule, apt_span, "apt-get install without --no-install-recommends",
                 make_fix(Safety::Safe, "add --no-install-recommends",
                          {TextEdit::insert(34, " --no-install-recommends")}));
}

Finding root_finding() {
  return finding(
      root_rule, Span{0, 14}, "the final stage runs as root",
      make_fix(Safety::Unsafe, "add `USER nobody`", {TextEdit::insert(42, "USER nobody\n")}));
}

FileOutcome apt_file(std::string path = "Dockerfile") {
  FileOutcome file = outcome(std::string(apt_text), std::move(path));
  file.findings.push_back(apt_finding());
  return file;
}

FileOutcome parse_error_file(std::string path = "bad/Dockerfile") {
  FileOutcome file = outcome("FROM a\nFORM b\n", std::move(path));
  file.error = error_at(7, "unknown instruction: FORM");
  return file;
}

std::string text(const FileOutcome& file, const ReportOptions& options = {}) {
  std::string out;
  write_text(out, file, rules, options);
  return out;
}

std::string summary(const std::vector<const FileOutcome*>& files,
                    const ReportOptions& options = {}) {
  std::string out;
  write_summary(out, files, rules, options);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// Text

TEST_CASE("text: a finding with a safe fix") {
  CHECK(text(apt_file()) ==
        "Dockerfile:2:5: apt-no-install-recommends apt-get install without "
        "--no-install-recommends [*]\n"
        "  RUN apt-get install -y curl\n"
        "      ^~~~~~~~~~~~~~~~~~~~~~~\n"
        "  help: add --no-install-recommends\n"
        "\n");
}

TEST_CASE("text: without show_fixes there is no help line") {
  ReportOptions options;
  options.show_fixes = false;
  CHECK(text(apt_file(), options) ==
        "Dockerfile:2:5: apt-no-install-recommends apt-get install without "
        "--no-install-recommends [*]\n"
        "  RUN apt-get install -y curl\n"
        "      ^~~~~~~~~~~~~~~~~~~~~~~\n"
        "\n");
}

TEST_CASE("text: an unsafe fix is offered behind --unsafe-fixes") {
  FileOutcome file = outcome(std::string(apt_text));
  file.findings.push_back(root_finding());
  const std::string expected_tail =
      "  FROM debian:12\n"
      "  ^~~~~~~~~~~~~~\n"
      "  help: add `USER nobody`\n"
      "\n";
  CHECK(text(file) ==
        "Dockerfile:1:1: run-as-non-root the final stage runs as root "
        "(unsafe fix available: --unsafe-fixes)\n" +
            expected_tail);
  ReportOptions unsafe;
  unsafe.min_safety = Safety::Unsafe;
  CHECK(text(file, unsafe) ==
        "Dockerfile:1:1: run-as-non-root the final stage runs as root [*]\n" + expected_tail);
}

TEST_CASE("text: a finding without a fix, and a display-only suggestion") {
  FileOutcome file = outcome("FROM debian:12\n");
  file.findings.push_back(finding(pin_rule, Span{5, 14}, "base image is not pinned"));
  file.findings.push_back(finding(pin_rule, Span{5, 5}, "suggestion",
                                  make_fix(Safety::DisplayOnly, "pin to a digest",
                                           {TextEdit::replace(Span{5, 14}, "debian@sha256:x")})));
  CHECK(text(file) ==
        "Dockerfile:1:6: pin-base-image suggestion (no automatic fix)\n"
        "  FROM debian:12\n"
        "       ^\n"
        "  help: pin to a digest\n"
        "\n"
        "Dockerfile:1:6: pin-base-image base image is not pinned (no automatic fix)\n"
        "  FROM debian:12\n"
        "       ^~~~~~~~~\n"
        "\n");
}

TEST_CASE("text: findings are ordered by position") {
  FileOutcome file = outcome(std::string(apt_text));
  file.findings.push_back(apt_finding());
  file.findings.push_back(root_finding());
  ReportOptions quiet;
  quiet.quiet = true;
  CHECK(text(file, quiet) ==
        "Dockerfile:1:1: run-as-non-root the final stage runs as root "
        "(unsafe fix available: --unsafe-fixes)\n"
        "Dockerfile:2:5: apt-no-install-recommends apt-get install without "
        "--no-install-recommends [*]\n");
}

TEST_CASE("text: a parse error prints exactly format_diagnostic") {
  const FileOutcome file = parse_error_file();
  CHECK(text(file) == format_diagnostic(*file.original, *file.error));
  CHECK(text(file) ==
        "bad/Dockerfile:2:1: error: unknown instruction: FORM\n"
        "  FORM b\n"
        "  ^\n");
}

TEST_CASE("text: CRLF lines show without their carriage return") {
  FileOutcome file = outcome("FROM a\r\nRUN pip install x\r\nUSER app\r\n");
  // The span runs over the line terminator: the underline stops at the line's end.
  file.findings.push_back(finding(apt_rule, Span{12, 27}, "m"));
  CHECK(text(file) ==
        "Dockerfile:2:5: apt-no-install-recommends m (no automatic fix)\n"
        "  RUN pip install x\n"
        "      ^~~~~~~~~~~~~\n"
        "\n");
}

TEST_CASE("text: columns count code points") {
  FileOutcome file = outcome("FROM a\nLABEL title=\"h\xC3\xA9llo w\xC3\xB6rld\" x=1\n");
  file.findings.push_back(finding(apt_rule, Span{35, 38}, "m"));
  CHECK(text(file) ==
        "Dockerfile:2:27: apt-no-install-recommends m (no automatic fix)\n"
        "  LABEL title=\"h\xC3\xA9llo w\xC3\xB6rld\" x=1\n"
        "                            ^~~\n"
        "\n");
}

TEST_CASE("text: a span over several lines is underlined to the end of its first") {
  FileOutcome file = outcome("RUN a && \\\n    b\n");
  file.findings.push_back(finding(apt_rule, Span{4, 16}, "m"));
  CHECK(text(file) ==
        "Dockerfile:1:5: apt-no-install-recommends m (no automatic fix)\n"
        "  RUN a && \\\n"
        "      ^~~~~~\n"
        "\n");
}

TEST_CASE("text: a long line keeps code_frame's window and only a caret") {
  const std::string line = "RUN echo " + std::string(300, 'x');
  FileOutcome file = outcome(line + "\n");
  file.findings.push_back(finding(apt_rule, Span{200, 250}, "m"));
  const std::string out = text(file);
  CHECK(out == "Dockerfile:1:201: apt-no-install-recommends m (no automatic fix)\n" +
                   code_frame(*file.original, 200) + "\n");
  CHECK(out.find('~') == std::string::npos);
}

TEST_CASE("text: colors only when asked") {
  ReportOptions color;
  color.color = true;
  const std::string out = text(apt_file(), color);
  CHECK(out.find("\x1b[1mDockerfile:2:5:\x1b[0m ") == 0);
  CHECK(out.find("\x1b[1;33mapt-no-install-recommends\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[36m[*]\x1b[0m") != std::string::npos);
  CHECK(out.find("  \x1b[36mhelp:\x1b[0m add --no-install-recommends\n") != std::string::npos);
  CHECK(text(apt_file()).find('\x1b') == std::string::npos);
  CHECK(text(parse_error_file(), color).find('\x1b') == std::string::npos);
}

TEST_CASE("text: internal errors and non-convergence") {
  FileOutcome file = outcome("FROM a\n");
  file.internal_errors = {"apt-no-install-recommends: the fix does not parse"};
  file.not_converged = {"a", "b"};
  file.rounds = 12;
  CHECK(text(file) ==
        "Dockerfile: internal error: apt-no-install-recommends: the fix does not parse\n"
        "Dockerfile: failed to converge after 12 rounds (rules: a, b)\n");
}

TEST_CASE("text: fixes applied, or that would be") {
  FileOutcome file = outcome("FROM a\n");
  file.result = test::source("FROM b\n");
  file.text_changed = true;
  file.applied = {{"apt-no-install-recommends", Safety::Safe, "add --no-install-recommends"},
                  {"run-as-non-root", Safety::Unsafe, "add `USER nobody`"},
                  {"apt-no-install-recommends", Safety::Safe, "add --no-install-recommends"}};
  ReportOptions fix;
  fix.mode = Mode::Fix;
  CHECK(text(file, fix) ==
        "Dockerfile: fixed apt-no-install-recommends: add --no-install-recommends (2x)\n"
        "Dockerfile: fixed run-as-non-root: add `USER nobody`\n");
  ReportOptions diff;
  diff.mode = Mode::Diff;
  CHECK(text(file, diff).find("Dockerfile: would fix run-as-non-root: add `USER nobody`\n") !=
        std::string::npos);
  diff.show_fixes = false;
  CHECK(text(file, diff).empty());
  CHECK(text(file).empty());  // report mode
}

TEST_CASE("text: verbose mode") {
  ReportOptions verbose;
  verbose.verbose = true;
  CHECK(text(outcome("FROM a\n"), verbose) == "Dockerfile: no findings\n");
  const std::string out = text(apt_file(), verbose);
  CHECK(out.find("  note: Install apt packages without recommended packages (equivalents: "
                 "DL3015)\n\n") != std::string::npos);
}

// ---------------------------------------------------------------------------
// Summary

namespace {

struct Run {
  FileOutcome a = outcome(std::string(apt_text), "a/Dockerfile");
  FileOutcome b = outcome("FROM debian:12\n", "b/Dockerfile");
  FileOutcome c = parse_error_file("c/Dockerfile");

  [[nodiscard]] std::vector<const FileOutcome*> files() const { return {&a, &b, &c}; }
};

// Report mode: everything is still there.
Run report_run() {
  Run run;
  run.a.findings = {apt_finding(), root_finding()};
  run.b.findings = {apt_finding(), finding(pin_rule, Span{5, 14}, "base image is not pinned")};
  run.b.findings[0].span = Span{0, 4};
  return run;
}

// Fix mode: the safe fixes were applied.
Run fix_run() {
  Run run;
  run.a.findings = {root_finding()};
  run.a.result = test::source("changed a\n", "a/Dockerfile");
  run.a.text_changed = true;
  run.a.applied = {{"apt-no-install-recommends", Safety::Safe, "add --no-install-recommends"}};
  run.b.findings = {finding(pin_rule, Span{5, 14}, "base image is not pinned")};
  run.b.result = test::source("changed b\n", "b/Dockerfile");
  run.b.text_changed = true;
  run.b.applied = {{"apt-no-install-recommends", Safety::Safe, "add --no-install-recommends"}};
  return run;
}

}  // namespace

TEST_CASE("summary: report mode") {
  const Run run = report_run();
  CHECK(summary(run.files()) ==
        "Scanned 3 files: 2 with findings, 1 could not be parsed.\n"
        "\n"
        "Rule                       Findings  Fixable  Safety\n"
        "apt-no-install-recommends         2        2  safe\n"
        "pin-base-image                    1        0  display-only\n"
        "run-as-non-root                   1        0  unsafe\n"
        "\n"
        "Found 4 findings.\n"
        "[*] 2 fixable with --fix.\n"
        "1 more fixable with --unsafe-fixes.\n");

  ReportOptions unsafe;
  unsafe.min_safety = Safety::Unsafe;
  const std::string out = summary(run.files(), unsafe);
  CHECK(out.find("run-as-non-root                   1        1  unsafe\n") != std::string::npos);
  CHECK(out.find("[*] 3 fixable with --fix --unsafe-fixes.\n") != std::string::npos);
  CHECK(out.find("more fixable") == std::string::npos);
}

TEST_CASE("summary: fix mode") {
  const Run run = fix_run();
  ReportOptions fix;
  fix.mode = Mode::Fix;
  CHECK(summary(run.files(), fix) ==
        "Scanned 3 files: 2 with findings, 2 changed, 1 could not be parsed.\n"
        "\n"
        "Rule                       Findings  Fixed  Safety\n"
        "apt-no-install-recommends         2      2  safe\n"
        "pin-base-image                    1      0  display-only\n"
        "run-as-non-root                   1      0  unsafe\n"
        "\n"
        "Found 4 findings (2 fixed, 2 remaining).\n"
        "1 more fixable with --unsafe-fixes.\n");
}

TEST_CASE("summary: diff and check modes") {
  const Run run = fix_run();
  for (const Mode mode : {Mode::Diff, Mode::Check}) {
    ReportOptions options;
    options.mode = mode;
    const std::string out = summary(run.files(), options);
    CHECK(out.find("Scanned 3 files: 2 with findings, 2 would change, 1 could not be parsed.\n") ==
          0);
    CHECK(out.find("Rule                       Findings  Would fix  Safety\n"
                   "apt-no-install-recommends         2          2  safe\n") != std::string::npos);
    CHECK(out.find("Found 4 findings (2 would be fixed, 2 remaining).\n") != std::string::npos);
  }
}

TEST_CASE("summary: nothing found, internal errors, quiet") {
  FileOutcome clean = outcome("FROM a\n");
  CHECK(summary({&clean}) == "Scanned 1 file: 0 with findings.\nNo findings.\n");
  FileOutcome broken = outcome("FROM a\n");
  broken.internal_errors = {"x: y"};
  CHECK(summary({&clean, &broken}) ==
        "Scanned 2 files: 0 with findings, 1 with internal errors.\nNo findings.\n");
  ReportOptions quiet;
  quiet.quiet = true;
  const Run run = report_run();
  CHECK(summary(run.files(), quiet).empty());
}

TEST_CASE("summary: unknown rules are listed without a safety") {
  static const Transform other{"zz-unknown", Category::Context, Safety::Safe, "", {}, ""};
  FileOutcome file = outcome("FROM a\n");
  file.findings.push_back(finding(other, Span{0, 4}, "m"));
  CHECK(summary({&file}).find("zz-unknown         1        0  -\n") != std::string::npos);
}

// ---------------------------------------------------------------------------
// JSON

TEST_CASE("json: one object per finding, parse errors included") {
  Run run = report_run();
  run.a.findings.push_back(finding(pin_rule, Span{5, 14}, "bad \xFF byte"));
  std::string out;
  ReportOptions options;
  write_json(out, run.files(), rules, options);
  CHECK(out.rfind("[\n  {\n    \"path\": \"a/Dockerfile\",\n    \"rule\": ", 0) == 0);
  CHECK(out.back() == '\n');
  const json array = json::parse(out);
  REQUIRE(array.is_array());
  REQUIRE(array.size() == 6);

  // a/Dockerfile, by position: run-as-non-root (1:1), pin-base-image (1:6), apt (2:5).
  const json& root = array[0];
  CHECK(root["path"] == "a/Dockerfile");
  CHECK(root["rule"] == "run-as-non-root");
  CHECK(root["category"] == "security");
  CHECK(root["severity"] == "warning");
  CHECK(root["safety"] == "unsafe");
  CHECK(root["fixable"] == false);
  CHECK(root["fix"]["applicability"] == "unsafe");

  CHECK(array[1]["message"] == "bad \xEF\xBF\xBD byte");
  CHECK(array[1]["fix"].is_null());
  CHECK(array[1]["safety"] == "display-only");

  const json& apt = array[2];
  CHECK(apt["rule"] == "apt-no-install-recommends");
  CHECK(apt["category"] == "packages");
  CHECK(apt["message"] == "apt-get install without --no-install-recommends");
  CHECK(apt["safety"] == "safe");
  CHECK(apt["fixable"] == true);
  CHECK(apt["location"] == json{{"row", 2}, {"column", 5}});
  CHECK(apt["end_location"] == json{{"row", 2}, {"column", 28}});
  const json& fix = apt["fix"];
  CHECK(fix["title"] == "add --no-install-recommends");
  CHECK(fix["applicability"] == "safe");
  REQUIRE(fix["edits"].size() == 1);
  CHECK(fix["edits"][0]["content"] == " --no-install-recommends");
  CHECK(fix["edits"][0]["location"] == json{{"row", 2}, {"column", 20}});
  CHECK(fix["edits"][0]["end_location"] == json{{"row", 2}, {"column", 20}});

  CHECK(array[3]["path"] == "b/Dockerfile");
  CHECK(array[3]["location"] == json{{"row", 1}, {"column", 1}});

  const json& error = array[5];
  CHECK(error["path"] == "c/Dockerfile");
  CHECK(error["rule"] == "parse-error");
  CHECK(error["severity"] == "error");
  CHECK(error["message"] == "unknown instruction: FORM");
  CHECK(error["category"].is_null());
  CHECK(error["fixable"] == false);
  CHECK(error["fix"].is_null());
  CHECK(error["location"] == json{{"row", 2}, {"column", 1}});

  for (const json& entry : array) {
    for (const char* key : {"path", "rule", "category", "message", "severity", "safety", "fixable",
                            "location", "end_location", "fix"}) {
      CHECK_MESSAGE(entry.contains(key), key);
    }
  }
}

TEST_CASE("json: columns count code points, rows are 1-based") {
  FileOutcome file = outcome("FROM a\nLABEL title=\"h\xC3\xA9llo w\xC3\xB6rld\" x=1\n");
  file.findings.push_back(finding(apt_rule, Span{35, 38}, "m"));
  const auto array = json_findings(file, rules, {});
  REQUIRE(array.size() == 1);
  CHECK(array[0]["location"]["row"] == 2);
  CHECK(array[0]["location"]["column"] == 27);
  CHECK(array[0]["end_location"]["column"] == 30);
}

TEST_CASE("json: an empty run is an empty array") {
  std::string out;
  write_json(out, std::vector<const FileOutcome*>{}, rules, {});
  CHECK(out == "[]\n");
}

// ---------------------------------------------------------------------------
// SARIF

TEST_CASE("sarif: artifact URIs") {
  const std::filesystem::path base = "/work/proj";
  CHECK(artifact_uri("Dockerfile", base) == "Dockerfile");
  CHECK(artifact_uri("./sub/../Dockerfile", base) == "Dockerfile");
  CHECK(artifact_uri("my dir/Dockerfile", base) == "my%20dir/Dockerfile");
  CHECK(artifact_uri("a/\xC3\xBC#?%+.txt", base) == "a/%C3%BC%23%3F%25%2B.txt");
  CHECK(artifact_uri("/work/proj/sub/Dockerfile", base) == "sub/Dockerfile");
  CHECK(artifact_uri("/work/projects/Dockerfile", base) == "file:///work/projects/Dockerfile");
  CHECK(artifact_uri("../other/Docker file", base) == "file:///work/other/Docker%20file");
}

namespace {

json sarif(const std::vector<const FileOutcome*>& files) {
  ReportOptions options;
  options.tool_version = "0.1.0";
  // Through a string, as a consumer would read it.
  return json::parse(sarif_log(files, rules, options, "/work/proj").dump());
}

}  // namespace

TEST_CASE("sarif: required fields, rules and results") {
  Run run = report_run();
  run.a.original = test::source(std::string(apt_text), "/work/proj/my dir/Dockerfile");
  run.a.result = run.a.original;
  FileOutcome empty = outcome("", "empty/Dockerfile");
  empty.findings.push_back(finding(pin_rule, Span{0, 0}, "empty file"));
  std::vector<const FileOutcome*> files = run.files();
  files.push_back(&empty);
  const json log = sarif(files);

  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& sarif_run = log["runs"][0];
  CHECK(sarif_run["columnKind"] == "unicodeCodePoints");
  const json& driver = sarif_run["tool"]["driver"];
  CHECK(driver["name"] == "dfopt");
  CHECK(driver["version"] == "0.1.0");

  // Every rule that occurs, once, sorted by id.
  const json& descriptors = driver["rules"];
  std::vector<std::string> ids;
  for (const json& rule : descriptors) ids.push_back(rule["id"]);
  CHECK(ids == std::vector<std::string>{"apt-no-install-recommends", "parse-error",
                                        "pin-base-image", "run-as-non-root"});
  const json& apt = descriptors[0];
  CHECK(apt["name"] == "apt-no-install-recommends");
  CHECK(apt["shortDescription"]["text"] == apt_rule.summary);
  CHECK(apt["fullDescription"]["text"] == apt_rule.doc);
  CHECK(apt["help"]["text"] == apt_rule.doc);
  CHECK(apt["help"]["markdown"] == apt_rule.doc);
  CHECK(apt["properties"]["tags"] == json::array({"packages"}));
  CHECK(apt["defaultConfiguration"]["level"] == "warning");
  CHECK(descriptors[1]["defaultConfiguration"]["level"] == "error");
  CHECK(descriptors[3]["properties"]["tags"] == json::array({"security"}));

  const json& results = sarif_run["results"];
  REQUIRE(results.size() == 6);
  for (const json& result : results) {
    REQUIRE(result.contains("ruleId"));
    const auto index = result["ruleIndex"].get<std::size_t>();
    REQUIRE(index < descriptors.size());
    CHECK(descriptors[index]["id"] == result["ruleId"]);
    CHECK(result["message"]["text"].is_string());
    CHECK((result["level"] == "warning" || result["level"] == "error"));
    REQUIRE(result["locations"].size() == 1);
    const json& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"].is_string());
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    const json& region = location["region"];
    CHECK(region["startLine"].get<int>() >= 1);
    CHECK(region["startColumn"].get<int>() >= 1);
    CHECK(region["endLine"].get<int>() >= region["startLine"].get<int>());
    CHECK(region["endColumn"].get<int>() >= 1);
  }

  const json& first = results[0];
  CHECK(first["ruleId"] == "run-as-non-root");
  CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "my%20dir/Dockerfile");
  const json& apt_result = results[1];
  CHECK(apt_result["ruleId"] == "apt-no-install-recommends");
  CHECK(apt_result["ruleIndex"] == 0);
  CHECK(apt_result["level"] == "warning");
  CHECK(apt_result["message"]["text"] == "apt-get install without --no-install-recommends");
  CHECK(apt_result["locations"][0]["physicalLocation"]["region"] ==
        json{{"startLine", 2}, {"startColumn", 5}, {"endLine", 2}, {"endColumn", 28}});

  const json& error = results[4];
  CHECK(error["ruleId"] == "parse-error");
  CHECK(error["ruleIndex"] == 1);
  CHECK(error["level"] == "error");
  CHECK(error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "c/Dockerfile");
  CHECK(error["locations"][0]["physicalLocation"]["region"]["startLine"] == 2);

  CHECK(results[5]["locations"][0]["physicalLocation"]["region"] ==
        json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 1}, {"endColumn", 1}});
}

TEST_CASE("sarif: files outside the base get an absolute file URI") {
  FileOutcome file = apt_file("/elsewhere/Dockerfile");
  const json log = sarif({&file});
  const json& artifact =
      log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(artifact["uri"] == "file:///elsewhere/Dockerfile");
  CHECK_FALSE(artifact.contains("uriBaseId"));
}

TEST_CASE("sarif: an empty run still has a driver, rules and results") {
  const json log = sarif({});
  CHECK(log["runs"][0]["tool"]["driver"]["rules"] == json::array());
  CHECK(log["runs"][0]["results"] == json::array());
  std::string out;
  write_sarif(out, std::vector<const FileOutcome*>{}, rules, {});
  CHECK(json::parse(out)["version"] == "2.1.0");
  CHECK(out.back() == '\n');
}

// ---------------------------------------------------------------------------
// GitHub

TEST_CASE("github: escaping") {
  CHECK(github_escape_data("50%\r\n: a,b") == "50%25%0D%0A: a,b");
  CHECK(github_escape_property("50%\r\n: a,b") == "50%25%0D%0A%3A a%2Cb");
}

TEST_CASE("github: one workflow command per finding") {
  FileOutcome file = outcome(std::string(apt_text), "dir,x/Docker:file");
  file.findings.push_back(apt_finding());
  file.findings.back().message = "a, b: 100%\nnext";
  file.findings.push_back(root_finding());
  std::string out;
  write_github(out, file);
  CHECK(out ==
        "::warning file=dir%2Cx/Docker%3Afile,line=1,col=1,endLine=1,endColumn=15,"
        "title=run-as-non-root::the final stage runs as root\n"
        "::warning file=dir%2Cx/Docker%3Afile,line=2,col=5,endLine=2,endColumn=28,"
        "title=apt-no-install-recommends::a, b: 100%25%0Anext\n");
}

TEST_CASE("github: parse errors, internal errors and non-convergence") {
  std::string out;
  write_github(out, parse_error_file());
  CHECK(out ==
        "::error file=bad/Dockerfile,line=2,col=1,endLine=2,endColumn=1,"
        "title=parse-error::unknown instruction: FORM\n");

  FileOutcome file = outcome("FROM a\n");
  file.internal_errors = {"r: fix does not parse"};
  file.not_converged = {"a", "b"};
  file.rounds = 1;
  out.clear();
  write_github(out, file);
  CHECK(out ==
        "::error file=Dockerfile,title=internal error::r: fix does not parse\n"
        "::warning file=Dockerfile,title=failed to converge::failed to converge after 1 round "
        "(rules: a, b)\n");
}
