// One planner per ecosystem for multi-stage-split: where the artifact is, which
// runtime image runs it and what that image needs. See stage_split.hpp.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rewrite/rewriter.hpp"
#include "shell/shell.hpp"
#include "transforms/support/moves.hpp"
#include "transforms/support/slim_images.hpp"
#include "transforms/support/stage_split.hpp"

namespace dfopt::transforms {

namespace {

std::string_view base_name(std::string_view path) { return path.substr(path.rfind('/') + 1); }
std::string_view dir_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  return slash == 0 ? std::string_view("/") : path.substr(0, slash);
}
bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}
bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

RuntimePlan refusal(std::string why) {
  RuntimePlan plan;
  plan.refusal = std::move(why);
  return plan;
}

// Where the runtime puts a program the CMD names: the same path, or
// /usr/local/bin when the CMD names it bare and its directory is not on the default PATH.
std::string destination(std::string_view word, const std::string& path) {
  static constexpr std::array<std::string_view, 6> kPath = {
      "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"};
  if (contains(word, "/") || std::find(kPath.begin(), kPath.end(), dir_name(path)) != kPath.end())
    return path;
  return "/usr/local/bin/" + std::string(word);
}

// The value of ENV/ARG `name` in effect at the build's end when literal, else "".
std::string variable(const ShapeInput& in, std::string_view name) {
  const syntax::Environment& env = in.analysis.environment(in.build_end);
  const auto it = env.env.find(name);
  if (it == env.env.end() || contains(it->second, "$")) return "";
  return it->second;
}

bool official(std::string_view image, std::string_view name) {
  const ImageRef ref = parse_image(image);
  return ref.registry.empty() && ref.repository == name;
}

// A full official image built on buildpack-deps (OpenSSL and CA certificates are in it).
bool buildpack_image(std::string_view image) {
  const ImageRef ref = parse_image(image);
  return ref.registry.empty() && !contains(ref.tag, "slim") && !contains(ref.tag, "alpine") &&
         (ref.repository == "rust" || ref.repository == "gcc" || ref.repository == "golang" ||
          ref.repository == "buildpack-deps");
}

// The runtime image of the same distribution (or the configured one) and its
// packages mapped from the builder's; `keep` packages stay as they are.
bool same_family_runtime(const ShapeInput& in, RuntimePlan& plan, shell::Names keep = {}) {
  if (!in.image_override.empty()) {
    plan.image = in.image_override;
  } else if (const auto image = slim_runtime_image(in.stage.base)) {
    plan.image = *image;
  } else {
    plan.refusal = fmt::format("no slim runtime image is known for {}", in.stage.base);
    return false;
  }
  const Distro distro = image_distro(plan.image);
  PackageMap map = runtime_packages(in.packages, distro, debian_suite(plan.image), keep);
  if (!map.refusal.empty()) {
    plan.refusal = map.refusal;
    return false;
  }
  plan.packages = std::move(map.packages);
  if (buildpack_image(in.stage.base) && distro == Distro::Debian &&
      !has(plan.packages, "ca-certificates"))
    plan.packages.emplace_back("ca-certificates");  // and, through openssl, libssl
  return true;
}

// The directories of the RUNs that run commands accepted by `pred` (none when a RUN changes
// directory).
template <typename Pred>
std::vector<std::string> build_dirs(const ShapeInput& in, Pred pred) {
  std::vector<std::string> out;
  // A `cd` into a subdirectory keeps the outputs under the RUN's WORKDIR.
  if (build_changes_directory(in) && !build_stays_below(in)) return out;
  for (const RunCommand& cmd : build_commands(in)) {
    if (!pred(cmd)) continue;
    const std::string dir = workdir_at(in.analysis, cmd.index);
    if (!dir.empty() && !has(out, dir)) out.push_back(dir);
  }
  return out;
}

// Resolves the CMD program: a path is checked against `accepted` (an exact file, or a
// directory it lies in, per `within`); a bare name is looked up among `files`, then
// in the directories `dirs` (the first one wins).
struct Lookup {
  std::vector<std::string> files;    // known output files
  std::vector<std::string> dirs;     // directories the program may be in (install dirs)
  std::vector<std::string> within;   // directories under which any file counts as built
  std::vector<std::string> parents;  // directories whose direct children count as built
  // Build files of the context (Makefile, Cargo.toml) one of which must mention a bare
  // program name before it is taken to be in dirs.front().
  std::vector<std::string_view> evidence;
};

bool context_mentions(const Analysis& analysis, const std::vector<std::string_view>& files,
                      std::string_view word) {
  return std::any_of(files.begin(), files.end(), [&](std::string_view name) {
    const std::optional<std::string> text = context_file(analysis, name);
    return text && contains(*text, word);
  });
}

