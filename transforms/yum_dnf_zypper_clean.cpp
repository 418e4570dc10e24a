#include <algorithm>
#include <array>
#include <set>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Appends `yum clean all` (`dnf`, `microdnf`) or `zypper clean --all` to the RUN
that installs or updates packages with that tool, and adds `-y` to the
commands that would stop and ask for confirmation.

## Why is this bad?
yum, dnf and zypper keep repository metadata and downloaded packages under
`/var/cache/{yum,dnf,zypp}` — often a hundred megabytes — and a layer keeps
whatever its RUN leaves behind. Without `-y` (zypper: `-n` before the
subcommand, or `-y` after it) the command asks `Is this ok [y/N]`, gets no
answer in a build, and fails.

## Example
```dockerfile
RUN yum install httpd
RUN zypper install curl
```

Use instead:
```dockerfile
RUN yum install -y httpd \
    && yum clean all
RUN zypper install -y curl \
    && zypper clean --all
```

The clean finding does not fire when a later command of the RUN already
cleans (`yum clean all`, `dnf clean all`, `zypper clean`, `zypper cc`,
`rm -rf /var/cache/yum` …), nor when the cache is on a cache mount
(`RUN --mount=type=cache,target=/var/cache/dnf`). Any of yum, dnf and
microdnf cleaning counts for the others: they share their cache. microdnf
never asks, so it gets no `-y`.

## Fix safety
Safe: `clean all` removes only caches; `-y` answers the question the build
cannot answer.
)";

constexpr std::array<std::string_view, 4> kYumPrograms = {"yum", "dnf", "microdnf", "dnf5"};
// clang-format off
constexpr std::array<std::string_view, 20> kYumValueFlags = {
    "-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo", "--repo",
    "--repoid", "-x", "--exclude", "--setopt", "-d", "--debuglevel", "-e", "--errorlevel",
    "--downloaddir", "--destdir", "--forcearch", "--disableplugin", "--enableplugin"};
