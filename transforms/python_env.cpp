#include <algorithm>
#include <array>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1` (the ones the stage
does not set yet) right after the `FROM` of a Python stage, after any ARGs that
directly follow it.

## Why is this bad?
Without `PYTHONUNBUFFERED` Python buffers stdout when it is not a terminal, so
`docker logs` shows output late or not at all when the process dies. Without
`PYTHONDONTWRITEBYTECODE` every module imported during the build or at run time
writes a `.pyc` file: noise in the layers and in the container's writable
layer.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
```

Use instead:
```dockerfile
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir flask
```

A stage is a Python stage when its base is the official `python` image (any
tag), or when it installs `python3` with apt-get/apk and runs pip. Every such
stage is reported, builder stages included: the variables also keep the build's
own Python output unbuffered in the build log. A stage built `FROM` another
stage inherits its ENV and is not reported on its own. A variable set to any
value by an ENV of the stage counts as set.

## Fix safety
Unsafe: the application's runtime environment changes; a program that reads
these variables, or relies on `.pyc` caches being written at run time for
start-up speed, behaves differently.
)";

constexpr std::array<std::string_view, 2> kVariables = {"PYTHONDONTWRITEBYTECODE",
                                                        "PYTHONUNBUFFERED"};

bool python_stage(const Analysis& analysis, const syntax::Stage& stage) {
  if (official_image(stage.base).name == "python") return true;
  bool installs = false;
  bool pip = false;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      installs = installs || installs_package(cmd.view, {"python3", "python"});
      pip = pip || shell::is_pip(cmd.view);
    }
  }
  return installs && pip;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const Rewriter rw(analysis);
  const auto& instructions = ctx.doc().instructions;
  for (const syntax::Stage& stage : analysis.stages().stages) {
    // ENV is inherited from a base stage: that stage gets the finding.
    if (stage.base_stage) continue;
    if (!python_stage(analysis, stage)) continue;
    std::vector<std::string_view> missing(kVariables.begin(), kVariables.end());
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
      if (instructions[i].keyword != syntax::Keyword::Env) continue;
      for (const syntax::KeyValue& kv : instructions[i].pairs) std::erase(missing, kv.key.value);
    }
    // Both already set.
    if (missing.empty()) continue;
    std::string assignments;
    std::string names;
    for (const std::string_view name : missing) {
      assignments += (assignments.empty() ? "" : " ") + std::string(name) + "=1";
      names += (names.empty() ? "" : " and ") + std::string(name);
    }
    std::size_t after = stage.from;
    while (after + 1 < stage.end && instructions[after + 1].keyword == syntax::Keyword::Arg)
      ++after;
    const syntax::Instruction& from = instructions[stage.from];
    auto edit = rw.insert_after(instructions[after], rw.line("ENV", assignments));
    if (!edit) {
      ctx.report(from.keyword_span, "Python stage without " + names +
                                        " (no fix: the last line ends with a line continuation)");
      continue;
    }
    ctx.report(from.keyword_span, "Python stage without " + names, Safety::Unsafe,
               "add ENV " + assignments, {std::move(*edit)});
  }
}

}  // namespace

const Transform& python_env() {
  static const Transform t{"python-env",
                           Category::Runtime,
                           Safety::Unsafe,
                           "set PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED in Python stages",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
