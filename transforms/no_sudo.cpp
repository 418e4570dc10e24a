#include <algorithm>
#include <array>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Removes `sudo` (and its options: `-E`, `-H`, `-n`, `-u root`, …) from RUN
commands when the build runs as root. When a `USER` instruction has switched
to another user, or `sudo -u` targets one, it only reports.

## Why is this bad?
RUN commands run as root unless a `USER` instruction says otherwise, so `sudo`
does nothing but add a package (and a setuid binary) to the image — or the
build fails because the base image has no `sudo`. After `USER app`, `sudo`
works only if the image grants `app` password-less sudo, which leaves a root
escalation in the final image; switching to `USER root` for the step and back
afterwards says what is meant.

## Example
```dockerfile
FROM debian:bookworm
RUN sudo apt-get update
```

Use instead:
```dockerfile
FROM debian:bookworm
RUN apt-get update
```

Only a `sudo` that starts a command counts (`env sudo x` is left alone), and
only when it runs a command (`sudo -v` is not touched).

## Fix safety
Unsafe: `sudo` resets the environment (`PATH` becomes `secure_path`, most
variables are dropped unless `-E`) and sets `HOME` for the target user;
without it the command sees the build's own environment. And the user in
effect is only known from this file: when the base image sets `USER` itself,
the command runs as that user once `sudo` is gone. A few well-known such
images (`circleci/*`, `cimg/*`, `ocaml/opam*`, `jenkins/*`, `jupyter/*`, …)
are recognised and only reported. No fix is offered for options that change
more than the environment (`-i`, `-D`, `-g`, `-h`, `-R`, `-U`, `-b`, …), nor
when a comment line sits among the removed words.
)";

// Options that only touch the environment, prompts or credentials: they can go with sudo.
constexpr std::array<std::string_view, 11> kHarmlessLong = {
    "preserve-env", "set-home", "non-interactive", "stdin",  "reset-timestamp", "preserve-groups",
    "askpass",      "bell",     "shell",           "prompt", "close-from"};
constexpr std::string_view kHarmlessShort = "EHnSkPABspC";
constexpr std::array<std::string_view, 12> kValueLong = {
    "--user",   "--group",      "--chdir",      "--host",       "--role",
    "--type",   "--prompt",     "--other-user", "--close-from", "--command-timeout",
    "--chroot", "--login-class"};
constexpr std::string_view kValueShort = "ugCDhprtUTRc";

// Base images known to switch to a user of their own; sudo is how their users get root.
constexpr std::array<std::string_view, 11> kNonRootBases = {
    "circleci/", "cimg/",     "ocaml/opam",     "ekidd/rust-musl-builder",
    "jenkins/",  "jupyter/",  "gitpod/",        "bitnami/",
    "selenium/", "codercom/", "anibali/pytorch"};

// The external image a stage starts from, following FROM <stage> chains.
std::string_view base_image(const syntax::StageView& stages, std::size_t index) {
  const syntax::Stage* stage = stages.stage_of(index);
  for (std::size_t hops = 0; stage != nullptr && stage->base_stage && hops < stages.stages.size();
       ++hops) {
    stage = &stages.stages[*stage->base_stage];
  }
  if (stage == nullptr) return {};
  std::string_view base = stage->base;
  for (const std::string_view prefix : {"docker.io/", "library/"}) {
    if (base.starts_with(prefix)) base.remove_prefix(prefix.size());
  }
  return base;
}

bool is_root(std::string_view user) {
  user = user.substr(0, user.find(':'));
  return user.empty() || user == "root" || user == "0" || user == "#0";
}

// sudo's options: where the command starts, and what stands in the way of removing them.
struct SudoOptions {
  std::size_t program = 0;  // index of the first word after the options; 0 when there is none
  std::string target;       // a non-root -u/--user
  std::string blocker;      // an option that changes more than the environment
};

// Judges one option with its value (nullopt when it takes none).
void judge(std::string_view name, std::optional<std::string_view> value, std::string_view spelled,
           SudoOptions& out) {
  if (name == "u" || name == "user") {
    if (!is_root(value.value_or(""))) out.target = value.value_or("?");
  } else if (name == "g" || name == "group") {
    if (!is_root(value.value_or(""))) out.blocker = spelled;
  } else {
    const bool harmless = name.size() == 1 ? kHarmlessShort.find(name) != std::string_view::npos
                                           : std::find(kHarmlessLong.begin(), kHarmlessLong.end(),
                                                       name) != kHarmlessLong.end();
    if (!harmless) out.blocker = spelled;
  }
}

