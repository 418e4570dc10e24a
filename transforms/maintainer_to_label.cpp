#include <fmt/format.h>

#include "base/unicode.hpp"
#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Replaces the deprecated `MAINTAINER` instruction with the OCI label
`org.opencontainers.image.authors`.

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13; BuildKit warns about it
(`MaintainerDeprecated`). A label carries the same information in the image
metadata, where tools look for it.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.org>
```

Use instead:
```dockerfile
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"
```

## Fix safety
Safe: only image metadata changes (the `Author` field becomes a label).
)";

// A double-quoted value that BuildKit reads back as `value`.
std::string double_quoted(std::string_view value, char escape) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == escape || c == '$') out += escape;
    out += c;
  }
  return out + "\"";
}

void check(Context& ctx) {
  const Rewriter rw(ctx.analysis());
  for (const syntax::Instruction& ins : ctx.doc().instructions) {
    if (ins.keyword != syntax::Keyword::Maintainer) continue;
    // `MAINTAINER` alone has nothing to carry over.
    if (ins.args.empty()) continue;
    // Keep files whose escape token is a backtick simple: the value may hold backslashes.
    const std::string label =
        rw.line("LABEL", "org.opencontainers.image.authors=" +
                             double_quoted(ins.args[0].value, ctx.doc().escape));
    ctx.report(ins.keyword_span, "MAINTAINER is deprecated; use a LABEL", Safety::Safe,
               "replace with LABEL org.opencontainers.image.authors",
               {Rewriter::replace(ins.span, label)});
  }
}

}  // namespace

const Transform& maintainer_to_label() {
  static const Transform t{"maintainer-to-label",
                           Category::Runtime,
                           Safety::Safe,
                           "replace the deprecated MAINTAINER with an OCI authors LABEL",
                           {"DL4000", "MaintainerDeprecated"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
