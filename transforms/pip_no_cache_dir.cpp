#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `--no-cache-dir` to `pip install` (also `pip wheel` and `pip download`),
however pip is called: `pip`, `pip3`, `pip3.12`, `python -m pip`,
`python3 -m pip`, through `sudo` or `env`.

## Why is this bad?
pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image
that cache is never used again, but it stays in the layer: often as large as
the installed packages themselves.

## Example
```dockerfile
RUN pip install -r requirements.txt
```

Use instead:
```dockerfile
RUN pip install --no-cache-dir -r requirements.txt
```

It does not fire when `PIP_NO_CACHE_DIR` is set (by `ENV`, `ARG`, before the
command or exported earlier in the RUN), when an earlier RUN of the stage sets
`no-cache-dir` in pip's configuration, when the command chooses its own
`--cache-dir`, or when the cache is on a cache mount
(`RUN --mount=type=cache,target=/root/.cache/pip`, or `…/.cache`).

## Fix safety
Safe: the same packages are installed; only pip's download cache is no
longer written. `--no-cache-dir` needs pip 6.0 (2014) or newer, so the fix is
Unsafe in stages built from releases that package an older pip (Ubuntu 14.04
and older, Debian 7 and older, CentOS 6 and older) — unless the Dockerfile
upgrades pip first.
)";

bool downloads(const shell::CommandView& v) {
  if (!shell::is_pip(v)) return false;
  const shell::Word* sub = shell::subcommand(v, shell::kPipValueFlags);
  if (sub == nullptr || !sub->literal) return false;
  return *sub->literal == "install" || *sub->literal == "wheel" || *sub->literal == "download";
}

// A cache mount on pip's cache (`~/.cache/pip`) or on all of `~/.cache`.
bool pip_cache_mounted(const syntax::Instruction& run) {
  for (std::string_view target : mount_targets(run)) {
    if (target.ends_with("/")) target.remove_suffix(1);
    if (target.ends_with("/.cache") || target.ends_with("/.cache/pip")) return true;
  }
  return false;
}

// `export PIP_NO_CACHE_DIR=…` (or a bare assignment) earlier in the same RUN.
bool exported_before(const std::vector<RunCommand>& all, const RunCommand& cmd) {
  for (const RunCommand& c : all) {
    if (c.index != cmd.index || c.command->span.begin >= cmd.command->span.begin) continue;
    if (c.command->words.empty()) {
      for (const shell::Assignment& a : c.command->assignments) {
        if (a.name == "PIP_NO_CACHE_DIR") return true;
      }
    }
    if (c.view.program != "export") continue;
    for (const shell::Word& w : c.view.args) {
      if (w.literal && w.literal->starts_with("PIP_NO_CACHE_DIR=")) return true;
    }
  }
  return false;
}

// Whether pip itself is installed or upgraded before `cmd` in its stage
// (`pip install -U pip`, `get-pip.py`): then it is recent enough for the flag.
bool pip_upgraded_before(const Analysis& analysis, const std::vector<RunCommand>& all,
                         const RunCommand& cmd) {
  const syntax::Stage* stage = analysis.stages().stage_of(cmd.index);
  if (stage == nullptr) return false;
  if (earlier_run_mentions(analysis, cmd.index, {"get-pip.py"})) return true;
  for (const RunCommand& c : all) {
    const bool before = c.index < cmd.index ||
                        (c.index == cmd.index && c.command->span.begin < cmd.command->span.begin);
    if (c.index <= stage->from || !before || !shell::is_pip_install(c.view)) continue;
    for (const shell::Word* w : shell::args_after_subcommand(c.view, shell::kPipValueFlags)) {
      const std::string_view name = w->literal ? std::string_view(*w->literal) : std::string_view();
      if (name.starts_with("pip") &&
          (name.size() == 3 || std::string_view("=<>~!").find(name[3]) != std::string_view::npos)) {
        return true;
      }
    }
  }
  return false;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const std::vector<RunCommand>& all = run_commands(analysis);
  for (const RunCommand& cmd : all) {
    // Only these subcommands fill the cache.
    if (!downloads(cmd.view)) continue;
    // Already without cache (`--no-cache` is pip's accepted abbreviation).
    if (shell::has_flag(cmd.view, {"no-cache-dir", "no-cache"}, shell::kPipValueFlags)) continue;
    // The command picks its own cache directory on purpose.
    if (shell::has_flag(cmd.view, {"cache-dir"}, shell::kPipValueFlags)) continue;
    // Turned off by the environment.
    if (variable_set(analysis, cmd, "PIP_NO_CACHE_DIR") || exported_before(all, cmd)) continue;
    // Turned off in pip's configuration by an earlier RUN of the stage.
    if (earlier_run_mentions(analysis, cmd.index, {"global.no-cache-dir"}) ||
        earlier_run_mentions(analysis, cmd.index, {"pip.conf", "no-cache-dir"})) {
      continue;
    }
    // The cache lives on a cache mount, not in the layer.
    if (pip_cache_mounted(*cmd.run)) continue;
    const shell::Word* sub = shell::subcommand(cmd.view, shell::kPipValueFlags);
    const std::string message =
        "pip " + *sub->literal + " without --no-cache-dir keeps the download cache";
    const auto edit = add_flag_after_subcommand(cmd, "--no-cache-dir", shell::kPipValueFlags);
    if (!edit) {
      ctx.report(cmd.command->span, message);
      continue;
    }
    // Old releases package a pip that may not know the flag.
    const bool old_pip =
        built_from_old_release(analysis, cmd.index) && !pip_upgraded_before(analysis, all, cmd);
    const Safety safety = old_pip ? Safety::Unsafe : Safety::Safe;
    ctx.report(cmd.command->span, message, safety, "add --no-cache-dir", {*edit});
  }
}

}  // namespace

const Transform& pip_no_cache_dir() {
  static const Transform t{"pip-no-cache-dir",
                           Category::Packages,
                           Safety::Safe,
                           "add --no-cache-dir to pip install",
                           {"DL3042"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
