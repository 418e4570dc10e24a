#include "transforms/support/stage_split.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"
#include "shell/shell.hpp"
#include "transforms/support/moves.hpp"

namespace dfopt::transforms {

namespace {

template <typename T>
void add_unique(std::vector<T>& out, const T& value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string_view base_name(std::string_view path) { return path.substr(path.rfind('/') + 1); }
std::string_view dir_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  return slash == 0 ? std::string_view("/") : path.substr(0, slash);
}

// Compilers, build systems and SDKs: installing one in the final stage is what
// the rule reports.
constexpr std::array<std::string_view, 27> kBuildTools = {
    "build-essential", "build-base", "gcc",           "g++",         "gcc-c++",
    "clang",           "make",       "cmake",         "ninja-build", "golang",
    "golang-go",       "go",         "cargo",         "rustc",       "rust",
    "maven",           "gradle",     "ant",           "default-jdk", "default-jdk-headless",
    "python3-dev",     "python-dev", "python3-devel", "musl-dev",    "autoconf",
    "automake",        "libtool"};

// Build-only packages that are not reported on their own but never belong in a runtime.
constexpr std::array<std::string_view, 17> kBuildOnly = {
    "git",           "pkg-config",     "pkgconf",  "pkgconfig", "libc6-dev", "libc-dev",
    "linux-headers", "linux-libc-dev", "binutils", "dpkg-dev",  "bison",     "flex",
    "patch",         "meson",          "ninja",    "rustup",    "clang++"};

bool jdk_package(std::string_view p) {
  return (p.starts_with("openjdk") && contains(p, "jdk") && p != "openjdk") ||
         p.starts_with("default-jdk") || (p.starts_with("java-") && p.ends_with("-devel"));
}

// gcc-12, g++-12, clang-15, …
bool versioned_compiler(std::string_view p) {
  constexpr std::array<std::string_view, 4> kPrefixes = {"gcc-", "g++-", "clang-", "cpp-"};
  return std::ranges::any_of(kPrefixes, [&](std::string_view prefix) {
    return p.starts_with(prefix) && p.size() > prefix.size() &&
           std::isdigit(static_cast<unsigned char>(p[prefix.size()])) != 0;
  });
}

// Run-time libraries of -dev packages; "" for suite-dependent names (see below).
struct DevLib {
  std::string_view dev;
  std::string_view debian;
  std::string_view alpine;
};
constexpr std::array<DevLib, 20> kDevLibs = {{
    {"libxslt1-dev", "libxslt1.1", ""},
    {"libxslt-dev", "libxslt1.1", "libxslt"},
    {"mariadb-dev", "", "mariadb-connector-c"},
    {"zlib1g-dev", "zlib1g", ""},
    {"zlib-dev", "", "zlib"},
    {"libpq-dev", "libpq5", "libpq"},
    {"postgresql-dev", "", "libpq"},
    {"libsqlite3-dev", "libsqlite3-0", ""},
    {"sqlite-dev", "", "sqlite-libs"},
    {"libssl-dev", "", ""},
    {"openssl-dev", "", "openssl"},
    {"libcurl4-openssl-dev", "", ""},
    {"curl-dev", "", "libcurl"},
    {"libxml2-dev", "libxml2", "libxml2"},
    {"libyaml-dev", "libyaml-0-2", "yaml"},
    {"libffi-dev", "", "libffi"},
    {"libbz2-dev", "libbz2-1.0", "libbz2"},
    {"liblzma-dev", "liblzma5", "xz-libs"},
    {"libzstd-dev", "libzstd1", "zstd-libs"},
    {"libgmp-dev", "libgmp10", "gmp"},
}};

// Suite-dependent Debian/Ubuntu library names.
std::string suite_library(std::string_view dev, std::string_view suite) {
  const bool t64 = suite == "trixie" || suite == "noble";
  const bool old = suite == "bullseye" || suite == "buster" || suite == "focal";
  const bool current = suite == "bookworm" || suite == "jammy";
  if (dev == "libssl-dev") {
    if (t64) return "libssl3t64";
    if (old) return "libssl1.1";
    if (current) return "libssl3";
    return "openssl";  // depends on the libssl of any release
  }
  if (dev == "libcurl4-openssl-dev") {
    if (t64) return "libcurl4t64";
    if (old || current) return "libcurl4";
    return "curl";  // depends on libcurl4 of any release
  }
  if (dev == "libevent-dev") {
    if (t64) return "libevent-2.1-7t64";
    if (old || current) return "libevent-2.1-7";
  }
  if (dev == "libffi-dev") {
    if (suite == "bookworm" || suite == "jammy" || t64) return "libffi8";
    if (suite == "bullseye" || suite == "focal") return "libffi7";
  }
  return "";
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The related commands of an ecosystem (compiles, tests, dependency downloads).
std::optional<Ecosystem> related_ecosystem(const shell::CommandView& cmd) {
  const std::string_view p = cmd.program;
  if (p == "go") return Ecosystem::Go;
  if (p == "cargo" || p == "rustc" || p == "rustup") return Ecosystem::Rust;
  if (p == "make" || p == "cmake" || p == "ninja" || p == "gcc" || p == "g++" || p == "cc" ||
      p == "c++" || p == "clang" || p == "clang++" || p == "configure" || p == "ctest" ||
      p == "meson")
    return Ecosystem::C;
  if (p == "mvn" || p == "mvnw" || p == "gradle" || p == "gradlew" || p == "javac" || p == "jar")
    return Ecosystem::Java;
  if (p == "npm" || p == "yarn" || p == "pnpm" || p == "npx") return Ecosystem::Node;
  if (shell::is_pip(cmd)) return Ecosystem::Python;
  return std::nullopt;
}

bool user_creation_only(const Analysis& analysis, std::size_t index) {
  const std::span<const RunCommand> cmds = run_commands(analysis, index);
  return !cmds.empty() && std::all_of(cmds.begin(), cmds.end(), [](const RunCommand& c) {
    return shell::is_program(c.view, {"useradd", "groupadd", "adduser", "addgroup"});
  });
}

bool numeric_user(std::string_view user) {
  return !user.empty() && std::all_of(user.begin(), user.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == ':';
  });
}

// The instruction's own lines (no comment lines above), without the final line ending.
std::string instruction_text(const Analysis& analysis, const syntax::Instruction& ins) {
  std::string_view t = analysis.text().substr(ins.line_span.begin, ins.line_span.size());
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
  return std::string(t);
}

// Whether `text` expands variable `name` ($name or ${name…}).
bool uses_variable(std::string_view text, std::string_view name) {
  for (std::size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
    std::string_view rest = text.substr(at + 1);
    if (rest.starts_with("{")) rest.remove_prefix(1);
    if (!rest.starts_with(name)) continue;
    const std::string_view after = rest.substr(name.size());
    if (after.empty() ||
        !(std::isalnum(static_cast<unsigned char>(after[0])) != 0 || after[0] == '_'))
      return true;
  }
  return false;
}

// Whether `body` runs `command` (at a line start or after `&&`, `;`, `|`, blanks).
bool mentions_command(std::string_view body, std::string_view command) {
  for (std::size_t at = body.find(command); at != std::string_view::npos;
       at = body.find(command, at + 1)) {
    const bool starts =
        at == 0 || std::string_view(" \t\n;&|(").find(body[at - 1]) != std::string_view::npos;
    const std::size_t end = at + command.size();
    const bool ends = end >= body.size() || command.ends_with(" ") ||
                      std::string_view(" \t\r\n;&|)").find(body[end]) != std::string_view::npos;
    if (starts && ends) return true;
  }
  return false;
}

// Programs whose presence in the run command means the image needs the toolchain.
constexpr std::array<std::string_view, 17> kToolchainPrograms = {
    "go", "cargo", "rustc", "mvn",   "mvnw",  "gradle", "gradlew", "gcc",    "g++",
    "cc", "clang", "make",  "cmake", "javac", "ng",     "ts-node", "nodemon"};

}  // namespace

std::string_view ecosystem_key(Ecosystem eco) {
  switch (eco) {
    case Ecosystem::Go:
      return "go";
    case Ecosystem::Rust:
      return "rust";
    case Ecosystem::C:
      return "c";
    case Ecosystem::Java:
      return "java";
    case Ecosystem::Node:
      return "node";
    case Ecosystem::Python:
      return "python";
  }
  return "";
}

std::string_view ecosystem_name(Ecosystem eco) {
  switch (eco) {
    case Ecosystem::Go:
      return "Go";
    case Ecosystem::Rust:
      return "Rust";
    case Ecosystem::C:
      return "C/C++";
    case Ecosystem::Java:
      return "Java";
    case Ecosystem::Node:
      return "Node";
    case Ecosystem::Python:
      return "Python";
  }
  return "";
}

bool is_build_tool_package(std::string_view package) {
  return std::find(kBuildTools.begin(), kBuildTools.end(), package) != kBuildTools.end() ||
         jdk_package(package) || versioned_compiler(package);
}

std::optional<Ecosystem> compile_ecosystem(const shell::CommandView& cmd) {
  const std::optional<Ecosystem> eco = related_ecosystem(cmd);
  if (!eco) return std::nullopt;
  const shell::Word* sub = shell::subcommand(cmd);
  const std::string_view s =
      sub != nullptr && sub->literal ? std::string_view(*sub->literal) : std::string_view();
  switch (*eco) {
    case Ecosystem::Go:
      return s == "build" || s == "install" ? eco : std::nullopt;
    case Ecosystem::Rust:
      return cmd.program == "cargo" && (s == "build" || s == "install") ? eco : std::nullopt;
    case Ecosystem::C:
      return cmd.program == "ctest" ? std::nullopt : eco;
    case Ecosystem::Java:
      return eco;
    case Ecosystem::Node: {
      if (cmd.program == "npx") return std::nullopt;
      if (s.starts_with("build")) return eco;
      const std::vector<const shell::Word*> rest = shell::args_after_subcommand(cmd);
      const bool script = s == "run" || s == "run-script";
      return script && !rest.empty() && rest[0]->literal && rest[0]->literal->starts_with("build")
                 ? eco
                 : std::nullopt;
    }
    case Ecosystem::Python:
      return shell::is_pip_install(cmd) ? eco : std::nullopt;
  }
  return std::nullopt;
}

BuildFacts build_facts(const Analysis& analysis, const syntax::Stage& stage) {
  BuildFacts f;
  const auto& instructions = analysis.doc().instructions;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    if (instructions[i].keyword != syntax::Keyword::Run) continue;
    for (const syntax::Heredoc& h : instructions[i].heredocs) {
      f.heredoc = true;
      const std::string_view body = analysis.text().substr(h.body.begin, h.body.size());
      for (const std::string_view word :
           {"go build", "go install", "cargo build", "cargo install", "make", "cmake", "mvn ",
            "gradle", "javac", "npm run build"}) {
        if (mentions_command(body, word))
          add_unique(f.compiles, std::string(word.substr(0, word.find_last_not_of(' ') + 1)));
      }
    }
    bool build = false;
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      for (const std::string_view p : installed_by(cmd.view)) {
        if (is_build_tool_package(p)) add_unique(f.tool_packages, std::string(p));
      }
      if (const auto eco = compile_ecosystem(cmd.view)) {
        add_unique(f.ecosystems, *eco);
        const shell::Word* sub = shell::subcommand(cmd.view);
        std::string label = cmd.view.program;
        if (*eco != Ecosystem::C && *eco != Ecosystem::Java && sub != nullptr && sub->literal)
          label += " " + *sub->literal;
        const std::vector<const shell::Word*> rest = shell::args_after_subcommand(cmd.view);
        if (*eco == Ecosystem::Node && label.ends_with(" run") && !rest.empty() && rest[0]->literal)
          label += " " + *rest[0]->literal;
        add_unique(f.compiles, label);
      }
      build = build || related_ecosystem(cmd.view).has_value();
      if (runs_build_script(cmd.view)) {
        f.last_script_run = i;
        build = true;
      }
    }
    if (build) f.last_build_run = i;
  }
  // A build script: the ecosystem of the installed tools.
  if (f.last_script_run && f.ecosystems.empty()) {
    for (const std::string& p : f.tool_packages) {
      std::optional<Ecosystem> eco;
      if (p.starts_with("default-jdk") || p.starts_with("openjdk") || p == "maven" || p == "gradle")
        eco = Ecosystem::Java;
      if (p == "golang" || p == "golang-go" || p == "go") eco = Ecosystem::Go;
      if (p == "cargo" || p == "rustc" || p == "rust") eco = Ecosystem::Rust;
      if (p == "gcc" || p == "g++" || p == "build-essential" || p == "make" || p == "cmake" ||
          p == "build-base")
        eco = Ecosystem::C;
      if (eco) {
        add_unique(f.ecosystems, *eco);
        add_unique(f.compiles, std::string("build script"));
      }
    }
  }
  // pip installs count as a compile only where compilers are installed.
  if (f.tool_packages.empty()) {
    std::erase(f.ecosystems, Ecosystem::Python);
    std::erase_if(f.compiles, [](const std::string& c) {
      return c.starts_with("pip") || c.starts_with("python");
    });
  }
  return f;
}

