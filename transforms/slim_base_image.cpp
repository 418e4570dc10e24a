#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"
#include "transforms/support/slim_images.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Switches the base image of a runtime stage from a full official image to its
slim variant:

| image | full | slim |
|---|---|---|
| python, ruby, perl, rust | `3.12`, `3.12-bookworm`, untagged | `3.12-slim`, `3.12-slim-bookworm`, `slim` |
| node | `20`, `20-bookworm`, `lts`, untagged | `20-slim`, `20-bookworm-slim`, `lts-slim`, `slim` |
| debian | `bookworm`, `12`, `bookworm-20240110`, untagged | `bookworm-slim`, `12-slim`, `bookworm-20240110-slim`, `stable-slim` |
| openjdk 8, 11 | `11`, `11-jdk`, `11-jdk-slim`, `8-jdk-alpine` | `11-jre`, `11-jre`, `11-jre-slim`, `8-jre-alpine` |
| openjdk 16+ | `17`, `17-jdk`, `17-jdk-slim` | `eclipse-temurin:17-jre` (openjdk has no JRE tags) |
| eclipse-temurin | `21`, `21-jdk`, `21-jdk-jammy`, `21-alpine` | `21-jre`, `21-jre`, `21-jre-jammy`, `21-jre-alpine` |

Suites are trixie, bookworm, bullseye, buster and stretch (debian also takes
stable, oldstable, testing, unstable, sid and release numbers from 9). Releases
older than an image's first slim tags are left alone: python before 2.7 and
3.3, ruby before 2.0, perl before 5.28. dfopt does not ask a registry whether a
tag exists; for a point release that never had a slim build the pull fails
at the start of the build, with the tag in the message. Tags that are
already slim, alpine or JRE, and tags the table does not know (`-threaded`,
`-windowsservercore`, release candidates), are left alone; so are golang and
php, which have no slim variants, and images of other registries and
namespaces unless the `images` setting maps them.

A runtime stage is the final stage, or any stage that is not only a builder: a
non-final stage that another stage copies from (`COPY --from`, `RUN
--mount=from=`) or builds `FROM` keeps its full image. (A stage used as the
base of the final stage therefore keeps its image too: it also feeds builders,
as a rule.)

## Why is this bad?
The full images are built on `buildpack-deps`: compilers, `git`, `curl`, and
hundreds of megabytes of `-dev` libraries that an application does not need at
run time. `python:3.12` is about 1 GB, `python:3.12-slim` about 150 MB. The
extra packages also carry CVEs that scanners report against your image.

## Example
```dockerfile
FROM python:3.12
RUN pip install --no-cache-dir flask
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
```

The fix never leaves a build that cannot work. It looks at what the stage's
RUN, CMD, ENTRYPOINT and HEALTHCHECK instructions name (as words, so a tool in
an `if` or a heredoc counts too), and at what its RUNs install:
- A tool the full image has and the slim one lacks (curl, wget, gpg, git, ssh,
  hg, svn, ps, unzip, xz, bzip2, patch) that no earlier RUN of the stage
  installs is added: to the first `apt-get install` of the stage when that
  comes before the first use, else as a new
  `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`
  right after the `FROM`. On an image that is not Debian or Ubuntu based the
  finding has no fix.
- A compiler or build tool (gcc, g++, cc, make, cmake, ninja, meson,
  `./configure`, pkg-config, autotools) when the full image has a compiler:
  no fix, even when the stage installs the tool itself. Whatever it compiles may need
  the full image's `-dev` libraries, which dfopt cannot tell.