std::string find_program(const ShapeInput& in, std::string_view word, const Lookup& lookup) {
  std::string path = program_path(in, word, lookup.files);
  if (path.empty() && !contains(word, "/") && !lookup.dirs.empty()) {
    if (!context_mentions(in.analysis, lookup.evidence, word)) return "";
    path = lookup.dirs.front() + "/" + std::string(word);
  }
  if (path.empty()) return "";
  if (has(lookup.files, path)) return path;
  const std::string_view dir = dir_name(path);
  if (has(lookup.dirs, dir) || has(lookup.parents, dir)) return path;
  for (const std::string& w : lookup.within) {
    if (path_within(path, w) && path != w) return path;
  }
  return "";
}

std::string literal_or_empty(const shell::Word* w) {
  return w != nullptr && w->literal ? *w->literal : "";
}

// The values of a Go-style flag (`-o x`, `-o=x`, `--o x`): single-dash long flags that
// the short-cluster reading of flag_value would misread (`-mod=vendor`).
std::vector<std::string> go_flag(const shell::CommandView& cmd, std::string_view name) {
  std::vector<std::string> out;
  const std::string dash = "-" + std::string(name);
  for (std::size_t k = 0; k < cmd.args.size(); ++k) {
    const std::string w = literal_or_empty(&cmd.args[k]);
    if (w == "--") break;
    if ((w == dash || w == "-" + dash) && k + 1 < cmd.args.size())
      out.push_back(literal_or_empty(&cmd.args[k + 1]));
    for (const std::string& prefix : {dash + "=", "-" + dash + "="}) {
      if (w.starts_with(prefix)) out.push_back(w.substr(prefix.size()));
    }
  }
  return out;
}

}  // namespace

RuntimePlan plan_go(const ShapeInput& in) {
  if (const std::string cgo = variable(in, "CGO_ENABLED"); !cgo.empty() && cgo != "0")
    return refusal(
        fmt::format("the build sets CGO_ENABLED={}: the binary needs the C library", cgo));
  for (const std::string& p : in.packages) {
    if ((p.ends_with("-dev") || p.ends_with("-devel")) && p != "libc6-dev" && p != "musl-dev" &&
        p != "linux-headers")
      return refusal(fmt::format("the build installs {}: it may use cgo", p));
  }
  RuntimePlan plan;
  Lookup lookup;
  const bool cd = build_changes_directory(in);
  const bool env_cgo_off = variable(in, "CGO_ENABLED") == "0";
  for (const RunCommand& cmd : build_commands(in)) {
    const bool build = shell::is(cmd.view, {"go"}, "build");
    const bool install = shell::is(cmd.view, {"go"}, "install");
    if (!build && !install) continue;
    bool cgo_off = env_cgo_off;
    for (const shell::Assignment& a : cmd.command->assignments) {
      if (a.name != "CGO_ENABLED") continue;
      if (literal_or_empty(&a.value) != "0")
        return refusal("the build enables cgo: the binary needs the C library");
      cgo_off = true;
    }
    for (const shell::Word* w : cmd.view.env_assignments) {
      const std::string text = literal_or_empty(w);
      if (!text.starts_with("CGO_ENABLED=")) continue;
      if (text != "CGO_ENABLED=0")
        return refusal("the build enables cgo: the binary needs the C library");
      cgo_off = true;
    }
    for (const std::string& tags : go_flag(cmd.view, "tags")) {
      if (contains(tags, "cgo"))
        return refusal("the build uses the cgo tag: the binary needs the C library");
    }
    const std::string cwd = cd ? std::string() : workdir_at(in.analysis, cmd.index);
    if (build) {
      const std::vector<std::string> outs = go_flag(cmd.view, "o");
      const std::optional<std::string> o =
          outs.empty() ? std::nullopt : std::optional<std::string>(outs.front());
      if (o && o->empty()) return refusal("the -o path of go build is not literal");
      if (o && (!cd || o->starts_with("/"))) {
        const std::string path = resolve_path(cwd.empty() ? "/" : cwd, *o);
        if (!path.empty()) (o->ends_with("/") ? lookup.parents : lookup.files).push_back(path);
      } else if (!o && !cwd.empty()) {
        lookup.parents.push_back(cwd);  // the binary is named after the module or directory
      }
    } else {
      std::string bin = variable(in, "GOBIN");
      if (bin.empty()) {
        const std::string gopath = variable(in, "GOPATH");
        bin = gopath.empty() ? (official(in.stage.base, "golang") ? "/go" : "/root/go") : gopath;
        bin += "/bin";
      }
      // The binary is named after the package's last element (`.` → the directory's).
      for (const shell::Word* pkg : shell::args_after_subcommand(cmd.view)) {
        std::string name = literal_or_empty(pkg);
        name = name.substr(0, name.find('@'));
        if (name == "." && !cwd.empty()) name = std::string(base_name(cwd));
        if (name.empty() || name.starts_with(".") || contains(name, "...")) continue;
        lookup.files.push_back(bin + "/" + std::string(base_name(name)));
      }
    }
    if (!cgo_off) {
      if (std::find(cmd.view.wrappers.begin(), cmd.view.wrappers.end(), "sudo") !=
          cmd.view.wrappers.end())
        return refusal("go build runs through sudo: CGO_ENABLED=0 would not reach it");
      plan.builder_edits.push_back(TextEdit::insert(cmd.command->span.begin, "CGO_ENABLED=0 "));
    }
  }
  for (std::string& f : copied_outputs(in)) lookup.files.push_back(std::move(f));
  const std::string& word = in.command.words.front();
  const std::string path = find_program(in, word, lookup);
  if (path.empty())
    return refusal(fmt::format(
        "cannot tell where `{}` is built: give go build an -o path the CMD names", word));

  plan.image = in.image_override.empty() ? "scratch" : in.image_override;
  const Distro distro = image_distro(plan.image);
  if (distro != Distro::Scratch && distro != Distro::Distroless) {
    PackageMap map = runtime_packages(in.packages, distro, debian_suite(plan.image));
    if (!map.refusal.empty()) return refusal(map.refusal);
    plan.packages = std::move(map.packages);
  } else {
    bool certs = official(in.stage.base, "golang");
    for (const std::string& p : in.packages) {
      if (p == "ca-certificates") {
        certs = true;
      } else if (p == "tzdata") {
        plan.artifacts.push_back({"/usr/share/zoneinfo", "/usr/share/zoneinfo"});
      } else if (!is_build_tool_package(p) && p != "git" && p != "curl" && p != "wget" &&
                 p != "gnupg" && p != "unzip" && p != "xz-utils" && p != "openssh-client" &&
                 p != "make") {
        return refusal(fmt::format("{} is installed but {} cannot hold packages", p, plan.image));
      }
    }
    if (certs && distro == Distro::Scratch)
      plan.artifacts.push_back({"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/"});
  }
  const std::string to = destination(word, path);
  plan.artifacts.push_back({path, to});
  plan.program = to;
  return plan;
}

