#include <algorithm>
#include <array>
#include <variant>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"
#include "shell/command_model.hpp"
#include "transforms/list.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Merges consecutive `RUN` instructions of a stage into one, joined with `&&` in
the file's own continuation style. Comment lines between them are kept, as
comment lines inside the continuation (which BuildKit ignores).

## Why is this bad?
Every `RUN` is a layer. Files a later layer deletes still take space in the
earlier one, each layer costs metadata and pull time, and a long chain of small
`RUN`s is slower to build. One `RUN` per logical step keeps images small.

## Example
```dockerfile
RUN apt-get update
# the tools
RUN apt-get install -y curl
```

Use instead:
```dockerfile
RUN apt-get update && \
    # the tools
    apt-get install -y curl
```

Only RUNs that are next to each other (blank and comment lines aside), in shell
form without heredocs, with identical `--mount` / `--network` / `--security`
flags, under a POSIX shell, are merged. A part whose top-level list uses `||`,
`;`, `&` or newlines is wrapped in `{ …; }` so that `&&` binds as before; a part
that changes the shell's state for what follows (`cd`, `export`, `set`, `exit`,
`source`, a bare assignment, …) is wrapped in `( … )` so that it still cannot.
A RUN that ends in a shell comment is left alone.

## Fix safety
Safe: the same commands run in the same order with the same outcome, in one
layer instead of several. Unsafe when a part runs something in the background
(`&`) or separates commands with `;` or newlines at its top level: a background
job now overlaps the following commands, and a failure before a `;` no longer
stops the build where it did.
)";

// Builtins whose effect outlives the command in the same shell.
constexpr std::array<std::string_view, 24> state_builtins{
    "cd",       "pushd",   "popd",    "export",  "unset", "set",    "shopt", "source",
    ".",        "umask",   "alias",   "unalias", "trap",  "exec",   "exit",  "eval",
    "readonly", "declare", "typeset", "local",   "hash",  "ulimit", "read",  "return"};

struct Part {
  const syntax::Instruction* run = nullptr;
  const shell::Script* script = nullptr;
};

std::vector<std::string> flag_texts(const syntax::Instruction& run) {
  std::vector<std::string> out;
  for (const syntax::Flag& f : run.flags) out.push_back(f.text);
  std::sort(out.begin(), out.end());
  return out;
}

// Whether the part's top level needs `{ …; }`: more than one statement, `||`, or a separator.
bool needs_group(const shell::Script& s) {
  if (s.statements.size() > 1) return true;
  const shell::Statement& st = s.statements.front();
  if (st.separator.kind != shell::OpKind::None) return true;
  return std::any_of(st.and_or.operators.begin(), st.and_or.operators.end(),
                     [](const shell::Operator& op) { return op.kind == shell::OpKind::Or; });
}

bool backgrounds_or_sequences(const shell::Script& s) {
  if (s.statements.size() > 1) return true;
  const shell::OpKind k = s.statements.front().separator.kind;
  return k == shell::OpKind::Amp || k == shell::OpKind::Semi || k == shell::OpKind::Newline;
}

bool changes_shell_state(const shell::Script& s) {
  return std::ranges::any_of(shell::commands(s), [](const shell::SimpleCommand* c) {
    if (c->words.empty() && !c->assignments.empty())
      return true;  // X=1 alone sets a shell variable
    const shell::CommandView v = shell::view(*c);
    if (!c->words.empty() && c->words.front().literal &&
        std::find(state_builtins.begin(), state_builtins.end(), *c->words.front().literal) !=
            state_builtins.end()) {
      return true;
    }
    return v.program.empty() && !c->words.empty();  // `$CMD …` could be anything
  });
}

// The RUN can be a part of a merge: shell form, parsed, no heredoc, no trailing comment.
bool mergeable(const Analysis& analysis, std::size_t index, Part& part) {
  const syntax::Instruction& ins = analysis.doc().instructions[index];
  if (ins.keyword != syntax::Keyword::Run || ins.form != syntax::ArgForm::Shell ||
      !ins.heredocs.empty())
    return false;
  const shell::Script* script = analysis.script(index);
  if (script == nullptr || script->status == shell::ParseStatus::Opaque ||
      script->statements.empty())
    return false;
  // Text after the last list (a `# comment`) would swallow what we append.
  const std::string_view rest = ins.rest;
  const std::uint32_t list_end = script->statements.back().and_or.logical.end;
  const std::string_view tail = rest.substr(std::min<std::size_t>(list_end, rest.size()));
  if (tail.find('#') != std::string_view::npos) return false;
  part = Part{&ins, script};
  return true;
}

void report_group(Context& ctx, const std::vector<Part>& parts) {
  const Style& style = ctx.analysis().style();
  const std::string_view text = ctx.doc().text();
  const std::string esc(1, style.escape);
  std::vector<TextEdit> edits;
  bool unsafe = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    const bool last = i + 1 == parts.size();
    const bool subshell = !last && changes_shell_state(*p.script);
    const bool group = !subshell && needs_group(*p.script);
    unsafe = unsafe || backgrounds_or_sequences(*p.script);
    std::string open = subshell ? "( " : group ? "{ " : "";
    if (i == 0) {
      if (!open.empty()) edits.push_back(TextEdit::insert(p.run->rest_span.begin, open));
    } else {
      // From the end of the previous RUN's command to the start of this one's:
      // the joiner, with the comment lines in between kept inside the continuation.
      const Part& prev = parts[i - 1];
      std::string joined =
          style.and_at_line_start ? " " + esc + style.newline : " && " + esc + style.newline;
      for (const syntax::Comment& c : ctx.doc().comments) {
        if (c.span.begin > prev.run->span.end && c.span.end < p.run->span.begin) {
          joined += style.indent + std::string(c.text(text)) + style.newline;
        }
      }
      joined += style.indent + (style.and_at_line_start ? "&& " : "") + open;
      edits.push_back(
          TextEdit::replace(Span{prev.run->rest_span.end, p.run->rest_span.begin}, joined));
    }
    if (subshell || group) {
      const bool separated = p.script->statements.back().separator.kind != shell::OpKind::None;
      edits.push_back(TextEdit::insert(p.run->rest_span.end, subshell    ? " )"
                                                             : separated ? " }"
                                                                         : "; }"));
    }
  }
  ctx.report(parts.front().run->keyword_span,
             fmt::format("{} consecutive RUN instructions can be one layer", parts.size()),
             unsafe ? Safety::Unsafe : Safety::Safe, "merge the RUNs", std::move(edits));
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const auto& ins = analysis.doc().instructions;
  std::vector<Part> group;
  const auto flush = [&] {
    if (group.size() > 1) report_group(ctx, group);
    group.clear();
  };
  for (std::size_t i = 0; i < ins.size(); ++i) {
    Part part;
    // Only shell-form RUNs we fully understand, under a POSIX shell (`&&` means
    // something else to cmd.exe and PowerShell), can join a group.
    if (!mergeable(analysis, i, part)) {
      flush();
      continue;
    }
    // Different mounts, network or security mean different build steps.
    if (!group.empty() && flag_texts(*group.back().run) != flag_texts(*part.run)) flush();
    group.push_back(part);
  }
  flush();
}

}  // namespace

const Transform& merge_runs() {
  static const Transform t{"merge-runs", Category::Layers,
                           Safety::Safe, "merge consecutive RUN instructions into one layer",
                           {"DL3059"},   doc,
                           true,         check};
  return t;
}

}  // namespace dfopt::transforms
