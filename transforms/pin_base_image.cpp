#include <algorithm>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/base_images.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Reports a `FROM` whose image has no tag and no digest, or the tag `latest`.
With a `map` setting that names a pin for the image, it writes that pin into
the `FROM`.

## Why is this bad?
`python` and `python:latest` are whatever was pushed last: the next build may
get a new major version of the language, a different Debian release or a
different libc, and builds on two machines differ. A tag that names a version
(`python:3.12-slim`) changes only within that version; a digest
(`python:3.12-slim@sha256:…`) never changes.

## Example
```dockerfile
FROM python
FROM node:latest AS web
```

Use instead:
```dockerfile
FROM python:3.12-slim
FROM node:20.11.1-bookworm-slim AS web
```

`scratch`, stage names (`FROM builder`) and references with a digest are
never reported (`name:latest@sha256:…` is pinned by its digest). A reference
made of build arguments (`FROM $BASE`, `FROM python:${PY}`) is reported only
when the defaults of the ARGs before the first `FROM` make it unpinned; the
finding names the resolved image and has no fix (a `--build-arg` may override
the default: change the `ARG` line by hand). `--platform` and `AS name` are
kept; only the image word changes, so `# syntax=` / `# escape=` directives and
comments stay where they are.

Without a `map` entry for the image the finding has no fix: dfopt does not
query registries, so it cannot know which version or digest you build today.

## Options
`map` (table of strings) — image name → pin. The name is matched without its
tag and with Docker Hub spellings unified (`python`, `library/python` and
`docker.io/library/python` are the same image); quote names that hold `/` or
`.`. The value is
- a digest `sha256:…`: written as `image@sha256:…` (a `latest` tag is dropped);
- a tag (`3.12-slim`): written as `image:3.12-slim`;
- a whole reference when it holds `:`, `/` or `@` (`python:3.12-slim`,
  `ghcr.io/org/python:3.12@sha256:…`): it replaces the image word.

```toml
[rules.pin-base-image]
map = { python = "3.12-slim", node = "node:20.11.1-bookworm-slim", alpine = "sha256:c5b1…" }
```

A value that would leave the image unpinned (`latest`, or empty) or that holds
white space or `$` gives no fix.

## Fix safety
Safe with a `map` entry: the pin is the one you chose, presumably the image you
build today, so the image content does not change on the day of the fix — it
only stops changing behind your back. If the pin names another version than
the one `latest` gives today, that is your choice in the map.
)";

// Whether a reference (variables expanded) floats: no digest and no tag or `latest`.
bool unpinned(const ImageRef& ref) {
  return ref.digest.empty() && (ref.tag.empty() || ref.tag == "latest");
}

// The `map` value for `ref`, if any.
std::optional<std::string> pin_for(const Context& ctx, const ImageRef& ref) {
  for (const auto& [name, value] : ctx.setting_table("map")) {
    const ImageRef key = parse_image(name);
    if (key.qualified() == ref.qualified()) return value;
  }
  return std::nullopt;
}

// The new image word for `written` (the reference as written, no variables) pinned with `pin`;
// nullopt when `pin` would not pin it.
std::optional<std::string> pinned_reference(std::string_view written, const std::string& pin) {
  if (pin.empty() || pin.find_first_of(" \t\r\n$") != std::string::npos) return std::nullopt;
  // The written name without its tag (`docker.io/library/python` of
  // `docker.io/library/python:latest`).
  const std::size_t slash = written.rfind('/');
  const std::size_t colon = written.find(':', slash == std::string_view::npos ? 0 : slash);
  const std::string name(written.substr(0, colon));
  std::string out;
  if (pin.starts_with("sha256:")) {
    out = name + "@" + pin;
  } else if (pin.find_first_of(":/@") != std::string::npos) {
    out = pin;
  } else {
    out = name + ":" + pin;
  }
  if (unpinned(parse_image(out))) return std::nullopt;
  return out;
}

void check_stage(Context& ctx, const syntax::Stage& stage) {
  const syntax::Instruction& from = ctx.doc().instructions[stage.from];
  if (stage.base_stage || from.args.empty()) return;
  const syntax::Word& word = from.args[0];
  const std::optional<std::string> expanded = expand_meta_args(ctx.analysis(), word.value);
  // Unknown, or (through the ARG defaults) the name of an earlier stage.
  if (!expanded || ctx.analysis().stages().find(*expanded).value_or(stage.index) < stage.index)
    return;
  const ImageRef ref = parse_image(*expanded);
  // scratch, a pinned reference, or one no registry would take (quotes).
  if ((ref.repository == "scratch" && ref.registry.empty()) || ref.repository.empty() ||
      !unpinned(ref) || ref.repository.find_first_of("\"'") != std::string::npos)
    return;
  const bool via_args = *expanded != word.value;
  std::string shown = "'" + word.value + "'";
  if (via_args) shown += " ('" + *expanded + "' with the ARG defaults)";
  const std::string why =
      ref.tag.empty() ? " is not pinned" : " is not pinned ('latest' moves with every release)";
  std::string message = "base image " + shown + why;
  if (via_args) {
    ctx.report(word.span, message + "; set a versioned tag or digest as the ARG default");
    return;
  }
  const std::optional<std::string> pin = pin_for(ctx, ref);
  if (!pin) {
    ctx.report(word.span,
               message + "; name a version tag or a digest (or set [rules.pin-base-image] map)");
    return;
  }
  const std::optional<std::string> replacement = pinned_reference(word.value, *pin);
  if (!replacement) {
    ctx.report(word.span, message + "; the map's pin '" + *pin +
                              "' does not pin it (use a version tag or a digest)");
    return;
  }
  if (ctx.analysis().text().substr(word.span.begin, word.span.size()) != word.value) {
    ctx.report(word.span, message + "; the image word is split over lines, pin it to '" +
                              *replacement + "' by hand");
    return;
  }
  ctx.report(word.span, message + "; pin it to '" + *replacement + "' (from the map)", Safety::Safe,
             "pin to " + *replacement, {Rewriter::replace(word.span, *replacement)});
}

void check(Context& ctx) {
  for (const syntax::Stage& stage : ctx.analysis().stages().stages) check_stage(ctx, stage);
}

}  // namespace

const Transform& pin_base_image() {
  static const Transform t{"pin-base-image",
                           Category::Stages,
                           Safety::DisplayOnly,
                           "report untagged and :latest base images; pin them from a map",
                           {"DL3006", "DL3007", "DS001"},
                           doc,
                           true,
                           check,
                           {{"map", OptionType::StringTable,
                             "image name → tag, digest or whole reference to pin it to"}}};
  return t;
}

}  // namespace dfopt::transforms
