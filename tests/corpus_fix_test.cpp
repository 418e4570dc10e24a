// Every transform, unsafe ones included, over ../shared/corpus (skipped when
// absent): for every file BuildKit accepts, the fixed file parses and passes the
// typed checks, a second run changes nothing, no RUN stops parsing as shell, no
// fix was dropped by the guard, and BuildKit's view of every instruction outside
// the changed lines is unchanged (checked here independently of the pass
// manager's own guard, from a line diff).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "emit/unified_diff.hpp"
#include "rewrite/pass_manager.hpp"
#include "shell/command_model.hpp"
#include "shell/shell.hpp"
#include "syntax/buildkit_dump.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"
#include "transforms/registry.hpp"

namespace fs = std::filesystem;
using namespace dfopt;

namespace {

struct Range {
  std::uint32_t first;  // 1-based line in the old text
  std::uint32_t count;  // 0: an insertion after line `first`
};

// The old-side line ranges of a zero-context diff.
std::vector<Range> changed_ranges(std::string_view before, std::string_view after) {
  std::vector<Range> out;
  const std::string diff = unified_diff(before, after, "a", "b", 0);
  static const std::regex hunk(R"(^@@ -(\d+)(?:,(\d+))? \+)");
  std::istringstream lines(diff);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, hunk)) continue;
    out.push_back({static_cast<std::uint32_t>(std::stoul(m[1])),
                   m[2].matched ? static_cast<std::uint32_t>(std::stoul(m[2])) : 1U});
  }
  return out;
}

bool touched(const syntax::Instruction& ins, const std::vector<Range>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const Range& r) {
    if (r.count == 0) return r.first >= ins.first_line && r.first < ins.last_line;
    return r.first <= ins.last_line && r.first + r.count - 1 >= ins.first_line;
  });
}

std::size_t opaque_runs(const syntax::Document& doc) {
  std::size_t n = 0;
  for (const auto& ins : doc.instructions) {
    const auto& run = ins.trigger ? *ins.trigger : ins;
    if (run.keyword == syntax::Keyword::Run && run.form == syntax::ArgForm::Shell) {
      n += shell::parse(run.rest_text()).status == shell::ParseStatus::Opaque ? 1 : 0;
    }
  }
  return n;
}

PassOptions all_rules() {
  PassOptions options;
  for (const Transform* t : transforms::all()) options.transforms.push_back(t);
  options.fix = true;
  options.min_safety = Safety::Unsafe;
  return options;
}

}  // namespace

