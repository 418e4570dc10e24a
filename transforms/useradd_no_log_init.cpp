#include <algorithm>
#include <array>
#include <cctype>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `--no-log-init` (the long spelling of `-l`) to `useradd` commands that
create a user with a literal UID above 65535 (`-u N`, `-uN`, `--uid N`,
`--uid=N`).

## Why is this bad?
`useradd` writes the new user's entries into `/var/log/lastlog` and
`/var/log/faillog`, files indexed by UID: the entry of UID *n* sits at offset
*n* × 292 bytes in lastlog (× 32 in faillog). On disk they are sparse, but
image layers are tar archives and Docker's layer code does not keep the holes:
`useradd -u 1000000000` makes a layer of almost 300 GB of zeros, and the build
runs out of disk or takes hours. Below 65536 the files stay small enough.

## Example
```dockerfile
RUN useradd -u 100000 -m app
```

Use instead:
```dockerfile
RUN useradd --no-log-init -u 100000 -m app
```

A UID given through a variable (`-u $UID`) is not checked.

## Fix safety
Safe: the user is created as before; only its (empty) lastlog and faillog
records are not written, which nothing in a container reads.
)";

constexpr std::array<std::string_view, 28> kUseraddValueFlags = {
    "-b",       "-c",         "-d",        "-e",         "-f",           "-g",         "-G",
    "-k",       "-K",         "-p",        "-R",         "-P",           "-s",         "-u",
    "-Z",       "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid",
    "--groups", "--skel",     "--key",     "--password", "--root",       "--prefix",   "--uid"};

// The UID when it is a literal number above 65535.
std::optional<std::string_view> high_uid(const shell::CommandView& v) {
  for (const std::string_view uid : shell::flag_values(v, {"u", "uid"})) {
    if (uid.empty() || !std::all_of(uid.begin(), uid.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      continue;
    }
    const std::string_view digits = uid.substr(std::min(uid.find_first_not_of('0'), uid.size()));
    if (digits.size() > 5 || (digits.size() == 5 && digits > "65535")) return uid;
  }
  return std::nullopt;
}

void check(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    // Only useradd writes lastlog/faillog entries this way.
    if (cmd.view.program != "useradd") continue;
    // Already skipping the log files.
    if (shell::has_flag(cmd.view, {"l", "no-log-init"}, kUseraddValueFlags)) continue;
    const std::optional<std::string_view> uid = high_uid(cmd.view);
    // Low (or unknown) UIDs keep the sparse files small.
    if (!uid) continue;
    ctx.report(cmd.command->span,
               "useradd with UID " + std::string(*uid) +
                   " without --no-log-init: lastlog and faillog bloat the layer",
               Safety::Safe, "add --no-log-init",
               {TextEdit::insert(cmd.view.program_word->span.end, " --no-log-init")});
  }
}

}  // namespace

const Transform& useradd_no_log_init() {
  static const Transform t{"useradd-no-log-init",
                           Category::Packages,
                           Safety::Safe,
                           "useradd --no-log-init for UIDs above 65535",
                           {"DL3046"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
