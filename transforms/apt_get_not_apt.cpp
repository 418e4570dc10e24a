#include <algorithm>
#include <array>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Replaces `apt` with `apt-get` in RUN commands (`install`, `update`,
`upgrade`, `dist-upgrade`, `full-upgrade`, `remove`, `purge`, `autoremove`,
`clean`, `autoclean`, `build-dep`, `source`, `download`, `changelog`). Only
the program word changes; a path is kept (`/usr/bin/apt` → `/usr/bin/apt-get`).
`apt upgrade` becomes `apt-get upgrade --with-new-pkgs`, which is what `apt
upgrade` does.

The query commands (`apt list`, `search`, `show`, `showsrc`, `policy`,
`depends`, `rdepends`) are reported with a suggestion to use `apt-cache` (or
`dpkg-query` for the installed packages), without a fix.

## Why is this bad?
`apt` is the command line for people: its output and options may change
between releases, and it says so on every run ("WARNING: apt does not have a
stable CLI interface. Use with caution in scripts."). `apt-get` and
`apt-cache` are the stable interfaces meant for scripts and Dockerfiles.

## Example
```dockerfile
RUN apt update && apt install -y curl
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y curl
```

## Fix safety
Safe: the same packages are installed and removed. `apt` deletes downloaded
`.deb` files after a successful install where `apt-get` keeps them in
`/var/cache/apt/archives` (Debian and Ubuntu images remove them anyway through
`/etc/apt/apt.conf.d/docker-clean`); that cache is all that may differ. There
is no fix when the `apt` word is quoted or escaped.
)";

constexpr std::array<std::string_view, 14> kScriptable = {
    "install",    "update", "upgrade",   "dist-upgrade", "full-upgrade", "remove",   "purge",
    "autoremove", "clean",  "autoclean", "build-dep",    "source",       "download", "changelog"};
constexpr std::array<std::string_view, 7> kQueries = {"list",   "search",  "show",    "showsrc",
                                                      "policy", "depends", "rdepends"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The program word is written plainly (no quotes or escapes), so appending `-get` renames it.
bool plain(const shell::Word& word) {
  return word.parts.size() == 1 && word.parts.front().kind == shell::PartKind::Literal &&
         word.literal && word.span.size() == word.literal->size();
}

void check(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    // Only `apt` itself (apt-get is what we want).
    if (cmd.view.program != "apt" || cmd.view.program_word == nullptr) continue;
    const std::optional<std::string_view> sub = apt_subcommand(cmd.view);
    // `apt` alone, or a subcommand we cannot read.
    if (!sub) continue;
    const Span at = cmd.view.program_word->span;
    if (among(kQueries, *sub)) {
      const std::string instead =
          *sub == "list" ? "dpkg-query -l or apt-cache policy" : "apt-cache " + std::string(*sub);
      ctx.report(at,
                 "apt " + std::string(*sub) + " is for interactive use; in scripts use " + instead);
      continue;
    }
    // Subcommands apt-get lacks (reinstall, autopurge, edit-sources, …) have no drop-in
    // replacement.
    if (!among(kScriptable, *sub)) continue;
    const std::string message = "apt " + std::string(*sub) + " in a script; use apt-get";
    // A quoted or escaped word cannot simply be extended.
    if (!plain(*cmd.view.program_word)) {
      ctx.report(at, message);
      continue;
    }
    std::vector<TextEdit> edits = {TextEdit::insert(at.end, "-get")};
    if (*sub == "upgrade" &&
        !shell::has_flag(cmd.view, {"with-new-pkgs", "without-new-pkgs"}, shell::kAptValueFlags)) {
      if (const auto edit =
              add_flag_after_subcommand(cmd, "--with-new-pkgs", shell::kAptValueFlags)) {
        edits.push_back(*edit);
      }
    }
    ctx.report(at, message, Safety::Safe, "use apt-get", std::move(edits));
  }
}

}  // namespace

const Transform& apt_get_not_apt() {
  static const Transform t{"apt-get-not-apt",
                           Category::Packages,
                           Safety::Safe,
                           "use apt-get rather than apt in RUN commands",
                           {"DL3027"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
