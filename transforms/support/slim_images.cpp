#include "transforms/support/slim_images.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

std::vector<std::string_view> split_fields(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  for (std::size_t pos = 0;;) {
    const std::size_t next = s.find(sep, pos);
    out.push_back(
        s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) return out;
    pos = next + 1;
  }
}

namespace {

using Words = std::vector<std::string_view>;

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

constexpr std::array<std::string_view, 5> kSuites = {"trixie", "bookworm", "bullseye", "buster",
                                                     "stretch"};
constexpr std::array<std::string_view, 5> kDebianAliases = {"stable", "oldstable", "testing",
                                                            "unstable", "sid"};
constexpr std::array<std::string_view, 13> kNodeNames = {
    "lts",     "current", "argon",    "boron", "carbon", "dubnium", "erbium",
    "fermium", "gallium", "hydrogen", "iron",  "jod",    "krypton"};
// eclipse-temurin tag parts after which dfopt does not guess the JRE tag.
constexpr std::array<std::string_view, 3> kTemurinKeep = {"jre", "windowsservercore", "nanoserver"};

std::string join(const Words& parts, char sep) {
  std::string out;
  for (const std::string_view p : parts)
    out += (out.empty() ? "" : std::string(1, sep)) + std::string(p);
  return out;
}

// `3`, `3.12`, `3.12.1`: digits and dots.
bool is_version(std::string_view s) {
  return !s.empty() && std::isdigit(static_cast<unsigned char>(s.front())) != 0 &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
         });
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// python, ruby, perl, rust: VERSION[-SUITE] → VERSION-slim[-SUITE]; SUITE → slim-SUITE.
std::optional<std::string> slim_before_suite(const Words& parts) {
  if (parts.empty()) return "slim";
  if (parts.size() == 1 && one_of(parts[0], kSuites)) return "slim-" + std::string(parts[0]);
  if (!is_version(parts[0]) || parts.size() > 2) return std::nullopt;
  if (parts.size() == 2 && !one_of(parts[1], kSuites)) return std::nullopt;
  return parts.size() == 1 ? std::string(parts[0]) + "-slim"
                           : std::string(parts[0]) + "-slim-" + std::string(parts[1]);
}

// node: VERSION[-SUITE] → VERSION[-SUITE]-slim (versions, lts, current and release code names).
std::optional<std::string> node_slim(const Words& parts) {
  if (parts.empty()) return "slim";
  const bool version = is_version(parts[0]) || one_of(parts[0], kNodeNames);
  if (parts.size() == 1 && (version || one_of(parts[0], kSuites)))
    return std::string(parts[0]) + "-slim";
  if (parts.size() == 2 && version && one_of(parts[1], kSuites)) return join(parts, '-') + "-slim";
  return std::nullopt;
}

// debian: SUITE[-YYYYMMDD] → SUITE[-YYYYMMDD]-slim; untagged → stable-slim (the same release as
// latest).
std::optional<std::string> debian_slim(const Words& parts) {
  if (parts.empty()) return "stable-slim";
  const bool suite =
      one_of(parts[0], kSuites) || one_of(parts[0], kDebianAliases) || is_version(parts[0]);
  if (!suite || parts.size() > 2) return std::nullopt;
  if (parts.size() == 2 && !(is_digits(parts[1]) && parts[1].size() == 8)) return std::nullopt;
  return join(parts, '-') + "-slim";
}

// openjdk: 8 and 11 had JRE tags; 16 and later map to eclipse-temurin's.
std::optional<std::string> openjdk_jre(std::string_view written_name, const Words& parts) {
  if (parts.empty()) return std::nullopt;
  const std::string_view version = parts[0];
  const std::size_t digits = std::min(version.find_first_not_of("0123456789"), version.size());
  if (digits == 0 || digits > 2) return std::nullopt;
  const int major = std::stoi(std::string(version.substr(0, digits)));
  Words rest(parts.begin() + 1, parts.end());
  if (!rest.empty() && rest[0] == "jdk") rest.erase(rest.begin());
  if (major == 8 || major == 11) {
    const bool known = rest.empty() || (rest == Words{"slim"}) ||
                       (rest.size() == 1 && one_of(rest[0], kSuites)) ||
                       (rest.size() == 2 && rest[0] == "slim" && one_of(rest[1], kSuites)) ||
                       (major == 8 && rest == Words{"alpine"});
    if (!known) return std::nullopt;
    Words out{version, "jre"};
    out.insert(out.end(), rest.begin(), rest.end());
    return std::string(written_name) + ":" + join(out, '-');
  }
  if (major < 16 || digits != version.size()) return std::nullopt;
  if (!rest.empty() && rest != Words{"slim"}) return std::nullopt;
  return "eclipse-temurin:" + std::string(version) + "-jre";
}