constexpr std::array<std::string_view, 12> kZypperValueFlags = {
    "-c", "--config", "-R", "--root", "--reposd-dir", "-D", "--cache-dir", "-C",
    "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "--userdata"};
// clang-format on

// Subcommands that download metadata and packages into the cache; with the
// removals, the ones that ask before changing anything.
constexpr std::array<std::string_view, 9> kYumInstalls = {
    "install",   "groupinstall", "localinstall", "update",   "upgrade",
    "reinstall", "groupupdate",  "distro-sync",  "downgrade"};
constexpr std::array<std::string_view, 4> kYumRemovals = {"remove", "erase", "autoremove",
                                                          "groupremove"};
constexpr std::array<std::string_view, 11> kZypperInstalls = {
    "install",      "in",  "update",         "up", "patch",
    "dist-upgrade", "dup", "source-install", "si", "install-new-recommends",
    "inr"};
constexpr std::array<std::string_view, 2> kZypperRemovals = {"remove", "rm"};

struct Family {
  std::string_view name;
  shell::Names programs;
  shell::Names value_flags;
  shell::Names installs;    // subcommands that fill the cache (and ask first)
  shell::Names removals;    // subcommands that only ask first
  std::string_view clean;   // the command to append
  shell::Names cache_dirs;  // rm of these, or a cache mount on them, cleans too
};

constexpr std::array<std::string_view, 1> kZypperPrograms = {"zypper"};
constexpr std::array<std::string_view, 2> kYumCaches = {"/var/cache/yum", "/var/cache/dnf"};
constexpr std::array<std::string_view, 1> kZypperCaches = {"/var/cache/zypp"};

const std::array<Family, 2> kFamilies = {{
    {"yum", kYumPrograms, kYumValueFlags, kYumInstalls, kYumRemovals, "clean all", kYumCaches},
    {"zypper", kZypperPrograms, kZypperValueFlags, kZypperInstalls, kZypperRemovals, "clean --all",
     kZypperCaches},
}};

std::string_view sub_of(const RunCommand& c, const Family& f) {
  const shell::Word* sub = shell::subcommand(c.view, f.value_flags);
  return sub != nullptr && sub->literal ? std::string_view(*sub->literal) : std::string_view();
}

// Whether `c` runs one of `subs` of the family (`dnf group install` counts as an install).
bool runs(const RunCommand& c, const Family& f, shell::Names subs) {
  if (!shell::is_program(c.view, f.programs)) return false;
  const std::string_view sub = sub_of(c, f);
  if (f.name == "yum" && sub == "group") {
    const auto rest = shell::args_after_subcommand(c.view, f.value_flags);
    return !rest.empty() && rest[0]->literal && subs.contains("group" + *rest[0]->literal);
  }
  return subs.contains(sub);
}

// How the message names the command: `dnf install`, `dnf group install`.
std::string named(const RunCommand& c, const Family& f) {
  std::string out = c.view.program + " " + std::string(sub_of(c, f));
  const auto rest = shell::args_after_subcommand(c.view, f.value_flags);
  if (sub_of(c, f) == "group" && !rest.empty()) out += " " + literal_text(*rest[0]);
  return out;
}

bool installs(const RunCommand& c, const Family& f) { return runs(c, f, f.installs); }

bool cleans(const RunCommand& c, const Family& f) {
  if (c.view.program == "rm") {
    const auto paths = shell::operands(c.view);
    return std::any_of(paths.begin(), paths.end(), [&](const shell::Word* w) {
      const std::string_view path = w->literal ? std::string_view(*w->literal) : "";
      return path == "/var/cache" || path == "/var/cache/*" ||
             std::any_of(f.cache_dirs.begin(), f.cache_dirs.end(),
                         [&](std::string_view dir) { return path.starts_with(dir); });
    });
  }
  if (!shell::is_program(c.view, f.programs)) return false;
  const std::string_view sub = sub_of(c, f);
  if (f.name == "zypper") return sub == "clean" || sub == "cc";
  const auto rest = shell::args_after_subcommand(c.view, f.value_flags);
  return sub == "clean" && !rest.empty() && rest[0]->literal && *rest[0]->literal == "all";
}

// Whether a zypper command runs without asking: global -n/--non-interactive
// before the subcommand, or -y/--no-confirm on it.
bool zypper_non_interactive(const RunCommand& c) {
  for (const shell::Word& w : c.view.args) {
    if (!w.literal || !w.literal->starts_with("-")) break;
    if (*w.literal == "-n" || *w.literal == "--non-interactive") return true;
  }
  return shell::has_flag(c.view, {"y", "no-confirm"}, kZypperValueFlags);
}

bool needs_yes(const RunCommand& c, const Family& f) {
  if (!installs(c, f) && !runs(c, f, f.removals)) return false;
  if (f.name == "zypper") return !zypper_non_interactive(c);
  if (c.view.program == "microdnf") return false;
  return !shell::has_flag(c.view, {"y", "assumeyes"}, f.value_flags);
}

void check_yes(Context& ctx, const std::vector<RunCommand>& all) {
  for (const RunCommand& c : all) {
    for (const Family& f : kFamilies) {
      // Only prompting commands without their yes flag.
      if (!needs_yes(c, f)) continue;
      const std::string message = named(c, f) + " without -y asks for confirmation";
      const auto edit = add_flag_after_subcommand(c, "-y", f.value_flags);
      if (!edit) {
        ctx.report(c.command->span, message);
        continue;
      }
      ctx.report(c.command->span, message, Safety::Safe, "add -y", {*edit});
    }
  }
}

void check_clean(Context& ctx, const std::vector<RunCommand>& all) {
  const Rewriter rw(ctx.analysis());
  for (const Family& f : kFamilies) {
    std::set<std::size_t> done;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const RunCommand& c = all[i];
      if (!installs(c, f)) continue;
      // One finding per RUN and tool, at its first install.
      if (!done.insert(c.index).second) continue;
      // The cache lives on a cache mount, not in the layer.
      const auto& dirs = f.cache_dirs;
      if (std::any_of(dirs.begin(), dirs.end(),
                      [&](std::string_view dir) { return has_cache_mount(*c.run, dir); })) {
        continue;
      }
      bool clean_after_last = false;
      for (std::size_t k = i; k < all.size() && all[k].index == c.index; ++k) {
        if (installs(all[k], f)) clean_after_last = false;
        if (cleans(all[k], f)) clean_after_last = true;
      }
      // Cleaned after the last install of the RUN.
      if (clean_after_last) continue;
      const std::string clean =
          (f.name == "yum" ? c.view.program : "zypper") + " " + std::string(f.clean);
      const std::string message = named(c, f) + " without " +
                                  (f.name == "yum" ? clean : "zypper clean") + " in the same RUN";
      const auto edit = rw.append_command(*c.run, *c.script, as_run_by(c, clean));
      if (!edit) {
        ctx.report(c.command->span, message);
        continue;
      }
      ctx.report(c.command->span, message, Safety::Safe, "append " + clean, {*edit});
    }
  }
}

void check(Context& ctx) {
  const std::vector<RunCommand>& all = run_commands(ctx.analysis());
  check_yes(ctx, all);
  check_clean(ctx, all);
}

}  // namespace

const Transform& yum_dnf_zypper_clean() {
  static const Transform t{"yum-dnf-zypper-clean",
                           Category::Packages,
                           Safety::Safe,
                           "clean the yum/dnf/zypper cache in the installing RUN, and add -y",
                           {"DL3032", "DL3040", "DL3036", "DL3030", "DL3038", "DL3034", "DS015",
                            "DS019", "DS020", "DS027"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
