#include "transforms/support/base_images.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>

#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Official images whose default variant is Debian (or Ubuntu) based.
constexpr std::array<std::string_view, 31> kDebianImages = {"debian",
                                                            "ubuntu",
                                                            "python",
                                                            "node",
                                                            "golang",
                                                            "ruby",
                                                            "rust",
                                                            "openjdk",
                                                            "eclipse-temurin",
                                                            "amazoncorretto-debian",
                                                            "php",
                                                            "perl",
                                                            "gradle",
                                                            "maven",
                                                            "buildpack-deps",
                                                            "elixir",
                                                            "haskell",
                                                            "gcc",
                                                            "erlang",
                                                            "julia",
                                                            "r-base",
                                                            "swift",
                                                            "clojure",
                                                            "groovy",
                                                            "sapmachine",
                                                            "ibm-semeru-runtimes",
                                                            "dart",
                                                            "pypy",
                                                            "mono",
                                                            "kong",
                                                            "nginx"};

constexpr std::array<std::string_view, 9> kRhelImages = {"fedora",    "centos",      "rockylinux",
                                                         "almalinux", "amazonlinux", "oraclelinux",
                                                         "ubi",       "ubi-minimal", "ubi-micro"};

// Official images whose full tags are built FROM buildpack-deps (the full
// variant): curl, wget, git, gcc, make and the common -dev libraries are in them.
// (golang is built on the scm variant, with gcc and make added.)
constexpr std::array<std::string_view, 9> kBuildpackImages = {
    "buildpack-deps", "python", "node", "ruby", "rust", "gcc", "perl", "erlang", "elixir"};

// The major version a tag starts with (`11` of `11.0.16-jdk`, `8` of `8u342-jre`).
std::optional<int> leading_major(std::string_view tag) {
  int major = 0;
  std::size_t i = 0;
  for (; i < tag.size() && i < 4 && std::isdigit(static_cast<unsigned char>(tag[i])) != 0; ++i)
    major = major * 10 + (tag[i] - '0');
  if (i == 0) return std::nullopt;
  return major;
}

// openjdk 12 and later: the tags without a Debian variant (`17`, `17-jdk`, `latest`) are Oracle
// Linux.
bool openjdk_on_oraclelinux(std::string_view tag) {
  if (tag.empty() || tag == "latest") return true;
  const std::optional<int> major = leading_major(tag);
  if (!major || *major < 12) return false;
  constexpr std::array<std::string_view, 5> kDebian = {"slim", "buster", "bullseye", "bookworm",
                                                       "trixie"};
  return std::ranges::none_of(kDebian,
                              [&](std::string_view debian) { return contains(tag, debian); });
}

// What the non-slim Debian variants of official images carry, after the
// buildpack-deps layers they are built on: `curl` (ca-certificates, curl, wget,
// gnupg), `scm` (and git, openssh-client, mercurial, subversion, procps) and the
// full image (and gcc, g++, make, pkg-config, autotools, unzip, xz-utils, bzip2,
// patch and the common -dev libraries).
enum class Buildpack : std::uint8_t { None, Curl, Scm, Go, Full };

constexpr std::array<std::string_view, 3> kCurlTools = {"curl", "wget", "gpg"};
constexpr std::array<std::string_view, 5> kScmTools = {"git", "ssh", "hg", "svn", "ps"};
constexpr std::array<std::string_view, 6> kGoTools = {"gcc", "g++",  "cc",
                                                      "c++", "make", "pkg-config"};
constexpr std::array<std::string_view, 8> kFullTools = {
    "autoconf", "automake", "libtool", "unzip", "xz", "bzip2", "patch", "dpkg-architecture"};

Buildpack buildpack_variant(const ImageRef& ref, std::string_view tag) {
  if (ref.has_variable || !ref.registry.empty()) return Buildpack::None;
  for (const std::string_view small :
       {"slim", "alpine", "minimal", "micro", "windows", "nanoserver"}) {
    if (contains(tag, small)) return Buildpack::None;
  }
  const std::string_view name = ref.name();
  if (ref.repository == "buildpack-deps") {
    if (contains(tag, "curl")) return Buildpack::Curl;
    if (contains(tag, "scm")) return Buildpack::Scm;
    return Buildpack::Full;
  }
  // openjdk 8 and 11 on Debian: the JDK on buildpack-deps:*-scm, the JRE on *-curl.
  if (ref.repository == "openjdk") {
    const std::optional<int> major = leading_major(tag);
    if (!major || *major > 11 || contains(tag, "oracle")) return Buildpack::None;
    return contains(tag, "jre") ? Buildpack::Curl : Buildpack::Scm;
  }
  if (ref.repository == "golang") return Buildpack::Go;
  return one_of(name, kBuildpackImages) && ref.repository == name ? Buildpack::Full
                                                                  : Buildpack::None;
}

}  // namespace

