#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"
#include "transforms/support/manifests.hpp"
#include "transforms/support/moves.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Finds a dependency install (`npm ci`, `pip install -r requirements.txt`,
`go mod download`, `bundle install`, …) that runs after `COPY . .` although it
needs only the manifests. It copies those first, moves the install RUN (as it
was written) above the broad COPY, and leaves that COPY where it was.

## Why is this bad?
A COPY's cache key is the content of what it copies. After `COPY . .`, any
change to any file of the build context re-runs every later instruction: each
edit of the sources downloads and installs all dependencies again. Copied
first, the manifests change rarely, and the install layer stays cached.

## Example
```dockerfile
WORKDIR /app
COPY . .
RUN npm ci
```

Use instead:
```dockerfile
WORKDIR /app
COPY package.json package-lock.json* .npmrc* ./
RUN npm ci
COPY . .
```

A lockfile may be missing from a project: `package-lock.json*` is a wildcard,
and a wildcard that matches nothing is not an error for BuildKit as long as
another source of the COPY exists (moby/moby#26332). Named requirement files
are copied exactly, into the same relative directory.

Manifests per tool: pip `-r`/`-c` files; poetry `pyproject.toml poetry.lock*`
(only with `--no-root`); pipenv `Pipfile Pipfile.lock*`; npm
`package.json package-lock.json* .npmrc*`; yarn `package.json yarn.lock*`; pnpm
`package.json pnpm-lock.yaml* .npmrc*`; `go mod download` `go.mod go.sum*`;
bundler `Gemfile Gemfile.lock*`; composer `composer.json composer.lock*` (only
with `--no-scripts --no-autoloader`); `mvn dependency:go-offline` `pom.xml`
(`mvnw` and `.mvn/` for the wrapper); `gradle dependencies`
`build.gradle* settings.gradle* gradle.properties*` (`gradlew` and `gradle/`).

It reports without a fix when the install cannot move: the RUN also runs
something that may need the sources (`npm run build`), a RUN, COPY --from, ENV,
ARG, WORKDIR, USER or SHELL stands between the COPY and the install, the COPY's
destination is not the install's WORKDIR, `cargo fetch` (cargo reads the
crate's targets even to fetch), `poetry install` without `--no-root`, or
`composer install` without `--no-scripts --no-autoloader`. `pip install .` and
`cargo build` need the sources: no finding.

## Fix safety
Unsafe: the install now sees only the manifests. Lifecycle scripts
(`postinstall`, `prepare`), workspaces and monorepos, a `gemspec` line in the
Gemfile, `-r other.txt` inside a requirements file, yarn 2+ (`.yarnrc.yml`,
`.yarn/`) and multi-module Maven or Gradle builds need more files: add them to
the first COPY. Without a `.dockerignore` that excludes them, the later
`COPY . .` copies a local `node_modules`, `vendor` or `.venv` over the
installed one.
)";

