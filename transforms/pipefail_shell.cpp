#include <algorithm>
#include <array>
#include <variant>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first RUN of a
stage that uses a pipe `|` under the default `/bin/sh -c`.

## Why is this bad?
A pipeline's status is that of its last command: in
`RUN wget -O - https://example.org/key | gpg --dearmor > key.gpg` a failed
download goes unnoticed and the build continues with an empty key. With
`pipefail` the RUN fails when any command of the pipeline fails.

## Example
```dockerfile
FROM debian:bookworm
RUN wget -O - https://example.org/key | gpg --dearmor > /usr/share/keyrings/x.gpg
```

Use instead:
```dockerfile
FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -O - https://example.org/key | gpg --dearmor > /usr/share/keyrings/x.gpg
```

It does not fire when a SHELL instruction is in effect, or when the RUN runs
`set -o pipefail` (`set -eo pipefail`, `set -euxo pipefail`, …) before its
first pipe. The fix is offered only when bash is known to exist: the stage's
base image is an official Debian/Ubuntu/RHEL-family based image (debian,
ubuntu, fedora, centos, rockylinux, almalinux, amazonlinux, oraclelinux,
buildpack-deps, python, node, golang, ruby, openjdk, eclipse-temurin, rust,
php, perl, …; their `-slim` variants included; no `alpine`, `windows` or
`nanoserver` tag), or an earlier RUN of the stage installs `bash`. Otherwise
(alpine, busybox, distroless, scratch, unknown images) it reports without a fix.
No fix either when a RUN from there on has a pipeline that pipefail would make
fail although it works today: `yes | cmd` (yes always dies of SIGPIPE), or a
reader that stops early, `cmd | head` or `cmd | grep -q x` (the writer may get
SIGPIPE). Later piped RUNs of the same stage are reported without a fix of their own: the
one SHELL covers them. The SHELL goes above the comment lines directly before the
RUN, so that they (and any `# hadolint ignore=`) stay with it.

## Fix safety
Unsafe: every later RUN of the stage, and shell-form CMD/ENTRYPOINT, now run in
bash instead of `sh` (dash on Debian): a pipeline that used to fail silently
now fails the build, and a few builtins differ (`echo -e`, for one).
)";

constexpr std::array<std::string_view, 22> kBashImages = {
    "debian",      "ubuntu",          "fedora", "centos", "rockylinux", "almalinux",
    "amazonlinux", "oraclelinux",     "python", "node",   "golang",     "ruby",
    "openjdk",     "eclipse-temurin", "rust",   "php",    "perl",       "gradle",
    "maven",       "buildpack-deps",  "elixir", "haskell"};

// Images without alpine (or other bash-less) variants: any tag will do.
constexpr std::array<std::string_view, 9> kNoAlpineVariant = {
    "debian",    "ubuntu",      "fedora",      "centos",        "rockylinux",
    "almalinux", "amazonlinux", "oraclelinux", "buildpack-deps"};

// Debian/Ubuntu release or variant names that may follow a variable in a tag (`${PY}-slim`).
constexpr std::array<std::string_view, 10> kDebianMarkers = {
    "slim",   "bookworm", "bullseye", "buster", "stretch",
    "trixie", "jammy",    "focal",    "noble",  "bionic"};

bool image_has_bash(std::string_view ref) {
  const OfficialImage image = official_image(ref);
  if (std::find(kBashImages.begin(), kBashImages.end(), image.name) == kBashImages.end())
    return false;
  for (const std::string_view bad : {"alpine", "windows", "nanoserver", "busybox"}) {
    if (image.tag.find(bad) != std::string::npos) return false;
  }
  // `python:${VERSION}` may be an alpine tag; `python:${VERSION}-slim` is not.
  if (image.tag.find('$') == std::string::npos) return true;
  if (std::find(kNoAlpineVariant.begin(), kNoAlpineVariant.end(), image.name) !=
      kNoAlpineVariant.end())
    return true;
  return std::any_of(kDebianMarkers.begin(), kDebianMarkers.end(),
                     [&](std::string_view m) { return image.tag.find(m) != std::string::npos; });
}

// Whether bash exists in `stage` just before instruction `index`.
bool has_bash(const Analysis& analysis, const syntax::Stage& stage, std::size_t index) {
  const bool base = stage.base_stage
                        ? has_bash(analysis, analysis.stages().stages[*stage.base_stage],
                                   analysis.stages().stages[*stage.base_stage].end)
                        : image_has_bash(stage.base);
  if (base) return true;
  for (std::size_t i = stage.from + 1; i < index; ++i) {
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      if (installs_package(cmd.view, {"bash"})) return true;
    }
  }
  return false;
}

