#include <algorithm>
#include <variant>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Replaces a leading `cd /path && …` in a RUN with a `WORKDIR /path` instruction
before it. It fires when `cd` starts an `&&` chain at the top level of a RUN
(not inside a subshell such as `(cd x && make)`, where it is the idiomatic way
to change directory for one command).

## Why is this bad?
A `cd` lasts for one RUN only; the next RUN starts in the WORKDIR again, so
chains of `cd x && …` are easy to get wrong and hard to read. `WORKDIR` states
the directory once, for the following instructions and for the container.

## Example
```dockerfile
RUN cd /src/app && make install
```

Use instead:
```dockerfile
WORKDIR /src/app
RUN make install
```

The fix is offered only when the `cd` starts the RUN and has one literal path
argument: absolute, or relative to a WORKDIR set earlier in the stage (it is
resolved against it). It is offered only when no later instruction can notice
the new working directory: after the RUN the stage either reaches a `WORKDIR`
with an absolute path before any RUN, CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD,
relative WORKDIR or COPY/ADD to a relative destination, or it ends with none
of them and no other stage is built `FROM` it. Otherwise it reports without a
fix. The WORKDIR goes above the comment lines directly before the RUN.

## Fix safety
Unsafe: `WORKDIR` creates the directory when it is missing (where `cd` would
have failed the build), and when the stage ends after the RUN the image's
working directory changes — a `docker run image cmd` or a CMD inherited from
the base image then starts in the new directory.
)";

const shell::SimpleCommand* leading_cd(const shell::AndOr& chain) {
  if (chain.pipelines.size() < 2 || chain.operators[0].kind != shell::OpKind::And) return nullptr;
  const shell::Pipeline& first = chain.pipelines[0];
  if (first.negated || first.commands.size() != 1) return nullptr;
  const auto* cd = std::get_if<shell::SimpleCommand>(&first.commands.front());
  if (cd == nullptr || !cd->assignments.empty() || !cd->redirects.empty()) return nullptr;
  const shell::CommandView v = shell::view(*cd);
  return v.program == "cd" && v.wrappers.empty() ? cd : nullptr;
}

// Whether nothing after instruction `index` in its stage can notice the working directory.
bool cwd_unused_later(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& view = analysis.stages();
  const syntax::Stage* stage = view.stage_of(index);
  if (stage == nullptr) return false;
  for (std::size_t j = index + 1; j < stage->end; ++j) {
    const syntax::Instruction& ins = analysis.doc().instructions[j];
    using K = syntax::Keyword;
    switch (ins.keyword) {
      case K::Workdir:
        return !ins.args.empty() && ins.args[0].value.starts_with('/');
      case K::Run:
      case K::Cmd:
      case K::Entrypoint:
      case K::Healthcheck:
      case K::Onbuild:
        return false;
      case K::Copy:
      case K::Add:
        if (ins.args.empty() || !ins.args.back().value.starts_with('/')) return false;
        break;
      default:
        break;
    }
  }
  return std::none_of(view.stages.begin(), view.stages.end(),
                      [&](const syntax::Stage& s) { return s.base_stage == stage->index; });
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const Rewriter rw(analysis);
  for (std::size_t i = 0; i < ctx.doc().instructions.size(); ++i) {
    const syntax::Instruction& run = ctx.doc().instructions[i];
    // ONBUILD RUN would need an ONBUILD WORKDIR; exec form and heredocs have no leading cd to see.
    if (run.keyword != syntax::Keyword::Run || !run.heredocs.empty()) continue;
    const shell::Script* script = analysis.script(i);
    if (script == nullptr) continue;
    for (std::size_t s = 0; s < script->statements.size(); ++s) {
      const shell::AndOr& chain = script->statements[s].and_or;
      const shell::SimpleCommand* cd = leading_cd(chain);
      // Only `cd` that leads an `&&` chain of the RUN itself.
      if (cd == nullptr) continue;
      const std::string message = "use WORKDIR instead of cd";
      const shell::CommandView v = shell::view(*cd);
      // Earlier statements ran in the old directory: WORKDIR would move them too.
      const bool leads_run = s == 0;
      // `cd`, `cd -`, `cd ~`, `cd -P x`, `cd $DIR`: no literal path to hand to WORKDIR.
      const bool literal = v.args.size() == 1 && v.args[0].literal && !v.args[0].has_glob &&
                           !v.args[0].literal->starts_with('-');
      // Relative paths need a known WORKDIR: the base image may have set one.
      const std::string target =
          literal ? resolve_path(analysis.environment(i).workdir, *v.args[0].literal) : "";
      // A mount with a relative target would move with the working directory.
      const auto mounts = mount_targets(run);
      const bool relative_mount = std::any_of(
          mounts.begin(), mounts.end(), [](std::string_view t) { return !t.starts_with('/'); });
      if (!leads_run || target.empty() || relative_mount || !cwd_unused_later(analysis, i)) {
        ctx.report(cd->span, message);
        continue;
      }
      // Remove `cd x && ` through the next command; keep comment lines in between.
      const Span next = chain.pipelines[1].span;
      const Span op = chain.operators[0].span;
      std::uint32_t end = next.begin;
      for (const Span& c : run.inner_comments) {
        if (c.begin >= cd->span.begin && c.begin < next.begin) end = std::min(end, c.begin);
      }
      for (const Span& b : run.inner_blanks) {
        if (b.begin >= cd->span.begin && b.begin < next.begin) end = std::min(end, b.begin);
      }
      // A comment before the `&&` cannot be kept with the `&&` removed.
      if (end < op.end) {
        ctx.report(cd->span, message);
        continue;
      }
      if (end != next.begin) {
        end = op.end;
        while (end < next.begin && (analysis.text()[end] == ' ' || analysis.text()[end] == '\t'))
          ++end;
      }
      ctx.report(cd->span, message, Safety::Unsafe, "replace cd with WORKDIR",
                 {insert_above_comments(analysis, i, rw.line("WORKDIR", target)),
                  TextEdit::remove(Span{cd->span.begin, end})});
    }
  }
}

}  // namespace

const Transform& workdir_not_cd() {
  static const Transform t{"workdir-not-cd",
                           Category::Runtime,
                           Safety::Unsafe,
                           "use WORKDIR instead of a leading cd in RUN",
                           {"DL3003", "DS013"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
