#include "transforms/support/manifests.hpp"

#include <algorithm>
#include <array>

#include "transforms/support/commands.hpp"
#include "transforms/support/moves.hpp"

namespace dfopt::transforms {

namespace {

using shell::CommandView;
using shell::Word;

constexpr std::array<std::string_view, 28> kPipInstallValueFlags = {"-r",
                                                                    "--requirement",
                                                                    "-c",
                                                                    "--constraint",
                                                                    "-e",
                                                                    "--editable",
                                                                    "-i",
                                                                    "--index-url",
                                                                    "--extra-index-url",
                                                                    "-f",
                                                                    "--find-links",
                                                                    "-t",
                                                                    "--target",
                                                                    "--prefix",
                                                                    "--root",
                                                                    "--src",
                                                                    "--upgrade-strategy",
                                                                    "--platform",
                                                                    "--python-version",
                                                                    "--implementation",
                                                                    "--abi",
                                                                    "--no-binary",
                                                                    "--only-binary",
                                                                    "-C",
                                                                    "--config-settings",
                                                                    "--cache-dir",
                                                                    "--trusted-host",
                                                                    "--timeout"};
constexpr std::array<std::string_view, 10> kMavenValueFlags = {
    "-f", "--file", "-s", "--settings", "-gs", "-P", "-pl", "-rf", "-D", "-t"};
constexpr std::array<std::string_view, 9> kGradleValueFlags = {
    "-p", "--project-dir",  "-b", "--build-file", "-c", "--settings-file",
    "-x", "--exclude-task", "-D"};

bool all_literal(const CommandView& cmd) {
  return std::all_of(cmd.args.begin(), cmd.args.end(),
                     [](const Word& w) { return w.literal.has_value(); });
}

// A package name or URL, not a path in the build context (`./dist/x.whl`, `.`).
bool named(const Word* w) {
  if (!w->literal || w->literal->empty()) return false;
  const std::string& s = *w->literal;
  if (s.find("://") != std::string::npos) return true;
  if (s.front() == '.' || s.front() == '/' || s.front() == '~' || s.find('/') != std::string::npos)
    return false;
  constexpr std::array<std::string_view, 5> kArchives = {".whl", ".tar.gz", ".zip", ".tgz", ".gem"};
  return std::ranges::none_of(kArchives, [&](std::string_view ext) { return s.ends_with(ext); });
}

bool all_named(const std::vector<const Word*>& words) {
  return std::all_of(words.begin(), words.end(), named);
}

ManifestInstall install(std::string tool, std::vector<std::string> files,
                        std::vector<std::string> dirs = {}) {
  return ManifestInstall{std::move(tool), std::move(files), std::move(dirs), {}};
}

// A requirements path as a path in the build context; "" when it is not one.
std::string context_path(std::string_view path, std::string_view dest) {
  std::string abs = resolve_path(dest, path);
  if (abs.empty() || !path_within(abs, dest) || abs == dest) return {};
  return abs.substr(dest == "/" ? 1 : dest.size() + 1);
}

std::optional<ManifestInstall> pip(const CommandView& cmd, std::string_view dest) {
  const auto reqs = shell::flag_values(cmd, {"r", "requirement"});
  const auto constraints = shell::flag_values(cmd, {"c", "constraint"});
  const bool editable = !shell::flag_values(cmd, {"e", "editable"}).empty();
  // `pip install .`, `-e .`, a wheel: the sources themselves.
  if (reqs.empty() || editable ||
      !all_named(shell::args_after_subcommand(cmd, kPipInstallValueFlags))) {
    return std::nullopt;
  }
  ManifestInstall out = install("pip install -r", {});
  for (const auto& list : {reqs, constraints}) {
    for (const std::string_view r : list) {
      const std::string path = context_path(r, dest);
      if (path.empty())
        out.refusal =
            "the requirements file " + std::string(r) + " is not under " + std::string(dest);
      out.files.push_back(path);
    }
  }
  return out;
}

std::optional<ManifestInstall> node(const CommandView& cmd) {
  const Word* sub = shell::subcommand(cmd);
  const std::string verb = sub != nullptr && sub->literal ? *sub->literal : "";
  const bool global = shell::has_flag(cmd, {"g", "global"});
  if (global || !shell::args_after_subcommand(cmd).empty()) return std::nullopt;
  if (cmd.program == "npm" && (verb == "ci" || verb == "install" || verb == "i")) {
    return install("npm " + verb, {"package.json", "package-lock.json*", ".npmrc*"});
  }
  if (cmd.program == "yarn" && (verb.empty() || verb == "install")) {
    return install(verb.empty() ? "yarn" : "yarn install", {"package.json", "yarn.lock*"});
  }
  if (cmd.program == "pnpm" && (verb == "install" || verb == "i")) {
    return install("pnpm " + verb, {"package.json", "pnpm-lock.yaml*", ".npmrc*"});
  }
  return std::nullopt;
}

std::optional<ManifestInstall> java(const CommandView& cmd) {
  const bool wrapper = cmd.program == "mvnw" || cmd.program == "gradlew";
  if (cmd.program == "mvn" || cmd.program == "mvnw") {
    const auto ops = shell::operands(cmd, kMavenValueFlags);
    const auto file = shell::flag_value(cmd, {"f", "file"});
    const bool deps_only = !ops.empty() && std::all_of(ops.begin(), ops.end(), [](const Word* w) {
      return w->literal &&
             (*w->literal == "dependency:go-offline" || *w->literal == "dependency:resolve" ||
              *w->literal == "dependency:resolve-plugins");
    });
    if (!deps_only || (file && *file != "pom.xml")) return std::nullopt;
    ManifestInstall out = install("mvn " + *ops.front()->literal, {"pom.xml"});
    if (wrapper) out = install(out.tool, {"mvnw", "pom.xml"}, {".mvn"});
    return out;
  }
  if (cmd.program == "gradle" || cmd.program == "gradlew") {
    const auto ops = shell::operands(cmd, kGradleValueFlags);
    const bool deps_only = !ops.empty() && std::all_of(ops.begin(), ops.end(), [](const Word* w) {
      return w->literal && *w->literal == "dependencies";
    });
    if (!deps_only ||
        shell::has_flag(cmd, {"p", "project-dir", "b", "build-file", "c", "settings-file"})) {
      return std::nullopt;
    }
    std::vector<std::string> files{"build.gradle*", "settings.gradle*", "gradle.properties*"};
    if (wrapper) files.insert(files.begin(), "gradlew");
    return install("gradle dependencies", files,
                   wrapper ? std::vector<std::string>{"gradle"} : std::vector<std::string>{});
  }
  return std::nullopt;
}

std::optional<ManifestInstall> others(const CommandView& cmd) {
  const Word* sub = shell::subcommand(cmd);
  const std::string verb = sub != nullptr && sub->literal ? *sub->literal : "";
  const auto rest = shell::args_after_subcommand(cmd);
  if (cmd.program == "poetry" && verb == "install") {
    ManifestInstall out = install("poetry install", {"pyproject.toml", "poetry.lock*"});
    if (!shell::has_flag(cmd, {"no-root"})) {
      out.refusal =
          "poetry install without --no-root also installs the project, which needs its sources";
    }
    return out;
  }
  if (cmd.program == "pipenv" && (verb == "install" || verb == "sync") && rest.empty()) {
    return install("pipenv " + verb, {"Pipfile", "Pipfile.lock*"});
  }
  if (cmd.program == "go" && verb == "mod" && !rest.empty() && rest.front()->literal &&
      (*rest.front()->literal == "download" || *rest.front()->literal == "verify") &&
      rest.size() == 1) {
    return install("go mod " + *rest.front()->literal, {"go.mod", "go.sum*"});
  }
  if (cmd.program == "cargo" && verb == "fetch") {
    ManifestInstall out = install("cargo fetch", {"Cargo.toml", "Cargo.lock*"});
    out.refusal = "cargo reads the crate's targets (src/main.rs, src/lib.rs) even to fetch";
    return out;
  }
  if (cmd.program == "bundle" && (verb.empty() || verb == "install") && rest.empty() &&
      !shell::has_flag(cmd, {"gemfile"})) {
    return install(verb.empty() ? "bundle" : "bundle install", {"Gemfile", "Gemfile.lock*"});
  }
  if (cmd.program == "composer" && verb == "install") {
    ManifestInstall out = install("composer install", {"composer.json", "composer.lock*"});
    if (!shell::has_flag(cmd, {"no-scripts"}) || !shell::has_flag(cmd, {"no-autoloader"})) {
      out.refusal =
          "composer install runs scripts and dumps the autoloader, which read the sources; "
          "add --no-scripts --no-autoloader and run composer dump-autoload after the full COPY";
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ManifestInstall> manifest_install(const CommandView& cmd, std::string_view dest) {
  std::optional<ManifestInstall> out;
  if (shell::is_pip_install(cmd)) {
    out = pip(cmd, dest);
  } else if (cmd.program == "npm" || cmd.program == "yarn" || cmd.program == "pnpm") {
    out = node(cmd);
  } else if (cmd.program == "mvn" || cmd.program == "mvnw" || cmd.program == "gradle" ||
             cmd.program == "gradlew") {
    out = java(cmd);
  } else {
    out = others(cmd);
  }
  if (out && out->refusal.empty() && !all_literal(cmd))
    out->refusal = "its arguments use variables";
  return out;
}

bool needs_no_context(const CommandView& cmd) {
  if (!all_literal(cmd)) return false;
  const Word* sub = shell::subcommand(cmd);
  const std::string verb = sub != nullptr && sub->literal ? *sub->literal : "";
  const auto rest = shell::args_after_subcommand(cmd);
  if (shell::is_pip_install(cmd)) {
    return shell::flag_values(cmd, {"r", "requirement", "c", "constraint", "e", "editable"})
               .empty() &&
           all_named(shell::args_after_subcommand(cmd, kPipInstallValueFlags));
  }
  if (cmd.program == "npm" || cmd.program == "pnpm") {
    if (verb == "config" || verb == "cache" || verb == "set" || verb == "store") return true;
    return (verb == "install" || verb == "i" || verb == "add") &&
           shell::has_flag(cmd, {"g", "global"}) && all_named(rest);
  }
  if (cmd.program == "yarn") {
    if (verb == "config" || verb == "cache") return true;
    return verb == "global" && all_named(rest);
  }
  if (cmd.program == "gem") return verb == "install" && all_named(rest);
  if (cmd.program == "corepack" || cmd.program == "true" || cmd.program == ":" ||
      cmd.program == "set")
    return true;
  if (cmd.program == "poetry" || cmd.program == "bundle") return verb == "config";
  if (cmd.program == "rm") {
    const auto ops = shell::operands(cmd);
    return !ops.empty() && std::all_of(ops.begin(), ops.end(), [](const Word* w) {
      return w->literal && w->literal->starts_with('/') &&
             w->literal->find("..") == std::string::npos && *w->literal != "/";
    });
  }
  return false;
}

}  // namespace dfopt::transforms