std::optional<RuntimeCommand> runtime_command(const Analysis& analysis,
                                              const syntax::Stage& stage) {
  const auto& instructions = analysis.doc().instructions;
  std::optional<std::size_t> entrypoint;
  std::optional<std::size_t> cmd;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    if (instructions[i].keyword == syntax::Keyword::Entrypoint) entrypoint = i;
    if (instructions[i].keyword == syntax::Keyword::Cmd) cmd = i;
  }
  const std::optional<std::size_t> chosen = entrypoint ? entrypoint : cmd;
  if (!chosen) return std::nullopt;
  const syntax::Instruction& ins = instructions[*chosen];
  RuntimeCommand out;
  out.index = *chosen;
  out.workdir = workdir_at(analysis, *chosen);
  if (ins.is_json()) {
    out.exec = true;
    for (const syntax::Word& w : ins.args) out.words.push_back(w.value);
    if (out.words.empty()) return std::nullopt;
    return out;
  }
  const LogicalText body = ins.rest_text();
  const shell::Script script = shell::parse(body);
  const std::vector<const shell::SimpleCommand*> cmds = shell::commands(script);
  if (cmds.empty()) return std::nullopt;
  const shell::CommandView view = shell::view(*cmds.front());
  if (view.program_word == nullptr || !view.program_word->literal) return std::nullopt;
  out.words.push_back(*view.program_word->literal);
  for (const shell::Word& w : view.args)
    out.words.push_back(w.literal ? *w.literal : std::string("?"));
  const shell::SimpleCommand& first = *cmds.front();
  out.plain = script.status == shell::ParseStatus::Parsed && cmds.size() == 1 &&
              script.statements.size() == 1 && first.assignments.empty() &&
              first.redirects.empty() && view.wrappers.empty() &&
              std::all_of(first.words.begin(), first.words.end(),
                          [](const shell::Word& w) { return w.literal && !w.has_glob; }) &&
              script.statements[0].and_or.pipelines.size() == 1 &&
              script.statements[0].and_or.pipelines[0].commands.size() == 1 &&
              ins.inner_comments.empty();
  return out;
}