- Native extensions: no fix, even when the stage installs a compiler itself
  (what they compile against is the full image's `-dev` libraries). That is
  `pip install` in a stage that also installs `-dev` packages or names a
  compiler, or that installs (on the command line or in a `requirements*.txt`
  of the build context) a package published without wheels (psycopg2,
  mysqlclient, uwsgi, python-ldap, pycrypto, mod_wsgi); `bundle install` and
  `gem install` (other than bundler); `cpanm`/`cpan`; `npm`/`yarn`/`pnpm`
  installs of packages that build with node-gyp (bcrypt, sqlite3,
  better-sqlite3, node-sass, canvas, argon2, leveldown, node-pty, …; named on
  the command line or in `package.json` of the build context, or a
  `package.json` that runs node-gyp: it needs python3, make and g++); `cargo
  build`/`install` on a rust image (crates need pkg-config and `-dev`
  libraries). Without such signs pip is assumed to get wheels, which is what
  it does for most packages, and npm prebuilt binaries.
- JDK → JRE: no fix when the stage runs javac, jar, jlink, jpackage, jshell,
  jcmd, mvn, gradle, `./mvnw` or `./gradlew` (a JRE has none of them).
- No fix when the slim image belongs to another distribution family (openjdk
  17's default tags are Oracle Linux, eclipse-temurin is Ubuntu) and the stage
  runs a package manager.
- No fix when the stage installs an OpenJDK package (`openjdk-*`,
  `default-jre`, `default-jdk`) without creating `/usr/share/man/man1`: its
  post-install script fails on Debian slim images, which have no man pages.

A `FROM` with a digest (`python:3.12@sha256:…`) is reported without a fix: the
digest pins the full image and dfopt cannot look up the slim one's. A `FROM`
made of build arguments (`python:${PY}`) is reported without a fix when the
defaults of the ARGs before the first `FROM` resolve it, and not at all
otherwise.

## Options
`images` (table of strings) — more mappings, or overrides of the table above.
The key is `image:tag-pattern`, where the pattern may hold one `*` standing for
one or more characters; the value is the new reference, where `*` is replaced
by what the key's `*` matched. A key without a tag matches the untagged (and
`latest`) reference. An empty value turns the built-in mapping off for what the
key matches. An exact key beats a pattern; among patterns the longest key wins.
The tool checks above apply to the official images only.

```toml
[rules.slim-base-image.images]
"myorg/base:*" = "myorg/base:*-slim"
"python:3.8" = "python:3.8-slim-bullseye"
"node:*" = ""          # keep node images as they are
```

## Fix safety
Unsafe: the slim image has fewer packages. Anything the application runs or
loads at run time that came with the full image (a shared library, `git`
invoked by a dependency, locales, man pages) is gone, and the added packages
come from the distribution rather than from the image. Build and test the new
image before shipping it.
)";

// Programs a stage may name that the full images have and slim ones lack.
constexpr std::array<std::string_view, 12> kUtilities = {
    "curl", "wget", "gpg", "git", "ssh", "hg", "svn", "ps", "unzip", "bzip2", "patch", "xz"};

// Programs that compile, or drive a compiler.
constexpr std::array<std::string_view, 14> kBuildTools = {
    "gcc",   "g++",       "cc",         "c++",      "make",     "cmake",   "ninja",
    "meson", "configure", "pkg-config", "autoconf", "automake", "libtool", "dpkg-architecture"};

// JDK programs a JRE lacks, and build tools that need a JDK.
constexpr std::array<std::string_view, 14> kJdkTools = {
    "javac", "jar",     "jlink", "jpackage", "jshell", "jcmd",    "jdeps",
    "jmod",  "javadoc", "mvn",   "mvnw",     "gradle", "gradlew", "ant"};

// PyPI packages without Linux wheels: pip compiles them.
constexpr std::array<std::string_view, 7> kPythonSdists = {
    "psycopg2", "mysqlclient", "uwsgi", "python-ldap", "pycrypto", "mod_wsgi", "mod-wsgi"};

