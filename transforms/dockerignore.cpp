#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/file_names.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"
#include "transforms/list.hpp"
#include "transforms/support/build_context.hpp"
#include "transforms/support/commands.hpp"
#include "transforms/support/dockerignore.hpp"

namespace dfopt::transforms {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view doc = R"(## What it does
When the Dockerfile's directory (its build context, by convention) has no
`.dockerignore` (nor a `<Dockerfile name>.dockerignore`, which BuildKit prefers),
writes one for the ecosystems it finds there (`package.json`, `requirements.txt`,
`pyproject.toml`, `setup.py`, `Pipfile`, `Cargo.toml`, `pom.xml`, `build.gradle`,
`Gemfile`, at the top or one directory down): version control (`.git`, `.hg`,
`.svn`), editor, OS and CI files, `.env` files, and per ecosystem its installed
dependencies, caches and build outputs (`node_modules`, `__pycache__`, `*.pyc`,
`.venv`, `target`, `dist`, …). Every pattern is checked against every COPY/ADD
source and RUN bind mount of the context (of this Dockerfile and of the other
Dockerfiles in the directory): a pattern that would exclude a source, or a path
inside one, that the build may need is left out.

When an ignore file exists, reports each COPY/ADD source (and bind mount) that it
excludes entirely, as BuildKit's CopyIgnoredFile check does: such a COPY fails or
copies nothing.

## Why is this bad?
Without a `.dockerignore` the builder receives the whole directory: the git
history, `node_modules`, virtualenvs and build trees are sent on every build, and
`COPY . .` puts them — and any `.env` secrets — into the image, while any change
to them invalidates the layer cache.

## Example
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
```

Use instead: the same Dockerfile, with a `.dockerignore` beside it:
```
.git
node_modules
npm-debug.log*
.env
.env.*
```

## Fix safety
Safe. The file is created only when none exists (never overwritten, written
atomically) and only for a Dockerfile that reads its own directory: when a literal
COPY source is missing there, the context is some other directory and nothing is
written. A pattern is written only when excluding it cannot change the image
beyond caches and metadata:
- it never matches a COPY/ADD source or a directory above one;
- version control, editor, OS and CI files and tool caches are excluded even under
  `COPY . .` (or a bind mount of the context), except `.git` when a RUN or a build
  script or manifest at the top or one directory down (Makefile, `*.mk`, `*.sh`,
  `*.ps1`, `build.rs`, `setup.py`, `pyproject.toml`, `package.json`, `pom.xml`,
  `build.gradle`, …) names `git` or a version-from-git tool (setuptools-scm,
  hatch-vcs, versioneer, pbr, dunamai): `git describe` must keep working;
- installed dependencies, secrets and caches that may be read at run time
  (`node_modules`, `.env`, `.venv`, `coverage`, `.bundle`, …) only when no source
  covers them or they do not exist in the context; `node_modules` also when every
  COPY that covers it is followed in its stage by `npm ci`/`npm install`, `yarn`,
  `pnpm install` or `bun install`, which rebuild it;
- build outputs (`dist`, `build`, `target`) only when no source covers them (a CI
  job may create them before the build), docs, tests and compose files only when
  they exist and no source covers them.

Findings about an existing ignore file are reports only. With more than sixteen
Dockerfiles in the directory, or one that does not parse, the file is not written:
write it by hand. A `.dockerignore` beside a Dockerfile that is built with another
context is never read, so it cannot break that build.

## Options
- `extra-patterns`: more patterns to write (each kept only when no source covers
  it or nothing it names exists).
)";

constexpr std::size_t kMaxSiblings = 16;

// When a pattern may be written (see "Fix safety").
enum class Kind { Junk, Git, Deps, Output, Unused, Present };

struct Entry {
  std::string_view pattern;
  Kind kind;
};

struct Ecosystem {
  std::string_view name;
  std::vector<std::string_view> manifests;
  std::vector<Entry> entries;
};

// The patterns for every context, by group.
const std::vector<std::pair<std::string_view, std::vector<Entry>>>& common_entries() {
  static const std::vector<std::pair<std::string_view, std::vector<Entry>>> groups = {
      {"Version control", {{".git", Kind::Git}, {".hg", Kind::Junk}, {".svn", Kind::Junk}}},
      {"Editors, OS and CI files",
       {{".idea", Kind::Junk},
        {".vscode", Kind::Junk},
        {"**/*.swp", Kind::Junk},
        {"**/.DS_Store", Kind::Junk},
        {".github", Kind::Junk},
        {".gitlab-ci.yml", Kind::Junk}}},
      {"Secrets", {{".env", Kind::Output}, {".env.*", Kind::Output}}},
      {"Docs, tests and compose files",
       {{"docs", Kind::Present},
        {"tests", Kind::Present},
        {"docker-compose*.yml", Kind::Present},
        {"compose*.yaml", Kind::Present}}},
  };
  return groups;
}

const std::vector<Ecosystem>& ecosystems() {
  static const std::vector<Ecosystem> list = {
      {"Node",
       {"package.json"},
       {{"node_modules", Kind::Deps},
        {"npm-debug.log*", Kind::Junk},
        {"yarn-error.log*", Kind::Junk},
        {".npm", Kind::Junk},
        {"coverage", Kind::Output},
        {"dist", Kind::Unused},
        {"build", Kind::Unused}}},
      {"Python",
       {"requirements.txt", "pyproject.toml", "setup.py", "Pipfile"},
       {{"**/__pycache__", Kind::Junk},
        {"**/*.py[cod]", Kind::Junk},
        {".pytest_cache", Kind::Junk},
        {".mypy_cache", Kind::Junk},
        {".ruff_cache", Kind::Junk},
        {".tox", Kind::Junk},
        {".coverage", Kind::Junk},
        {"htmlcov", Kind::Output},
        {".venv", Kind::Output},
        {"venv", Kind::Output},
        {"*.egg-info", Kind::Output},
        {"dist", Kind::Unused},
        {"build", Kind::Unused}}},
      {"Rust", {"Cargo.toml"}, {{"target", Kind::Unused}}},
      {"Java",
       {"pom.xml", "build.gradle", "build.gradle.kts"},
       {{".gradle", Kind::Junk}, {"target", Kind::Unused}, {"build", Kind::Unused}}},
      {"Ruby", {"Gemfile"}, {{".bundle", Kind::Output}, {"vendor/bundle", Kind::Output}}},
  };
  return list;
}

// Tools that read version information from .git without naming git.
constexpr std::array<std::string_view, 6> kGitVersioning = {
    "setuptools_scm", "setuptools-scm", "hatch-vcs", "versioneer", "pbr", "dunamai"};

// Build scripts and manifests that may run git (`git describe` in a Makefile, say).
bool build_file(std::string_view name) {
  constexpr std::array<std::string_view, 15> names = {
      "Makefile",         "makefile",       "GNUmakefile",  "build.rs", "setup.py",
      "setup.cfg",        "pyproject.toml", "package.json", "pom.xml",  "build.gradle",
      "build.gradle.kts", "Rakefile",       "Taskfile.yml", "justfile", "magefile.go"};
  constexpr std::array<std::string_view, 5> endings = {".mk", ".sh", ".bash", ".ps1", ".gemspec"};
  return std::find(names.begin(), names.end(), name) != names.end() ||
         std::any_of(endings.begin(), endings.end(),
                     [&](std::string_view e) { return name.ends_with(e); });
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Whether `text` names git as a word (`git describe`, `/usr/bin/git`, `.git`) or a version-from-git
// tool.
bool mentions_git(std::string_view text) {
  for (std::size_t at = text.find("git"); at != std::string_view::npos;
       at = text.find("git", at + 1)) {
    const bool starts = at == 0 || !word_char(text[at - 1]);
    const bool ends = at + 3 == text.size() || !word_char(text[at + 3]);
    if (starts && ends) return true;
  }
  return std::any_of(kGitVersioning.begin(), kGitVersioning.end(),
                     [&](std::string_view k) { return text.find(k) != std::string_view::npos; });
}

// What one Dockerfile reads from the context.
struct Build {
  std::vector<ContextSource> sources;
  std::vector<bool> reinstalls;  // per source: a node install follows it in its stage
  bool runs_git = false;
};

bool node_install(const shell::CommandView& v) {
  if (shell::is(v, {"npm"}, "ci") || shell::is(v, {"npm"}, "install") || shell::is(v, {"npm"}, "i"))
    return true;
  if (shell::is(v, {"pnpm", "bun"}, "install") || shell::is(v, {"pnpm"}, "i")) return true;
  return shell::is_program(v, {"yarn"}) &&
         (shell::subcommand(v) == nullptr || shell::is(v, {"yarn"}, "install"));
}

Build build_of(const Analysis& analysis) {
  Build b;
  b.sources = context_sources(analysis.doc());
  for (const syntax::Instruction& ins : analysis.doc().instructions) {
    const bool run = ins.keyword == syntax::Keyword::Run;
    b.runs_git = b.runs_git ||
                 (run && mentions_git(analysis.text().substr(ins.span.begin, ins.span.size())));
  }
  for (const ContextSource& s : b.sources) {
    const syntax::Stage* stage = analysis.stages().stage_of(s.index);
    const std::size_t end = stage != nullptr ? stage->end : analysis.doc().instructions.size();
    bool after = false;
    for (std::size_t i = s.index + (s.mount ? 0 : 1); i < end && !after; ++i) {
      for (const RunCommand& cmd : analysis.commands(i)) after = after || node_install(cmd.view);
    }
    b.reinstalls.push_back(after);
  }
  return b;
}

bool path_exists(const fs::path& p) {
  std::error_code ec;
  return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

// Whether every literal source is in `dir`: otherwise the build uses another context.
bool reads_dir(const Build& b, const fs::path& dir) {
  return std::all_of(b.sources.begin(), b.sources.end(), [&](const ContextSource& s) {
    return !s.literal || path_exists(dir / s.path);
  });
}

std::optional<std::string> read_text(const fs::path& p, std::size_t limit = 1 << 20) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  std::string text(ec ? limit : std::min<std::size_t>(size, limit), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// Everything the Dockerfiles of the directory read; a refusal message when that cannot be known.
struct Needs {
  std::vector<Build> builds;
  std::string refusal;
};

// Whether `p` names something in the context.
bool present(const IgnorePattern& p, const fs::path& dir, const ContextListing& listing) {
  if (p.pattern.find_first_of("*?[\\") == std::string::npos) return path_exists(dir / p.pattern);
  if (!listing.complete) return true;
  // Wildcards scan the listing: remembered per directory (a bulk run asks for
  // every Dockerfile of a directory, and again each round).
  thread_local std::uint64_t memo_listing = 0;
  thread_local std::map<std::string, bool, std::less<>> memo;
  if (memo_listing != listing.id) {
    memo_listing = listing.id;
    memo.clear();
  }
  if (const auto it = memo.find(p.pattern); it != memo.end()) return it->second;
  const bool found = std::any_of(listing.paths.begin(), listing.paths.end(),
                                 [&](const std::string& l) { return p.matches(l); });
  memo.emplace(p.pattern, found);
  return found;
}

// Whether `p` would exclude a source, a directory above one, or (for a wildcard
// source) a listed path the source names.
bool takes_source(const IgnorePattern& p, const ContextSource& s, const ContextListing& listing) {
  if (!s.path.empty() && p.matches_or_parent(s.path)) return true;
  if (s.literal || s.text.find('$') != std::string::npos) return false;
  const IgnorePattern glob(s.text, false, 0);
  if (p.matches_or_parent(glob.pattern)) return true;
  return std::any_of(listing.paths.begin(), listing.paths.end(), [&](const std::string& l) {
    return glob.matches(l) && p.matches_or_parent(l);
  });
}

bool allowed(const IgnorePattern& p, Kind kind, const Needs& needs, bool git_versioning,
             const fs::path& dir, const ContextListing& listing) {
  bool covered = false;
  bool covered_without_install = false;
  bool runs_git = git_versioning;
  for (const Build& b : needs.builds) {
    runs_git = runs_git || b.runs_git;
    for (std::size_t i = 0; i < b.sources.size(); ++i) {
      if (takes_source(p, b.sources[i], listing)) return false;
      if (!p.reaches(b.sources[i].path)) continue;
      covered = true;
      covered_without_install = covered_without_install || !b.reinstalls[i];
    }
  }
  switch (kind) {
    case Kind::Junk:
      return true;
    case Kind::Git:
      return !covered || !runs_git;
    case Kind::Deps:
      return !covered_without_install || !present(p, dir, listing);
    case Kind::Output:
      return !covered || !present(p, dir, listing);
    case Kind::Unused:
      return !covered;
    case Kind::Present:
      return !covered && present(p, dir, listing);
  }
  return false;
}

struct Group {
  std::string title;
  std::vector<std::pair<std::string, Kind>> entries;
};

// Whether a build script or manifest at the top or one directory down may run git
// (at most 200 files, 256 KiB each, are read).
bool build_files_use_git(const fs::path& dir, const ContextListing& listing) {
  std::size_t read = 0;
  for (const std::string& l : listing.paths) {
    if (!build_file(fs::path(l).filename().string()) || ++read > 200) continue;
    const auto text = read_text(dir / l, std::size_t{256} * 1024);
    if (text && mentions_git(*text)) return true;
  }
  return false;
}

// The candidate patterns: the common ones, then per ecosystem found (at the top
// or one directory down, its patterns under that directory).
std::vector<Group> candidates(const ContextListing& listing,
                              const std::vector<std::string>& extra) {
  std::vector<Group> groups;
  for (const auto& [title, entries] : common_entries()) {
    groups.push_back({std::string(title), {}});
    for (const Entry& e : entries) groups.back().entries.emplace_back(e.pattern, e.kind);
  }
  for (const Ecosystem& eco : ecosystems()) {
    std::vector<std::string> homes;
    for (const std::string& l : listing.paths) {
      const std::size_t slash = l.rfind('/');
      const std::string file = l.substr(slash == std::string::npos ? 0 : slash + 1);
      if (std::find(eco.manifests.begin(), eco.manifests.end(), file) == eco.manifests.end())
        continue;
      const std::string home = slash == std::string::npos ? "" : l.substr(0, slash);
      if (std::find(homes.begin(), homes.end(), home) == homes.end()) homes.push_back(home);
    }
    std::sort(homes.begin(), homes.end());
    for (const std::string& home : homes) {
      groups.push_back({fmt::format("{}{}", eco.name, home.empty() ? "" : " (" + home + ")"), {}});
      for (const Entry& e : eco.entries) {
        // `**/` patterns reach every directory already.
        const bool anywhere = home.empty() || e.pattern.starts_with("**/");
        groups.back().entries.emplace_back(
            anywhere ? std::string(e.pattern) : home + "/" + std::string(e.pattern), e.kind);
      }
    }
  }
  if (!extra.empty()) groups.push_back({"Configured (extra-patterns)", {}});
  for (const std::string& e : extra) groups.back().entries.emplace_back(e, Kind::Output);
  return groups;
}

// A written pattern, and whether it names something in the context now.
using Written = std::vector<std::pair<std::string, bool>>;

std::string render(const std::vector<Group>& groups, Written& written, const Needs& needs,
                   bool git_versioning, const fs::path& dir, const ContextListing& listing) {
  std::string out =
      "# Generated by dfopt (rule dockerignore): paths the build does not need to send.\n"
      "# Review it before committing: a COPY of a path listed here copies nothing\n"
      "# (see `dfopt --explain dockerignore`).\n";
  std::set<std::string> seen;
  for (const Group& g : groups) {
    std::string lines;
    for (const auto& [pattern, kind] : g.entries) {
      const IgnorePattern p(pattern, false, 0);
      if (p.elements.empty() || !seen.insert(p.pattern).second) continue;
      if (!allowed(p, kind, needs, git_versioning, dir, listing)) continue;
      lines += pattern + "\n";
      written.emplace_back(pattern, present(p, dir, listing));
    }
    if (!lines.empty()) out += "\n# " + g.title + "\n" + lines;
  }
  return out;
}

// The first patterns, those that name something now first: "node_modules, .git and 9 more
// patterns".
std::string summary(Written written) {
  std::stable_partition(written.begin(), written.end(), [](const auto& w) { return w.second; });
  const std::size_t shown = std::min<std::size_t>(written.size(), 3);
  std::string names;
  for (std::size_t i = 0; i < shown; ++i) names += (i == 0 ? "" : ", ") + written[i].first;
  if (written.size() > shown) names += fmt::format(" and {} more patterns", written.size() - shown);
  return names;
}

void check_existing(Context& ctx, const fs::path& file, const std::vector<ContextSource>& sources) {
  const auto text = read_text(file);
  if (!text) return;
  const IgnoreFile ignore = IgnoreFile::parse(*text);
  const auto& instructions = ctx.doc().instructions;
  for (const ContextSource& s : sources) {
    // The root, or a variable: nothing to say.
    if (s.path.empty()) continue;
    const IgnorePattern* p = ignore.excludes_entirely(s.path);
    if (p == nullptr) continue;
    const std::string what =
        s.mount ? "bind mount source"
                : std::string(keyword_name(instructions[s.index].keyword)) + " source";
    ctx.report(s.span, fmt::format("{} '{}' is excluded by {} line {} ('{}')", what, s.text,
                                   file.filename().string(), p->line, p->text));
  }
}

// Another Dockerfile of the directory, as read from disk.
struct Sibling {
  std::string name;
  bool readable = false;       // it parses and BuildKit accepts it
  std::optional<Build> build;  // when readable and it builds this directory
};

// What the rule learns from a directory: its listing, its Dockerfiles' needs and
// whether build files run git. Kept for the last directory each thread saw (rounds
// of one file, and the other Dockerfiles of the directory in a bulk run, ask again),
// and dropped when the directory changes.
struct DirectoryFacts {
  fs::path dir;
  fs::file_time_type modified;
  ContextListing listing;
  std::vector<std::string> dockerfiles;  // the top-level Dockerfile names in the listing
  std::vector<Sibling> read;             // each of them, read when few enough to matter
  bool git_versioning = false;
};

Sibling read_sibling(const fs::path& dir, const std::string& name) {
  Sibling s;
  s.name = name;
  auto text = read_text(dir / name);
  if (!text) return s;
  auto parsed = syntax::parse(std::make_shared<const SourceBuffer>(name, std::move(*text)));
  if (!parsed || syntax::check_instructions(*parsed)) return s;
  s.readable = true;
  const Analysis other(*parsed, dir);
  Build b = build_of(other);
  if (reads_dir(b, dir)) s.build = std::move(b);
  return s;
}

const DirectoryFacts& facts_of(const Analysis& analysis) {
  thread_local DirectoryFacts cached;
  const fs::path& dir = analysis.directory();
  std::error_code ec;
  const fs::file_time_type modified = fs::last_write_time(dir, ec);
  if (ec || cached.dir != dir || cached.modified != modified) {
    cached.dir = dir;
    cached.modified = ec ? fs::file_time_type{} : modified;
    cached.listing = list_context(dir);
    cached.dockerfiles.clear();
    for (const std::string& p : cached.listing.paths) {
      if (p.find('/') == std::string::npos && is_dockerfile_name(p))
        cached.dockerfiles.push_back(p);
    }
    cached.read.clear();
    // One of them is the file being fixed: more than that many others refuse anyway.
    if (cached.dockerfiles.size() <= kMaxSiblings + 1) {
      for (const std::string& name : cached.dockerfiles)
        cached.read.push_back(read_sibling(dir, name));
    }
    cached.git_versioning = build_files_use_git(dir, cached.listing);
  }
  return cached;
}

// Everything the Dockerfiles of the directory read: `own` (the file being fixed,
// named `self`) and the others on disk.
Needs needs_of(Build own, const std::string& self, const DirectoryFacts& facts) {
  Needs n;
  n.builds.push_back(std::move(own));
  const auto& names = facts.dockerfiles;
  const std::size_t others =
      names.size() - static_cast<std::size_t>(std::count(names.begin(), names.end(), self));
  if (others > kMaxSiblings) {
    n.refusal = fmt::format("{} other Dockerfiles share this directory", others);
    return n;
  }
  for (const Sibling& s : facts.read) {
    if (s.name == self) continue;
    if (!s.readable) {
      n.refusal = fmt::format("'{}' in the same directory cannot be read", s.name);
      return n;
    }
    if (s.build) n.builds.push_back(*s.build);
  }
  return n;
}

void check(Context& ctx) {
  const fs::path& dir = ctx.analysis().directory();
  // No directory (standard input): no context to look at.
  if (dir.empty()) return;
  const fs::path self = fs::path(ctx.doc().source->path()).filename();
  const std::vector<ContextSource> sources = context_sources(ctx.doc());
  // Nothing read from the context: an ignore file changes nothing for this build.
  if (sources.empty()) return;
  for (const fs::path& name :
       {fs::path(self.string() + ".dockerignore"), fs::path(".dockerignore")}) {
    if (!path_exists(dir / name)) continue;
    check_existing(ctx, dir / name, sources);
    return;
  }
  const Build own = build_of(ctx.analysis());
  // A literal source missing here: the build context is another directory.
  if (!reads_dir(own, dir)) return;
  const DirectoryFacts& facts = facts_of(ctx.analysis());
  const ContextListing& listing = facts.listing;
  const Span at = ctx.doc().instructions[sources.front().index].keyword_span;
  const Needs needs = needs_of(own, self.string(), facts);
  if (!needs.refusal.empty()) {
    ctx.report(
        at,
        fmt::format("no .dockerignore for this build context; not created: {} (write one by hand)",
                    needs.refusal));
    return;
  }
  const bool git_versioning = facts.git_versioning;
  const auto groups = candidates(listing, ctx.setting_list("extra-patterns"));
  Written written;
  std::string content = render(groups, written, needs, git_versioning, dir, listing);
  ctx.report(Finding{ctx.transform().id, at,
                     "no .dockerignore for this build context: create one excluding " +
                         summary(std::move(written)),
                     Fix::create(Safety::Safe, "create .dockerignore", {}).value(),
                     std::make_pair(std::string(".dockerignore"), std::move(content))});
}

}  // namespace

const Transform& dockerignore() {
  static const Transform t{
      "dockerignore",
      Category::Context,
      Safety::Safe,
      "write a .dockerignore for the build context; report COPY sources it excludes",
      {"CopyIgnoredFile"},
      doc,
      true,
      check,
      {{"extra-patterns", OptionType::StringList,
        "more patterns to write into a generated .dockerignore"}}};
  return t;
}

}  // namespace dfopt::transforms