std::string_view ImageRef::name() const {
  const std::size_t slash = repository.rfind('/');
  return std::string_view(repository).substr(slash == std::string::npos ? 0 : slash + 1);
}

std::string ImageRef::qualified() const {
  return registry.empty() ? repository : registry + "/" + repository;
}

ImageRef parse_image(std::string_view ref) {
  ImageRef out;
  out.has_variable = contains(ref, "$");
  if (const std::size_t at = ref.find('@'); at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    ref = ref.substr(0, at);
  }
  const std::size_t slash = ref.rfind('/');
  if (const std::size_t colon = ref.find(':', slash == std::string_view::npos ? 0 : slash);
      colon != std::string_view::npos) {
    out.tag = std::string(ref.substr(colon + 1));
    ref = ref.substr(0, colon);
  }
  // The first element is a registry when it has a dot or a port, or is localhost.
  if (const std::size_t first = ref.find('/'); first != std::string_view::npos) {
    const std::string_view head = ref.substr(0, first);
    if (contains(head, ".") || contains(head, ":") || head == "localhost") {
      out.registry = lower(head);
      ref = ref.substr(first + 1);
    }
  }
  if (out.registry == "docker.io" || out.registry == "index.docker.io" ||
      out.registry == "registry-1.docker.io")
    out.registry.clear();
  if (out.registry.empty() && ref.starts_with("library/")) ref.remove_prefix(8);
  out.repository = lower(ref);
  return out;
}

std::string_view to_string(Distro distro) {
  switch (distro) {
    case Distro::Unknown:
      return "unknown";
    case Distro::Debian:
      return "debian";
    case Distro::Alpine:
      return "alpine";
    case Distro::Rhel:
      return "rhel";
    case Distro::Suse:
      return "suse";
    case Distro::Distroless:
      return "distroless";
    case Distro::Scratch:
      return "scratch";
    case Distro::Windows:
      return "windows";
  }
  return "unknown";
}

Distro image_distro(std::string_view text) {
  const ImageRef ref = parse_image(text);
  const std::string tag = lower(ref.tag);
  if (ref.repository == "scratch" && ref.registry.empty()) return Distro::Scratch;
  // Chainguard's `-dev` tags are Wolfi with apk and busybox; the others have no shell.
  if (ref.registry == "cgr.dev" && contains(tag, "dev")) return Distro::Alpine;
  if (contains(ref.repository, "distroless") || ref.registry == "cgr.dev")
    return Distro::Distroless;
  if (contains(tag, "windows") || contains(tag, "nanoserver") || contains(tag, "servercore") ||
      contains(ref.repository, "windows"))
    return Distro::Windows;
  if (contains(tag, "alpine") || ref.repository == "alpine") return Distro::Alpine;
  if (contains(tag, "ubi") || contains(tag, "fedora") || contains(tag, "centos") ||
      contains(tag, "rocky") || contains(tag, "oraclelinux") || contains(tag, "amazonlinux") ||
      contains(tag, "al2"))
    return Distro::Rhel;
  const std::string_view name = ref.name();
  if (one_of(name, kRhelImages) || contains(ref.repository, "ubi8") ||
      contains(ref.repository, "ubi9") || ref.repository.starts_with("redhat/") ||
      ref.registry == "registry.access.redhat.com")
    return Distro::Rhel;
  if (name == "opensuse" || ref.repository.starts_with("opensuse/") ||
      contains(ref.repository, "suse") || contains(ref.registry, "suse"))
    return Distro::Suse;
  // Only official images (and the same names elsewhere) are known to be Debian.
  if (ref.has_variable && !ref.tag.empty() && contains(ref.tag, "$") &&
      !one_of(name, std::array<std::string_view, 2>{"debian", "ubuntu"})) {
    // `python:${V}` may be an alpine tag; `python:${V}-slim` is not.
    for (const std::string_view marker :
         {"slim", "bookworm", "bullseye", "buster", "trixie", "jammy", "focal", "noble"}) {
      if (contains(tag, marker)) return Distro::Debian;
    }
    return Distro::Unknown;
  }
  if (name == "openjdk" && ref.registry.empty() && openjdk_on_oraclelinux(tag)) return Distro::Rhel;
  if (one_of(name, kDebianImages) && (ref.registry.empty() || ref.registry == "mcr.microsoft.com"))
    return Distro::Debian;
  return Distro::Unknown;
}