// npm packages that build with node-gyp on install.
constexpr std::array<std::string_view, 14> kNodeNative = {
    "bcrypt",   "sqlite3", "better-sqlite3", "node-sass", "canvas",   "argon2",       "leveldown",
    "node-pty", "zeromq",  "serialport",     "re2",       "kerberos", "cpu-features", "node-gyp"};

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// A glob with at most one `*` (one or more characters); the text `*` matched, or nullopt.
std::optional<std::string> glob_match(std::string_view pattern, std::string_view text) {
  const std::size_t star = pattern.find('*');
  if (star == std::string_view::npos)
    return pattern == text ? std::optional<std::string>("") : std::nullopt;
  const std::string_view head = pattern.substr(0, star);
  const std::string_view tail = pattern.substr(star + 1);
  if (text.size() <= head.size() + tail.size() || !text.starts_with(head) || !text.ends_with(tail))
    return std::nullopt;
  return std::string(text.substr(head.size(), text.size() - head.size() - tail.size()));
}

// The `images` setting's target for `ref`: nullopt when no key matches, "" when turned off.
std::optional<std::string> configured_slim(const Context& ctx, const ImageRef& ref) {
  const std::vector<std::pair<std::string, std::string>> table = ctx.setting_table("images");
  // What a mapping produces is left alone (`myorg/base:1.4-slim` for `myorg/base:*-slim`).
  for (const auto& [key, value] : table) {
    const ImageRef produced = parse_image(value);
    if (!value.empty() && produced.qualified() == ref.qualified() &&
        glob_match(produced.tag, ref.tag))
      return "";
  }
  std::optional<std::string> best;
  std::size_t best_rank = 0;  // exact keys rank above every pattern; longer patterns above shorter
  for (const auto& [key, value] : table) {
    const ImageRef pattern = parse_image(key);
    if (pattern.qualified() != ref.qualified()) continue;
    const bool untagged = ref.tag.empty() || ref.tag == "latest";
    std::optional<std::string> star;
    if (pattern.tag.empty()) {
      if (untagged) star = "";
    } else if (!untagged) {
      star = glob_match(pattern.tag, ref.tag);
    }
    if (!star) continue;
    const std::size_t rank = pattern.tag.find('*') == std::string::npos ? 1000000 : key.size();
    if (best && rank <= best_rank) continue;
    std::string target = value;
    if (const std::size_t at = target.find('*'); at != std::string::npos)
      target.replace(at, 1, *star);
    best = target;
    best_rank = rank;
  }
  return best;
}

// Whether `stage` is a runtime stage: the last one, or one no other stage builds on.
bool runtime_stage(const syntax::StageView& view, const syntax::Document& file,
                   const syntax::Stage& stage) {
  if (stage.index + 1 == view.stages.size()) return true;
  for (const syntax::Stage& other : view.stages) {
    if (other.base_stage == stage.index) return false;
    if (std::find(other.copies_from.begin(), other.copies_from.end(), stage.index) !=
        other.copies_from.end())
      return false;
    for (std::size_t i = other.from + 1; i < other.end; ++i) {
      for (const syntax::Flag& f : file.instructions[i].flags) {
        if (f.name != "mount" || !f.value) continue;
        for (const std::string_view field : split_fields(*f.value, ',')) {
          if (field.starts_with("from=") && view.find(field.substr(5)) == stage.index) return false;
        }
      }
    }
  }
  return true;
}

// One use of a program name in an instruction of the stage.
struct Use {
  std::string_view tool;
  std::size_t index = 0;  // the instruction
  std::uint32_t offset = 0;
};

// The words (letters, digits, `+._-`) of the RUN/CMD/ENTRYPOINT/HEALTHCHECK
// instructions of the stage that are one of `names`, in file order.
template <std::size_t N>
std::vector<Use> uses(const Analysis& analysis, const syntax::Stage& stage,
                      const std::array<std::string_view, N>& names) {
  std::vector<Use> out;
  const std::string_view text = analysis.text();
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const syntax::Instruction& ins = analysis.doc().instructions[i];
    using syntax::Keyword;
    if (ins.keyword != Keyword::Run && ins.keyword != Keyword::Cmd &&
        ins.keyword != Keyword::Entrypoint && ins.keyword != Keyword::Healthcheck)
      continue;
    auto word_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '.' || c == '_' ||
             c == '-';
    };
    for (std::uint32_t pos = ins.keyword_span.end; pos < ins.span.end;) {
      if (!word_char(text[pos])) {
        ++pos;
        continue;
      }
      std::uint32_t end = pos;
      while (end < ins.span.end && word_char(text[end])) ++end;
      const std::string_view word = text.substr(pos, end - pos);
      const auto it = std::find(names.begin(), names.end(), word);
      if (it != names.end()) out.push_back(Use{*it, i, pos});
      pos = end;
    }
  }
  return out;
}