std::string debian_suite(std::string_view image) {
  const ImageRef ref = parse_image(image);
  const std::string tag = lower(ref.tag);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSuites = {{
      {"trixie", "trixie"},
      {"bookworm", "bookworm"},
      {"bullseye", "bullseye"},
      {"buster", "buster"},
      {"noble", "noble"},
      {"jammy", "jammy"},
      {"focal", "focal"},
      {"24.04", "noble"},
      {"22.04", "jammy"},
      {"20.04", "focal"},
      {"13", "trixie"},
      {"12", "bookworm"},
      {"11", "bullseye"},
      {"10", "buster"},
  }};
  for (const auto& [marker, suite] : kSuites) {
    const bool numeric = std::isdigit(static_cast<unsigned char>(marker[0])) != 0;
    if (numeric) {
      // Debian versions only as the tag of debian/ubuntu (`debian:12`, `debian:12.5-slim`,
      // `ubuntu:22.04`).
      if (ref.name() != "debian" && ref.name() != "ubuntu") continue;
      if (tag == marker || tag.starts_with(std::string(marker) + ".") ||
          tag.starts_with(std::string(marker) + "-"))
        return std::string(suite);
      continue;
    }
    if (contains(tag, marker)) return std::string(suite);
  }
  return "";
}

std::optional<std::string> slim_runtime_image(std::string_view image) {
  const ImageRef ref = parse_image(image);
  const Distro distro = image_distro(image);
  const std::string_view name = ref.name();
  const std::string tag = ref.tag;
  if (distro == Distro::Alpine) {
    if (name == "alpine") return ref.qualified() + (tag.empty() ? "" : ":" + tag);
    const std::size_t at = lower(tag).find("alpine");
    const std::string version = tag.substr(at + 6);
    return "alpine" + (version.empty() ? std::string() : ":" + version);
  }
  if (distro != Distro::Debian) return std::nullopt;
  if (name == "ubuntu") return ref.qualified() + (tag.empty() ? "" : ":" + tag);
  if (name == "debian") {
    if (contains(lower(tag), "slim")) return ref.qualified() + ":" + tag;
    if (tag.empty() || tag == "latest") return ref.qualified() + ":stable-slim";
    return ref.qualified() + ":" + tag + "-slim";
  }
  // Official language images: the Debian release they are built on.
  const std::string suite = debian_suite(image);
  if (suite == "jammy" || suite == "focal" || suite == "noble") return "ubuntu:" + suite;
  if (!suite.empty()) return "debian:" + suite + "-slim";
  // No release in the tag: the current stable one (its C library is at least as new).
  return std::string("debian:stable-slim");
}