TEST_CASE("corpus: every transform's fixes keep files valid, idempotent and local" *
          doctest::skip(test::shared_dir().empty())) {
  const fs::path corpus = test::shared_dir() / "corpus";
  std::ifstream verdicts(corpus / "expected" / "verdicts.tsv");
  REQUIRE(verdicts);
  std::string row;
  std::getline(verdicts, row);
  const PassOptions options = all_rules();
  std::map<std::string, std::pair<int, int>> per_rule;  // rule → files fired on, fixes applied
  int files = 0;
  int changed = 0;
  while (std::getline(verdicts, row)) {
    const std::string path = row.substr(0, row.find('\t'));
    if (row.find("\tok\tok") == std::string::npos) continue;
    CAPTURE(path);
    ++files;
    const auto src = test::source(test::read_bytes(corpus / "public" / path), path);
    const FileOutcome report = run_passes(src, [&] {
      PassOptions o = options;
      o.fix = false;
      return o;
    }());
    std::set<std::string_view> fired;
    for (const Finding& f : report.findings) fired.insert(f.rule);
    for (const std::string_view r : fired) ++per_rule[std::string(r)].first;

    const FileOutcome out = run_passes(src, options);
    REQUIRE_FALSE(out.error.has_value());
    CHECK(out.internal_errors.empty());
    CHECK(out.not_converged.empty());
    for (const AppliedFix& a : out.applied) ++per_rule[a.rule].second;
    if (!out.changed()) continue;
    ++changed;
    auto before = syntax::parse(src);
    auto after = syntax::parse(out.result);
    REQUIRE(after.ok());
    CHECK(opaque_runs(*after) <= opaque_runs(*before));
    // Idempotent.
    const FileOutcome again = run_passes(out.result, options);
    CHECK_FALSE(again.changed());
    // BuildKit sees every instruction outside the changed lines as before, in order.
    const auto ranges = changed_ranges(src->text(), out.result->text());
    std::size_t k = 0;
    std::vector<std::string> kept;
    for (const auto& ins : before->instructions) {
      if (!touched(ins, ranges)) kept.push_back(syntax::dump_buildkit(ins, before->text()));
    }
    for (const auto& ins : after->instructions) {
      if (k < kept.size() && syntax::dump_buildkit(ins, after->text()) == kept[k]) ++k;
    }
    CHECK_MESSAGE(k == kept.size(),
                  "changed outside the fixed lines: " << (k < kept.size() ? kept[k] : ""));
  }
  std::string table;
  for (const auto& [rule, counts] : per_rule) {
    table += fmt::format("\n  {:<28} fired on {:>5} files, {:>5} fixes applied", rule, counts.first,
                         counts.second);
  }
  MESSAGE(fmt::format("corpus fix run: {} files, {} changed{}", files, changed, table));
  CHECK(files > 2500);
}

namespace {

// Per stage, the text of every simple command of its RUNs, in order.
std::vector<std::vector<std::string>> stage_commands(const syntax::Document& doc,
                                                     std::size_t& runs) {
  std::vector<std::vector<std::string>> out;
  runs = 0;
  for (const auto& ins : doc.instructions) {
    if (ins.keyword == syntax::Keyword::From) out.emplace_back();
    if (ins.keyword != syntax::Keyword::Run) continue;
    ++runs;
    if (out.empty()) out.emplace_back();
    if (ins.form != syntax::ArgForm::Shell) {
      out.back().push_back(ins.rest);
      continue;
    }
    const LogicalText body = ins.rest_text();
    const shell::Script script = shell::parse(body);
    for (const shell::SimpleCommand* c : shell::commands(script)) {
      out.back().emplace_back(shell::text_of(body.text(), c->logical));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: merge-runs keeps each stage's commands and their order" *
          doctest::skip(test::shared_dir().empty())) {
  const fs::path corpus = test::shared_dir() / "corpus";
  std::ifstream verdicts(corpus / "expected" / "verdicts.tsv");
  std::string row;
  std::getline(verdicts, row);
  PassOptions options;
  options.transforms = {transforms::find("merge-runs")};
  REQUIRE(options.transforms.front() != nullptr);
  options.fix = true;
  options.min_safety = Safety::Unsafe;
  int merged_files = 0;
  std::size_t layers_before = 0;
  std::size_t layers_after = 0;
  while (std::getline(verdicts, row)) {
    const std::string path = row.substr(0, row.find('\t'));
    if (row.find("\tok\tok") == std::string::npos) continue;
    CAPTURE(path);
    const auto src = test::source(test::read_bytes(corpus / "public" / path), path);
    const FileOutcome out = run_passes(src, options);
    if (!out.changed()) continue;
    ++merged_files;
    auto before = syntax::parse(src);
    auto after = syntax::parse(out.result);
    REQUIRE(after.ok());
    std::size_t runs_before = 0;
    std::size_t runs_after = 0;
    CHECK(stage_commands(*before, runs_before) == stage_commands(*after, runs_after));
    CHECK(runs_after < runs_before);
    layers_before += runs_before;
    layers_after += runs_after;
  }
  MESSAGE(fmt::format("merge-runs: {} files merged, RUN layers {} → {}", merged_files,
                      layers_before, layers_after));
  CHECK(merged_files > 100);
}