// The commands of the stage's RUNs (not ONBUILD RUNs: they run in other builds).
std::vector<RunCommand> stage_commands(const Analysis& analysis, const syntax::Stage& stage) {
  std::vector<RunCommand> out;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    if (analysis.doc().instructions[i].keyword != syntax::Keyword::Run) continue;
    for (const RunCommand& cmd : run_commands(analysis, i)) out.push_back(cmd);
  }
  return out;
}

// Where the stage ends in the file (after its last instruction).
std::uint32_t stage_end_offset(const Analysis& analysis, const syntax::Stage& stage) {
  return analysis.doc().instructions[stage.end - 1].line_span.end;
}

// The text of the stage, FROM through its last instruction.
std::string_view stage_text(const Analysis& analysis, const syntax::Stage& stage) {
  const std::uint32_t begin = analysis.doc().instructions[stage.from].line_span.begin;
  return analysis.text().substr(begin, stage_end_offset(analysis, stage) - begin);
}

// The packages installed by the commands of `cmds` that start before `offset`.
std::vector<std::string> installed_before(const std::vector<RunCommand>& cmds,
                                          std::uint32_t offset) {
  std::vector<std::string> out;
  for (const RunCommand& cmd : cmds) {
    if (cmd.command->span.begin >= offset) break;
    for (const std::string_view p : installed_by(cmd.view)) out.emplace_back(p);
  }
  return out;
}

