#include <algorithm>
#include <array>
#include <set>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Appends `npm cache clean --force` (or `yarn cache clean`) to the RUN that
installs packages with npm (`install`, `i`, `ci`, `add`, `update`) or yarn
(`yarn`, `yarn install`, `yarn add`, `yarn global add`). Separately, it turns
`npm install` without package names into `npm ci` when the stage copied a
`package-lock.json` before it.

## Why is this bad?
npm keeps every tarball it fetched in `~/.npm/_cacache`, yarn in
`/usr/local/share/.cache/yarn`: tens to hundreds of megabytes the image never
uses. `npm install` may also update the lockfile and install versions other
than the locked ones; `npm ci` installs exactly what the lockfile says.

## Example
```dockerfile
COPY package.json package-lock.json ./
RUN npm install
```

Use instead:
```dockerfile
COPY package.json package-lock.json ./
RUN npm ci \
    && npm cache clean --force
```

The clean does not fire when a later command of the RUN already cleans
(`npm cache clean`, `yarn cache clean`, `rm -rf ~/.npm` …), when the command
picks its own cache (`--cache`, `--cache-folder`), or when the cache is on a
cache mount (`/root/.npm`, `/usr/local/share/.cache/yarn`, `/root/.cache/yarn`).

## Fix safety
The cache clean is Safe: only the download cache goes. The switch to `npm ci`
is Unsafe: it fails when the lockfile is missing or out of date with
`package.json`, and it deletes an existing `node_modules` first.
)";

constexpr std::array<std::string_view, 12> kNpmValueFlags = {
    "--omit",       "--include", "--registry", "--prefix", "--cache",     "--loglevel",
    "--userconfig", "--only",    "--tag",      "-w",       "--workspace", "--install-strategy"};
constexpr std::array<std::string_view, 6> kYarnValueFlags = {
    "--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--mutex", "--registry"};
// clang-format off
constexpr std::array<std::string_view, 23> kNpmInstalls = {
    "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall",
    "add", "ci", "clean-install", "ic", "install-clean", "isntall-clean", "install-test", "it",
    "install-ci-test", "cit", "update", "up"};
// clang-format on

struct Tool {
  std::string_view program;
  shell::Names value_flags;
  std::string_view clean;  // the command to append
  std::string_view cache_flag;
};

const std::array<Tool, 2> kTools = {{
    {"npm", kNpmValueFlags, "npm cache clean --force", "cache"},
    {"yarn", kYarnValueFlags, "yarn cache clean", "cache-folder"},
}};

std::string_view sub_of(const RunCommand& c, const Tool& t) {
  const shell::Word* sub = shell::subcommand(c.view, t.value_flags);
  if (sub == nullptr) return {};
  return sub->literal ? std::string_view(*sub->literal) : std::string_view("?");
}

bool installs(const RunCommand& c, const Tool& t) {
  if (c.view.program != t.program) return false;
  const std::string_view sub = sub_of(c, t);
  if (t.program == "npm") return shell::Names(kNpmInstalls).contains(sub);
  if (sub == "global") {
    const auto rest = shell::args_after_subcommand(c.view, t.value_flags);
    return !rest.empty() && rest[0]->literal && *rest[0]->literal == "add";
  }
  return sub.empty() || sub == "install" || sub == "add";
}

bool cleans(const RunCommand& c, const Tool& t) {
  if (c.view.program == "rm") {
    return std::any_of(c.view.args.begin(), c.view.args.end(), [&](const shell::Word& w) {
      if (!w.literal) return false;
      return t.program == "npm" ? w.literal->find("/.npm") != std::string::npos
                                : w.literal->find(".cache/yarn") != std::string::npos;
    });
  }
  if (c.view.program != t.program || sub_of(c, t) != "cache") return false;
  const auto rest = shell::args_after_subcommand(c.view, t.value_flags);
  if (rest.empty() || !rest[0]->literal) return false;
  const std::string& what = *rest[0]->literal;
  return what == "clean" || (t.program == "npm" && (what == "clear" || what == "rm"));
}

