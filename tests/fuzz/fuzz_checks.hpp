// The invariants the fuzz targets assert, shared with tests/fuzz_regression_test.cpp so that
// every crash input kept under testdata/fuzz-regressions/<target>/ is re-checked by the same
// code. Each check returns what went wrong, one line per broken invariant (empty: all held).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/diagnostic.hpp"
#include "base/logical_text.hpp"
#include "emit/unified_diff.hpp"
#include "rewrite/pass_manager.hpp"
#include "shell/shell.hpp"
#include "shell/shell_dump.hpp"
#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/ir_dump.hpp"
#include "syntax/parser.hpp"
#include "syntax/stages.hpp"
#include "transforms/registry.hpp"

namespace dfopt::fuzz {

using Failures = std::vector<std::string>;

inline std::shared_ptr<const SourceBuffer> make_source(std::string_view bytes) {
  return std::make_shared<const SourceBuffer>("Dockerfile", std::string(bytes));
}

// fuzz_dockerfile: parse; emit(parse(x)) == x for every accepted input; the dumps, the typed
// checks, the stage view and the diagnostics render without crashing.
inline Failures check_dockerfile(std::string_view bytes) {
  Failures out;
  const auto src = make_source(bytes);
  const auto doc = syntax::parse(src);
  if (!doc) {
    const std::string rendered = format_diagnostic(*src, doc.error());
    if (doc.error().offset > bytes.size()) {
      out.push_back(fmt::format("parse error offset {} beyond the input ({} bytes)",
                                doc.error().offset, bytes.size()));
    }
    if (rendered.empty()) out.push_back("empty rendered parse error");
    return out;
  }
  if (syntax::emit(*doc) != bytes) out.push_back("emit(parse(x)) != x");
  std::size_t sink = syntax::dump_buildkit(*doc).size() + syntax::dump_ir(*doc).size();
  if (const auto typed = syntax::check_instructions(*doc)) {
    if (typed->offset > bytes.size()) {
      out.push_back(fmt::format("typed-check offset {} beyond the input ({} bytes)", typed->offset,
                                bytes.size()));
    }
    sink += format_diagnostic(*src, *typed).size();
  }
  const syntax::StageView view = syntax::stages(*doc);
  // environment_at walks the stage from its start: bound the quadratic work on huge inputs.
  for (std::size_t i = 0; i < std::min<std::size_t>(doc->instructions.size(), 256); ++i) {
    const syntax::Environment env = syntax::environment_at(*doc, view, i);
    sink += env.args.size() + env.env.size() + env.shell.size();
  }
  static volatile std::size_t keep = 0;
  keep = keep + sink;
  return out;
}

namespace detail {

struct SpanChecker {
  std::uint32_t source_size;
  std::uint32_t logical_size;
  Failures& out;

  void node(std::string_view what, Span span, Span logical, Span parent_span, Span parent_logical) {
    if (span.begin > span.end || span.end > source_size) {
      out.push_back(fmt::format("{} span [{}, {}) outside the input of {} bytes", what, span.begin,
                                span.end, source_size));
    } else if (!parent_span.contains(span)) {
      out.push_back(fmt::format("{} span [{}, {}) outside its parent [{}, {})", what, span.begin,
                                span.end, parent_span.begin, parent_span.end));
    }
    if (logical.begin > logical.end || logical.end > logical_size) {
      out.push_back(fmt::format("{} logical [{}, {}) outside the text of {} bytes", what,
                                logical.begin, logical.end, logical_size));
    } else if (!parent_logical.contains(logical)) {
      out.push_back(fmt::format("{} logical [{}, {}) outside its parent [{}, {})", what,
                                logical.begin, logical.end, parent_logical.begin,
                                parent_logical.end));
    }
  }

  template <typename Range, typename SpanOf>
  void ordered(std::string_view what, const Range& items, SpanOf span_of) {
    const Span* prev = nullptr;
    for (const auto& item : items) {
      const Span& s = span_of(item);
      if (prev != nullptr && prev->end > s.begin) {
        out.push_back(fmt::format("{} out of order: [{}, {}) then [{}, {})", what, prev->begin,
                                  prev->end, s.begin, s.end));
      }
      prev = &s;
    }
  }