RuntimePlan plan_rust(const ShapeInput& in) {
  Lookup lookup;
  const bool cd = build_changes_directory(in);
  for (const RunCommand& cmd : build_commands(in)) {
    const std::string cwd = workdir_at(in.analysis, cmd.index);
    if (shell::is(cmd.view, {"cargo"}, "build")) {
      std::string target = std::string(shell::flag_value(cmd.view, {"target-dir"}).value_or(""));
      if (target.empty()) target = variable(in, "CARGO_TARGET_DIR");
      if (target.empty()) target = "target";
      if (cd && !target.starts_with("/")) continue;
      std::string dir = resolve_path(cwd, target);
      if (dir.empty()) continue;
      if (const auto triple = shell::flag_value(cmd.view, {"target"}))
        dir += "/" + std::string(*triple);
      std::string profile = shell::has_flag(cmd.view, {"release", "r"}) ? "release" : "debug";
      if (const auto p = shell::flag_value(cmd.view, {"profile"}))
        profile = *p == "dev" ? "debug" : std::string(*p);
      lookup.parents.push_back(fmt::format("{}/{}", dir, profile));
    } else if (shell::is(cmd.view, {"cargo"}, "install")) {
      std::string root = std::string(shell::flag_value(cmd.view, {"root"}).value_or(""));
      if (root.empty()) root = variable(in, "CARGO_INSTALL_ROOT");
      if (root.empty()) root = variable(in, "CARGO_HOME");
      if (root.empty())
        root = official(in.stage.base, "rust") ? "/usr/local/cargo" : "/root/.cargo";
      lookup.dirs.push_back(resolve_path(cwd, root) + "/bin");
    }
  }
  lookup.evidence = {"Cargo.toml"};
  lookup.files = copied_outputs(in);
  const std::string& word = in.command.words.front();
  const std::string path = find_program(in, word, lookup);
  if (path.empty())
    return refusal(
        fmt::format("cannot tell where `{}` is built: name target/release/<bin> in the CMD "
                    "(or have the context's Cargo.toml name it)",
                    word));
  RuntimePlan plan;
  if (!same_family_runtime(in, plan)) return plan;
  const std::string to = destination(word, path);
  plan.artifacts.push_back({path, to});
  plan.program = to;
  return plan;
}