PackageMap runtime_packages(const std::vector<std::string>& installed, Distro distro,
                            std::string_view suite, shell::Names keep) {
  PackageMap out;
  std::vector<std::string> unknown;
  bool cxx = false;
  for (const std::string& p : installed) {
    if (keep.contains(p)) {
      add_unique(out.packages, p);
      continue;
    }
    cxx = cxx || p == "g++" || p == "build-base" || p == "gcc-c++";
    if (p.starts_with("default-jdk")) {
      add_unique(out.packages, std::string("default-jre-headless"));
      continue;
    }
    if (p.starts_with("openjdk") && contains(p, "-jdk")) {
      // openjdk-17-jdk(-headless) → openjdk-17-jre-headless; alpine openjdk17-jdk →
      // openjdk17-jre-headless
      add_unique(out.packages, p.substr(0, p.find("-jdk")) + "-jre-headless");
      continue;
    }
    if (p == "python-dev" || (p.starts_with("python3") && p.ends_with("-dev"))) {
      add_unique(out.packages, p.substr(0, p.size() - 4));
      continue;
    }
    if (is_build_tool_package(p) ||
        std::find(kBuildOnly.begin(), kBuildOnly.end(), p) != kBuildOnly.end() || p == "npm")
      continue;
    if (p.ends_with("-dev") || p.ends_with("-devel")) {
      if (p.starts_with("libstdc++") || p == "libgcc-dev") continue;
      const auto lib = std::find_if(kDevLibs.begin(), kDevLibs.end(),
                                    [&](const DevLib& d) { return d.dev == p; });
      std::string runtime;
      if (lib != kDevLibs.end())
        runtime = std::string(distro == Distro::Alpine ? lib->alpine : lib->debian);
      if (runtime.empty() && distro != Distro::Alpine) runtime = suite_library(p, suite);
      if (runtime.empty()) {
        unknown.push_back(p);
        continue;
      }
      add_unique(out.packages, runtime);
      continue;
    }
    add_unique(out.packages, p);
  }
  // musl images have no C++ runtime in the base.
  if (cxx && distro == Distro::Alpine) add_unique(out.packages, std::string("libstdc++"));
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& u : unknown) names += (names.empty() ? "" : ", ") + u;
    out.refusal = fmt::format("no known run-time package for {}", names);
  }
  return out;
}