  void word(const shell::Word& w, Span ps, Span pl) {
    node("word", w.span, w.logical, ps, pl);
    for (const shell::WordPart& p : w.parts) {
      if (p.logical.begin > p.logical.end || !w.logical.contains(p.logical)) {
        out.push_back(fmt::format("word part [{}, {}) outside its word [{}, {})", p.logical.begin,
                                  p.logical.end, w.logical.begin, w.logical.end));
      }
    }
    std::vector<Span> logical;
    for (const shell::WordPart& p : w.parts) logical.push_back(p.logical);
    ordered("word parts", logical, [](const Span& s) -> const Span& { return s; });
  }

  void redirects(const std::vector<shell::Redirect>& rs, Span ps, Span pl) {
    for (const shell::Redirect& r : rs) {
      node("redirect", r.span, r.logical, ps, pl);
      word(r.target, r.span, r.logical);
    }
    ordered("redirects", rs, [](const shell::Redirect& r) -> const Span& { return r.span; });
  }

  void operators(const std::vector<shell::Operator>& ops, Span ps, Span pl) {
    for (const shell::Operator& op : ops) node("operator", op.span, op.logical, ps, pl);
  }

  void statements(const std::vector<shell::Statement>& body, Span ps, Span pl, int depth) {
    for (const shell::Statement& st : body) statement(st, ps, pl, depth);
    ordered("statements", body, [](const shell::Statement& s) -> const Span& { return s.span; });
  }

  void statement(const shell::Statement& st, Span ps, Span pl, int depth) {
    node("statement", st.span, st.logical, ps, pl);
    const shell::AndOr& ao = st.and_or;
    node("and-or", ao.span, ao.logical, st.span, st.logical);
    if (st.separator.kind != shell::OpKind::None)
      node("separator", st.separator.span, st.separator.logical, st.span, st.logical);
    if (ao.pipelines.empty()) out.push_back("and-or list without pipelines");
    if (!ao.pipelines.empty() && ao.operators.size() + 1 != ao.pipelines.size()) {
      out.push_back(fmt::format("and-or: {} pipelines, {} operators", ao.pipelines.size(),
                                ao.operators.size()));
    }
    operators(ao.operators, ao.span, ao.logical);
    for (const shell::Pipeline& p : ao.pipelines) {
      node("pipeline", p.span, p.logical, ao.span, ao.logical);
      if (p.commands.empty()) out.push_back("pipeline without commands");
      operators(p.operators, p.span, p.logical);
      for (const shell::Command& c : p.commands) command(c, p.span, p.logical, depth);
      ordered("commands", p.commands,
              [](const shell::Command& c) -> const Span& { return shell::span_of(c); });
    }
    ordered("pipelines", ao.pipelines,
            [](const shell::Pipeline& p) -> const Span& { return p.span; });
  }

  void command(const shell::Command& c, Span ps, Span pl, int depth) {
    if (depth > 4 * shell::kMaxNestingDepth) {
      out.push_back("AST deeper than the nesting limit");
      return;
    }
    if (const auto* sc = std::get_if<shell::SimpleCommand>(&c)) {
      node("simple command", sc->span, sc->logical, ps, pl);
      for (const shell::Assignment& a : sc->assignments) {
        node("assignment", a.span, a.logical, sc->span, sc->logical);
        if (!a.value.span.empty() || !a.value.logical.empty()) word(a.value, a.span, a.logical);
      }
      ordered("assignments", sc->assignments,
              [](const shell::Assignment& a) -> const Span& { return a.span; });
      for (const shell::Word& w : sc->words) word(w, sc->span, sc->logical);
      ordered("words", sc->words, [](const shell::Word& w) -> const Span& { return w.span; });
      redirects(sc->redirects, sc->span, sc->logical);
    } else if (const auto* sub = std::get_if<shell::Subshell>(&c)) {
      node("subshell", sub->span, sub->logical, ps, pl);
      statements(sub->body, sub->span, sub->logical, depth + 1);
      redirects(sub->redirects, sub->span, sub->logical);
    } else if (const auto* g = std::get_if<shell::Group>(&c)) {
      node("group", g->span, g->logical, ps, pl);
      statements(g->body, g->span, g->logical, depth + 1);
      redirects(g->redirects, g->span, g->logical);
    } else if (const auto* o = std::get_if<shell::Opaque>(&c)) {
      node("opaque", o->span, o->logical, ps, pl);
    }
  }
};

}  // namespace detail

// The logical text of a RUN body taken from `bytes` as a Dockerfile would give it: every
// backslash-newline is a continuation, dropped from the text, so the map has gaps.
inline LogicalText shell_body(std::string_view bytes) {
  LogicalText body;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    if (bytes[i] != '\\' || bytes[i + 1] != '\n') continue;
    if (i > start) body.append(bytes.substr(start, i - start), static_cast<std::uint32_t>(start));
    start = i + 2;
    ++i;
  }
  if (start < bytes.size()) body.append(bytes.substr(start), static_cast<std::uint32_t>(start));
  return body;
}