SudoOptions parse(const std::vector<shell::Word>& words) {
  SudoOptions out;
  std::size_t i = 1;
  for (; i < words.size(); ++i) {
    const std::string_view w =
        words[i].literal ? std::string_view(*words[i].literal) : std::string_view();
    if (w == "--") {
      ++i;
      break;
    }
    if (w.size() < 2 || w[0] != '-') break;
    auto next = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= words.size()) return std::string_view("?");
      ++i;
      return words[i].literal ? std::string_view(*words[i].literal) : std::string_view("?");
    };
    if (w.starts_with("--")) {
      const std::size_t eq = w.find('=');
      const std::string_view name =
          w.substr(2, eq == std::string_view::npos ? std::string_view::npos : eq - 2);
      std::optional<std::string_view> value;
      if (eq != std::string_view::npos) value = w.substr(eq + 1);
      const bool takes_value =
          std::find(kValueLong.begin(), kValueLong.end(), w.substr(0, eq)) != kValueLong.end();
      if (!value && takes_value) value = next();
      judge(name, value, w, out);
      continue;
    }
    for (std::size_t k = 1; k < w.size(); ++k) {
      const std::string_view name = w.substr(k, 1);
      if (kValueShort.find(w[k]) == std::string_view::npos) {
        judge(name, std::nullopt, w, out);
        continue;
      }
      judge(name, k + 1 < w.size() ? std::optional(w.substr(k + 1)) : next(), w, out);
      break;
    }
  }
  out.program = i < words.size() ? i : 0;
  return out;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  for (const RunCommand& cmd : run_commands(analysis)) {
    const std::vector<shell::Word>& words = cmd.command->words;
    // sudo must be the command's first word (`env sudo x` is left alone).
    if (words.empty() || shell::program_name(words.front()) != "sudo") continue;
    const SudoOptions options = parse(words);
    // `sudo -v`, `sudo -l`: sudo itself is the program.
    if (options.program == 0) continue;
    // ONBUILD RUN: the user is decided by the image built FROM this one.
    if (cmd.run != &analysis.doc().instructions[cmd.index]) continue;
    const Span at = words.front().span;
    const syntax::Environment env = analysis.environment(cmd.index);
    // Another user runs the build: sudo may be what grants root here.
    if (!is_root(env.user)) {
      ctx.report(at, "the build runs as USER " + env.user +
                         "; switch to USER root for this step instead of sudo");
      continue;
    }
    // No USER in this file, but the base image is known to set one.
    const std::string_view base = base_image(analysis.stages(), cmd.index);
    if (env.user.empty() && std::any_of(kNonRootBases.begin(), kNonRootBases.end(),
                                        [&](std::string_view b) { return base.starts_with(b); })) {
      ctx.report(at,
                 "the base image " + std::string(base) +
                     " runs as a non-root user; switch to USER root for this step instead of sudo");
      continue;
    }
    // sudo -u someone: dropping it would run the command as root.
    if (!options.target.empty()) {
      ctx.report(
          at, "sudo -u " + options.target + " runs the command as another user; use USER for that");
      continue;
    }
    // An option such as -i or -D changes more than the environment.
    if (!options.blocker.empty()) {
      ctx.report(at, "sudo is unnecessary: the build runs as root (remove it and " +
                         options.blocker + " by hand)");
      continue;
    }
    // Remove through the blanks after the last option; keep a line continuation.
    const std::string_view text = analysis.text();
    std::uint32_t end = words[options.program - 1].span.end;
    while (end < words[options.program].span.begin && (text[end] == ' ' || text[end] == '\t'))
      ++end;
    const Span removed{at.begin, end};
    const bool over_comment =
        std::any_of(cmd.run->inner_comments.begin(), cmd.run->inner_comments.end(),
                    [&](const Span& c) { return c.begin < removed.end && removed.begin < c.end; });
    const std::string message = "sudo is unnecessary: the build runs as root";
    // Removing the words would take a comment line with them.
    if (over_comment) {
      ctx.report(at, message + " (remove it by hand: a comment line sits among its options)");
      continue;
    }
    ctx.report(at, message, Safety::Unsafe, "remove sudo", {TextEdit::remove(removed)});
  }
}

}  // namespace

const Transform& no_sudo() {
  static const Transform t{"no-sudo",
                           Category::Packages,
                           Safety::Unsafe,
                           "drop sudo from RUN commands when the build runs as root",
                           {"DL3004", "DS010"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