RuntimePlan plan_c(const ShapeInput& in) {
  const std::vector<RunCommand> cmds = build_commands(in);
  const bool cxx_possible = std::any_of(cmds.begin(), cmds.end(), [](const RunCommand& c) {
    return shell::is_program(c.view, {"make", "cmake", "g++", "c++", "clang++", "ninja"});
  });
  if (official(in.stage.base, "gcc") && cxx_possible)
    return refusal(fmt::format(
        "{} links C++ against its own newer libstdc++ in /usr/local: no runtime image matches it",
        in.stage.base));
  Lookup lookup;
  std::string prefix;
  bool installs = false;
  for (const RunCommand& cmd : cmds) {
    const std::vector<const shell::Word*> ops =
        shell::operands(cmd.view, {"-C", "-f", "-j", "-B", "-S", "--build", "--prefix"});
    for (const shell::Word* w : ops) {
      const std::string text = literal_or_empty(w);
      if (text.starts_with("PREFIX=") || text.starts_with("prefix=")) prefix = text.substr(7);
      if (text.starts_with("DESTDIR="))
        return refusal("make install with DESTDIR: the installed path is unknown");
    }
    for (const shell::Word& w : cmd.view.args) {
      const std::string text = literal_or_empty(&w);
      if (text.starts_with("-DCMAKE_INSTALL_PREFIX=")) prefix = text.substr(23);
      if (text.starts_with("--prefix=")) prefix = text.substr(9);
    }
    if (const auto p = shell::flag_value(cmd.view, {"prefix"});
        p && shell::is_program(cmd.view, {"cmake"}))
      prefix = *p;
    const bool make_install = shell::is_program(cmd.view, {"make", "ninja"}) &&
                              std::any_of(ops.begin(), ops.end(), [](const shell::Word* w) {
                                return literal_or_empty(w) == "install";
                              });
    installs = installs || make_install ||
               (shell::is_program(cmd.view, {"cmake"}) && shell::has_flag(cmd.view, {"install"}));
    if (const auto dir = shell::flag_value(cmd.view, {"C", "B", "build"});
        dir && !build_changes_directory(in)) {
      const std::string resolved = resolve_path(workdir_at(in.analysis, cmd.index), *dir);
      if (!resolved.empty()) lookup.within.push_back(resolved);
    }
  }
  if (installs) {
    if (prefix.empty()) prefix = "/usr/local";
    if (!prefix.starts_with("/") || contains(prefix, "$"))
      return refusal("the install prefix is not a literal absolute path");
    lookup.dirs = {prefix + "/bin", prefix + "/sbin"};
    lookup.evidence = {"Makefile",       "makefile",    "GNUmakefile",
                       "CMakeLists.txt", "Makefile.am", "meson.build"};
  }
  for (std::string& d : build_dirs(in, [](const RunCommand& c) {
         return shell::is_program(c.view, {"make", "cmake", "ninja", "gcc", "g++", "cc", "c++",
                                           "clang", "clang++", "configure", "meson"}) ||
                runs_build_script(c.view);
       })) {
    if (d != "/") lookup.within.push_back(std::move(d));
  }
  lookup.files = copied_outputs(in);
  const std::string& word = in.command.words.front();
  const std::string path = find_program(in, word, lookup);
  if (path.empty())
    return refusal(fmt::format(
        "cannot tell where `{}` is built: only make/cmake install outputs named in the "
        "context's Makefile/CMakeLists.txt, copies and files under the build directory are known",
        word));
  RuntimePlan plan;
  if (!same_family_runtime(in, plan)) return plan;
  const std::string to = destination(word, path);
  plan.artifacts.push_back({path, to});
  plan.program = to;
  return plan;
}

namespace {

// The Java feature release a JDK image tag names (17 for maven:3.9-eclipse-temurin-17,
// openjdk:17-jdk, gradle:8-jdk17); "" when unknown.
std::string java_version(std::string_view image) {
  const ImageRef ref = parse_image(image);
  const std::string& tag = ref.tag;
  const auto digits_at = [&](std::size_t at) {
    std::size_t end = at;
    while (end < tag.size() && std::isdigit(static_cast<unsigned char>(tag[end])) != 0) ++end;
    return tag.substr(at, end - at);
  };
  for (const std::string_view marker :
       {"temurin-", "openjdk-", "corretto-", "jdk-", "jdk", "sapmachine-", "semeru-"}) {
    const std::size_t at = tag.find(marker);
    if (at == std::string::npos) continue;
    std::string v = digits_at(at + marker.size());
    if (!v.empty()) return v;
  }
  const std::string_view name = ref.name();
  if (name == "openjdk" || name == "eclipse-temurin" || name == "amazoncorretto" ||
      name == "sapmachine") {
    std::string v = digits_at(0);
    if (v == "1" && tag.starts_with("1.8")) v = "8";
    return v;
  }
  return "";
}

bool jre_package(std::string_view p) {
  return p.starts_with("default-jre") || (p.starts_with("openjdk") && p.ends_with("-jre-headless"));
}

}  // namespace