std::vector<RunCommand> build_commands(const ShapeInput& in) {
  std::vector<RunCommand> out;
  for (std::size_t i = in.stage.from + 1; i <= in.build_end; ++i) {
    for (const RunCommand& cmd : run_commands(in.analysis, i)) out.push_back(cmd);
  }
  return out;
}

bool build_stays_below(const ShapeInput& in) {
  const std::vector<RunCommand> cmds = build_commands(in);
  return std::all_of(cmds.begin(), cmds.end(), [](const RunCommand& c) {
    if (c.view.program != "cd") return c.view.program != "pushd";
    const std::vector<const shell::Word*> ops = shell::operands(c.view);
    return ops.size() == 1 && ops[0]->literal && !ops[0]->literal->starts_with("/") &&
           !contains(*ops[0]->literal, "..") && !ops[0]->literal->starts_with("~");
  });
}

bool runs_build_script(const shell::CommandView& cmd) {
  if (cmd.program_word == nullptr || !cmd.program_word->literal ||
      !contains(*cmd.program_word->literal, "/"))
    return false;
  const std::string_view name = cmd.program;
  return name.starts_with("build") || name.starts_with("compile");
}

bool build_changes_directory(const ShapeInput& in) {
  const std::vector<RunCommand> cmds = build_commands(in);
  return std::any_of(cmds.begin(), cmds.end(), [](const RunCommand& c) {
    return c.view.program == "cd" || c.view.program == "pushd";
  });
}

std::vector<std::string> copied_outputs(const ShapeInput& in) {
  std::vector<std::string> out;
  const bool cd = build_changes_directory(in);
  for (const RunCommand& cmd : build_commands(in)) {
    if (!shell::is_program(cmd.view, {"cp", "install", "mv", "ln"})) continue;
    if (shell::has_flag(cmd.view, {"t", "target-directory"}, {"-m", "-o", "-g", "-t", "-S"}))
      continue;
    const std::vector<const shell::Word*> ops =
        shell::operands(cmd.view, {"-m", "-o", "-g", "-S", "--mode", "--owner", "--group"});
    if (ops.size() < 2 || !ops.back()->literal) continue;
    const std::string cwd = workdir_at(in.analysis, cmd.index);
    const std::string& dest_text = *ops.back()->literal;
    if (cd && !dest_text.starts_with("/")) continue;
    const std::string dest = resolve_path(cwd, dest_text);
    if (dest.empty()) continue;
    for (std::size_t k = 0; k + 1 < ops.size(); ++k) {
      if (!ops[k]->literal || ops[k]->has_glob) continue;
      out.push_back(dest + "/" + std::string(base_name(*ops[k]->literal)));
    }
    if (!dest_text.ends_with("/")) out.push_back(dest);
  }
  return out;
}

namespace {

constexpr std::array<std::string_view, 6> kDefaultPath = {
    "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"};

bool on_default_path(std::string_view dir) {
  return std::find(kDefaultPath.begin(), kDefaultPath.end(), dir) != kDefaultPath.end();
}

}  // namespace

std::string program_path(const ShapeInput& in, std::string_view word,
                         const std::vector<std::string>& candidates) {
  if (contains(word, "/"))
    return in.command.workdir.empty() ? std::string() : resolve_path(in.command.workdir, word);
  std::string found;
  for (const std::string& c : candidates) {
    if (base_name(c) != word) continue;
    if (on_default_path(dir_name(c))) return c;
    if (found.empty()) found = c;
  }
  return found;
}

