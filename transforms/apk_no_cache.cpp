#include <algorithm>
#include <array>
#include <set>

#include "rewrite/suppressions.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `--no-cache` to `apk add`, and drops what it makes redundant in the same
RUN: `apk update` and `rm -rf /var/cache/apk/*`.

## Why is this bad?
Without `--no-cache`, apk keeps the package index it downloaded in
`/var/cache/apk`, and the layer keeps it forever unless the same RUN deletes
it. `--no-cache` fetches the index into memory, installs, and leaves nothing
behind — so neither a separate `apk update` nor a cleanup is needed.

## Example
```dockerfile
RUN apk update && apk add curl && rm -rf /var/cache/apk/*
```

Use instead:
```dockerfile
RUN apk add --no-cache curl
```

It does not fire for `apk add --no-network` (nothing is downloaded), nor when
the cache lives on a cache mount (`RUN --mount=type=cache,target=/var/cache/apk`
or `/etc/apk/cache`).
`apk update` and the cleanup are kept when another apk command of the RUN
(`apk upgrade`, say) or of a later RUN of the stage runs without `--no-cache`
and may need the index; `rm -rf` is also kept when it removes anything else,
or while an `apk update` stays.

## Fix safety
Safe: the same packages are installed from the same repositories; only the
cached index is no longer written to the layer.
)";

// apk options followed by a separate value (global ones and `add`'s).
// clang-format off
constexpr std::array<std::string_view, 16> kApkValueFlags = {
    "-X", "--repository", "-p", "--root", "-t", "--virtual", "--arch", "--cache-dir",
    "--keys-dir", "--repositories-file", "--progress-fd", "--wait", "--timeout", "--cache-max-age",
    "--uvol-manager", "--from"};
// clang-format on

bool is_apk(const RunCommand& c) { return shell::is_program(c.view, {"apk"}); }

std::string_view apk_subcommand(const RunCommand& c) {
  const shell::Word* sub = shell::subcommand(c.view, kApkValueFlags);
  return sub != nullptr && sub->literal ? std::string_view(*sub->literal) : std::string_view();
}

bool no_cache(const RunCommand& c) { return shell::has_flag(c.view, {"no-cache"}, kApkValueFlags); }

// `apk add` that downloads without --no-cache (`--no-network` installs from
// what is already there, and needs the cached index to do so).
bool fixable_add(const RunCommand& c) {
  return is_apk(c) && apk_subcommand(c) == "add" && !no_cache(c) &&
         !shell::has_flag(c.view, {"no-network"}, kApkValueFlags);
}

// An apk command that reads (and without --no-cache, writes) the cached index.
bool uses_index(const RunCommand& c) {
  const std::string_view sub = apk_subcommand(c);
  return is_apk(c) && sub != "update" && sub != "del" && !no_cache(c);
}

// `rm` whose every operand is the apk cache (`/var/cache/apk/*`, `/var/cache/apk`).
bool removes_only_apk_cache(const RunCommand& c) {
  if (c.view.program != "rm") return false;
  const std::vector<const shell::Word*> paths = shell::operands(c.view);
  if (paths.empty()) return false;
  for (const shell::Word* w : paths) {
    if (!w->literal) return false;
    std::string_view p = *w->literal;
    if (p.ends_with("/*")) p.remove_suffix(2);
    if (p.ends_with("/")) p.remove_suffix(1);
    if (p != "/var/cache/apk") return false;
  }
  return true;
}

// Whether the RUN of `c` runs `apk update` before it.
bool updated_before(const std::vector<RunCommand>& all, const RunCommand& c) {
  return std::any_of(all.begin(), all.end(), [&](const RunCommand& u) {
    return u.index == c.index && u.command->span.begin < c.command->span.begin && is_apk(u) &&
           apk_subcommand(u) == "update";
  });
}

// Whether a later RUN of the stage may read the index that an `apk update` of RUN
// `index` leaves: an apk command without --no-cache that does not update first
// (an `apk add` this rule fixes as well does not count), or a RUN this rule
// cannot see into (heredoc, exec form, opaque shell) that mentions apk.
bool needed_later(const Context& ctx, const std::vector<RunCommand>& all, std::size_t index) {
  const Analysis& analysis = ctx.analysis();
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return true;
  const Suppressions suppressions = Suppressions::of(ctx.doc());
  for (const RunCommand& c : all) {
    if (c.index <= index || c.index >= stage->end || !uses_index(c) || updated_before(all, c))
      continue;
    const bool fixed_too =
        fixable_add(c) && !suppressions.suppressed(ctx.transform(), c.command->span.begin);
    if (!fixed_too) return true;
  }
  for (std::size_t i = index + 1; i < stage->end; ++i) {
    const syntax::Instruction* run = analysis.run(i);
    if (run == nullptr) continue;
    const shell::Script* script = analysis.script(i);
    const bool hidden =
        !run->heredocs.empty() || script == nullptr || script->status != shell::ParseStatus::Parsed;
    if (hidden && analysis.text().substr(run->span.begin, run->span.size()).find("apk") !=
                      std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool has_apk_cache_mount(const syntax::Instruction& run) {
  return has_cache_mount(run, "/var/cache/apk") || has_cache_mount(run, "/etc/apk/cache");
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const std::vector<RunCommand>& all = run_commands(analysis);
  std::set<std::size_t> done;
  for (const RunCommand& first : all) {
    // Only `apk add` without --no-cache (or --no-network) writes the index into the layer.
    if (!fixable_add(first)) continue;
    // One finding per RUN, at its first such `apk add`.
    if (!done.insert(first.index).second) continue;
    // The cache lives on a cache mount, not in the layer.
    if (has_apk_cache_mount(*first.run)) continue;
    std::vector<TextEdit> edits;
    std::vector<const RunCommand*> updates;
    std::vector<const RunCommand*> rms;
    // An opaque part of the RUN (an `if`, say) may read the index too.
    bool index_needed =
        first.script->status != shell::ParseStatus::Parsed || needed_later(ctx, all, first.index);
    for (const RunCommand& c : all) {
      if (c.index != first.index) continue;
      if (fixable_add(c)) {
        const auto edit = add_flag_after_subcommand(c, "--no-cache", kApkValueFlags);
        if (edit) edits.push_back(*edit);
      } else if (is_apk(c) && apk_subcommand(c) == "update") {
        updates.push_back(&c);
      } else if (removes_only_apk_cache(c)) {
        rms.push_back(&c);
      } else {
        index_needed = index_needed || uses_index(c);
      }
    }
    // Drop the updates when nothing else needs their index, then the cleanup
    // when no update is left to fill the cache.
    std::optional<std::vector<TextEdit>> removals;
    if (!index_needed) {
      std::vector<const RunCommand*> both = updates;
      both.insert(both.end(), rms.begin(), rms.end());
      removals = remove_from_and_chains(both);
      if (!removals && !updates.empty()) removals = remove_from_and_chains(updates);
    }
    if (removals) edits.insert(edits.end(), removals->begin(), removals->end());
    const std::string message = "apk add without --no-cache keeps the package index in the layer";
    if (edits.empty()) {
      ctx.report(first.command->span, message);
      continue;
    }
    ctx.report(first.command->span, message, Safety::Safe, "use apk add --no-cache",
               std::move(edits));
  }
}

}  // namespace

const Transform& apk_no_cache() {
  static const Transform t{"apk-no-cache",
                           Category::Packages,
                           Safety::Safe,
                           "add --no-cache to apk add and drop the then redundant apk update",
                           {"DL3019", "DS025"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