RuntimePlan plan_java(const ShapeInput& in) {
  const std::vector<std::string>& words = in.command.words;
  if (base_name(words.front()) != "java")
    return refusal(fmt::format("the image runs `{}`, not `java -jar`: the artifact is unknown",
                               words.front()));
  std::string jar;
  for (std::size_t k = 1; k + 1 < words.size(); ++k) {
    const std::string& w = words[k];
    if (w == "-jar" || ((w == "-cp" || w == "-classpath" || w == "--class-path") &&
                        words[k + 1].ends_with(".jar"))) {
      jar = words[k + 1];
      break;
    }
  }
  if (jar.empty() || jar == "?") return refusal("cannot tell which jar the image runs");
  if (jar.find_first_of("*?[:") != std::string::npos)
    return refusal(fmt::format("the jar path {} is a glob or a class path", jar));
  const std::string path = resolve_path(in.command.workdir, jar);
  if (path.empty()) return refusal(fmt::format("cannot resolve the jar path {}", jar));
  Lookup lookup;
  lookup.within = build_dirs(in, [](const RunCommand& c) {
    return shell::is_program(c.view, {"mvn", "mvnw", "gradle", "gradlew", "javac", "jar"}) ||
           runs_build_script(c.view);
  });
  std::erase(lookup.within, std::string("/"));
  lookup.files = copied_outputs(in);
  if (find_program(in, path, lookup).empty())
    return refusal(fmt::format("{} is not built in the build directory", path));

  RuntimePlan plan;
  const std::string version = java_version(in.stage.base);
  const ImageRef ref = parse_image(in.stage.base);
  const bool jdk_image =
      ref.registry.empty() &&
      (ref.repository == "maven" || ref.repository == "gradle" || ref.repository == "openjdk" ||
       ref.repository == "eclipse-temurin" || ref.repository == "amazoncorretto");
  if (!in.image_override.empty()) {
    plan.image = in.image_override;
  } else if (jdk_image) {
    if (version.empty())
      return refusal(fmt::format("cannot tell the Java version of {}", in.stage.base));
    plan.image =
        "eclipse-temurin:" + version + "-jre" + (contains(ref.tag, "alpine") ? "-alpine" : "");
  }
  if (plan.image.empty()) {
    if (!same_family_runtime(in, plan)) return plan;
    if (std::none_of(plan.packages.begin(), plan.packages.end(),
                     [](const std::string& p) { return jre_package(p); }))
      return refusal("no installed JDK package to map to a JRE");
  } else {
    const Distro distro = image_distro(plan.image);
    PackageMap map = runtime_packages(in.packages, distro, debian_suite(plan.image));
    if (!map.refusal.empty()) return refusal(map.refusal);
    std::erase_if(map.packages, [](const std::string& p) { return jre_package(p); });
    plan.packages = std::move(map.packages);
  }
  plan.artifacts.push_back({path, path});
  return plan;
}

namespace {

// The script `node <script>` runs, from the CMD or from package.json's start script.
std::string node_script(const ShapeInput& in, std::string& why) {
  const std::vector<std::string>& words = in.command.words;
  const std::string_view program = base_name(words.front());
  std::vector<std::string> node_words;
  if (program == "node" || program == "nodejs") {
    node_words = words;
  } else if ((program == "npm" || program == "yarn" || program == "pnpm") && words.size() >= 2 &&
             (words[1] == "start" ||
              (words[1] == "run" && words.size() >= 3 && words[2] == "start"))) {
    const std::optional<std::string> manifest = context_file(in.analysis, "package.json");
    if (!manifest) {
      why = fmt::format(
          "`{} start`: the start script is unknown without the build context's package.json",
          program);
      return "";
    }
    const nlohmann::json json = nlohmann::json::parse(*manifest, nullptr, false);
    const nlohmann::json* start = nullptr;
    if (json.is_object() && json.contains("scripts") && json["scripts"].is_object() &&
        json["scripts"].contains("start"))
      start = &json["scripts"]["start"];
    if (start == nullptr || !start->is_string()) {
      why = "package.json has no start script";
      return "";
    }
    const std::string script = start->get<std::string>();
    std::size_t at = 0;
    while (at < script.size()) {
      const std::size_t end = script.find(' ', at);
      node_words.push_back(
          script.substr(at, end == std::string::npos ? std::string::npos : end - at));
      if (end == std::string::npos) break;
      at = end + 1;
    }
    if (node_words.empty() || node_words.front() != "node" ||
        script.find_first_of("&|;$<>`") != std::string::npos) {
      why = fmt::format("the start script `{}` is not `node <file>`", script);
      return "";
    }
  } else {
    why = fmt::format("the image runs `{}`: cannot tell which files it needs at run time", program);
    return "";
  }
  for (std::size_t k = 1; k < node_words.size(); ++k) {
    if (!node_words[k].starts_with("-")) return node_words[k];
  }
  why = "cannot tell which script node runs";
  return "";
}

// The Node image to run on: node:20 → node:20-slim; slim and alpine tags stay.
std::string node_runtime(const ImageRef& ref) {
  const std::string& tag = ref.tag;
  if (contains(tag, "slim") || contains(tag, "alpine")) return ref.qualified() + ":" + tag;
  if (tag.empty() || tag == "latest") return ref.qualified() + ":slim";
  return ref.qualified() + ":" + tag + "-slim";
}

}  // namespace