bool cache_mounted(const syntax::Instruction& run, const Tool& t) {
  for (std::string_view target : mount_targets(run)) {
    if (target.ends_with("/")) target.remove_suffix(1);
    if (t.program == "npm" ? target.ends_with("/.npm") : target.ends_with(".cache/yarn"))
      return true;
  }
  return false;
}

// A COPY/ADD source of the stage before `index` that brings in an npm lockfile.
bool lockfile_copied(const Analysis& analysis, std::size_t index) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return false;
  for (std::size_t i = stage->from + 1; i < index; ++i) {
    const syntax::Instruction& ins = analysis.doc().instructions[i];
    if (ins.keyword != syntax::Keyword::Copy && ins.keyword != syntax::Keyword::Add) continue;
    for (std::size_t a = 0; a + 1 < ins.args.size(); ++a) {
      const std::string_view src = ins.args[a].value;
      const std::string_view base =
          src.substr(src.rfind('/') == std::string_view::npos ? 0 : src.rfind('/') + 1);
      if (base == "package-lock.json" || base == "package*.json" || base == "*.json") return true;
    }
  }
  return false;
}

// `npm install` / `npm i` with no package operands and no flag npm ci rejects.
void check_ci(Context& ctx, const RunCommand& c) {
  const std::string_view sub = sub_of(c, kTools[0]);
  if (c.view.program != "npm" || (sub != "install" && sub != "i")) return;
  // Installing named packages (or a value npm reads as one) needs `install`.
  if (!shell::args_after_subcommand(c.view, kNpmValueFlags).empty()) return;
  // Global installs and lockfile-less installs are not what `ci` does.
  if (shell::has_flag(c.view, {"g", "global", "no-package-lock", "package-lock"}, kNpmValueFlags))
    return;
  // No lockfile known to be there.
  if (!lockfile_copied(ctx.analysis(), c.index)) return;
  const shell::Word* word = shell::subcommand(c.view, kNpmValueFlags);
  ctx.report(c.command->span,
             "npm install with a copied package-lock.json: npm ci installs exactly the lockfile",
             Safety::Unsafe, "use npm ci", {Rewriter::replace(word->span, "ci")});
}

void check(Context& ctx) {
  const std::vector<RunCommand>& all = run_commands(ctx.analysis());
  const Rewriter rw(ctx.analysis());
  for (const RunCommand& c : all) check_ci(ctx, c);
  for (const Tool& t : kTools) {
    std::set<std::size_t> done;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const RunCommand& c = all[i];
      if (!installs(c, t)) continue;
      // One finding per RUN and tool, at its first install.
      if (!done.insert(c.index).second) continue;
      // The cache lives on a cache mount, not in the layer.
      if (cache_mounted(*c.run, t)) continue;
      bool clean_after_last = false;
      bool own_cache = false;
      for (std::size_t k = i; k < all.size() && all[k].index == c.index; ++k) {
        if (installs(all[k], t)) {
          clean_after_last = false;
          own_cache = own_cache || shell::has_flag(all[k].view, {t.cache_flag}, t.value_flags);
        }
        if (cleans(all[k], t)) clean_after_last = true;
      }
      // Cleaned after the last install of the RUN.
      if (clean_after_last) continue;
      // An install that picks its own cache directory: the default clean misses it.
      if (own_cache) continue;
      const std::string_view sub = sub_of(c, t);
      const std::string message = std::string(t.program) + " " +
                                  std::string(sub.empty()       ? "install"
                                              : sub == "global" ? "global add"
                                                                : sub) +
                                  " without " + std::string(t.clean) + " in the same RUN";
      const auto edit = rw.append_command(*c.run, *c.script, as_run_by(c, t.clean));
      if (!edit) {
        ctx.report(c.command->span, message);
        continue;
      }
      ctx.report(c.command->span, message, Safety::Safe, "append " + std::string(t.clean), {*edit});
    }
  }
}

}  // namespace

const Transform& npm_yarn_cache_clean() {
  static const Transform t{
      "npm-yarn-cache-clean",
      Category::Packages,
      Safety::Safe,
      "clean the npm/yarn cache in the installing RUN; npm ci for lockfile installs",
      {"DL3060"},
      doc,
      true,
      check};
  return t;
}

}  // namespace dfopt::transforms
