#include "transforms/support/base_images.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Official images whose default variant is Debian (or Ubuntu) based.
constexpr std::array<std::string_view, 31> kDebianImages = {
    "debian",   "ubuntu", "python", "node",   "golang",         "ruby",    "rust",   "openjdk",
    "eclipse-temurin", "amazoncorretto-debian", "php", "perl", "gradle", "maven", "buildpack-deps", "elixir",
    "haskell",  "gcc",    "erlang", "julia",  "r-base",         "swift",   "clojure", "groovy",
    "sapmachine", "ibm-semeru-runtimes", "dart", "pypy", "mono", "kong", "nginx"};

constexpr std::array<std::string_view, 9> kRhelImages = {
    "fedora", "centos", "rockylinux", "almalinux", "amazonlinux", "oraclelinux", "ubi", "ubi-minimal", "ubi-micro"};

// Official images built FROM buildpack-deps (the full, non-slim tags): curl, wget,
// git, gcc, make and the common -dev libraries are in them.
constexpr std::array<std::string_view, 14> kBuildpackImages = {
    "buildpack-deps", "python", "node", "golang", "ruby", "rust", "gcc", "perl",
    "haskell", "erlang", "elixir", "pypy", "r-base", "julia"};

}  // namespace

std::string_view ImageRef::name() const {
  const std::size_t slash = repository.rfind('/');
  return std::string_view(repository).substr(slash == std::string::npos ? 0 : slash + 1);
}

std::string ImageRef::qualified() const { return registry.empty() ? repository : registry + "/" + repository; }

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
  if (out.registry == "docker.io" || out.registry == "index.docker.io" || out.registry == "registry-1.docker.io")
    out.registry.clear();
  if (out.registry.empty() && ref.starts_with("library/")) ref.remove_prefix(8);
  out.repository = lower(ref);
  return out;
}

std::string_view to_string(Distro distro) {
  switch (distro) {
    case Distro::Unknown: return "unknown";
    case Distro::Debian: return "debian";
    case Distro::Alpine: return "alpine";
    case Distro::Rhel: return "rhel";
    case Distro::Suse: return "suse";
    case Distro::Distroless: return "distroless";
    case Distro::Scratch: return "scratch";
    case Distro::Windows: return "windows";
  }
  return "unknown";
}

Distro image_distro(std::string_view text) {
  const ImageRef ref = parse_image(text);
  const std::string tag = lower(ref.tag);
  if (ref.repository == "scratch" && ref.registry.empty()) return Distro::Scratch;
  if (contains(ref.repository, "distroless") || ref.registry == "cgr.dev") return Distro::Distroless;
  if (contains(tag, "windows") || contains(tag, "nanoserver") || contains(tag, "servercore") ||
      contains(ref.repository, "windows"))
    return Distro::Windows;
  if (contains(tag, "alpine") || ref.repository == "alpine") return Distro::Alpine;
  if (contains(tag, "ubi") || contains(tag, "fedora") || contains(tag, "centos") || contains(tag, "rocky") ||
      contains(tag, "oraclelinux") || contains(tag, "amazonlinux") || contains(tag, "al2"))
    return Distro::Rhel;
  const std::string_view name = ref.name();
  if (one_of(name, kRhelImages) || contains(ref.repository, "ubi8") || contains(ref.repository, "ubi9") ||
      ref.repository.starts_with("redhat/") || ref.registry == "registry.access.redhat.com")
    return Distro::Rhel;
  if (name == "opensuse" || ref.repository.starts_with("opensuse/") || contains(ref.repository, "suse"))
    return Distro::Suse;
  // Only official images (and the same names elsewhere) are known to be Debian.
  if (ref.has_variable && !ref.tag.empty() && contains(ref.tag, "$") && !one_of(name, std::array<std::string_view, 2>{"debian", "ubuntu"})) {
    // `python:${V}` may be an alpine tag; `python:${V}-slim` is not.
    for (const std::string_view marker : {"slim", "bookworm", "bullseye", "buster", "trixie", "jammy", "focal", "noble"}) {
      if (contains(tag, marker)) return Distro::Debian;
    }
    return Distro::Unknown;
  }
  if (one_of(name, kDebianImages) && (ref.registry.empty() || ref.registry == "mcr.microsoft.com")) return Distro::Debian;
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
  if (distro == Distro::Scratch || distro == Distro::Distroless || distro == Distro::Windows) return false;
  if (tool == "sh") return distro != Distro::Unknown;
  const std::string tag = lower(ref.tag);
  const bool slim = contains(tag, "slim") || contains(tag, "alpine") || contains(tag, "minimal") || contains(tag, "micro");
  if (distro == Distro::Alpine) return tool == "wget" || tool == "busybox";
  if (distro == Distro::Debian && tool == "bash") return true;
  if (distro == Distro::Rhel && tool == "bash") return !contains(tag, "micro") && ref.name() != "ubi-micro";
  if (!slim && one_of(ref.name(), kBuildpackImages)) {
    static constexpr std::array<std::string_view, 9> kBuildpackTools = {"curl", "wget", "git", "gcc", "g++", "cc", "make", "gpg", "ssh"};
    return one_of(tool, kBuildpackTools);
  }
  return false;
}

std::vector<std::string> installed_packages(const Analysis& analysis, std::size_t index) {
  std::vector<std::string> out;
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
  for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
    for (std::size_t i = it->first; i < it->second; ++i) {
      for (const RunCommand& cmd : run_commands(analysis, i)) {
        for (const std::string_view p : installed_by(cmd.view)) out.emplace_back(p);
      }
    }
  }
  return out;
}

std::vector<std::string_view> packages_providing(std::string_view tool) {
  if (tool == "gcc" || tool == "cc" || tool == "g++" || tool == "c++" || tool == "make") {
    std::vector<std::string_view> out{"build-essential", "build-base", "gcc", "g++", "gcc-c++", "clang"};
    if (tool == "make") out = {"build-essential", "build-base", "make"};
    return out;
  }
  if (tool == "gpg") return {"gnupg", "gnupg2", "gpg"};
  if (tool == "ssh") return {"openssh-client", "openssh-clients", "openssh"};
  if (tool == "python3" || tool == "python") return {"python3", "python3-minimal", "python", "python3-dev"};
  if (tool == "node" || tool == "npm") return {"nodejs", "npm"};
  if (tool == "pip" || tool == "pip3") return {"python3-pip", "py3-pip", "python-pip"};
  if (tool == "xz") return {"xz-utils", "xz"};
  if (tool == "unzip") return {"unzip"};
  if (tool == "bash") return {"bash"};
  return {tool};
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

}  // namespace dfopt::transforms
