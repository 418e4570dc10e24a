#include "emit/report.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/diagnostic.hpp"

namespace dfopt {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Mode = ReportOptions::Mode;

constexpr std::string_view parse_error_rule = "parse-error";
// code_frame shows lines up to this many bytes whole; longer ones are windowed.
constexpr std::size_t whole_line_limit = 160;

// ---------------------------------------------------------------------------
// Shared helpers

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Where the findings and their fixes are located.
const SourceBuffer& located_in(const FileOutcome& file) {
  return file.result ? *file.result : *file.original;
}

const std::string& path_of(const FileOutcome& file) { return file.original->path(); }

// The findings by position (then rule id), for a stable order whatever the transforms' order.
std::vector<const Finding*> by_position(const FileOutcome& file) {
  std::vector<const Finding*> sorted;
  sorted.reserve(file.findings.size());
  for (const Finding& finding : file.findings) sorted.push_back(&finding);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) {
    if (a->span.begin != b->span.begin) return a->span.begin < b->span.begin;
    if (a->span.end != b->span.end) return a->span.end < b->span.end;
    return a->rule < b->rule;
  });
  return sorted;
}

// Whether the run applies this finding's fix (display-only fixes never are).
bool applicable(const Finding& finding, Safety min_safety) {
  const Safety safety = finding.safety();
  return safety != Safety::DisplayOnly && safety >= min_safety;
}

bool needs_unsafe_fixes(const Finding& finding, Safety min_safety) {
  return finding.safety() == Safety::Unsafe && min_safety == Safety::Safe;
}

const Transform* find_rule(const RuleLookup& rules, std::string_view id) {
  return rules ? rules(id) : nullptr;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// `path` relative to `base` when it lies inside it; otherwise absolute. Empty when
// the path is outside `base` and `base` is unknown.
fs::path relative_to(std::string_view path, const fs::path& base) {
  fs::path p = fs::path(std::string(path)).lexically_normal();
  if (base.empty()) return p;
  const fs::path root = base.lexically_normal();
  if (p.is_relative()) {
    if (p.empty() || *p.begin() != "..") return p;
    p = (root / p).lexically_normal();
  }
  fs::path rel = p.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return p;
  return rel == "." ? p : rel;
}

fs::path current_directory() {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  return ec ? fs::path() : cwd;
}

// ---------------------------------------------------------------------------
// Text

struct Painter {
  bool on = false;

  [[nodiscard]] std::string operator()(std::string_view text, std::string_view sgr) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
  }
};

constexpr std::string_view bold = "1";
constexpr std::string_view bold_red = "1;31";
constexpr std::string_view bold_yellow = "1;33";
constexpr std::string_view cyan = "36";

// code_frame with `~` under the rest of the span on the caret's line (as clang
// underlines ranges); a span that runs on to further lines is underlined to the end
// of its first line.
std::string finding_frame(const SourceBuffer& source, Span span) {
  std::string frame = code_frame(source, span.begin);
  const std::uint32_t line = source.line_col(span.begin).line;
  const std::string_view text = source.line_text(line);
  if (text.size() > whole_line_limit) return frame;
  const std::size_t line_end = source.line_start(line) + text.size();
  const std::size_t stop = std::min<std::size_t>(span.end, line_end);
  std::string underline;
  for (std::size_t i = std::size_t{span.begin} + 1; i < stop; ++i) {
    const char c = source.text()[i];
    if (!is_continuation_byte(c)) underline += c == '\t' ? '\t' : '~';
  }
  frame.insert(frame.size() - 1, underline);
  return frame;
}

std::string fix_note(const Finding& finding, const ReportOptions& options, const Painter& paint) {
  if (applicable(finding, options.min_safety)) return " " + paint("[*]", cyan);
  if (needs_unsafe_fixes(finding, options.min_safety)) {
    return " (unsafe fix available: --unsafe-fixes)";
  }
  return " (no automatic fix)";
}

// The rule's summary and its equivalents in other linters.
std::string verbose_note(const Transform& transform) {
  std::string note = fmt::format("  note: {}", transform.summary);
  if (!transform.equivalents.empty()) {
    note += " (equivalents: ";
    for (std::size_t i = 0; i < transform.equivalents.size(); ++i) {
      note += fmt::format("{}{}", i > 0 ? ", " : "", transform.equivalents[i]);
    }
    note += ")";
  }
  return note + "\n";
}