std::optional<std::string> context_file(const Analysis& analysis, std::string_view name) {
  if (analysis.directory().empty()) return std::nullopt;
  std::ifstream file(analysis.directory() / std::string(name), std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

namespace {

// The runtime stage's lines and the edits of the split, once a plan is chosen.
class StageWriter {
 public:
  StageWriter(const Analysis& analysis, const syntax::Stage& stage, std::size_t build_end,
              const RuntimePlan& plan, const RuntimeCommand& command, std::string builder)
      : analysis_(analysis),
        rw_(analysis),
        stage_(stage),
        build_end_(build_end),
        plan_(plan),
        command_(command),
        builder_(std::move(builder)) {
    const Distro d = image_distro(plan.image);
    no_shell_ = d == Distro::Scratch || d == Distro::Distroless;
  }

  // The edits, or a refusal.
  SplitOutcome write() {
    SplitOutcome out;
    out.runtime_image = plan_.image;
    if (!collect_before()) {
      out.refusal = refusal_;
      return out;
    }
    std::string tail;
    if (!tail_text(tail)) {
      out.refusal = refusal_;
      return out;
    }
    std::vector<std::string> lines;
    lines.push_back(rw_.line("FROM", plan_.image));
    const std::size_t arg_position = lines.size();
    append(lines, shells_);
    append(lines, envs_);
    if (!plan_.packages.empty()) {
      std::optional<std::string> install = package_install();
      if (!install) {
        out.refusal = refusal_;
        return out;
      }
      lines.push_back(*install);
    }
    append(lines, user_runs_);
    if (!workdir_.empty() && workdir_ != "/") lines.push_back(rw_.line("WORKDIR", workdir_));
    append(lines, metadata_);
    for (const StageLine& l : plan_.before_copy) lines.push_back(rw_.line(l.keyword, l.args));
    for (const Artifact& a : plan_.artifacts)
      lines.push_back(rw_.line("COPY", fmt::format("--from={} {} {}", builder_, a.from, a.to)));
    append(lines, context_copies_);
    append(lines, commands_);
    append(lines, users_);
    // ARGs the runtime stage expands.
    std::string body;
    for (std::size_t k = 1; k < lines.size(); ++k) body += lines[k] + "\n";
    body += tail;
    std::vector<std::string> args;
    for (const auto& [name, text] : args_) {
      if (uses_variable(body, name)) args.push_back(text);
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(arg_position), args.begin(),
                 args.end());

    const std::string& nl = rw_.style().newline;
    const auto& instructions = analysis_.doc().instructions;
    const syntax::Instruction& last = instructions[build_end_];
    const std::string_view text = analysis_.text();
    std::string inserted;
    if (last.line_span.end == 0 || text[last.line_span.end - 1] != '\n') inserted += nl;
    inserted += nl;
    for (const std::string& l : lines) inserted += l + nl;
    inserted += tail;
    const std::uint32_t tail_end = stage_.end > build_end_ + 1
                                       ? instructions[stage_.end - 1].line_span.end
                                       : last.line_span.end;
    out.edits = plan_.builder_edits;
    const syntax::Instruction& from = instructions[stage_.from];
    if (from.args.size() < 3)
      out.edits.push_back(Rewriter::insert_after_word(from.args.back().span, "AS " + builder_));
    out.edits.push_back(TextEdit::replace(Span{last.line_span.end, tail_end}, std::move(inserted)));
    return out;
  }

 private:
  static void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  bool refuse(std::string why) {
    refusal_ = std::move(why);
    return false;
  }

  // The runtime command, exec form with the absolute program where the runtime has no shell.
  std::optional<std::string> command_text(std::size_t index) {
    const syntax::Instruction& ins = analysis_.doc().instructions[index];
    if (!no_shell_ || ins.is_json()) return instruction_text(analysis_, ins);
    if (index != command_.index || !command_.plain || !plan_.program) {
      refusal_ = fmt::format("shell-form {} (line {}) cannot run on {}: it has no /bin/sh",
                             syntax::keyword_name(ins.keyword), ins.first_line, plan_.image);
      return std::nullopt;
    }
    std::vector<std::string> words = command_.words;
    words[0] = *plan_.program;
    std::string json = "[";
    for (const std::string& w : words) json += (json.size() > 1 ? ", " : "") + json_quote(w);
    json += "]";
    const std::string_view text = analysis_.text();
    return std::string(
               text.substr(ins.line_span.begin, ins.rest_span.begin - ins.line_span.begin)) +
           json;
  }

  // The instructions of the stage before the build end that the runtime repeats.
  bool collect_before() {
    const auto& instructions = analysis_.doc().instructions;
    for (const std::size_t meta : analysis_.stages().meta_args) {
      for (const syntax::Word& w : instructions[meta].args) {
        const std::string name = w.value.substr(0, w.value.find('='));
        args_.emplace_back(name, rw_.line("ARG", name));
      }
    }
    workdir_ = workdir_at(analysis_, build_end_);
    if (workdir_.empty()) return refuse("the WORKDIR has variables");
    std::string user;
    for (std::size_t i = stage_.from + 1; i <= build_end_; ++i) {
      const syntax::Instruction& ins = instructions[i];
      const std::string text = instruction_text(analysis_, ins);
      switch (ins.keyword) {
        case syntax::Keyword::Arg:
          for (const syntax::Word& w : ins.args) {
            const std::string name = w.value.substr(0, w.value.find('='));
            std::erase_if(args_, [&](const auto& a) { return a.first == name; });
            args_.emplace_back(name, text);
          }
          break;
        case syntax::Keyword::Shell:
          if (no_shell_)
            return refuse(
                fmt::format("SHELL (line {}) has no meaning on {}", ins.first_line, plan_.image));
          shells_.push_back(text);
          break;
        case syntax::Keyword::Env:
          envs_.push_back(text);
          break;
        case syntax::Keyword::Healthcheck:
          if (no_shell_ && !(ins.args.size() == 1 && lower(ins.args[0].value) == "none"))
            return refuse(fmt::format("the HEALTHCHECK (line {}) needs tools {} does not have",
                                      ins.first_line, plan_.image));
          metadata_.push_back(text);
          break;
        case syntax::Keyword::Label:
        case syntax::Keyword::Expose:
        case syntax::Keyword::Volume:
        case syntax::Keyword::Stopsignal:
        case syntax::Keyword::Maintainer:
          metadata_.push_back(text);
          break;
        case syntax::Keyword::Cmd:
        case syntax::Keyword::Entrypoint: {
          const std::optional<std::string> cmd = command_text(i);
          if (!cmd) return false;
          commands_.push_back(*cmd);
          break;
        }
        case syntax::Keyword::User:
          users_ = {text};
          user = ins.rest;
          break;
        case syntax::Keyword::Run:
          if (i != build_end_ && user_creation_only(analysis_, i)) user_runs_.push_back(text);
          break;
        case syntax::Keyword::Copy:
        case syntax::Keyword::Add:
          if (!collect_context_copy(i)) return false;
          break;
        default:
          break;
      }
    }
    return check_user(user);
  }

  // A COPY of the context to a place outside the build directory (a config file,
  // an entrypoint script) is a runtime file: the runtime repeats it.
  bool collect_context_copy(std::size_t i) {
    const syntax::Instruction& ins = analysis_.doc().instructions[i];
    if (!reads_context(ins) || copies_context_root(ins) || ins.args.size() < 2) return true;
    if (!ins.heredocs.empty())
      return refuse(fmt::format("a COPY with a heredoc (line {})", ins.first_line));
    const std::string dest = resolve_path(workdir_at(analysis_, i), ins.args.back().value);
    if (dest.empty()) return true;
    if (path_within(dest, workdir_)) return true;
    if (ins.flag("chown") != nullptr && no_shell_)
      return refuse(fmt::format("COPY --chown (line {}) on {}", ins.first_line, plan_.image));
    context_copies_.push_back(instruction_text(analysis_, ins));
    return true;
  }

  bool check_user(std::string_view user) {
    const std::string name(user.substr(0, user.find(':')));
    if (name.empty() || name == "root" || name == "0") return true;
    if (no_shell_) {
      if (numeric_user(user)) return true;
      return refuse(
          fmt::format("USER {} cannot be resolved on {}: use a numeric uid", user, plan_.image));
    }
    if (numeric_user(user) || name == "nobody" || !user_runs_.empty()) return true;
    if (name == "node" && parse_image(plan_.image).name() == "node") return true;
    return refuse(
        fmt::format("USER {} is not created by a RUN the runtime stage can repeat", user));
  }

  // The instructions after the build, moved as written (CMD/ENTRYPOINT rewritten for runtimes
  // without a shell).
  bool tail_text(std::string& tail) {
    const auto& instructions = analysis_.doc().instructions;
    const std::string_view text = analysis_.text();
    std::uint32_t cursor = instructions[build_end_].line_span.end;
    for (std::size_t i = build_end_ + 1; i < stage_.end; ++i) {
      const syntax::Instruction& ins = instructions[i];
      if (ins.keyword == syntax::Keyword::Run)
        return refuse(fmt::format("a RUN after the build step (line {})", ins.first_line));
      if ((ins.keyword == syntax::Keyword::Shell) && no_shell_)
        return refuse(
            fmt::format("SHELL (line {}) has no meaning on {}", ins.first_line, plan_.image));
      if (ins.keyword == syntax::Keyword::Healthcheck && no_shell_)
        return refuse(fmt::format("the HEALTHCHECK (line {}) needs tools {} does not have",
                                  ins.first_line, plan_.image));
      if (ins.keyword == syntax::Keyword::User && no_shell_ && !numeric_user(ins.rest))
        return refuse(fmt::format("USER {} cannot be resolved on {}: use a numeric uid", ins.rest,
                                  plan_.image));
      if (ins.keyword == syntax::Keyword::User && !no_shell_ && !numeric_user(ins.rest)) {
        const std::string name = ins.rest.substr(0, ins.rest.find(':'));
        if (name != "root" && name != "nobody" && user_runs_.empty() &&
            !(name == "node" && parse_image(plan_.image).name() == "node"))
          return refuse(fmt::format("USER {} is not created by a RUN the runtime stage can repeat",
                                    ins.rest));
      }
      if (ins.keyword != syntax::Keyword::Cmd && ins.keyword != syntax::Keyword::Entrypoint)
        continue;
      const std::optional<std::string> cmd = command_text(i);
      if (!cmd) return false;
      tail += text.substr(cursor, ins.line_span.begin - cursor);
      tail += *cmd;
      cursor =
          ins.line_span.begin + static_cast<std::uint32_t>(instruction_text(analysis_, ins).size());
    }
    const std::uint32_t end =
        stage_.end > build_end_ + 1 ? instructions[stage_.end - 1].line_span.end : cursor;
    tail += text.substr(cursor, end - cursor);
    return true;
  }

  std::optional<std::string> package_install() {
    std::string names;
    for (const std::string& p : plan_.packages) names += (names.empty() ? "" : " ") + p;
    const Distro d = image_distro(plan_.image);
    // OpenJDK's postinst fails on slim images, which lack /usr/share/man/man1
    // (its update-alternatives links a man page there).
    const bool java =
        names.find("jre") != std::string::npos || names.find("jdk") != std::string::npos;
    const std::string man_dir = java ? "mkdir -p /usr/share/man/man1 && " : "";
    if (d == Distro::Debian) {
      // --no-install-recommends leaves out what curl, gcc, … cannot work without.
      const std::vector<std::string_view> listed(plan_.packages.begin(), plan_.packages.end());
      for (const std::string_view p : needed_recommendations(listed)) names += " " + std::string(p);
    }
    if (d == Distro::Debian)
      return rw_.line("RUN", man_dir +
                                 "apt-get update && apt-get install -y --no-install-recommends " +
                                 names + " && rm -rf /var/lib/apt/lists/*");
    if (d == Distro::Alpine) return rw_.line("RUN", "apk add --no-cache " + names);
    refusal_ = fmt::format("{} needs {} but has no known package manager", plan_.image, names);
    return std::nullopt;
  }

  const Analysis& analysis_;
  Rewriter rw_;
  const syntax::Stage& stage_;
  std::size_t build_end_;
  const RuntimePlan& plan_;
  const RuntimeCommand& command_;
  std::string builder_;
  bool no_shell_ = false;
  std::string refusal_;
  std::string workdir_;
  std::vector<std::pair<std::string, std::string>> args_;  // name, ARG line
  std::vector<std::string> shells_, envs_, user_runs_, metadata_, context_copies_, commands_,
      users_;
};

// The last RUN of the stage that runs a command of `eco` (C builds also count for the others).
std::optional<std::size_t> last_run_of(const Analysis& analysis, const syntax::Stage& stage,
                                       Ecosystem eco, const BuildFacts& facts) {
  std::optional<std::size_t> last = facts.last_script_run;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      const std::optional<Ecosystem> e = related_ecosystem(cmd.view);
      if (e && (*e == eco || *e == Ecosystem::C)) last = i;
    }
  }
  return last;
}

}  // namespace