// fuzz_shell: shell::parse never crashes; every node's source span lies within the input and
// within its parent, its logical span within the text, and siblings are ordered.
inline Failures check_shell(std::string_view bytes) {
  Failures out;
  const LogicalText body = shell_body(bytes);
  const shell::Script script = shell::parse(body);
  const auto source_size = static_cast<std::uint32_t>(bytes.size());
  detail::SpanChecker checker{source_size, body.size(), out};
  const Span whole{0, source_size};
  const Span whole_logical{0, body.size()};
  checker.node("script", script.span, script.logical, whole, whole_logical);
  checker.statements(script.statements, script.span, script.logical, 0);
  if (script.status == shell::ParseStatus::Opaque && script.error_offset > body.size()) {
    out.push_back(fmt::format("error offset {} beyond the text ({} bytes)", script.error_offset,
                              body.size()));
  }
  static volatile std::size_t keep = 0;
  keep = keep + shell::dump_shell(script, bytes).size();
  return out;
}

inline PassOptions all_transforms_unsafe() {
  PassOptions options;
  for (const Transform* t : transforms::all()) options.transforms.push_back(t);
  options.fix = true;
  options.min_safety = Safety::Unsafe;
  return options;
}

inline std::string rules_of(const FileOutcome& outcome) {
  std::set<std::string> rules;
  for (const AppliedFix& a : outcome.applied) rules.insert(a.rule);
  std::string s;
  for (const std::string& r : rules) s += (s.empty() ? "" : ",") + r;
  return s.empty() ? "(none)" : s;
}

// fuzz_pipeline: every transform, fix mode, unsafe fixes. No crash; when the input parses,
// the result parses; a second run changes nothing; the diff is empty iff nothing changed.
inline Failures check_pipeline(std::string_view bytes) {
  Failures out;
  static const PassOptions options = all_transforms_unsafe();
  const auto src = make_source(bytes);
  // run_passes rejects what BuildKit rejects: the line parse and the typed checks.
  const auto doc = syntax::parse(src);
  const bool input_parses = doc.ok() && !syntax::check_instructions(*doc).has_value();
  const FileOutcome first = run_passes(src, options);
  if (input_parses == first.error.has_value()) {
    out.push_back(fmt::format("run_passes error ({}) disagrees with parse + typed checks ({})",
                              first.error.has_value(), input_parses));
  }
  if (!first.result) {
    if (input_parses) out.push_back("no result for a parsing input");
    return out;
  }
  const std::string_view result = first.result->text();
  if (input_parses) {
    const auto after = syntax::parse(first.result);
    if (!after) {
      out.push_back(fmt::format("result does not parse ({}); rules applied: {}",
                                after.error().message, rules_of(first)));
    } else if (const auto typed = syntax::check_instructions(*after)) {
      out.push_back(fmt::format("result fails the typed checks ({}); rules applied: {}",
                                typed->message, rules_of(first)));
    }
  }
  // A dropped fix is the pass manager's guard catching a transform's broken edit (the corpus
  // test treats it as a failure too).
  for (const std::string& e : first.internal_errors) out.push_back("dropped fix: " + e);
  if (!first.not_converged.empty()) {
    std::string ids;
    for (const std::string& r : first.not_converged) ids += (ids.empty() ? "" : ",") + r;
    out.push_back(fmt::format("failed to converge: {}", ids));
  }
  const std::string diff = unified_diff(bytes, result, "a/Dockerfile", "b/Dockerfile");
  if (diff.empty() != (bytes == result)) {
    out.push_back(fmt::format("diff {} but the texts are {}", diff.empty() ? "empty" : "non-empty",
                              bytes == result ? "equal" : "different"));
  }
  if (input_parses && first.changed()) {
    const FileOutcome second = run_passes(first.result, options);
    if (second.result && second.result->text() != result) {
      out.push_back(fmt::format("not idempotent: the second run applied {} (first run: {})",
                                rules_of(second), rules_of(first)));
    }
  }
  return out;
}

inline std::string join(const Failures& failures) {
  std::string s;
  for (const std::string& f : failures) s += f + "\n";
  return s;
}

}  // namespace dfopt::fuzz
