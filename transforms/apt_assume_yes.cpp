#include <algorithm>
#include <array>
#include <cctype>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `-y` to `apt-get` (and `apt`) commands that may ask for confirmation:
`install`, `reinstall`, `upgrade`, `dist-upgrade`, `full-upgrade`, `remove`,
`purge`, `autoremove`, `autopurge`, `build-dep` and `satisfy`.

## Why is this bad?
Without `-y`, apt asks "Do you want to continue? [Y/n]" whenever it installs
more than was asked for or removes anything. A build has no terminal: the
prompt reads end-of-file and apt aborts, so the build fails — or works today
and fails the day a package gains a dependency.

## Example
```dockerfile
RUN apt-get update && apt-get install curl
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y curl
```

Already fine: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2` and
`--quiet=2` (quiet level 2 implies `-y`), `--force-yes`,
`-o APT::Get::Assume-Yes=true`, an earlier RUN of the stage that sets
`APT::Get::Assume-Yes` in `/etc/apt/apt.conf.d/`, and answers piped in from
`yes` (`yes | apt-get install x`). Commands that never prompt are left alone:
`--assume-no`, `--trivial-only` and simulations (`-s`, `--dry-run`, …).

## Fix safety
Safe: `-y` only answers the prompt the way the build needs; when apt would
not have asked, nothing changes.
)";

// The subcommands that may ask "Do you want to continue?".
constexpr std::array<std::string_view, 11> kPrompting = {
    "install", "reinstall",  "upgrade",   "dist-upgrade", "full-upgrade", "remove",
    "purge",   "autoremove", "autopurge", "build-dep",    "satisfy"};

// What the command line says about prompts.
struct Answers {
  int quiet = 0;           // the quiet level; 2 implies -y
  bool yes = false;        // answered yes
  bool no_prompt = false;  // answered no, or only simulates
};

int quiet_level(std::string_view value) {
  return value.size() == 1 && std::isdigit(static_cast<unsigned char>(value[0])) != 0
             ? value[0] - '0'
             : 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void read_long(std::string_view flag, Answers& a) {
  const std::size_t eq = flag.find('=');
  const std::string_view name =
      flag.substr(2, eq == std::string_view::npos ? std::string_view::npos : eq - 2);
  if (name == "yes" || name == "assume-yes" || name == "force-yes") a.yes = true;
  if (name == "quiet")
    a.quiet = eq == std::string_view::npos ? a.quiet + 1 : quiet_level(flag.substr(eq + 1));
  if (name == "assume-no" || name == "trivial-only" || name == "simulate" || name == "just-print" ||
      name == "dry-run" || name == "recon" || name == "no-act") {
    a.no_prompt = true;
  }
}

Answers answers(const shell::CommandView& v) {
  Answers a;
  for (std::size_t i = 0; i < v.args.size(); ++i) {
    if (!v.args[i].literal) continue;
    const std::string_view w = *v.args[i].literal;
    if (w == "--") break;
    if (w.size() < 2 || w[0] != '-') continue;
    if (w.starts_with("--")) {
      read_long(w, a);
      if (shell::Names(shell::kAptValueFlags).contains(w)) ++i;
      continue;
    }
    if (w.starts_with("-q=")) {
      a.quiet = quiet_level(w.substr(3));
      continue;
    }
    // A short cluster such as -qqy; -o, -c, -t, -a and -P take the rest (or the next word) as a
    // value.
    for (std::size_t k = 1; k < w.size(); ++k) {
      const char c = w[k];
      if (c == 'q') ++a.quiet;
      if (c == 'y') a.yes = true;
      if (c == 's') a.no_prompt = true;
      if (c == 'o' || c == 'c' || c == 't' || c == 'a' || c == 'P') {
        if (k + 1 == w.size()) ++i;
        break;
      }
    }
  }
  for (const std::string_view option : shell::flag_values(v, {"o", "option"})) {
    const std::size_t eq = option.find('=');
    if (eq == std::string_view::npos || lower(option.substr(0, eq)) != "apt::get::assume-yes")
      continue;
    const std::string value = lower(option.substr(eq + 1));
    a.yes = a.yes || value == "true" || value == "1" || value == "yes";
  }
  return a;
}

void check(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    const std::optional<std::string_view> sub = apt_subcommand(cmd.view);
    // Only apt-get/apt subcommands that change packages ask for confirmation.
    if (!sub || std::find(kPrompting.begin(), kPrompting.end(), *sub) == kPrompting.end()) continue;
    const Answers a = answers(cmd.view);
    // Answered yes already, in any spelling (quiet level 2 implies -y).
    if (a.yes || a.quiet >= 2) continue;
    // Answers no or only simulates: it never waits for an answer.
    if (a.no_prompt) continue;
    // `yes | apt-get install x` answers the prompt.
    const shell::SimpleCommand* feeder = piped_from(cmd);
    if (feeder != nullptr && shell::view(*feeder).program == "yes") continue;
    // An apt.conf.d snippet written earlier in the stage answers for every command.
    if (earlier_run_mentions(ctx.analysis(), cmd.index, {"Assume-Yes", "apt.conf"})) continue;
    const std::string message =
        cmd.view.program + " " + std::string(*sub) + " without -y fails at its first prompt";
    const auto edit = add_flag_after_subcommand(cmd, "-y", shell::kAptValueFlags);
    if (!edit) {
      ctx.report(cmd.command->span, message);
      continue;
    }
    ctx.report(cmd.command->span, message, Safety::Safe, "add -y", {*edit});
  }
}

}  // namespace

const Transform& apt_assume_yes() {
  static const Transform t{"apt-assume-yes",
                           Category::Packages,
                           Safety::Safe,
                           "add -y to apt-get commands that would prompt",
                           {"DL3014", "DS021"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