Distro stage_distro(const Analysis& analysis, const syntax::Stage& stage) {
  if (stage.base_stage) return stage_distro(analysis, analysis.stages().stages[*stage.base_stage]);
  const Distro known = image_distro(stage.base);
  if (known != Distro::Unknown) return known;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      const std::string_view p = cmd.view.program;
      if (p == "apt-get" || p == "apt" || p == "dpkg") return Distro::Debian;
      if (p == "apk") return Distro::Alpine;
      if (p == "yum" || p == "dnf" || p == "microdnf" || p == "rpm") return Distro::Rhel;
      if (p == "zypper") return Distro::Suse;
    }
  }
  return Distro::Unknown;
}

bool image_has_tool(std::string_view text, std::string_view tool) {
  const ImageRef ref = parse_image(text);
  const Distro distro = image_distro(text);
  if (distro == Distro::Scratch || distro == Distro::Distroless || distro == Distro::Windows)
    return false;
  if (tool == "sh") return distro != Distro::Unknown;
  const std::string tag = lower(ref.tag);
  if (distro == Distro::Alpine) return tool == "wget" || tool == "busybox";
  if (distro == Distro::Debian && tool == "bash") return true;
  // ubi-micro, ubi9-micro, …: no shell beyond what was copied in.
  if (distro == Distro::Rhel && tool == "bash")
    return !contains(tag, "micro") && !contains(ref.name(), "micro");
  switch (buildpack_variant(ref, tag)) {
    case Buildpack::Full:
      if (one_of(tool, kFullTools)) return true;
      [[fallthrough]];
    case Buildpack::Go:
      if (one_of(tool, kGoTools)) return true;
      [[fallthrough]];
    case Buildpack::Scm:
      if (one_of(tool, kScmTools)) return true;
      [[fallthrough]];
    case Buildpack::Curl:
      return one_of(tool, kCurlTools);
    case Buildpack::None:
      break;
  }
  return false;
}

