#include "transforms/support/cache_families.hpp"

#include <algorithm>
#include <array>

#include "transforms/support/moves.hpp"

namespace dfopt::transforms {

namespace {

struct Target {
  std::string path;
  bool locked = false;
};

struct Family {
  std::string tool;
  std::vector<Target> targets;
};

constexpr std::array<std::string_view, 6> kApkValueFlags{"-X",        "--repository", "-t",
                                                         "--virtual", "-p",           "--root"};

// The official image at the root of the stage's FROM chain ("golang", "rust", …).
std::string root_image(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& view = analysis.stages();
  const syntax::Stage* stage = view.stage_of(index);
  for (int hops = 0; stage != nullptr && stage->base_stage && hops < 64; ++hops)
    stage = &view.stages[*stage->base_stage];
  return stage == nullptr ? "" : official_image(stage->base).name;
}

std::string verb_of(const shell::CommandView& v, shell::Names value_flags = {}) {
  const shell::Word* sub = shell::subcommand(v, value_flags);
  return sub != nullptr && sub->literal ? *sub->literal : "";
}

bool one_of(const std::string& s, shell::Names names) { return names.contains(s); }

// The family whose cache `c` downloads into; tool "" when none (or a variable moves the cache).
Family family_of(const Analysis& analysis, const RunCommand& c) {
  const shell::CommandView& v = c.view;
  const auto set = [&](std::string_view name) { return variable_set(analysis, c, name); };
  const std::string& p = v.program;
  if (const auto sub = apt_subcommand(v);
      sub && one_of(std::string(*sub), {"install", "update", "upgrade", "dist-upgrade",
                                        "full-upgrade", "build-dep"})) {
    return {"apt-get", {{"/var/cache/apt", true}, {"/var/lib/apt", true}}};
  }
  if (p == "apk" && one_of(verb_of(v, kApkValueFlags), {"add", "update", "upgrade"})) {
    return {"apk", {{"/var/cache/apk", true}}};
  }
  if (shell::is_pip_install(v) && !set("PIP_NO_CACHE_DIR") && !set("PIP_CACHE_DIR") &&
      !shell::has_flag(v, {"cache-dir"})) {
    return {"pip", {{"/root/.cache/pip", false}}};
  }
  const std::string verb = verb_of(v);
  if (p == "npm" && one_of(verb, {"ci", "install", "i", "add"}) && !set("npm_config_cache") &&
      !set("NPM_CONFIG_CACHE")) {
    return {"npm", {{"/root/.npm", false}}};
  }
  if (p == "yarn" && one_of(verb, {"", "install", "add"}) && !set("YARN_CACHE_FOLDER")) {
    return {"yarn", {{"/usr/local/share/.cache/yarn", false}}};
  }
  if (p == "pnpm" && one_of(verb, {"install", "i", "add"}) && !set("PNPM_HOME")) {
    return {"pnpm", {{"/root/.local/share/pnpm/store", false}}};
  }
  if (p == "go" && !set("GOPATH") && !set("GOMODCACHE") && !set("GOCACHE")) {
    const std::string mod =
        root_image(analysis, c.index) == "golang" ? "/go/pkg/mod" : "/root/go/pkg/mod";
    if (verb == "mod") return {"go", {{mod, false}}};
    if (one_of(verb, {"build", "install", "test", "run", "get"}))
      return {"go", {{mod, false}, {"/root/.cache/go-build", false}}};
  }
  if (p == "cargo" && one_of(verb, {"build", "fetch", "install", "test", "run"}) &&
      !set("CARGO_HOME")) {
    return {"cargo",
            {{root_image(analysis, c.index) == "rust" ? "/usr/local/cargo/registry"
                                                      : "/root/.cargo/registry",
              false}}};
  }
  if ((p == "mvn" || p == "mvnw") && !set("MAVEN_OPTS")) return {"maven", {{"/root/.m2", false}}};
  if ((p == "gradle" || p == "gradlew") && !set("GRADLE_USER_HOME") &&
      root_image(analysis, c.index) != "gradle") {
    return {"gradle", {{"/root/.gradle", false}}};
  }
  return {};
}

bool mounted(const syntax::Instruction& run, const std::string& target) {
  const auto targets = mount_targets(run);
  return has_cache_mount(run, target) ||
         std::any_of(targets.begin(), targets.end(),
                     [&](std::string_view t) { return path_within(target, t); });
}

// `rm` operand paths, globs cut off; "" for one that is not a literal absolute
// path. `dir/*` gives `dir/*`: what it removes lies strictly inside `dir`.
std::vector<std::string> rm_paths(const RunCommand& c) {
  std::vector<std::string> out;
  for (const shell::Word* w : shell::operands(c.view)) {
    const std::string s =
        w->literal ? w->literal->substr(0, w->literal->find_first_of("*?[{")) : "";
    std::string path = s.starts_with('/') ? resolve_path("/", s) : "";
    if (!path.empty() && s.ends_with('/') && s.size() < w->literal->size())
      path += path == "/" ? "*" : "/*";
    out.push_back(path);
  }
  return out;
}

// Whether the stage containing `index`, or a stage built FROM it, has a later RUN
// that installs with apt without running apt-get update itself: it needs the
// lists this RUN would now leave on the cache mount.
bool later_run_needs_lists(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& view = analysis.stages();
  const syntax::Stage* own = view.stage_of(index);
  if (own == nullptr) return false;
  const auto derived = [&](const syntax::Stage& s) {
    const syntax::Stage* at = &s;
    for (int hops = 0; at != nullptr && hops < 64; ++hops) {
      if (at->index == own->index) return true;
      at = at->base_stage ? &view.stages[*at->base_stage] : nullptr;
    }
    return false;
  };
  for (std::size_t i = index + 1; i < analysis.doc().instructions.size(); ++i) {
    const syntax::Stage* stage = view.stage_of(i);
    if (stage == nullptr || !derived(*stage)) continue;
    bool update = false;
    bool install = false;
    for (const RunCommand& c : run_commands(analysis, i)) {
      const auto sub = apt_subcommand(c.view);
      update = update || sub == "update";
      install = install || (sub && *sub != "update" && *sub != "clean" && *sub != "autoremove" &&
                            *sub != "purge" && *sub != "remove" && *sub != "autoclean");
    }
    if (install && !update) return true;
  }
  return false;
}

// Whether an earlier RUN of the stage calls `tool` (and gets, or has, its setup).
bool earlier_run_uses(const Analysis& analysis, std::size_t index, std::string_view tool) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  for (std::size_t i = stage == nullptr ? index : stage->from + 1; i < index; ++i) {
    for (const RunCommand& c : run_commands(analysis, i)) {
      if (family_of(analysis, c).tool == tool) return true;
    }
  }
  return false;
}

}  // namespace