// The COPY lines for `needs`, destination `dest` as the broad COPY wrote it.
std::string manifest_copies(const Analysis& analysis, const syntax::Instruction& copy,
                            const std::vector<ManifestInstall>& needs) {
  const std::string_view text = analysis.text();
  std::string dest = copy.args.back().value;
  if (!dest.ends_with('/')) dest += '/';
  std::string head = cased_like(copy.keyword_text(text), "COPY");
  for (const syntax::Flag& f : copy.flags)
    head += " " + std::string(text.substr(f.span.begin, f.span.size()));
  const std::string indent(
      text.substr(copy.line_span.begin, copy.span.begin - copy.line_span.begin));
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::string>> dirs;  // source, destination
  for (const ManifestInstall& need : needs) {
    for (const std::string& f : need.files) {
      const std::size_t slash = f.rfind('/');
      if (slash == std::string::npos) {
        if (std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
      } else {
        dirs.emplace_back(f, dest + f.substr(0, slash + 1));
      }
    }
    for (const std::string& d : need.dirs) dirs.emplace_back(d, dest + d + "/");
  }
  std::string out;
  const std::string& nl = analysis.style().newline;
  if (!files.empty())
    out += indent + head + " " + fmt::format("{}", fmt::join(files, " ")) + " " + dest + nl;
  for (const auto& [src, to] : dirs) out += fmt::format("{}{} {} {}{}", indent, head, src, to, nl);
  return out;
}

// Instructions that may stand between the broad COPY and the install.
bool harmless(const syntax::Instruction& ins) {
  using K = syntax::Keyword;
  switch (ins.keyword) {
    case K::Label:
    case K::Expose:
    case K::Maintainer:
    case K::Volume:
    case K::Stopsignal:
    case K::Healthcheck:
    case K::Cmd:
    case K::Entrypoint:
    case K::Onbuild:
      return true;
    default:
      return false;
  }
}

// Reports the install in RUN `run_index` after broad COPY `copy_index`; false when
// the RUN installs nothing from manifests.
// `workdir` is a WORKDIR between them that may move along (the COPY's destination
// is absolute), `blocker` the first other instruction that may not.
bool check_install(Context& ctx, std::size_t copy_index, std::size_t run_index,
                   std::optional<std::size_t> workdir_ins, std::string_view blocker) {
  const Analysis& analysis = ctx.analysis();
  const syntax::Instruction& copy = ctx.doc().instructions[copy_index];
  const std::string dest = resolve_path(workdir_at(analysis, copy_index), copy.args.back().value);
  const std::string workdir = workdir_at(analysis, run_index);
  std::vector<ManifestInstall> needs;
  std::string other;
  const std::span<const RunCommand> cmds = run_commands(analysis, run_index);
  for (const RunCommand& c : cmds) {
    if (auto need = manifest_install(c.view, workdir)) {
      needs.push_back(std::move(*need));
    } else if (other.empty() && !needs_no_context(c.view)) {
      other = c.view.has_program() ? c.view.program : "a command";
      const shell::Word* verb = shell::subcommand(c.view);
      if (verb != nullptr && verb->literal) other += " " + *verb->literal;
    }
  }
  // Nothing here installs from manifests.
  if (needs.empty()) return false;
  const bool variables = workdir.empty();
  const auto at = std::find_if(cmds.begin(), cmds.end(), [&](const RunCommand& c) {
    return manifest_install(c.view, workdir).has_value();
  });
  const std::string message = fmt::format(
      "{} runs again on every change of the build context: the {} at line {} copies it all first",
      needs.front().tool, copy.keyword_text(analysis.text()), copy.first_line);
  const auto refuse = [&](const std::string& why) {
    ctx.report(at->command->span, message + " (no fix: " + why + ")");
    return true;
  };
  // Paths we cannot resolve.
  if (variables) return refuse("the WORKDIR has variables");
  for (const ManifestInstall& n : needs) {
    // The install itself needs more than its manifests.
    if (!n.refusal.empty()) return refuse(n.refusal);
  }
  // A command of the RUN may read the sources.
  if (!other.empty())
    return refuse("the RUN also runs `" + other + "`, which may need the sources");
  // The install would no longer see what stood between.
  if (!blocker.empty()) return refuse(std::string(blocker) + " stands between them");
  // Copied elsewhere than where the install runs.
  if (dest.empty() || workdir.empty() || dest != workdir)
    return refuse("the COPY's destination is not the WORKDIR");
  // Shell we do not fully understand, or text after the command list.
  const shell::Script* script = analysis.script(run_index);
  if (script == nullptr || script->status != shell::ParseStatus::Parsed)
    return refuse("the RUN is not plain shell");
  // Copy flags whose meaning we would change.
  if (copy.flag("parents") != nullptr) return refuse("COPY --parents");
  std::vector<std::size_t> moved{run_index};
  if (workdir_ins) moved.insert(moved.begin(), *workdir_ins);
  auto edits = move_before(analysis, moved, copy_index, manifest_copies(analysis, copy, needs));
  ctx.report(at->command->span, message, Safety::Unsafe,
             "copy the manifests and install before the full COPY", std::move(edits));
  return true;
}

void check(Context& ctx) {
  const auto& ins = ctx.doc().instructions;
  for (const syntax::Stage& stage : ctx.analysis().stages().stages) {
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
      // Only a COPY of the whole context invalidates on every change.
      if (!copies_context_root(ins[i])) continue;
      std::string blocker;
      std::optional<std::size_t> workdir;
      for (std::size_t j = i + 1; j < stage.end; ++j) {
        // A second COPY of the context may be what the install needs.
        if (reads_context(ins[j])) break;
        // The first RUN that installs from manifests is the one to move.
        if (ins[j].keyword == syntax::Keyword::Run && !run_commands(ctx.analysis(), j).empty() &&
            check_install(ctx, i, j, workdir, blocker)) {
          break;
        }
        // A WORKDIR may move above a COPY to an absolute path: it does not change it.
        const bool absolute = ins[i].args.back().value.starts_with('/');
        if (blocker.empty() && !workdir && absolute && ins[j].keyword == syntax::Keyword::Workdir) {
          workdir = j;
          continue;
        }
        if (blocker.empty() && !harmless(ins[j])) {
          blocker =
              fmt::format("{} at line {}", syntax::keyword_name(ins[j].keyword), ins[j].first_line);
        }
      }
      break;
    }
  }
}

}  // namespace

const Transform& copy_manifests_first() {
  static const Transform t{"copy-manifests-first",
                           Category::Cache,
                           Safety::Unsafe,
                           "copy dependency manifests and install before copying the whole context",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