namespace {

// The commands of the RUNs of the stage of `index` (and its base stages) before
// `index`, in build order.
std::vector<RunCommand> commands_before(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& view = analysis.stages();
  const syntax::Stage* stage = view.stage_of(index);
  // The chain of stages this one is built FROM, each wholly before `index`.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;  // instruction ranges, innermost first
  for (std::size_t end = index; stage != nullptr;) {
    ranges.emplace_back(stage->from + 1, std::min(end, stage->end));
    if (!stage->base_stage) break;
    stage = &view.stages[*stage->base_stage];
    end = stage->end;
  }
  std::vector<RunCommand> out;
  for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
    for (std::size_t i = it->first; i < it->second; ++i) {
      for (const RunCommand& cmd : run_commands(analysis, i)) out.push_back(cmd);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> installed_packages(const Analysis& analysis, std::size_t index) {
  std::vector<std::string> out;
  for (const RunCommand& cmd : commands_before(analysis, index)) {
    for (const std::string_view p : installed_by(cmd.view)) out.emplace_back(p);
  }
  return out;
}

std::vector<std::string_view> packages_providing(std::string_view tool) {
  if (tool == "gcc" || tool == "cc") return {"build-essential", "build-base", "gcc", "clang"};
  if (tool == "g++" || tool == "c++")
    return {"build-essential", "build-base", "g++", "gcc-c++", "clang"};
  if (tool == "make") return {"build-essential", "build-base", "make"};
  if (tool == "gpg") return {"gnupg", "gnupg2", "gpg"};
  if (tool == "ssh") return {"openssh-client", "openssh-clients", "openssh", "ssh"};
  if (tool == "python3" || tool == "python")
    return {"python3", "python3-minimal", "python", "python3-dev"};
  if (tool == "node" || tool == "npm") return {"nodejs", "npm"};
  if (tool == "pip" || tool == "pip3") return {"python3-pip", "py3-pip", "python-pip"};
  if (tool == "xz") return {"xz-utils", "xz"};
  if (tool == "pkg-config") return {"pkg-config", "pkgconf", "pkgconfig"};
  if (tool == "git") return {"git", "git-core"};
  if (tool == "hg") return {"mercurial"};
  if (tool == "svn") return {"subversion"};
  if (tool == "ps") return {"procps", "procps-ng"};
  if (tool == "dpkg-architecture") return {"dpkg-dev"};
  return {tool};
}

std::vector<std::string_view> apt_packages_for(std::string_view tool) {
  if (tool == "curl" || tool == "wget" || tool == "git") return {tool, "ca-certificates"};
  if (tool == "gpg") return {"gnupg", "dirmngr"};
  if (tool == "ssh") return {"openssh-client"};
  if (tool == "gcc" || tool == "cc") return {"gcc", "libc6-dev"};
  if (tool == "g++" || tool == "c++") return {"g++", "libc6-dev"};
  if (tool == "xz") return {"xz-utils"};
  if (tool == "hg") return {"mercurial"};
  if (tool == "svn") return {"subversion"};
  if (tool == "ps") return {"procps"};
  if (tool == "dpkg-architecture") return {"dpkg-dev"};
  if (tool == "python3" || tool == "python") return {"python3"};
  return {tool};
}

std::optional<std::string> expand_meta_args(const Analysis& analysis, std::string_view ref) {
  std::map<std::string, std::string, std::less<>> defaults;
  for (const std::size_t i : analysis.stages().meta_args) {
    for (const syntax::Word& w : analysis.doc().instructions[i].args) {
      const std::size_t eq = w.value.find('=');
      if (eq == std::string::npos) {
        defaults.erase(w.value);  // declared without a default
        continue;
      }
      std::string value = w.value.substr(eq + 1);
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      defaults[w.value.substr(0, eq)] = value;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < ref.size();) {
    if (ref[i] != '$') {
      out += ref[i++];
      continue;
    }
    std::string_view name;
    if (ref.substr(i).starts_with("${")) {
      const std::size_t close = ref.find('}', i);
      if (close == std::string_view::npos) return std::nullopt;
      name = ref.substr(i + 2, close - i - 2);
      i = close + 1;
    } else {
      std::size_t j = i + 1;
      while (j < ref.size() &&
             (std::isalnum(static_cast<unsigned char>(ref[j])) != 0 || ref[j] == '_'))
        ++j;
      name = ref.substr(i + 1, j - i - 1);
      i = j;
    }
    const auto it = defaults.find(name);
    // `${A:-x}` and friends, unknown names and values that are variables again stay unknown.
    if (it == defaults.end() || contains(it->second, "$")) return std::nullopt;
    out += it->second;
  }
  return out;
}

bool stage_has_tool(const Analysis& analysis, std::size_t index, std::string_view tool) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return false;
  const syntax::Stage* root = stage;
  while (root->base_stage) root = &analysis.stages().stages[*root->base_stage];
  if (image_has_tool(root->base, tool)) return true;
  const std::vector<std::string_view> providers = packages_providing(tool);
  const std::vector<std::string> installed = installed_packages(analysis, index);
  return std::any_of(installed.begin(), installed.end(), [&](const std::string& p) {
    return std::find(providers.begin(), providers.end(), p) != providers.end();
  });
}

bool stage_keeps_tool(const Analysis& analysis, std::size_t index, std::string_view tool) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return false;
  while (stage->base_stage) stage = &analysis.stages().stages[*stage->base_stage];
  bool present = image_has_tool(stage->base, tool);
  const std::vector<std::string_view> providers = packages_providing(tool);
  const auto provides = [&](std::string_view p) {
    return std::find(providers.begin(), providers.end(), p) != providers.end();
  };
  std::vector<std::string> groups;  // apk virtual packages that hold a provider
  for (const RunCommand& cmd : commands_before(analysis, index)) {
    const std::vector<std::string_view> added = installed_by(cmd.view);
    if (std::any_of(added.begin(), added.end(), provides)) {
      present = true;
      if (const auto group = shell::flag_value(cmd.view, {"t", "virtual"}))
        groups.emplace_back(*group);
    }
    for (const std::string_view removed : removed_by(cmd.view)) {
      if (provides(removed) || std::find(groups.begin(), groups.end(), removed) != groups.end())
        present = false;
    }
  }
  return present;
}

std::vector<std::string_view> needed_recommendations(
    const std::vector<std::string_view>& packages) {
  struct Companion {
    std::string_view package;
    std::string_view needed_by;  // space-separated, with spaces around
  };
  static constexpr std::array<Companion, 2> kCompanions = {{
      {"ca-certificates", " curl wget git "},
      {"libc6-dev", " gcc gcc-12 gcc-11 gcc-10 clang clang-14 clang-15 "},
  }};
  const auto listed = [&](std::string_view p) {
    return std::find(packages.begin(), packages.end(), p) != packages.end();
  };
  std::vector<std::string_view> out;
  for (const Companion& c : kCompanions) {
    const bool needed = std::any_of(packages.begin(), packages.end(), [&](std::string_view p) {
      return c.needed_by.find(" " + std::string(p) + " ") != std::string_view::npos;
    });
    if (needed && !listed(c.package) && !(c.package == "libc6-dev" && listed("build-essential")))
      out.push_back(c.package);
  }
  return out;
}

}  // namespace dfopt::transforms