RuntimePlan plan_node(const ShapeInput& in) {
  std::string why;
  const std::string script = node_script(in, why);
  if (script.empty()) return refusal(why);
  const std::string app = workdir_at(in.analysis, in.build_end);
  if (app.empty() || app == "/")
    return refusal("the app is built in / (no WORKDIR): its files cannot be told apart");
  const std::string path = resolve_path(in.command.workdir, script);
  if (path.empty() || !path_within(path, app) || path == app)
    return refusal(fmt::format("the entry point {} is outside the app directory {}", script, app));
  const std::string rel = path.substr(app.size() + 1);
  const std::size_t slash = rel.find('/');
  const std::string top = slash == std::string::npos ? std::string() : rel.substr(0, slash);
  if (top == "node_modules")
    return refusal(fmt::format("the entry point {} is in node_modules", path));
  // The entry point is a source file: the whole app directory is needed.
  const bool whole_app = top.empty() || top == "src";
  std::string install;
  for (const RunCommand& cmd : build_commands(in)) {
    if (shell::is_program(cmd.view, {"yarn", "pnpm"}))
      return refusal(
          fmt::format("dependencies are installed with {}: only npm is handled", cmd.view.program));
    const bool ci = shell::is(cmd.view, {"npm"}, "ci");
    const bool plain_install =
        (shell::is(cmd.view, {"npm"}, "install") || shell::is(cmd.view, {"npm"}, "i")) &&
        shell::args_after_subcommand(cmd.view).empty();
    if (!ci && !plain_install) continue;
    if (build_changes_directory(in) || workdir_at(in.analysis, cmd.index) != app)
      return refusal("npm installs the dependencies outside the app directory");
    install = ci ? "npm ci" : "npm install";
  }
  if (install.empty()) return refusal("no `npm ci` or `npm install` of the app's dependencies");
  if (!in.packages.empty()) {
    for (const std::string& p : in.packages) {
      if (is_build_tool_package(p))
        return refusal(fmt::format(
            "the build installs {} (native modules?): the runtime's npm install would need it", p));
    }
  }
  RuntimePlan plan;
  const ImageRef ref = parse_image(in.stage.base);
  std::string omit = "--omit=dev";
  if (!in.image_override.empty()) {
    plan.image = in.image_override;
  } else if (ref.name() == "node" && (ref.registry.empty() || ref.repository == "node")) {
    plan.image = node_runtime(ref);
    // npm before 7 (Node < 15) knows --only=production.
    if (!ref.tag.empty() && std::isdigit(static_cast<unsigned char>(ref.tag[0])) != 0 &&
        std::stoi(ref.tag) < 15)
      omit = "--only=production";
  }
  if (plan.image.empty()) {
    if (!same_family_runtime(in, plan, {"nodejs", "npm"})) return plan;
    if (!has(plan.packages, "npm") && image_distro(plan.image) == Distro::Debian)
      return refusal("npm is not installed by a package the runtime can install");
  } else {
    PackageMap map =
        runtime_packages(in.packages, image_distro(plan.image), debian_suite(plan.image));
    if (!map.refusal.empty()) return refusal(map.refusal);
    plan.packages = std::move(map.packages);
  }
  if (whole_app) {
    // The builder drops its dev dependencies; the runtime copies the app directory.
    const shell::Script* body = in.analysis.script(in.build_end);
    const syntax::Instruction* run = in.analysis.run(in.build_end);
    const std::optional<TextEdit> prune =
        body != nullptr && run != nullptr
            ? Rewriter(in.analysis).append_command(*run, *body, "npm prune " + omit)
            : std::nullopt;
    if (!prune) return refusal("cannot append `npm prune` to the last RUN of the build");
    plan.builder_edits.push_back(*prune);
    plan.artifacts.push_back({app, app});
    if (!in.command.words.empty() && base_name(in.command.words.front()) != "npm")
      std::erase(plan.packages, "npm");
    return plan;
  }
  plan.before_copy.push_back(
      {"COPY", fmt::format("--from={} {}/package*.json {}/", in.builder, app, app)});
  plan.before_copy.push_back({"RUN", install + " " + omit});
  plan.artifacts.push_back({app + "/" + top, app + "/" + top});
  return plan;
}

