#include <algorithm>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Moves a `chmod` with an octal mode that directly follows a COPY/ADD into the
COPY as `--chmod=mode`, drops the `chmod` from the RUN (or the whole RUN when
it ran nothing else), and adds `# syntax=docker/dockerfile:1` as the first
line when the file has no syntax directive.

## Why is this bad?
Changing a file's mode copies it into a new layer: after `COPY app /app` and
`RUN chmod -R 755 /app` the image holds every byte of `/app` twice.
`COPY --chmod` writes the files with the right mode once.

## Example
```dockerfile
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod 755 /usr/local/bin/entrypoint.sh
```

Use instead:
```dockerfile
# syntax=docker/dockerfile:1
COPY --chmod=755 entrypoint.sh /usr/local/bin/entrypoint.sh
```

The fix is offered under the same conditions as chown-in-copy's: the next
instruction of the stage is a RUN without flags whose first command is
`chmod [-R] mode path`, with one path that is exactly what the COPY wrote (the
destination directory with `-R`, or the single copied file), absolute literal
paths, and no `--chmod` on the COPY yet. The mode must be octal (`755`,
`0644`, `4755`): a symbolic mode such as `+x` depends on the mode the file had,
which the Dockerfile does not show, so it is reported without a fix. So are
syntax directives that pin a frontend older than 1.2 (`docker/dockerfile:1.1`),
which does not know `--chmod`.

## Fix safety
Unsafe: `--chmod` needs BuildKit (the legacy builder rejects it); it sets the
mode of what the COPY writes, directories included, while `chmod -R` also
changes the destination directory itself and anything already in it; and
directories the COPY creates may get the mode too, depending on the BuildKit
version.
)";

bool octal_mode(std::string_view mode) {
  return (mode.size() == 3 || mode.size() == 4) &&
         std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; });
}

// A syntax directive that names a Dockerfile frontend without --chmod.
bool old_frontend(const syntax::Document& document) {
  const syntax::Directive* syntax = document.directive("syntax");
  if (syntax == nullptr) return false;
  const std::string_view v = syntax->value;
  const std::size_t colon = v.rfind(':');
  if (colon == std::string_view::npos || v.find("dockerfile") == std::string_view::npos)
    return false;
  const std::string_view tag = v.substr(colon + 1);
  return tag.starts_with("1.0") || tag.starts_with("1.1");
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const syntax::Document& document = ctx.doc();
  for (const CopyFollowUp& f : copy_follow_ups(analysis, "chmod")) {
    const syntax::Instruction& copy = document.instructions[f.copy];
    const syntax::Instruction& run = document.instructions[f.cmd.index];
    const std::string message =
        "chmod after COPY duplicates the copied files in a new layer; use COPY --chmod";
    const bool exact =
        f.paths.size() == 1 && f.paths[0] == f.copied.path && (f.copied.file || f.recursive);
    // As for chown-in-copy: exactly the copied path, first in a RUN without flags, literal
    // absolute paths; and a mode that does not depend on the file's old one.
    if (!f.first || !exact || f.other_flags || !f.copied.absolute || !run.flags.empty() ||
        copy.flag("chmod") != nullptr || !octal_mode(f.setting) || old_frontend(document)) {
      ctx.report(f.cmd.command->span, message);
      continue;
    }
    const auto removal = remove_command_or_run(analysis, f.cmd);
    if (!removal) {
      ctx.report(f.cmd.command->span, message);
      continue;
    }
    std::vector<TextEdit> edits = *removal;
    edits.push_back(add_copy_flag(copy, "chmod", f.setting));
    if (auto directive = add_syntax_directive(ctx.analysis())) edits.push_back(*directive);
    ctx.report(f.cmd.command->span, message, Safety::Unsafe, "move the chmod into COPY --chmod",
               std::move(edits));
  }
}

}  // namespace

const Transform& chmod_in_copy() {
  static const Transform t{"chmod-in-copy",
                           Category::Layers,
                           Safety::Unsafe,
                           "move a chmod after COPY into COPY --chmod",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
