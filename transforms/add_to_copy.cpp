#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Replaces `ADD` with `COPY` when every source is a local file or directory that
`ADD` would copy as it is: no URL, no git repository, no tar archive.

## Why is this bad?
`ADD` does more than copy: it downloads URLs, clones git repositories and
unpacks local tar archives. Used for plain files it hides that magic from the
reader, and a file that later becomes (or is renamed to) a `.tar.gz` is
silently extracted. `COPY` says what happens.

## Example
```dockerfile
ADD requirements.txt app.py /app/
```

Use instead:
```dockerfile
COPY requirements.txt app.py /app/
```

`ADD` is kept for URLs (`http://`, `https://`, `git@…`, `….git`), for sources
named like tar archives or compressed files (`.tar`, `.tar.*`, `.tgz`, `.tbz2`,
`.txz`, `.gz`, `.bz2`, `.xz`, `.zst`, …), for heredoc sources and for flags only
`ADD` has (`--checksum`, `--keep-git-dir`, `--unpack`). A source built from a
variable (`ADD $JAR /app/`) or a wildcard that could match an archive
(`ADD dist/* /app/`) is reported without a fix: check it, then change it by hand.

## Fix safety
Safe: for the sources above, `ADD` and `COPY` produce the same files with the
same ownership and permissions. The keyword keeps its case (`add` → `copy`).
`ADD` decides whether to unpack by the file's content, not its name: a tar
archive stored under a name without an archive extension would no longer be
unpacked.
)";

// Flags COPY understands the same way; anything else keeps ADD.
constexpr std::array<std::string_view, 4> kSharedFlags = {"chown", "chmod", "link", "exclude"};

// Endings of files ADD may unpack (tar, possibly compressed) or that may hide one.
constexpr std::array<std::string_view, 16> kArchiveEndings = {
    ".tar",  ".tgz", ".taz", ".tbz", ".tbz2", ".tb2",  ".txz", ".tlz",
    ".tzst", ".gz",  ".bz2", ".xz",  ".zst",  ".lzma", ".lz",  ".lz4"};

enum class Source { Local, Unknown, Keep };

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ends_with_archive(std::string_view name) {
  const std::string n = lower(name);
  if (n.find(".tar.") != std::string::npos) return true;
  return std::any_of(kArchiveEndings.begin(), kArchiveEndings.end(),
                     [&](std::string_view e) { return n.ends_with(e); });
}

bool is_remote(std::string_view src) {
  const std::string s = lower(src);
  return s.find("://") != std::string::npos || s.starts_with("git@") ||
         s.starts_with("github.com/") || s.ends_with(".git") ||
         s.find(".git#") != std::string::npos;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// A source with `$NAME` / `${NAME}` replaced by ENV values in effect and simple
// quotes removed; nullopt when a variable is not a fixed ENV value (a build
// argument, a `${X:-default}` form, an ENV value that itself uses variables).
std::optional<std::string> resolve(std::string_view src, const syntax::Environment* env) {
  std::string out;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '"' || c == '\'') continue;
    if (c != '$') {
      out += c;
      continue;
    }
    if (env == nullptr) return std::nullopt;
    const bool braced = i + 1 < src.size() && src[i + 1] == '{';
    std::size_t end = i + (braced ? 2 : 1);
    while (end < src.size() && is_name_char(src[end])) ++end;
    const std::string_view name = src.substr(i + (braced ? 2 : 1), end - i - (braced ? 2 : 1));
    if (braced && (end >= src.size() || src[end] != '}')) return std::nullopt;
    const auto it = env->env.find(name);
    if (name.empty() || it == env->env.end() ||
        it->second.find_first_of("$\"'\\") != std::string::npos)
      return std::nullopt;
    out += it->second;
    i = braced ? end : end - 1;
  }
  return out;
}

Source classify(std::string_view src, const syntax::Environment* env) {
  if (is_remote(src)) return Source::Keep;
  const auto name = resolve(src, env);
  // A variable: what it names is only known at build time.
  if (!name) return ends_with_archive(src) ? Source::Keep : Source::Unknown;
  if (is_remote(*name)) return Source::Keep;
  const std::size_t glob = name->find_last_of("*?]");
  if (glob == std::string::npos) return ends_with_archive(*name) ? Source::Keep : Source::Local;
  // A wildcard matches archives unless its fixed ending rules them out (`*.jar`).
  const std::string_view suffix = std::string_view(*name).substr(glob + 1);
  if (ends_with_archive(suffix)) return Source::Keep;
  return suffix.find('.') == std::string_view::npos ? Source::Unknown : Source::Local;
}

void check_add(Context& ctx, std::size_t index, const syntax::Instruction& ins) {
  // Heredoc sources: keep what the author wrote.
  if (!ins.heredocs.empty()) return;
  // A flag COPY lacks (--checksum, --keep-git-dir, --unpack, …) needs ADD.
  for (const syntax::Flag& flag : ins.flags) {
    if (std::find(kSharedFlags.begin(), kSharedFlags.end(), flag.name) == kSharedFlags.end())
      return;
  }
  // Without a source and a destination the instruction is invalid anyway.
  if (ins.args.size() < 2) return;
  // ENV values in effect (not for an ONBUILD trigger: it runs in another build).
  std::optional<syntax::Environment> env;
  if (ins.rest.find('$') != std::string::npos && &ins == &ctx.doc().instructions[index]) {
    env = ctx.analysis().environment(index);
  }
  const syntax::Word* unknown = nullptr;
  for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
    const Source s = classify(ins.args[i].value, env ? &*env : nullptr);
    // URLs, git repositories and archives are what ADD is for.
    if (s == Source::Keep) return;
    if (s == Source::Unknown && unknown == nullptr) unknown = &ins.args[i];
  }
  const std::string_view keyword = ins.keyword_text(ctx.analysis().text());
  if (unknown != nullptr) {
    const bool variable = unknown->value.find('$') != std::string::npos;
    ctx.report(ins.keyword_span,
               fmt::format("ADD of '{}': use COPY unless it {}", unknown->value,
                           variable ? "names a URL or an archive" : "matches an archive"));
    return;
  }
  ctx.report(ins.keyword_span, "ADD of local files: use COPY", Safety::Safe,
             "replace ADD with COPY",
             {TextEdit::replace(ins.keyword_span, cased_like(keyword, "COPY"))});
}

void check(Context& ctx) {
  const auto& instructions = ctx.doc().instructions;
  for (std::size_t i = 0; i < instructions.size(); ++i) {
    const syntax::Instruction& target =
        instructions[i].trigger ? *instructions[i].trigger : instructions[i];
    if (target.keyword == syntax::Keyword::Add) check_add(ctx, i, target);
  }
}

}  // namespace

const Transform& add_to_copy() {
  static const Transform t{"add-to-copy",
                           Category::Security,
                           Safety::Safe,
                           "replace ADD of local, non-archive files with COPY",
                           {"DL3020", "DS005"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