void write_finding(std::string& out, const SourceBuffer& source, const Finding& finding,
                   const Transform* transform, const ReportOptions& options, const Painter& paint) {
  const LineCol lc = source.line_col(finding.span.begin);
  out += fmt::format(
      "{} {} {}{}\n", paint(fmt::format("{}:{}:{}:", source.path(), lc.line, lc.column), bold),
      paint(finding.rule, bold_yellow), finding.message, fix_note(finding, options, paint));
  if (options.quiet) return;
  out += finding_frame(source, finding.span);
  if (options.show_fixes && finding.fix && !finding.fix->title().empty()) {
    out += fmt::format("  {} {}\n", paint("help:", cyan), finding.fix->title());
  }
  if (options.verbose && transform != nullptr) out += verbose_note(*transform);
  out += '\n';
}

// One line per distinct applied fix, in the order first applied, with a count.
void write_applied(std::string& out, const FileOutcome& file, const ReportOptions& options,
                   const Painter& paint) {
  std::vector<std::pair<const AppliedFix*, std::size_t>> groups;
  for (const AppliedFix& fix : file.applied) {
    auto same = [&](const auto& g) {
      return g.first->rule == fix.rule && g.first->title == fix.title;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.emplace_back(&fix, 1);
    } else {
      ++it->second;
    }
  }
  const std::string_view verb = options.mode == Mode::Fix ? "fixed" : "would fix";
  for (const auto& [fix, count] : groups) {
    out += fmt::format("{} {} {}: {}{}\n", paint(path_of(file) + ":", bold), verb,
                       paint(fix->rule, bold_yellow), fix->title,
                       count > 1 ? fmt::format(" ({}x)", count) : "");
  }
}

void write_problems(std::string& out, const FileOutcome& file, const Painter& paint) {
  const std::string path = paint(path_of(file) + ":", bold);
  for (const std::string& error : file.internal_errors) {
    out += fmt::format("{} {} {}\n", path, paint("internal error:", bold_red), error);
  }
  if (!file.not_converged.empty()) {
    out += fmt::format("{} {} after {} (rules: {})\n", path, paint("failed to converge", bold_red),
                       plural(static_cast<std::size_t>(std::max(file.rounds, 0)), "round"),
                       join(file.not_converged, ", "));
  }
}

// ---------------------------------------------------------------------------
// Summary

}  // namespace

void Totals::add(const FileOutcome& file, const ReportOptions& options) {
  Totals& totals = *this;
  ++totals.files;
  if (file.error) ++totals.invalid;
  if (!file.internal_errors.empty() || !file.not_converged.empty()) ++totals.internal;
  if (!file.findings.empty() || !file.applied.empty()) ++totals.with_findings;
  if (options.mode != Mode::Report && file.result && file.changed()) ++totals.changed;
  for (const AppliedFix& fix : file.applied) {
    RuleTally& rule = totals.rules[fix.rule];
    ++rule.findings;
    ++totals.findings;
    if (options.mode != Mode::Report) {
      ++rule.fixes;
      ++totals.fixed;
    }
  }
  for (const Finding& finding : file.findings) {
    RuleTally& rule = totals.rules[std::string(finding.rule)];
    ++rule.findings;
    ++totals.findings;
    if (applicable(finding, options.min_safety)) {
      ++totals.fixable;
      if (options.mode == Mode::Report) ++rule.fixes;
    }
    if (needs_unsafe_fixes(finding, options.min_safety)) ++totals.unsafe;
  }
}