namespace {

constexpr std::string_view kVenv = "/opt/venv";

// Directories shared with the rest of the system: an app built there cannot be copied alone.
bool shared_directory(std::string_view dir) {
  static constexpr std::array<std::string_view, 14> kShared = {
      "/",     "/usr",  "/usr/local", "/usr/local/bin", "/usr/src", "/usr/share", "/opt",
      "/root", "/home", "/var",       "/srv",           "/tmp",     "/etc",       "/bin"};
  return std::find(kShared.begin(), kShared.end(), dir) != kShared.end();
}

// Commands a Python build may run besides pip: package installs, clean-up, users,
// directories. Anything else may leave files the runtime would lack.
bool python_build_command(const shell::CommandView& cmd) {
  static constexpr std::array<std::string_view, 17> kAllowed = {
      "apt-get", "apt",  "apk",  "rm",     "useradd", "groupadd", "adduser", "addgroup", "mkdir",
      "cd",      "true", "echo", "export", "test",    "[",        "dpkg",    "set"};
  return shell::is_pip(cmd) ||
         std::find(kAllowed.begin(), kAllowed.end(), cmd.program) != kAllowed.end();
}

// Instructions the venv's RUN may go above: they do not change what a RUN sees as
// its user or shell, and install nothing.
bool movable_above(syntax::Keyword keyword) {
  switch (keyword) {
    case syntax::Keyword::Copy:
    case syntax::Keyword::Add:
    case syntax::Keyword::Workdir:
    case syntax::Keyword::Env:
    case syntax::Keyword::Arg:
    case syntax::Keyword::Label:
    case syntax::Keyword::Expose:
      return true;
    default:
      return false;
  }
}

// Why a pip install cannot move into the venv, or "".
std::string pip_refusal(const RunCommand& cmd) {
  const shell::CommandView& v = cmd.view;
  if (v.program_word != nullptr && v.program_word->literal &&
      v.program_word->literal->starts_with("/"))
    return fmt::format("`{}` names the interpreter by its path: the venv would not be used",
                       *v.program_word->literal);
  if (shell::has_flag(v, {"user"}, shell::kPipValueFlags))
    return "`pip install --user` installs into the home directory, not the venv";
  for (const std::string_view flag : {"t", "target", "prefix", "root"}) {
    if (shell::has_flag(v, {flag}, shell::kPipValueFlags))
      return fmt::format("`pip install --{}` installs outside the venv", flag);
  }
  return "";
}

// What the runtime copies of the app: the WORKDIR of the build, or, when that is
// a shared directory (`/`, `/usr/src`), what the context COPYs wrote inside it.
std::vector<std::string> python_app_paths(const ShapeInput& in, const std::string& app,
                                          std::string& why) {
  if (!shared_directory(app)) return {app};
  std::vector<std::string> paths;
  const auto& instructions = in.analysis.doc().instructions;
  for (std::size_t i = in.stage.from + 1; i < in.build_end; ++i) {
    const syntax::Instruction& ins = instructions[i];
    if (!reads_context(ins) || ins.args.size() < 2) continue;
    std::string dest = resolve_path(workdir_at(in.analysis, i), ins.args.back().value);
    // One named file into a directory (`COPY requirements.txt /tmp/`): the file.
    const std::string& source = ins.args.front().value;
    const std::string& written = ins.args.back().value;
    const bool into_dir = written.ends_with("/") || written == "." || written.ends_with("/.");
    if (ins.args.size() == 2 && into_dir && !dest.empty() && !source.ends_with("/") &&
        source.find_first_of("*?[") == std::string::npos && base_name(source) != "." &&
        base_name(source) != "..")
      dest = resolve_path(dest, base_name(source));
    if (dest.empty() || shared_directory(dest)) {
      why = fmt::format("line {} copies the app into {}: its files cannot be told apart",
                        ins.first_line, dest.empty() ? ins.args.back().value : dest);
      return {};
    }
    // COPYs outside the WORKDIR are repeated from the context by the runtime stage.
    const bool covered = std::any_of(paths.begin(), paths.end(),
                                     [&](const std::string& p) { return path_within(dest, p); });
    if (path_within(dest, app) && !covered) paths.push_back(dest);
  }
  return paths;
}

// Why the runtime command cannot run with the packages in the venv, or "". Other
// programs come from the packages the runtime installs or from the app's COPYs.
std::string python_program_refusal(const std::string& program) {
  if (!program.starts_with("/")) return "";
  const std::string_view name = base_name(program);
  if (name.starts_with("python") || name.starts_with("pip") || program.starts_with("/usr/local/"))
    return fmt::format(
        "the image runs {}: with the packages in a venv the program must be found on PATH",
        program);
  return "";
}

}  // namespace

