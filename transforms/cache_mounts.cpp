#include <algorithm>

#include <fmt/format.h>

#include "transforms/list.hpp"
#include "transforms/support/cache_families.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `RUN --mount=type=cache,target=…` for the download caches of the package
managers a RUN calls, and drops what kept those caches out of the layer:

| tool | cache mount | dropped |
|---|---|---|
| apt-get, apt | `/var/cache/apt`, `/var/lib/apt` (`sharing=locked`) | `apt-get clean`, `rm` of those |
| apk | `/var/cache/apk` (`sharing=locked`) | `--no-cache` (→ `--update-cache`), `rm -rf /var/cache/apk/*` |
| pip | `/root/.cache/pip` | `--no-cache-dir`, `rm` of it |
| npm, yarn, pnpm | `/root/.npm`, `/usr/local/share/.cache/yarn`, `/root/.local/share/pnpm/store` | `npm cache clean`, `yarn cache clean` |
| go | `/go/pkg/mod` (`/root/go/pkg/mod` off the golang image), `/root/.cache/go-build` | |
| cargo | `/usr/local/cargo/registry` (`/root/.cargo/registry` off the rust image) | |
| maven, gradle | `/root/.m2`, `/root/.gradle` | |

It adds `# syntax=docker/dockerfile:1` when the file has no syntax directive.
Debian and Ubuntu images delete downloaded packages after each install
(`/etc/apt/apt.conf.d/docker-clean`): the first apt RUN of a stage removes that
file and keeps downloads, as BuildKit's documentation does. apk caches only
through `/etc/apk/cache`: the first apk RUN links it to `/var/cache/apk`.

Off by default (`[rules.cache-mounts]` in `.dfopt.toml`, or `--select`). It
skips RUNs run as a non-root USER (their caches live elsewhere), exec-form and
heredoc RUNs, and a tool whose cache location a variable changes (`GOPATH`,
`GOMODCACHE`, `GOCACHE`, `CARGO_HOME`, `GRADLE_USER_HOME`, `PIP_NO_CACHE_DIR`,
`npm_config_cache`, `YARN_CACHE_FOLDER`). An apt install that does not run
`apt-get update` in the same RUN is reported without a fix: its lists would
live on the cache mount, which the builder may empty at any time.

## Why is this bad?
Without a cache mount, every rebuild of the RUN downloads every package
again. A cache mount keeps the downloads on the build machine between builds,
and never in the image, so the no-cache flags and cleanups become unnecessary.

## Example
```dockerfile
RUN pip install --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
# syntax=docker/dockerfile:1
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
```

## Fix safety
Unsafe: it needs BuildKit. What the cache holds is not in the image: a later
RUN that relies on it (the apt lists, `mvn -o` after `dependency:go-offline`)
must mount it too, and a later RUN without the mount may now fill the layer
(the `/etc/apk/cache` link stays). The classic builder ignores the syntax line
and fails on `--mount`.
)";

bool root_user(const std::string& user) {
  const std::string name = user.substr(0, user.find(':'));
  return name.empty() || name == "root" || name == "0";
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const auto& ins = ctx.doc().instructions;
  for (std::size_t i = 0; i < ins.size(); ++i) {
    const syntax::Instruction& run = ins[i];
    // Mounts are for RUN itself, in shell form we can edit.
    if (run.keyword != syntax::Keyword::Run || run.form != syntax::ArgForm::Shell ||
        !run.heredocs.empty())
      continue;
    const shell::Script* script = analysis.script(i);
    if (script == nullptr || script->status == shell::ParseStatus::Opaque ||
        script->statements.empty())
      continue;
    // Another user's caches live in another home.
    if (!root_user(analysis.environment(i).user)) continue;
    const std::span<const RunCommand> cmds = run_commands(analysis, i);
    const CachePlan plan = plan_cache_mounts(analysis, i, cmds);
    // Nothing here downloads into a cache we know, or every cache is mounted.
    if (plan.mounts.empty()) continue;
    const std::string message = fmt::format("{} downloads again on every rebuild: no cache mount",
                                            fmt::join(plan.tools, ", "));
    if (!plan.refusal.empty()) {
      ctx.report(run.keyword_span, message + " (no fix: " + plan.refusal + ")");
      continue;
    }
    std::vector<TextEdit> edits = plan.edits;
    if (auto directive = add_syntax_directive(analysis)) edits.push_back(*directive);
    ctx.report(run.keyword_span, message, Safety::Unsafe, "add cache mounts", std::move(edits));
  }
}

}  // namespace

const Transform& cache_mounts() {
  static const Transform t{"cache-mounts",
                           Category::Cache,
                           Safety::Unsafe,
                           "mount package manager caches with RUN --mount=type=cache",
                           {},
                           doc,
                           false,
                           check};
  return t;
}

}  // namespace dfopt::transforms
