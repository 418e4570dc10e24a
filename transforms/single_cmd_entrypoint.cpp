#include <array>
#include <string>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"
#include "rewrite/suppressions.hpp"
#include "transforms/list.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Removes a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction of the
same kind in the same stage replaces.

## Why is this bad?
Each of these sets one field of the image configuration; only the last one of a
stage counts. The earlier ones are dead code that tells the reader the image
does something it does not.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "manage.py", "migrate"]
COPY . /app
CMD ["gunicorn", "app:app"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["gunicorn", "app:app"]
```

Each kind is shadowed only by its own kind. In particular an `ENTRYPOINT` does
not undo a `CMD` written earlier in the same stage: it resets only a `CMD`
inherited from the base image (BuildKit's `dispatchEntrypoint` clears `Cmd`
only while the stage has not set one). Stages are independent, and an
`ONBUILD CMD` is a trigger for child images, not shadowed by a plain `CMD`.
Comment lines above a removed instruction are kept.

## Fix safety
Safe: the image configuration is the same; only the removed instructions'
entries in the image history disappear.
)";

constexpr std::array<syntax::Keyword, 3> kKinds = {
    syntax::Keyword::Cmd, syntax::Keyword::Entrypoint, syntax::Keyword::Healthcheck};

void check(Context& ctx) {
  const syntax::Document& file = ctx.doc();
  const Suppressions suppressions = Suppressions::of(file);
  for (const syntax::Stage& stage : ctx.analysis().stages().stages) {
    for (const syntax::Keyword kind : kKinds) {
      // The last instruction of this kind in the stage: the one that counts.
      const syntax::Instruction* last = nullptr;
      for (std::size_t i = stage.end; i > stage.from + 1; --i) {
        if (file.instructions[i - 1].keyword == kind) {
          last = &file.instructions[i - 1];
          break;
        }
      }
      // At most one instruction of this kind.
      if (last == nullptr) continue;
      // `# hadolint ignore=DL4003` above the last one accepts the repetition.
      if (suppressions.suppressed(ctx.transform(), last->span.begin)) continue;
      const std::string_view name = syntax::keyword_name(kind);
      for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
        const syntax::Instruction& ins = file.instructions[i];
        if (ins.keyword != kind || &ins == last) continue;
        ctx.report(ins.keyword_span,
                   fmt::format("{0} has no effect: the {0} on line {1} replaces it", name,
                               last->first_line),
                   Safety::Safe, fmt::format("remove the shadowed {}", name),
                   {Rewriter::remove(ins)});
      }
    }
  }
}

}  // namespace

const Transform& single_cmd_entrypoint() {
  static const Transform t{
      "single-cmd-entrypoint",
      Category::Runtime,
      Safety::Safe,
      "remove CMD, ENTRYPOINT and HEALTHCHECK instructions a later one replaces",
      {"DL4003", "DL4004", "DL3012"},
      doc,
      true,
      check};
  return t;
}

}  // namespace dfopt::transforms
