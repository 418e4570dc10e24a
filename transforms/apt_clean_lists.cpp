#include <algorithm>
#include <set>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Appends `rm -rf /var/lib/apt/lists/*` to the RUN that ran `apt-get update`.

## Why is this bad?
`apt-get update` downloads the package indexes into `/var/lib/apt/lists`:
tens of megabytes that the image keeps forever unless the same RUN removes
them — a later RUN cannot shrink an earlier layer.

## Example
```dockerfile
RUN apt-get update && apt-get install -y curl
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*
```

It does not fire when a later RUN of the same stage installs packages without
running `apt-get update` itself (it needs the lists), when the RUN already
removes `/var/lib/apt/lists`, or when the lists live on a cache mount
(`RUN --mount=type=cache,target=/var/lib/apt/lists`).

## Fix safety
Safe: only the package indexes go, and nothing in the image reads them; a
later `apt-get update` fetches them again.
)";

bool is_apt_update(const shell::CommandView& v) {
  return shell::is(v, shell::kAptPrograms, "update", shell::kAptValueFlags);
}

bool needs_lists(const shell::CommandView& v) {
  const shell::Word* sub = shell::subcommand(v, shell::kAptValueFlags);
  if (!shell::is_program(v, shell::kAptPrograms) || sub == nullptr || !sub->literal) return false;
  const std::string& s = *sub->literal;
  return s == "install" || s == "upgrade" || s == "dist-upgrade" || s == "full-upgrade" ||
         s == "build-dep" || s == "source" || s == "download";
}

bool removes_lists(const RunCommand& cmd) {
  if (cmd.view.program != "rm") return false;
  return std::ranges::any_of(cmd.view.args, [](const shell::Word& w) {
    return w.literal && w.literal->rfind("/var/lib/apt/lists", 0) == 0;
  });
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const std::vector<RunCommand>& all = run_commands(analysis);
  const Rewriter rw(analysis);
  std::set<std::size_t> reported;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!is_apt_update(all[i].view)) continue;
    const std::size_t index = all[i].index;
    // One finding per RUN, at its first update.
    if (!reported.insert(index).second) continue;
    const syntax::Instruction& run = *all[i].run;
    // The lists live on a cache mount: nothing to remove from the layer.
    if (has_cache_mount(run, "/var/lib/apt")) continue;
    bool removed = false;
    for (const RunCommand& c : all) removed = removed || (c.index == index && removes_lists(c));
    // Already cleaned in the same RUN.
    if (removed) continue;
    // A later RUN of the stage installs without updating: it needs these lists.
    const syntax::Stage* stage = analysis.stages().stage_of(index);
    bool needed_later = false;
    for (std::size_t j = 0; j < all.size() && !needed_later; ++j) {
      if (all[j].index <= index || stage == nullptr || all[j].index >= stage->end) continue;
      if (!needs_lists(all[j].view)) continue;
      bool updated_first = false;
      for (std::size_t k = 0; k < j; ++k) {
        updated_first =
            updated_first || (all[k].index == all[j].index && is_apt_update(all[k].view));
      }
      needed_later = !updated_first;
    }
    if (needed_later) continue;
    const auto edit = rw.append_command(run, *all[i].script, "rm -rf /var/lib/apt/lists/*");
    const std::string message = "apt-get update leaves /var/lib/apt/lists in the layer";
    if (!edit) {
      ctx.report(all[i].command->span, message);
      continue;
    }
    ctx.report(all[i].command->span, message, Safety::Safe, "remove the lists in the same RUN",
               {*edit});
  }
}

}  // namespace

const Transform& apt_clean_lists() {
  static const Transform t{"apt-clean-lists",
                           Category::Packages,
                           Safety::Safe,
                           "remove /var/lib/apt/lists in the RUN that ran apt-get update",
                           {"DL3009"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