SplitOutcome split_stage(const Analysis& analysis, const syntax::Stage& stage, Ecosystem eco,
                         const BuildFacts& facts, std::string_view builder_name,
                         const std::map<std::string, std::string, std::less<>>& runtime_images) {
  SplitOutcome out;
  const auto& instructions = analysis.doc().instructions;
  const auto refuse = [&](std::string why) {
    out.refusal = std::move(why);
    return out;
  };
  if (facts.heredoc) return refuse("a RUN with a heredoc (its commands cannot be checked)");
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    if (instructions[i].keyword == syntax::Keyword::Onbuild)
      return refuse(fmt::format("ONBUILD (line {}) belongs to the image the stage builds",
                                instructions[i].first_line));
  }
  if (stage.base_stage) return refuse(fmt::format("the stage is built FROM stage {}", stage.base));
  if (stage_distro(analysis, stage) == Distro::Windows)
    return refuse("Windows images are not split");
  const std::optional<std::size_t> build_end = last_run_of(analysis, stage, eco, facts);
  if (!build_end) return refuse("no recognised build step");
  const std::optional<RuntimeCommand> command = runtime_command(analysis, stage);
  if (!command) return refuse("no CMD or ENTRYPOINT names what the image runs");
  const std::string_view program = base_name(command->words.front());
  if (std::find(kToolchainPrograms.begin(), kToolchainPrograms.end(), program) !=
          kToolchainPrograms.end() ||
      (command->words.size() > 1 && (command->words[1] == "run" || command->words[1] == "dev") &&
       (program == "go" || program == "cargo")))
    return refuse(fmt::format("the image runs `{}` at run time: it needs the toolchain", program));
  if (command->workdir.empty()) return refuse("the WORKDIR of the CMD has variables");

  const syntax::Instruction& from = instructions[stage.from];
  std::string builder(builder_name);
  if (from.args.size() >= 3) {
    builder = from.args[2].value;
  } else if (analysis.stages().find(builder)) {
    return refuse(fmt::format("a stage named {} exists already", builder));
  }
  if (from.args.empty()) return refuse("FROM without an image");

  std::vector<std::string> packages = installed_packages(analysis, *build_end + 1);
  const auto override_image = runtime_images.find(ecosystem_key(eco));
  const ShapeInput in{
      analysis,
      stage,
      *build_end,
      *command,
      builder,
      override_image == runtime_images.end() ? std::string() : override_image->second,
      std::move(packages)};
  RuntimePlan plan;
  switch (eco) {
    case Ecosystem::Go:
      plan = plan_go(in);
      break;
    case Ecosystem::Rust:
      plan = plan_rust(in);
      break;
    case Ecosystem::C:
      plan = plan_c(in);
      break;
    case Ecosystem::Java:
      plan = plan_java(in);
      break;
    case Ecosystem::Node:
      plan = plan_node(in);
      break;
    case Ecosystem::Python:
      plan = plan_python(in);
      break;
  }
  if (!plan.refusal.empty()) return refuse(plan.refusal);
  StageWriter writer(analysis, stage, *build_end, plan, *command, builder);
  return writer.write();
}

}  // namespace dfopt::transforms
