#include <algorithm>
#include <cctype>

#include "transforms/list.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `--no-install-recommends` to `apt-get install` (and `apt install`).

## Why is this bad?
By default apt also installs every package the requested ones *recommend*:
documentation, optional helpers, often whole toolchains. In an image they are
dead weight — on `debian:bookworm-slim`, `apt-get install -y curl` adds 35 MB
with recommends and 12 MB without.

## Example
```dockerfile
RUN apt-get update && apt-get install -y curl
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

Already fine: `-o APT::Install-Recommends=false` (or `0`, `no`) on the command,
or an earlier RUN of the stage that configures `APT::Install-Recommends` in
`/etc/apt/apt.conf.d/`.

## Fix safety
Unsafe: packages that were only recommended are no longer installed, and the
application may have relied on one of them. The fix adds the recommended
packages that a few tools cannot work without, unless the stage installs them
already: `ca-certificates` with `curl`, `wget` or `git` (HTTPS needs it) and
`libc6-dev` with `gcc`/`clang` (C headers). Others you need must be added to
the package list by hand.
)";

// The companions `cmd` needs that neither it nor an earlier RUN of the stage installs.
std::vector<std::string_view> missing_companions(const Analysis& analysis, const RunCommand& cmd) {
  const std::vector<std::string_view> installing = installed_by(cmd.view);
  const std::vector<std::string> before = installed_packages(analysis, cmd.index);
  const auto has = [&](std::string_view p) {
    return std::find(before.begin(), before.end(), p) != before.end() ||
           (p == "libc6-dev" &&
            std::find(before.begin(), before.end(), "build-essential") != before.end());
  };
  std::vector<std::string_view> out;
  for (const std::string_view c : needed_recommendations(installing)) {
    if (!has(c)) out.push_back(c);
  }
  return out;
}

bool is_false(std::string_view v) {
  std::string s(v);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ';')) s.pop_back();
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.erase(0, 1);
  return s == "false" || s == "0" || s == "no" || s == "off";
}

bool recommends_off(const shell::CommandView& cmd) {
  if (shell::has_flag(cmd, {"no-install-recommends"}, shell::kAptValueFlags)) return true;
  for (const std::string_view option : shell::flag_values(cmd, {"o", "option"})) {
    const std::size_t eq = option.find('=');
    std::string key(option.substr(0, eq));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (key == "apt::install-recommends" && eq != std::string_view::npos &&
        is_false(option.substr(eq + 1))) {
      return true;
    }
  }
  return false;
}

void check(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    // Only installs pull in recommended packages.
    if (!shell::is_apt_get_install(cmd.view)) continue;
    // Already turned off on the command line, in any spelling.
    if (recommends_off(cmd.view)) continue;
    // Turned off for the whole stage by an apt.conf snippet.
    if (earlier_run_mentions(ctx.analysis(), cmd.index, {"Install-Recommends"})) continue;
    const auto edit =
        add_flag_after_subcommand(cmd, "--no-install-recommends", shell::kAptValueFlags);
    const std::string message = cmd.view.program + " install without --no-install-recommends";
    if (!edit) {
      ctx.report(cmd.command->span, message);
      continue;
    }
    std::vector<TextEdit> edits{*edit};
    std::string title = "add --no-install-recommends";
    const std::vector<std::string_view> companions = missing_companions(ctx.analysis(), cmd);
    const std::vector<const shell::Word*> operands =
        shell::args_after_subcommand(cmd.view, shell::kAptValueFlags);
    if (!companions.empty() && !operands.empty()) {
      std::string added;
      for (const std::string_view c : companions) added += " " + std::string(c);
      edits.push_back(TextEdit::insert(operands.back()->span.end, added));
      title += " and install" + added + " (no longer pulled in as a recommendation)";
    }
    ctx.report(cmd.command->span, message, Safety::Unsafe, title, std::move(edits));
  }
}

}  // namespace

const Transform& apt_no_install_recommends() {
  static const Transform t{"apt-no-install-recommends",
                           Category::Packages,
                           Safety::Unsafe,
                           "add --no-install-recommends to apt-get install",
                           {"DL3015", "DS029"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
