// Golden cases per transform: testdata/transforms/<id>/<case>.in.Dockerfile with
//   <case>.diag            the findings in report mode (`line:col: id message (safety)`)
//   <case>.out.Dockerfile  the file after applying this transform's fixes (Unsafe
//                          included); absent when the file must stay unchanged
// Every case is also checked for idempotence (a second run changes nothing) and
// that the output parses. DFOPT_UPDATE_GOLDEN=1 rewrites .diag and .out files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "rewrite/pass_manager.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"
#include "transforms/registry.hpp"

namespace fs = std::filesystem;
using namespace dfopt;

namespace {

// A case may have `<stem>.settings.json` (the rule's [rules.<id>] settings) and a
// `<stem>.context/` directory (the build context: the Dockerfile's directory).
PassOptions options_for(const Transform& t, bool fix, const fs::path& dir,
                        const std::string& stem) {
  PassOptions options;
  options.transforms = {&t};
  options.fix = fix;
  options.min_safety = Safety::Unsafe;
  const fs::path settings = dir / (stem + ".settings.json");
  if (fs::exists(settings))
    options.settings[std::string(t.id)] = nlohmann::json::parse(test::read_bytes(settings));
  const fs::path context = dir / (stem + ".context");
  if (fs::is_directory(context)) options.directory = context;
  return options;
}

// The files a fix creates are kept as `<stem>.new-<name>` (`/` in names as `%`).
std::string new_file_golden(const std::string& stem, std::string name) {
  std::replace(name.begin(), name.end(), '/', '%');
  return stem + ".new-" + name;
}

std::string render_findings(const FileOutcome& out) {
  std::string text;
  if (out.error) {
    const LineCol lc = out.original->line_col(out.error->offset);
    return fmt::format("{}:{}: error: {}\n", lc.line, lc.column, out.error->message);
  }
  for (const Finding& f : out.findings) {
    const LineCol lc = out.result->line_col(f.span.begin);
    text += fmt::format("{}:{}: {} {} ({})\n", lc.line, lc.column, f.rule, f.message,
                        to_string(f.safety()));
  }
  return text;
}

}  // namespace

TEST_CASE("golden transform cases") {
  const fs::path root = test::testdata_dir() / "transforms";
  std::set<std::string> ids_with_cases;
  std::vector<fs::path> inputs;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 14 && name.substr(name.size() - 14) == ".in.Dockerfile")
      inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  // DFOPT_GOLDEN_ONLY=<id>: only that rule's cases (to regenerate one rule's goldens).
  const char* only = std::getenv("DFOPT_GOLDEN_ONLY");
  for (const fs::path& input : inputs) {
    const std::string id = input.parent_path().filename().string();
    if (only != nullptr && id != only) continue;
    const std::string stem =
        input.filename().string().substr(0, input.filename().string().size() - 14);
    CAPTURE(id);
    CAPTURE(stem);
    const Transform* t = transforms::find(id);
    REQUIRE_MESSAGE(t != nullptr, "no transform with id " << id);
    ids_with_cases.insert(id);
    const auto src = test::source(test::read_bytes(input), input.filename().string());

    const fs::path dir = input.parent_path();
    const FileOutcome report = run_passes(src, options_for(*t, false, dir, stem));
    const std::string diag = render_findings(report);
    const fs::path diag_file = input.parent_path() / (stem + ".diag");
    if (test::update_golden()) test::write_bytes(diag_file, diag);
    CHECK(diag == test::read_bytes(diag_file));

    const FileOutcome fixed = run_passes(src, options_for(*t, true, dir, stem));
    CHECK(fixed.internal_errors.empty());
    CHECK(fixed.not_converged.empty());
    const fs::path out_file = input.parent_path() / (stem + ".out.Dockerfile");
    if (test::update_golden()) {
      if (fixed.text_changed) {
        test::write_bytes(out_file, std::string(fixed.result->text()));
      } else {
        fs::remove(out_file);
      }
    }
    if (fs::exists(out_file)) {
      CHECK(fixed.result->text() == test::read_bytes(out_file));
    } else {
      CHECK_FALSE(fixed.text_changed);
    }
    std::set<std::string> expected_new;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with(stem + ".new-")) expected_new.insert(name);
    }
    if (test::update_golden()) {
      for (const std::string& name : expected_new) fs::remove(dir / name);
      expected_new.clear();
      for (const auto& [name, content] : fixed.new_files) {
        test::write_bytes(dir / new_file_golden(stem, name), content);
        expected_new.insert(new_file_golden(stem, name));
      }
    }
    std::set<std::string> made_new;
    for (const auto& [name, content] : fixed.new_files) {
      made_new.insert(new_file_golden(stem, name));
      if (expected_new.contains(new_file_golden(stem, name))) {
        CHECK(content == test::read_bytes(dir / new_file_golden(stem, name)));
      }
    }
    CHECK(made_new == expected_new);
    // Idempotent: the output has nothing left to fix (new files are not on disk
    // here, so a rule that creates one may still offer it).
    const FileOutcome again = run_passes(fixed.result, options_for(*t, true, dir, stem));
    CHECK(again.result->text() == fixed.result->text());
    CHECK(syntax::parse(fixed.result).ok());
  }
  // Every transform has golden cases.
  if (only != nullptr) return;
  for (const Transform* t : transforms::all()) {
    CHECK_MESSAGE(ids_with_cases.count(std::string(t->id)) == 1, "no golden cases for " << t->id);
  }
}