RuntimePlan plan_python(const ShapeInput& in) {
  const std::string app = workdir_at(in.analysis, in.build_end);
  if (app.empty()) return refusal("the WORKDIR of the build has variables");
  std::string why;
  const std::vector<std::string> app_paths = python_app_paths(in, app, why);
  if (!why.empty()) return refusal(why);
  why = python_program_refusal(in.command.words.front());
  if (!why.empty()) return refusal(why);
  const RunCommand* first_pip = nullptr;
  const RunCommand* python_install = nullptr;  // the apt-get install of python3 (Debian images)
  bool venv_installed = false;
  const std::vector<RunCommand> cmds = build_commands(in);  // first_pip points into it
  for (const RunCommand& cmd : cmds) {
    if (!python_build_command(cmd.view))
      return refusal(
          fmt::format("the build runs `{}` (line {}): the runtime would lack what it makes",
                      cmd.view.program, in.analysis.doc().instructions[cmd.index].first_line));
    if (shell::is_pip_install(cmd.view)) {
      if (std::string pip_why = pip_refusal(cmd); !pip_why.empty()) return refusal(pip_why);
      if (first_pip == nullptr) first_pip = &cmd;
      continue;
    }
    for (const std::string_view p : installed_by(cmd.view)) {
      if (p.starts_with("python3") && python_install == nullptr && first_pip == nullptr &&
          apt_subcommand(cmd.view))
        python_install = &cmd;
      venv_installed = venv_installed || (p.starts_with("python3") && p.ends_with("-venv"));
    }
  }
  if (first_pip == nullptr) return refusal("no `pip install` to move into a venv");

  RuntimePlan plan;
  const ImageRef ref = parse_image(in.stage.base);
  const bool python_image = official(in.stage.base, "python");
  std::string create = fmt::format("python -m venv {}", kVenv);
  if (python_image) {
    // The official image's interpreter is at the same path in its slim and alpine variants.
    plan.image = in.image_override;
    if (plan.image.empty()) plan.image = builtin_slim(in.stage.base);
    if (plan.image.empty() && (contains(ref.tag, "slim") || contains(ref.tag, "alpine")))
      plan.image = in.stage.base;
    if (plan.image.empty())
      return refusal(fmt::format("no slim variant of {} is known", in.stage.base));
    PackageMap map =
        runtime_packages(in.packages, image_distro(plan.image), debian_suite(plan.image));
    if (!map.refusal.empty()) return refusal(map.refusal);
    plan.packages = std::move(map.packages);
    // The distribution's Python and its modules are invisible to the image's own interpreter.
    std::erase_if(plan.packages, [](const std::string& p) {
      return p == "python3" || p.starts_with("python3-") || p.starts_with("python3.") ||
             p.starts_with("py3-");
    });
  } else {
    // Debian's python3 from apt: the venv sees its packages (apt python3-* modules stay).
    if (stage_distro(in.analysis, in.stage) != Distro::Debian || python_install == nullptr)
      return refusal(
          "the interpreter is neither the official python image nor Debian's python3 installed "
          "by apt-get before the pip install (Python 2 has no venv module)");
    if (!same_family_runtime(in, plan, {"python3"})) return plan;
    std::erase_if(plan.packages, [](const std::string& p) {
      return p == "python3-pip" || (p.starts_with("python3") && p.ends_with("-venv"));
    });
    if (!has(plan.packages, "python3")) plan.packages.insert(plan.packages.begin(), "python3");
    create = fmt::format("python3 -m venv --system-site-packages {}", kVenv);
    if (!venv_installed) {
      const std::optional<TextEdit> add =
          add_flag_after_subcommand(*python_install, "python3-venv", shell::kAptValueFlags);
      if (!add) return refusal("cannot add python3-venv to the install of python3");
      plan.builder_edits.push_back(*add);
    }
  }
  const Rewriter rw(in.analysis);
  const std::string path = fmt::format("PATH=\"{}/bin:$PATH\"", kVenv);
  if (python_install != nullptr && python_install->index == first_pip->index) {
    // Python is installed by the RUN of the first pip install: the venv is made between them.
    const std::optional<TextEdit> venv = prepend_in_and_chain(*first_pip, create);
    if (!venv)
      return refusal(fmt::format("the pip install on line {} is not a plain step of an `&&` chain",
                                 in.analysis.doc().instructions[first_pip->index].first_line));
    plan.builder_edits.push_back(
        insert_above_comments(in.analysis, first_pip->index, rw.line("ENV", path)));
    plan.builder_edits.push_back(*venv);
  } else {
    // A RUN of its own, above the COPYs that feed the pip install, so that a source edit
    // rebuilds the install but not the venv.
    const auto& instructions = in.analysis.doc().instructions;
    std::size_t at = first_pip->index;
    while (at > in.stage.from + 1 && movable_above(instructions[at - 1].keyword)) --at;
    plan.builder_edits.push_back(insert_above_comments(
        in.analysis, at, rw.line("ENV", path) + "\n" + rw.line("RUN", create)));
  }
  plan.before_copy.push_back({"ENV", path});
  plan.artifacts.push_back({std::string(kVenv), std::string(kVenv)});
  for (const std::string& p : app_paths) plan.artifacts.push_back({p, p});
  return plan;
}

}  // namespace dfopt::transforms