namespace {

std::string files_line(const Totals& totals, Mode mode) {
  std::vector<std::string> parts{fmt::format("{} with findings", totals.with_findings)};
  if (mode == Mode::Fix) parts.push_back(fmt::format("{} changed", totals.changed));
  if (mode == Mode::Diff || mode == Mode::Check) {
    parts.push_back(fmt::format("{} would change", totals.changed));
  }
  if (totals.invalid > 0) parts.push_back(fmt::format("{} could not be parsed", totals.invalid));
  if (totals.internal > 0) {
    parts.push_back(fmt::format("{} with internal errors", totals.internal));
  }
  return fmt::format("Scanned {}: {}.\n", plural(totals.files, "file"), join(parts, ", "));
}

std::string_view fixes_header(Mode mode) {
  switch (mode) {
    case Mode::Report:
      return "Fixable";
    case Mode::Fix:
      return "Fixed";
    case Mode::Diff:
    case Mode::Check:
      return "Would fix";
  }
  return "Fixes";
}

void write_rule_table(std::string& out, const Totals& totals, const RuleLookup& rules, Mode mode) {
  std::size_t width = std::string_view("Rule").size();
  for (const auto& [id, tally] : totals.rules) width = std::max(width, id.size());
  const std::string_view fixes = fixes_header(mode);
  out += fmt::format("{:<{}}  Findings  {}  Safety\n", "Rule", width, fixes);
  for (const auto& [id, tally] : totals.rules) {
    const Transform* transform = find_rule(rules, id);
    out += fmt::format("{:<{}}  {:>8}  {:>{}}  {}\n", id, width, tally.findings, tally.fixes,
                       fixes.size(), transform ? to_string(transform->safety) : "-");
  }
}

void write_totals(std::string& out, const Totals& totals, const ReportOptions& options) {
  if (totals.findings == 0) {
    out += "No findings.\n";
    return;
  }
  const std::string found = plural(totals.findings, "finding");
  const std::size_t remaining = totals.findings - totals.fixed;
  switch (options.mode) {
    case Mode::Report:
      out += fmt::format("Found {}.\n", found);
      if (totals.fixable > 0) {
        out += fmt::format("[*] {} fixable with --fix{}.\n", totals.fixable,
                           options.min_safety == Safety::Unsafe ? " --unsafe-fixes" : "");
      }
      break;
    case Mode::Fix:
      out += fmt::format("Found {} ({} fixed, {} remaining).\n", found, totals.fixed, remaining);
      break;
    case Mode::Diff:
    case Mode::Check:
      out += fmt::format("Found {} ({} would be fixed, {} remaining).\n", found, totals.fixed,
                         remaining);
      break;
  }
  if (totals.unsafe > 0) {
    out += fmt::format("{} more fixable with --unsafe-fixes.\n", totals.unsafe);
  }
}

// ---------------------------------------------------------------------------
// JSON

Json position(const SourceBuffer& source, std::uint32_t offset) {
  const LineCol lc = source.line_col(offset);
  return Json{{"row", lc.line}, {"column", lc.column}};
}

Json json_fix(const SourceBuffer& source, const Fix& fix) {
  Json edits = Json::array();
  for (const TextEdit& edit : fix.edits()) {
    edits.push_back(Json{{"content", edit.replacement},
                         {"location", position(source, edit.span.begin)},
                         {"end_location", position(source, edit.span.end)}});
  }
  return Json{{"title", fix.title()},
              {"applicability", to_string(fix.safety())},
              {"edits", std::move(edits)}};
}

Json json_finding(const SourceBuffer& source, const Finding& finding, const RuleLookup& rules,
                  const ReportOptions& options) {
  const Transform* transform = find_rule(rules, finding.rule);
  return Json{
      {"path", source.path()},
      {"rule", finding.rule},
      {"category", transform ? Json(to_string(transform->category)) : Json(nullptr)},
      {"message", finding.message},
      {"severity", "warning"},
      {"safety", to_string(finding.safety())},
      {"fixable", applicable(finding, options.min_safety)},
      {"location", position(source, finding.span.begin)},
      {"end_location", position(source, finding.span.end)},
      {"fix", finding.fix ? json_fix(source, *finding.fix) : Json(nullptr)},
  };
}

Json json_parse_error(const FileOutcome& file) {
  const SourceBuffer& source = *file.original;
  return Json{
      {"path", source.path()},
      {"rule", parse_error_rule},
      {"category", nullptr},
      {"message", file.error->message},
      {"severity", "error"},
      {"safety", to_string(Safety::DisplayOnly)},
      {"fixable", false},
      {"location", position(source, file.error->offset)},
      {"end_location", position(source, file.error->offset)},
      {"fix", nullptr},
  };
}

std::string dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// ---------------------------------------------------------------------------
// SARIF

constexpr std::string_view sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                            (b >= '0' && b <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    out += unreserved ? std::string(1, c) : fmt::format("%{:02X}", b);
  }
  return out;
}

