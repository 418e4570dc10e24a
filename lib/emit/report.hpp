// Reports over the outcomes of a run: human text (per file, plus a summary),
// JSON, SARIF 2.1.0 and GitHub Actions workflow commands. Every function
// appends to `out`; files are reported in the order given, findings by position.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rewrite/edit.hpp"
#include "rewrite/pass_manager.hpp"
#include "rewrite/transform.hpp"

namespace dfopt {

struct ReportOptions {
  enum class Mode { Report, Fix, Diff, Check };

  bool color = false;      // ANSI colors in text output
  bool show_fixes = true;  // `help:` lines and the fixes applied (or that would be)
  bool quiet = false;      // text: finding lines only, no frames and no summary
  bool verbose = false;    // text: a note per finding (rule summary, equivalents) and a
                           // line for each file without findings
  Mode mode = Mode::Report;
  Safety min_safety = Safety::Safe;  // Unsafe with --unsafe-fixes
  std::string tool_version;
};

// Rule id → its transform; nullptr for an unknown id.
using RuleLookup = std::function<const Transform*(std::string_view id)>;

// Text: one block per finding (`path:line:col: rule message [*]`, a code frame,
// `help: …`), parse errors as format_diagnostic prints them, then internal errors
// and non-convergence.
void write_text(std::string& out, const FileOutcome& file, const RuleLookup& rules,
                const ReportOptions& options);
// Text: the end-of-run summary (counts, a per-rule table sorted by id, totals and
// hints). Empty when `options.quiet`.
void write_summary(std::string& out, std::span<const FileOutcome* const> files,
                   const RuleLookup& rules, const ReportOptions& options);

// The summary's counts, tallied one file at a time (a bulk run need not keep its outcomes).
struct RuleTally {
  std::size_t findings = 0;
  std::size_t fixes = 0;  // applied (or would be), or fixable in report mode
};
struct Totals {
  std::size_t files = 0;
  std::size_t with_findings = 0;
  std::size_t changed = 0;
  std::size_t invalid = 0;
  std::size_t internal = 0;
  std::size_t findings = 0;
  std::size_t fixed = 0;    // applied, or would be
  std::size_t fixable = 0;  // remaining findings the run could fix
  std::size_t unsafe = 0;   // remaining findings fixable with --unsafe-fixes
  std::map<std::string, RuleTally, std::less<>> rules;

  void add(const FileOutcome& file, const ReportOptions& options);
};
void write_summary(std::string& out, const Totals& totals, const RuleLookup& rules,
                   const ReportOptions& options);

// JSON: the objects for one file's findings (and its parse error), in order.
// `safety` is the fix's (display-only without one); `fixable` says whether the run
// applies that fix at `options.min_safety`. Rows and columns are 1-based, columns
// in code points.
[[nodiscard]] nlohmann::ordered_json json_findings(const FileOutcome& file, const RuleLookup& rules,
                                                   const ReportOptions& options);
// JSON: one array of every file's findings, pretty-printed, ending in a newline.
void write_json(std::string& out, std::span<const FileOutcome* const> files,
                const RuleLookup& rules, const ReportOptions& options);

// SARIF 2.1.0: one run whose driver lists every rule that occurs (sorted by id),
// artifact URIs relative to `base` (the current directory by default).
[[nodiscard]] nlohmann::ordered_json sarif_log(std::span<const FileOutcome* const> files,
                                               const RuleLookup& rules,
                                               const ReportOptions& options,
                                               const std::filesystem::path& base);
void write_sarif(std::string& out, std::span<const FileOutcome* const> files,
                 const RuleLookup& rules, const ReportOptions& options);
// The SARIF artifact URI of `path`: relative to `base` with `/` separators and
// percent-encoded; a `file://` URI when the path lies outside `base`.
[[nodiscard]] std::string artifact_uri(std::string_view path, const std::filesystem::path& base);

// GitHub Actions: one `::warning` (findings, non-convergence) or `::error` (parse
// and internal errors) workflow command per line; paths relative to the current
// directory.
void write_github(std::string& out, const FileOutcome& file);
// Workflow command escaping: of the message, and (stricter) of a property value.
[[nodiscard]] std::string github_escape_data(std::string_view text);
[[nodiscard]] std::string github_escape_property(std::string_view text);

}  // namespace dfopt