// eclipse-temurin: VERSION[-BUILD]-jdk[-VARIANT] → …-jre…; VERSION[-VARIANT] (a JDK) →
// VERSION-jre[-VARIANT].
std::optional<std::string> temurin_jre(const Words& parts) {
  if (parts.empty() || std::isdigit(static_cast<unsigned char>(parts[0].front())) == 0)
    return std::nullopt;
  if (std::any_of(parts.begin(), parts.end(),
                  [](std::string_view p) { return one_of(p, kTemurinKeep); }))
    return std::nullopt;
  Words out = parts;
  if (const auto jdk = std::find(out.begin(), out.end(), "jdk"); jdk != out.end()) {
    *jdk = "jre";
    return join(out, '-');
  }
  // `8u392-b08-focal`: a build number after the version; the jre goes after it.
  const bool build = parts.size() > 1 && parts[1].size() > 1 && parts[1][0] == 'b' &&
                     is_digits(parts[1].substr(1));
  out.insert(out.begin() + (build ? 2 : 1), "jre");
  return join(out, '-');
}

// Whether a version tag part (`3.12.1`) is at least major.minor; true for non-versions (suites,
// untagged).
bool at_least(const Words& parts, int major, int minor) {
  if (parts.empty() || !is_version(parts[0])) return true;
  const Words numbers = split_fields(parts[0], '.');
  const int have_major = std::stoi(std::string(numbers[0].substr(0, 4)));
  const int have_minor = numbers.size() > 1 && is_digits(numbers[1])
                             ? std::stoi(std::string(numbers[1].substr(0, 4)))
                             : 999;
  return have_major > major || (have_major == major && have_minor >= minor);
}

// Releases older than the first slim tags of an image: python 2.7/3.3, ruby 2.0,
// perl 5.28 (slim since 2019), debian 9 (slim since stretch).
bool has_slim_tags(std::string_view name, const Words& parts) {
  if (name == "python")
    return at_least(parts, 3, 3) || (at_least(parts, 2, 7) && !at_least(parts, 3, 0));
  if (name == "ruby") return at_least(parts, 2, 0);
  if (name == "perl") return at_least(parts, 5, 28);
  if (name == "debian") return at_least(parts, 9, 0);
  return true;
}

}  // namespace

// The built-in slim reference for `text` (no digest, no variables), "" when the table has none.
std::string builtin_slim(std::string_view text) {
  const OfficialImage image = official_image(text);
  if (image.name.empty()) return "";
  const std::size_t slash = text.rfind('/');
  const std::string_view written =
      text.substr(0, text.find(':', slash == std::string_view::npos ? 0 : slash));
  const Words parts = image.tag == "latest" ? Words{} : split_fields(image.tag, '-');
  if (std::any_of(parts.begin(), parts.end(), [](std::string_view p) { return p.empty(); }) ||
      !has_slim_tags(image.name, parts))
    return "";
  std::optional<std::string> tag;
  if (image.name == "python" || image.name == "ruby" || image.name == "perl" ||
      image.name == "rust") {
    tag = slim_before_suite(parts);
  } else if (image.name == "node") {
    tag = node_slim(parts);
  } else if (image.name == "debian") {
    tag = debian_slim(parts);
  } else if (image.name == "eclipse-temurin") {
    tag = temurin_jre(parts);
  } else if (image.name == "openjdk") {
    return openjdk_jre(written, parts).value_or("");
  }
  return tag ? std::string(written) + ":" + *tag : "";
}

}  // namespace dfopt::transforms