Json sarif_rule(std::string_view id, const Transform* transform) {
  Json rule{{"id", id}, {"name", id}};
  if (id == parse_error_rule) {
    rule["shortDescription"] = Json{{"text", "The file is not a valid Dockerfile."}};
    rule["defaultConfiguration"] = Json{{"level", "error"}};
    return rule;
  }
  if (transform != nullptr) {
    const std::string doc(transform->doc);
    rule["shortDescription"] = Json{{"text", transform->summary}};
    rule["fullDescription"] = Json{{"text", doc}};
    rule["help"] = Json{{"text", doc}, {"markdown", doc}};
    rule["properties"] = Json{{"tags", Json::array({to_string(transform->category)})}};
  }
  rule["defaultConfiguration"] = Json{{"level", "warning"}};
  return rule;
}

Json sarif_location(const SourceBuffer& source, Span span, const fs::path& base) {
  const LineCol begin = source.line_col(span.begin);
  const LineCol end = source.line_col(span.end);
  const std::string uri = artifact_uri(source.path(), base);
  Json artifact{{"uri", uri}};
  if (uri.rfind("file:", 0) != 0) artifact["uriBaseId"] = "%SRCROOT%";
  Json region{{"startLine", begin.line},
              {"startColumn", begin.column},
              {"endLine", end.line},
              {"endColumn", end.column}};
  return Json{{"physicalLocation",
               Json{{"artifactLocation", std::move(artifact)}, {"region", std::move(region)}}}};
}

Json sarif_result(std::string_view rule, std::size_t index, std::string_view level,
                  std::string_view message, Json location) {
  return Json{{"ruleId", rule},
              {"ruleIndex", index},
              {"level", level},
              {"message", Json{{"text", message}}},
              {"locations", Json::array({std::move(location)})}};
}

// ---------------------------------------------------------------------------
// GitHub

std::string github_command(std::string_view command, const std::vector<std::string>& properties,
                           std::string_view message) {
  return fmt::format("::{} {}::{}\n", command, join(properties, ","), github_escape_data(message));
}

std::string github_property(std::string_view key, std::string_view value) {
  return fmt::format("{}={}", key, github_escape_property(value));
}

std::vector<std::string> github_span(const std::string& path, const SourceBuffer& source,
                                     Span span) {
  const LineCol begin = source.line_col(span.begin);
  const LineCol end = source.line_col(span.end);
  return {github_property("file", path), fmt::format("line={}", begin.line),
          fmt::format("col={}", begin.column), fmt::format("endLine={}", end.line),
          fmt::format("endColumn={}", end.column)};
}

}  // namespace

// ---------------------------------------------------------------------------
// Text

void write_text(std::string& out, const FileOutcome& file, const RuleLookup& rules,
                const ReportOptions& options) {
  const Painter paint{options.color};
  if (file.error) {
    out += format_diagnostic(*file.original, *file.error);
  } else {
    const SourceBuffer& source = located_in(file);
    for (const Finding* finding : by_position(file)) {
      write_finding(out, source, *finding, find_rule(rules, finding->rule), options, paint);
    }
    if (options.mode != Mode::Report && options.show_fixes) {
      write_applied(out, file, options, paint);
    }
  }
  write_problems(out, file, paint);
  if (options.verbose && !file.error && file.findings.empty() && file.applied.empty()) {
    out += fmt::format("{} no findings\n", paint(path_of(file) + ":", bold));
  }
}

void write_summary(std::string& out, std::span<const FileOutcome* const> files,
                   const RuleLookup& rules, const ReportOptions& options) {
  if (options.quiet) return;
  Totals totals;
  for (const FileOutcome* file : files) totals.add(*file, options);
  write_summary(out, totals, rules, options);
}

void write_summary(std::string& out, const Totals& totals, const RuleLookup& rules,
                   const ReportOptions& options) {
  if (options.quiet) return;
  out += files_line(totals, options.mode);
  if (!totals.rules.empty()) {
    out += '\n';
    write_rule_table(out, totals, rules, options.mode);
    out += '\n';
  }
  write_totals(out, totals, options);
}