CachePlan plan_cache_mounts(const Analysis& analysis, std::size_t index,
                            std::span<const RunCommand> cmds) {
  const syntax::Instruction& run = analysis.doc().instructions[index];
  const Style& style = analysis.style();
  const std::string_view body = analysis.text().substr(run.span.begin, run.span.size());
  CachePlan plan;
  std::vector<Target> targets;
  bool apt_update = false;
  bool apt_install = false;
  for (const RunCommand& c : cmds) {
    const Family f = family_of(analysis, c);
    if (f.tool.empty()) continue;
    apt_update = apt_update || (f.tool == "apt-get" && apt_subcommand(c.view) == "update");
    apt_install = apt_install || (f.tool == "apt-get" && apt_subcommand(c.view) != "update");
    for (const Target& t : f.targets) {
      if (mounted(run, t.path) || std::any_of(targets.begin(), targets.end(),
                                              [&](const Target& o) { return o.path == t.path; }))
        continue;
      targets.push_back(t);
      if (std::find(plan.tools.begin(), plan.tools.end(), f.tool) == plan.tools.end())
        plan.tools.push_back(f.tool);
    }
  }
  if (targets.empty()) return plan;
  const auto has = [&](std::string_view tool) {
    return std::find(plan.tools.begin(), plan.tools.end(), tool) != plan.tools.end();
  };
  // Dropped: cleanups of what is now mounted, and the no-cache flags.
  std::vector<const RunCommand*> drops;
  for (const RunCommand& c : cmds) {
    const shell::CommandView& v = c.view;
    const std::string verb = verb_of(v);
    if ((has("apt-get") && apt_subcommand(v) == "clean") ||
        (has("npm") && v.program == "npm" && verb == "cache") ||
        (has("yarn") && v.program == "yarn" && verb == "cache")) {
      drops.push_back(&c);
    }
    if (v.program == "rm") {
      const auto paths = rm_paths(c);
      const auto inside = [&](const std::string& p) {
        return std::any_of(targets.begin(), targets.end(), [&](const Target& t) {
          return !p.empty() && path_within(p, t.path) && p != t.path;
        });
      };
      // An rm of the mount point itself or of a directory above it fails (busy).
      const auto removes_mount = [&](const std::string& p) {
        return !p.empty() && std::any_of(targets.begin(), targets.end(),
                                         [&](const Target& t) { return path_within(t.path, p); });
      };
      if (!paths.empty() && std::all_of(paths.begin(), paths.end(), inside)) {
        drops.push_back(&c);
      } else if (std::any_of(paths.begin(), paths.end(), removes_mount)) {
        plan.refusal = "an rm in the RUN would remove a cache mount point";
      }
    }
    for (std::size_t k = 1; k < c.command->words.size(); ++k) {
      const shell::Word& w = c.command->words[k];
      const Span span{c.command->words[k - 1].span.end, w.span.end};
      if (has("pip") && shell::is_pip_install(v) && w.literal == "--no-cache-dir")
        plan.edits.push_back(TextEdit::remove(span));
      if (has("apk") && v.program == "apk" && w.literal == "--no-cache")
        plan.edits.push_back(TextEdit::replace(w.span, "--update-cache"));
    }
  }
  if (has("apt-get") && apt_install && !apt_update)
    plan.refusal = "apt-get installs without apt-get update in the same RUN";
  if (has("apt-get") && plan.refusal.empty() && later_run_needs_lists(analysis, index)) {
    plan.refusal = "a later RUN installs with the apt lists this RUN would keep on the cache mount";
  }
  if (!drops.empty()) {
    auto removed = remove_from_and_chains(drops);
    if (!removed) plan.refusal = "a cleanup to drop is not part of an && chain";
    if (removed) plan.edits.insert(plan.edits.end(), removed->begin(), removed->end());
  }
  // The flags and the setup commands, each on its own line.
  const std::string cont = std::string(" ") + style.escape + style.newline + style.indent;
  std::string head;
  for (const Target& t : targets) {
    plan.mounts.push_back("type=cache,target=" + t.path + (t.locked ? ",sharing=locked" : ""));
    head += "--mount=" + plan.mounts.back() + cont;
  }
  const auto mentioned = [&](std::string_view text) {
    return body.find(text) != std::string_view::npos ||
           earlier_run_mentions(analysis, index, {text});
  };
  if (has("apt-get") && !mentioned("docker-clean") &&
      !earlier_run_uses(analysis, index, "apt-get")) {
    head +=
        "rm -f /etc/apt/apt.conf.d/docker-clean && echo "
        "'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' "
        "> /etc/apt/apt.conf.d/keep-cache" +
        style.and_break();
  }
  if (has("apk") && !mentioned("/etc/apk/cache") && !earlier_run_uses(analysis, index, "apk"))
    head += "ln -sfn /var/cache/apk /etc/apk/cache" + style.and_break();
  plan.edits.push_back(TextEdit::insert(run.rest_span.begin, head));
  return plan;
}

}  // namespace dfopt::transforms