// The offset of the first `|` at any depth (not inside opaque nodes), if any.
std::optional<std::uint32_t> first_pipe(const std::vector<shell::Statement>& statements) {
  for (const shell::Statement& st : statements) {
    for (const shell::Pipeline& p : st.and_or.pipelines) {
      for (std::size_t c = 0; c < p.commands.size(); ++c) {
        const std::vector<shell::Statement>* body = nullptr;
        if (const auto* sub = std::get_if<shell::Subshell>(&p.commands[c])) body = &sub->body;
        if (const auto* group = std::get_if<shell::Group>(&p.commands[c])) body = &group->body;
        if (body != nullptr) {
          if (auto inner = first_pipe(*body)) return inner;
        }
        if (c < p.operators.size() && p.operators[c].kind == shell::OpKind::Pipe)
          return p.operators[c].span.begin;
      }
    }
  }
  return std::nullopt;
}

// `set -o pipefail` (or `-eo pipefail`, …) before `offset`.
bool sets_pipefail_before(const shell::Script& script, std::uint32_t offset) {
  for (const shell::SimpleCommand* c : shell::commands(script)) {
    if (c->span.begin >= offset) continue;
    const shell::CommandView v = shell::view(*c);
    if (v.program != "set") continue;
    for (std::size_t i = 1; i < v.args.size(); ++i) {
      const auto& flag = v.args[i - 1].literal;
      if (v.args[i].literal == "pipefail" && flag && flag->starts_with('-') &&
          flag->find('o') != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

// A pipeline from instruction `index` on that pipefail would fail although it works today:
// `yes | cmd` (yes always dies of SIGPIPE), `cmd | head`, `cmd | grep -q x` (the writer may).
bool breaks_with_pipefail(const Analysis& analysis, std::size_t index) {
  return std::ranges::any_of(run_commands(analysis), [&](const RunCommand& cmd) {
    const shell::SimpleCommand* source = cmd.index >= index ? piped_from(cmd) : nullptr;
    if (source == nullptr) return false;
    const bool quits_early =
        cmd.view.program == "head" ||
        (cmd.view.program == "grep" &&
         shell::has_flag(cmd.view, {"q", "quiet", "silent", "m", "max-count"}));
    return quits_early || shell::view(*source).program == "yes";
  });
}

bool shell_set(const Analysis& analysis, std::size_t index) {
  const syntax::Environment& env = analysis.environment(index);
  if (env.shell != std::vector<std::string>{"/bin/sh", "-c"}) return true;
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  for (std::size_t i = stage->from + 1; i < index; ++i) {
    if (analysis.doc().instructions[i].keyword == syntax::Keyword::Shell) return true;
  }
  return false;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const Rewriter rw(analysis);
  const syntax::Stage* fixed_stage = nullptr;
  for (std::size_t i = 0; i < ctx.doc().instructions.size(); ++i) {
    const syntax::Instruction& run = ctx.doc().instructions[i];
    // ONBUILD RUNs run under the child image's SHELL; heredoc bodies are not parsed.
    if (run.keyword != syntax::Keyword::Run || !run.heredocs.empty()) continue;
    const shell::Script* script = analysis.script(i);
    // Exec form runs no shell at all.
    if (script == nullptr) continue;
    const auto pipe = first_pipe(script->statements);
    // No pipe, no lost status.
    if (!pipe) continue;
    const syntax::Stage* stage = analysis.stages().stage_of(i);
    // Someone already chose the shell.
    if (stage == nullptr || shell_set(analysis, i)) continue;
    // The RUN turns pipefail on itself.
    if (sets_pipefail_before(*script, *pipe)) continue;
    const Span at{*pipe, *pipe + 1};
    const std::string message =
        "pipe under /bin/sh without pipefail: a failure before `|` goes unnoticed";
    // One SHELL per stage: the first fixable RUN gets it, the others follow it.
    if (fixed_stage == stage || !has_bash(analysis, *stage, i) ||
        breaks_with_pipefail(analysis, i)) {
      ctx.report(at, message);
      continue;
    }
    fixed_stage = stage;
    ctx.report(at, message, Safety::Unsafe, "add SHELL with pipefail",
               {insert_above_comments(
                   analysis, i, rw.line("SHELL", R"(["/bin/bash", "-o", "pipefail", "-c"])"))});
  }
}

}  // namespace

const Transform& pipefail_shell() {
  static const Transform t{"pipefail-shell",
                           Category::Runtime,
                           Safety::Unsafe,
                           "set SHELL with pipefail before RUNs that use pipes",
                           {"DL4006"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