bool provides(const std::vector<std::string>& installed, std::string_view tool) {
  const std::vector<std::string_view> providers = packages_providing(tool);
  return std::any_of(installed.begin(), installed.end(), [&](const std::string& p) {
    return std::find(providers.begin(), providers.end(), p) != providers.end();
  });
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The literal operands of a command (package names and the like).
std::vector<std::string> literal_operands(const RunCommand& cmd) {
  std::vector<std::string> out;
  for (const shell::Word* w : shell::operands(cmd.view)) {
    if (w->literal) out.push_back(*w->literal);
  }
  return out;
}

// A requirement's project name in lower case (`psycopg2` of `psycopg2==2.9 ; python_version>'3'`).
std::string requirement_name(std::string_view line) {
  const std::size_t end = std::min(line.find_first_of("<>=!~[;@ \t\r#"), line.size());
  std::string name(line.substr(0, end));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// A package pip would compile: on the command line or in a requirements*.txt of the build context.
std::optional<std::string> python_sdist(const Analysis& analysis,
                                        const std::vector<RunCommand>& cmds) {
  for (const RunCommand& cmd : cmds) {
    if (!shell::is_pip_install(cmd.view)) continue;
    for (const std::string& arg : literal_operands(cmd)) {
      if (one_of(requirement_name(arg), kPythonSdists)) return requirement_name(arg);
    }
  }
  std::error_code ec;
  if (analysis.directory().empty() || !std::filesystem::is_directory(analysis.directory(), ec))
    return std::nullopt;
  for (const auto& entry : std::filesystem::directory_iterator(analysis.directory(), ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("requirements") || !name.ends_with(".txt")) continue;
    std::istringstream lines(read_file(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      if (one_of(requirement_name(line), kPythonSdists))
        return requirement_name(line) + " (" + name + ")";
    }
  }
  return std::nullopt;
}

bool node_install(const shell::CommandView& v) {
  if (shell::is_program(v, {"npm"}))
    return shell::is(v, {"npm"}, "install") || shell::is(v, {"npm"}, "i") ||
           shell::is(v, {"npm"}, "ci") || shell::is(v, {"npm"}, "add");
  if (shell::is_program(v, {"yarn"}))
    return shell::subcommand(v) == nullptr || shell::is(v, {"yarn"}, "install") ||
           shell::is(v, {"yarn"}, "add");
  return shell::is(v, {"pnpm"}, "install") || shell::is(v, {"pnpm"}, "i") ||
         shell::is(v, {"pnpm"}, "add");
}

// A dependency that builds with node-gyp: on the command line or in package.json of the build
// context.
std::optional<std::string> node_native(const Analysis& analysis,
                                       const std::vector<RunCommand>& cmds) {
  bool installs = false;
  for (const RunCommand& cmd : cmds) {
    if (!node_install(cmd.view)) continue;
    installs = true;
    for (const std::string& arg : literal_operands(cmd)) {
      const std::string name = arg.substr(0, arg.find('@', 1));
      if (one_of(name, kNodeNative)) return name;
    }
  }
  if (!installs || analysis.directory().empty()) return std::nullopt;
  const std::filesystem::path manifest = analysis.directory() / "package.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(manifest, ec)) return std::nullopt;
  const std::string text = read_file(manifest);
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return "an unreadable package.json";
  const auto gypfile = json.find("gypfile");
  if (contains(text, "node-gyp") ||
      (gypfile != json.end() && gypfile->is_boolean() && gypfile->get<bool>()))
    return "node-gyp (package.json)";
  for (const char* section : {"dependencies", "devDependencies", "optionalDependencies"}) {
    const auto it = json.find(section);
    if (it == json.end() || !it->is_object()) continue;
    for (const auto& item : it->items()) {
      if (one_of(item.key(), kNodeNative)) return item.key() + " (package.json)";
    }
  }
  return std::nullopt;
}

// Why native builds would fail on the slim image of `family`, or "" when they would not.
std::string native_build_refusal(const Analysis& analysis, const syntax::Stage& stage,
                                 const std::vector<RunCommand>& cmds, std::string_view family,
                                 const std::vector<std::string>& installed) {
  auto any = [&](auto pred) { return std::any_of(cmds.begin(), cmds.end(), pred); };
  if (family == "python" &&
      any([](const RunCommand& c) { return shell::is_pip_install(c.view); })) {
    const bool dev = std::any_of(installed.begin(), installed.end(),
                                 [](const std::string& p) { return p.ends_with("-dev"); });
    if (dev)
      return "pip may compile against the -dev packages the stage installs (and the full image's)";
    if (!uses(analysis, stage, kBuildTools).empty())
      return "the stage compiles, and pip may compile against the full image's -dev libraries";
    if (const auto sdist = python_sdist(analysis, cmds))
      return "pip compiles " + *sdist +
             " from source, against the full image's gcc and -dev libraries";
  }
  if (family == "node") {
    if (const auto native = node_native(analysis, cmds))
      return "the install builds " + *native +
             " with node-gyp, which needs python3, make and g++ the slim image lacks";
  }
  if (family == "ruby" && any([](const RunCommand& c) {
        if (c.view.program == "bundle")
          return shell::subcommand(c.view) == nullptr || shell::is(c.view, {"bundle"}, "install");
        if (!shell::is(c.view, {"gem"}, "install")) return false;
        const std::vector<const shell::Word*> gems = shell::args_after_subcommand(c.view);
        return std::any_of(gems.begin(), gems.end(),
                           [](const shell::Word* g) { return g->literal != "bundler"; });
      }))
    return "gems with native extensions need gcc, make and the full image's -dev libraries";
  if (family == "perl" && any([](const RunCommand& c) {
        return shell::is_program(c.view, {"cpanm", "cpan"});
      }))
    return "CPAN modules with XS code need gcc, make and the full image's -dev libraries";
  if (family == "rust" && std::any_of(cmds.begin(), cmds.end(), [](const RunCommand& c) {
        return shell::is(c.view, {"cargo"}, "build") || shell::is(c.view, {"cargo"}, "install");
      }))
    return "cargo builds crates that may need pkg-config and -dev libraries the slim image lacks";
  return "";
}

// What switching the stage to `target` needs: a reason not to, or the packages to add.
struct Plan {
  std::string refusal;
  std::vector<std::string_view> packages;  // apt packages for the tools the slim image lacks
  std::size_t first_use = 0;               // the instruction and offset of the first use of one
  std::uint32_t first_offset = 0;
};

Plan plan_switch(const Analysis& analysis, const syntax::Stage& stage, const std::string& old_ref,
                 const std::string& target) {
  Plan plan;
  const std::vector<RunCommand> cmds = stage_commands(analysis, stage);
  const std::vector<std::string> installed =
      installed_before(cmds, stage_end_offset(analysis, stage));
  const ImageRef old_image = parse_image(old_ref);
  const ImageRef new_image = parse_image(target);
  auto refuse = [&](std::string why) {
    plan.refusal = std::move(why);
    return plan;
  };
  if (contains(new_image.tag, "jre") && !contains(old_image.tag, "jre")) {
    if (const std::vector<Use> jdk = uses(analysis, stage, kJdkTools); !jdk.empty())
      return refuse("the stage runs " + std::string(jdk.front().tool) +
                    ", which a JRE does not have");
  }
  const Distro old_family = image_distro(old_ref);
  const Distro new_family = image_distro(target);
  if (old_family != new_family) {
    for (const RunCommand& cmd : cmds) {
      if (shell::is_program(cmd.view, {"apt-get", "apt", "apk", "yum", "dnf", "microdnf", "rpm",
                                       "zypper", "dpkg"}))
        return refuse("the stage runs " + cmd.view.program + ", and " + target + " is " +
                      std::string(to_string(new_family)) + ", not " +
                      std::string(to_string(old_family)));
    }
  }
  if (std::string why = native_build_refusal(analysis, stage, cmds, old_image.name(), installed);
      !why.empty())
    return refuse(std::move(why));
  if (contains(new_image.tag, "slim") && new_family == Distro::Debian &&
      std::any_of(installed.begin(), installed.end(),
                  [](const std::string& p) {
                    return p.starts_with("openjdk-") || p.starts_with("default-j");
                  }) &&
      !contains(stage_text(analysis, stage), "/usr/share/man/man1"))
    return refuse(
        "the stage installs OpenJDK, whose post-install fails on slim images without "
        "/usr/share/man/man1");
  // A compile needs the full image's -dev libraries too, whoever installs the compiler.
  for (const Use& use : uses(analysis, stage, kBuildTools)) {
    if (image_has_tool(old_ref, "gcc") && !image_has_tool(target, "gcc"))
      return refuse("the stage runs " + std::string(use.tool) +
                    ", and what it builds may need the full image's " +
                    "compilers and -dev libraries, which " + target + " lacks");
  }
  for (const Use& use : uses(analysis, stage, kUtilities)) {
    const std::vector<std::string> before = installed_before(cmds, use.offset);
    if (!image_has_tool(old_ref, use.tool) || image_has_tool(target, use.tool) ||
        provides(before, use.tool))
      continue;
    if (plan.packages.empty()) {
      plan.first_use = use.index;
      plan.first_offset = use.offset;
    }
    for (const std::string_view p : apt_packages_for(use.tool)) {
      if (std::find(plan.packages.begin(), plan.packages.end(), p) == plan.packages.end() &&
          std::find(before.begin(), before.end(), p) == before.end())
        plan.packages.push_back(p);
    }
  }
  if (!plan.packages.empty() &&
      (stage_distro(analysis, stage) != Distro::Debian || new_family != Distro::Debian))
    return refuse(target + " lacks " + std::string(plan.packages.front()) +
                  ", and dfopt adds packages only with apt-get on Debian and Ubuntu images");
  return plan;
}

// The edit that installs `plan.packages`: appended to the first apt-get install of the
// stage that runs before their first use, or a new RUN right after FROM.
std::optional<TextEdit> install_edit(const Analysis& analysis, const syntax::Stage& stage,
                                     const Plan& plan) {
  std::string names;
  for (const std::string_view p : plan.packages)
    names += (names.empty() ? "" : " ") + std::string(p);
  for (const RunCommand& cmd : stage_commands(analysis, stage)) {
    const bool before = cmd.index < plan.first_use ||
                        (cmd.index == plan.first_use && cmd.command->span.end <= plan.first_offset);
    if (!before) break;
    if (shell::is_apt_get_install(cmd.view))
      return TextEdit::insert(shell::end_of_words(*cmd.command), " " + names);
  }
  const Rewriter rw(analysis);
  return rw.insert_after(
      analysis.doc().instructions[stage.from],
      rw.line("RUN", "apt-get update && apt-get install -y --no-install-recommends " + names +
                         " && rm -rf /var/lib/apt/lists/*"));
}

void check_stage(Context& ctx, const syntax::Stage& stage) {
  const Analysis& analysis = ctx.analysis();
  const syntax::Instruction& from = ctx.doc().instructions[stage.from];
  if (stage.base_stage || from.args.empty() || !runtime_stage(analysis.stages(), ctx.doc(), stage))
    return;
  const syntax::Word& word = from.args[0];
  const std::optional<std::string> expanded = expand_meta_args(analysis, word.value);
  if (!expanded) return;
  const ImageRef ref = parse_image(*expanded);
  const std::string plain = expanded->substr(0, expanded->find('@'));
  const std::optional<std::string> configured = configured_slim(ctx, ref);
  const std::string target = configured ? *configured : builtin_slim(plain);
  if (target.empty() || target == plain) return;

  std::string message = "runtime stage on the full image '" + word.value + "'";
  if (*expanded != word.value) message += " ('" + *expanded + "' with the ARG defaults)";
  message += "; its slim variant is '" + target + "'";
  if (!ref.digest.empty()) {
    ctx.report(word.span,
               message + ", but the digest pins the full image: re-pin it to the slim one by hand");
    return;
  }
  const Plan plan = plan_switch(analysis, stage, plain, target);
  if (!plan.refusal.empty()) {
    ctx.report(word.span, message + "; not switched: " + plan.refusal);
    return;
  }
  if (*expanded != word.value) {
    ctx.report(word.span, message + " (change the ARG default by hand)");
    return;
  }
  if (analysis.text().substr(word.span.begin, word.span.size()) != word.value) {
    ctx.report(word.span, message + " (the image word is quoted or split: change it by hand)");
    return;
  }
  std::vector<TextEdit> edits{Rewriter::replace(word.span, target)};
  std::string title = "use " + target;
  if (!plan.packages.empty()) {
    auto install = install_edit(analysis, stage, plan);
    if (!install) {
      ctx.report(word.span, message + " (no fix: the FROM line ends with a line continuation)");
      return;
    }
    edits.push_back(std::move(*install));
    std::string names;
    for (const std::string_view p : plan.packages)
      names += (names.empty() ? "" : ", ") + std::string(p);
    message += " (installing " + names + ", which it lacks)";
    title += " and install " + names;
  }
  ctx.report(word.span, message, Safety::Unsafe, title, std::move(edits));
}

void check(Context& ctx) {
  for (const syntax::Stage& stage : ctx.analysis().stages().stages) check_stage(ctx, stage);
}

}  // namespace

const Transform& slim_base_image() {
  static const Transform t{"slim-base-image",
                           Category::Stages,
                           Safety::Unsafe,
                           "use the slim variant of a full official base image in runtime stages",
                           {},
                           doc,
                           true,
                           check,
                           {{"images", OptionType::StringTable,
                             "more full → slim mappings: \"image:tag-pattern\" = \"new "
                             "reference\", `*` carrying the tag"}}};
  return t;
}

}  // namespace dfopt::transforms
