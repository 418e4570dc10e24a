#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "rewrite/suppressions.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"
#include "transforms/support/context_free.hpp"
#include "transforms/support/moves.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Moves instructions that need nothing from the build context above the first
COPY/ADD of the context in their stage: RUNs that install system packages,
create users or groups, make absolute directories or download to absolute
paths, and the ENV, ARG, LABEL and EXPOSE instructions with literal values
that come along. They keep their relative order and their comment lines.

## Why is this bad?
Every instruction after a COPY of the context is rebuilt whenever a copied
file changes. A package install below `COPY . .` downloads and installs the
same packages again for each edit of the sources; above it, it stays cached.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5
COPY . /app
```

An instruction moves only when the move cannot change what it does. A RUN
must use literal words, absolute paths only (redirections included) and no
bind mount; it does not jump over another RUN, an ENV or ARG, a USER, SHELL or
VOLUME, a WORKDIR whose path it names, or a COPY/ADD that writes at, above or
under a path it names, to `/`, or into system directories a package manager
writes to (`/etc`, `/usr` but `/usr/src`, `/var`, `/bin`, `/lib*`, `/root`,
and `/home` for user creation). An ENV or ARG does not jump over a RUN, nor
over an instruction that mentions its variable or sets it; a LABEL keeps its
place against a LABEL with the same key. It fires only when at least one RUN
moves: moving metadata alone saves nothing. `COPY --from` another stage is not
the context.

## Fix safety
Unsafe: a moved RUN now runs before the copy, so a file the COPY brings in
that the RUN used implicitly (a package manager configuration, a repository
key outside the directories above) is no longer there when it runs.
)";

constexpr std::array<std::string_view, 10> kSystemDirs{
    "/etc", "/usr", "/var", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot"};

bool is(const syntax::Instruction& ins, syntax::Keyword k) { return ins.keyword == k; }

// The variable names an ENV or ARG sets.
std::vector<std::string> names_set(const syntax::Instruction& ins) {
  std::vector<std::string> out;
  for (const syntax::KeyValue& kv : ins.pairs) out.push_back(kv.key.value);
  if (is(ins, syntax::Keyword::Arg)) {
    for (const syntax::Word& w : ins.args) out.push_back(w.value.substr(0, w.value.find('=')));
  }
  return out;
}

// Whether the instruction's text expands `$name` or `${name…}`.
bool mentions(std::string_view text, const std::string& name) {
  for (std::size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
    std::string_view rest = text.substr(at + 1);
    if (rest.starts_with('{')) rest.remove_prefix(1);
    if (!rest.starts_with(name)) continue;
    const char next = rest.size() > name.size() ? rest[name.size()] : ' ';
    if (std::isalnum(static_cast<unsigned char>(next)) == 0 && next != '_') return true;
  }
  return false;
}

struct Candidate {
  std::size_t index = 0;
  std::optional<ContextFreeRun> run;  // set for a RUN
};

// Whether a COPY/ADD writing to `dest` may move below RUN `run`.
bool run_may_jump_copy(const ContextFreeRun& run, const std::string& dest) {
  if (dest.empty() || dest == "/") return false;
  const bool under_src = path_within(dest, "/usr/src") || path_within(dest, "/usr/local/src");
  for (const std::string_view sys : kSystemDirs) {
    if (path_within(dest, sys) && !under_src) return false;
  }
  if (path_within(dest, "/root") && dest.size() <= 5) return false;
  if (run.creates_users && path_within(dest, "/home")) return false;
  return std::none_of(run.paths.begin(), run.paths.end(), [&](const std::string& p) {
    return path_within(p, dest) || path_within(dest, p);
  });
}

bool may_jump(const Analysis& analysis, const Candidate& x, std::size_t y_index) {
  using K = syntax::Keyword;
  const syntax::Instruction& ix = analysis.doc().instructions[x.index];
  const syntax::Instruction& y = analysis.doc().instructions[y_index];
  const std::string_view y_text = analysis.text().substr(y.span.begin, y.span.size());
  if (x.run) {
    if (is(y, K::Run) || is(y, K::Env) || is(y, K::Arg) || is(y, K::User) || is(y, K::Shell) ||
        is(y, K::Volume)) {
      return false;
    }
    if (is(y, K::Workdir)) {
      const std::string path = workdir_at(analysis, y_index + 1);
      return !path.empty() &&
             std::none_of(x.run->paths.begin(), x.run->paths.end(), [&](const std::string& p) {
               return path_within(path, p) || path_within(p, path);
             });
    }
    if (is(y, K::Copy) || is(y, K::Add)) {
      if (y.args.size() < 2) return false;
      return run_may_jump_copy(*x.run,
                               resolve_path(workdir_at(analysis, y_index), y.args.back().value));
    }
    return true;
  }
  if (is(ix, K::Env) || is(ix, K::Arg)) {
    if (is(y, K::Run) || is(y, K::Onbuild)) return false;
    const std::vector<std::string> names = names_set(ix);
    const std::vector<std::string> others = names_set(y);
    return std::none_of(names.begin(), names.end(), [&](const std::string& n) {
      return mentions(y_text, n) || std::find(others.begin(), others.end(), n) != others.end();
    });
  }
  if (is(ix, K::Label) && is(y, K::Label)) {
    for (const syntax::KeyValue& a : ix.pairs) {
      for (const syntax::KeyValue& b : y.pairs) {
        if (a.key.value == b.key.value) return false;
      }
    }
  }
  return true;
}

// A candidate for moving: a context-free RUN, or metadata with literal values.
std::optional<Candidate> candidate(const Analysis& analysis, std::size_t index) {
  using K = syntax::Keyword;
  const syntax::Instruction& ins = analysis.doc().instructions[index];
  if (is(ins, K::Run)) {
    auto run = context_free_run(analysis, index);
    if (!run) return std::nullopt;
    return Candidate{index, std::move(run)};
  }
  if (!is(ins, K::Env) && !is(ins, K::Arg) && !is(ins, K::Label) && !is(ins, K::Expose))
    return std::nullopt;
  if (ins.rest.find('$') != std::string::npos || !ins.heredocs.empty()) return std::nullopt;
  return Candidate{index, std::nullopt};
}

void check_stage(Context& ctx, const syntax::Stage& stage, const Suppressions& suppressions) {
  const Analysis& analysis = ctx.analysis();
  const auto& ins = ctx.doc().instructions;
  std::size_t first_copy = stage.end;
  for (std::size_t i = stage.from + 1; i < stage.end && first_copy == stage.end; ++i) {
    if (reads_context(ins[i])) first_copy = i;
  }
  // Nothing from the context in this stage.
  if (first_copy == stage.end) return;
  std::vector<std::size_t> stayed{first_copy};
  std::vector<std::size_t> moved;
  bool moves_run = false;
  for (std::size_t i = first_copy + 1; i < stage.end; ++i) {
    const auto c = candidate(analysis, i);
    const bool ok = c && !suppressions.suppressed(ctx.transform(), ins[i].span.begin) &&
                    std::all_of(stayed.begin(), stayed.end(),
                                [&](std::size_t y) { return may_jump(analysis, *c, y); });
    (ok ? moved : stayed).push_back(i);
    moves_run = moves_run || (ok && c->run);
  }
  // Metadata alone is cheap to rebuild: only a RUN makes the move worth it.
  if (!moves_run) return;
  const auto runs = static_cast<std::size_t>(std::count_if(
      moved.begin(), moved.end(), [&](std::size_t i) { return is(ins[i], syntax::Keyword::Run); }));
  const syntax::Instruction& copy = ins[first_copy];
  ctx.report(
      copy.keyword_span,
      fmt::format(
          "{} instruction{} ({} RUN) after this {} need{} nothing from the build context but "
          "rebuild{} whenever it changes",
          moved.size(), moved.size() == 1 ? "" : "s", runs, copy.keyword_text(analysis.text()),
          moved.size() == 1 ? "s" : "", moved.size() == 1 ? "s" : ""),
      Safety::Unsafe, "move them above the first COPY of the context",
      move_before(analysis, moved, first_copy));
}

void check(Context& ctx) {
  const Suppressions suppressions = Suppressions::of(ctx.doc());
  for (const syntax::Stage& stage : ctx.analysis().stages().stages)
    check_stage(ctx, stage, suppressions);
}

}  // namespace

const Transform& order_by_change() {
  static const Transform t{
      "order-by-change",
      Category::Cache,
      Safety::Unsafe,
      "move instructions that need nothing from the build context above its first COPY",
      {},
      doc,
      true,
      check};
  return t;
}

}  // namespace dfopt::transforms