// ---------------------------------------------------------------------------
// JSON

nlohmann::ordered_json json_findings(const FileOutcome& file, const RuleLookup& rules,
                                     const ReportOptions& options) {
  Json array = Json::array();
  if (file.error) array.push_back(json_parse_error(file));
  const SourceBuffer& source = located_in(file);
  for (const Finding* finding : by_position(file)) {
    array.push_back(json_finding(source, *finding, rules, options));
  }
  return array;
}

void write_json(std::string& out, std::span<const FileOutcome* const> files,
                const RuleLookup& rules, const ReportOptions& options) {
  Json array = Json::array();
  for (const FileOutcome* file : files) {
    for (Json& entry : json_findings(*file, rules, options)) array.push_back(std::move(entry));
  }
  out += dump(array);
}

// ---------------------------------------------------------------------------
// SARIF

std::string artifact_uri(std::string_view path, const fs::path& base) {
  const fs::path relative = relative_to(path, base);
  if (relative.is_absolute()) return "file://" + percent_encode(relative.generic_string());
  return percent_encode(relative.generic_string());
}

nlohmann::ordered_json sarif_log(std::span<const FileOutcome* const> files, const RuleLookup& rules,
                                 const ReportOptions& options, const fs::path& base) {
  // Every rule that occurs, sorted by id; results refer to them by index.
  std::map<std::string, std::size_t, std::less<>> index;
  for (const FileOutcome* file : files) {
    if (file->error) index.emplace(parse_error_rule, 0);
    for (const Finding& finding : file->findings) index.emplace(finding.rule, 0);
  }
  Json descriptors = Json::array();
  for (auto& [id, i] : index) {
    i = descriptors.size();
    descriptors.push_back(sarif_rule(id, find_rule(rules, id)));
  }

  Json results = Json::array();
  for (const FileOutcome* file : files) {
    if (file->error) {
      const Span at{file->error->offset, file->error->offset};
      results.push_back(sarif_result(parse_error_rule, index.find(parse_error_rule)->second,
                                     "error", file->error->message,
                                     sarif_location(*file->original, at, base)));
    }
    const SourceBuffer& source = located_in(*file);
    for (const Finding* finding : by_position(*file)) {
      results.push_back(sarif_result(finding->rule, index.find(finding->rule)->second, "warning",
                                     finding->message,
                                     sarif_location(source, finding->span, base)));
    }
  }

  Json driver{{"name", "dfopt"}};
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  driver["rules"] = std::move(descriptors);
  Json run{{"tool", Json{{"driver", std::move(driver)}}},
           {"columnKind", "unicodeCodePoints"},
           {"results", std::move(results)}};
  return Json{{"$schema", sarif_schema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
}

void write_sarif(std::string& out, std::span<const FileOutcome* const> files,
                 const RuleLookup& rules, const ReportOptions& options) {
  out += dump(sarif_log(files, rules, options, current_directory()));
}

// ---------------------------------------------------------------------------
// GitHub

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

void write_github(std::string& out, const FileOutcome& file) {
  const std::string path = relative_to(path_of(file), current_directory()).generic_string();
  if (file.error) {
    const Span at{file.error->offset, file.error->offset};
    auto properties = github_span(path, *file.original, at);
    properties.push_back(github_property("title", parse_error_rule));
    out += github_command("error", properties, file.error->message);
  }
  const SourceBuffer& source = located_in(file);
  for (const Finding* finding : by_position(file)) {
    auto properties = github_span(path, source, finding->span);
    properties.push_back(github_property("title", finding->rule));
    out += github_command("warning", properties, finding->message);
  }
  for (const std::string& error : file.internal_errors) {
    out += github_command(
        "error", {github_property("file", path), github_property("title", "internal error")},
        error);
  }
  if (!file.not_converged.empty()) {
    const std::string message =
        fmt::format("failed to converge after {} (rules: {})",
                    plural(static_cast<std::size_t>(std::max(file.rounds, 0)), "round"),
                    join(file.not_converged, ", "));
    out += github_command(
        "warning", {github_property("file", path), github_property("title", "failed to converge")},
        message);
  }
}

}  // namespace dfopt
