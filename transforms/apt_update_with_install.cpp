#include <algorithm>
#include <variant>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Merges a RUN that only runs `apt-get update` into the next RUN when that one
installs packages: the update RUN goes, and the install RUN starts with the
same `apt-get update` command.

## Why is this bad?
Each RUN is a cached layer. When the install line changes later (a package is
added), the build reuses the cached `apt-get update` layer — package lists
from whenever it was first built — and the install fails with 404s on
versions the mirror no longer has, or silently installs stale versions.
Updating in the same RUN as the install makes the lists exactly as fresh as
the packages.

## Example
```dockerfile
RUN apt-get update
RUN apt-get install -y curl
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y curl
```

It fires only when the two RUNs are adjacent, in the same stage, with the same
flags (`--mount`, `--network`, …), and the install RUN does not run
`apt-get update` itself. Comments between the two stay where they are. A
multi-line install RUN gets the update on a line of its own, in the file's
continuation style.

## Fix safety
Safe: the same commands run in the same order; only the layer boundary
between them goes. There is no fix when the install RUN is in exec form or
has heredocs, or when its command is more than one `&&` chain (`a; b`,
`a || b`): prefixing `apt-get update &&` would then let the rest run after
a failed update.
)";

bool is_update(const shell::CommandView& v) { return apt_subcommand(v) == "update"; }

// The body is nothing but `apt-get update` commands joined by `&&`.
bool only_updates(const shell::Script& script) {
  if (script.status != shell::ParseStatus::Parsed || script.statements.size() != 1) return false;
  const shell::Statement& st = script.statements.front();
  if (st.separator.kind == shell::OpKind::Amp) return false;
  for (const shell::Operator& op : st.and_or.operators) {
    if (op.kind != shell::OpKind::And) return false;
  }
  return std::ranges::all_of(st.and_or.pipelines, [](const shell::Pipeline& p) {
    if (p.negated || p.commands.size() != 1) return false;
    const auto* cmd = std::get_if<shell::SimpleCommand>(&p.commands.front());
    return cmd != nullptr && is_update(shell::view(*cmd));
  });
}

bool same_flags(const syntax::Instruction& a, const syntax::Instruction& b) {
  return std::equal(a.flags.begin(), a.flags.end(), b.flags.begin(), b.flags.end(),
                    [](const syntax::Flag& x, const syntax::Flag& y) { return x.text == y.text; });
}

bool mentions_install(std::string_view text) {
  return text.find("apt-get install") != std::string_view::npos ||
         text.find("apt install") != std::string_view::npos;
}

enum class Next : std::uint8_t { NoInstall, Fixable, Unfixable };

// Whether RUN `index` installs without updating first, and whether its command can take a prefix.
Next classify(const Analysis& analysis, std::size_t index) {
  const syntax::Instruction& run = analysis.doc().instructions[index];
  if (run.is_json()) {
    std::string words;
    for (const syntax::Word& w : run.args) words += w.value.substr(w.value.rfind('/') + 1) + " ";
    return mentions_install(words) ? Next::Unfixable : Next::NoInstall;
  }
  if (!run.heredocs.empty()) {
    const std::string_view body = analysis.text().substr(run.span.begin, run.span.size());
    const bool updates = body.find("apt-get update") != std::string_view::npos ||
                         body.find("apt update") != std::string_view::npos;
    return mentions_install(body) && !updates ? Next::Unfixable : Next::NoInstall;
  }
  const std::span<const RunCommand> cmds = run_commands(analysis, index);
  const auto install = std::find_if(cmds.begin(), cmds.end(), [](const RunCommand& c) {
    return shell::is_apt_get_install(c.view);
  });
  if (install == cmds.end()) return Next::NoInstall;
  if (std::any_of(cmds.begin(), install, [](const RunCommand& c) { return is_update(c.view); }))
    return Next::NoInstall;
  const shell::Script& script = *analysis.script(index);
  if (script.status == shell::ParseStatus::Opaque || script.statements.size() != 1)
    return Next::Unfixable;
  const shell::Statement& st = script.statements.front();
  if (st.separator.kind == shell::OpKind::Amp) return Next::Unfixable;
  const bool all_and =
      std::all_of(st.and_or.operators.begin(), st.and_or.operators.end(),
                  [](const shell::Operator& op) { return op.kind == shell::OpKind::And; });
  return all_and ? Next::Fixable : Next::Unfixable;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const std::vector<syntax::Instruction>& instructions = ctx.doc().instructions;
  const Rewriter rw(analysis);
  for (std::size_t i = 0; i + 1 < instructions.size(); ++i) {
    const syntax::Instruction& update = instructions[i];
    // Plain shell-form RUNs only: ONBUILD, exec form and heredocs are left alone.
    if (update.keyword != syntax::Keyword::Run || !update.heredocs.empty()) continue;
    const shell::Script* script = analysis.script(i);
    // The RUN must do nothing but update the lists.
    if (script == nullptr || !only_updates(*script)) continue;
    const syntax::Instruction& install = instructions[i + 1];
    // The next instruction must be a RUN (so in the same stage) built the same way.
    if (install.keyword != syntax::Keyword::Run || !same_flags(update, install)) continue;
    const Next next = classify(analysis, i + 1);
    // Nothing to merge with: the next RUN does not install, or updates for itself.
    if (next == Next::NoInstall) continue;
    const shell::AndOr& chain = script->statements.front().and_or;
    const auto& first = std::get<shell::SimpleCommand>(chain.pipelines.front().commands.front());
    const std::string message =
        shell::view(first).program +
        " update in its own RUN: the next RUN installs from cached, stale lists";
    if (next == Next::Unfixable) {
      ctx.report(chain.span, message);
      continue;
    }
    const std::string_view text = analysis.text();
    std::string prefix(text.substr(chain.span.begin, chain.span.size()));
    prefix += install.first_line == install.last_line ? " && " : rw.style().and_break();
    const std::uint32_t at = analysis.script(i + 1)->statements.front().span.begin;
    ctx.report(chain.span, message, Safety::Safe, "run apt-get update in the installing RUN",
               {Rewriter::remove(update), TextEdit::insert(at, std::move(prefix))});
  }
}

}  // namespace

const Transform& apt_update_with_install() {
  static const Transform t{"apt-update-with-install",
                           Category::Packages,
                           Safety::Safe,
                           "run a lone apt-get update in the RUN that installs",
                           {"DS017"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
