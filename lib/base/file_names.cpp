#include "base/file_names.hpp"

#include <algorithm>
#include <array>

namespace dfopt {

bool is_dockerfile_name(std::string_view name) {
  if (name == "Dockerfile" || name == "dockerfile" || name == "Containerfile") return true;
  if (name.find(".dfopt-") != std::string_view::npos) return false;  // our temporary files
  static constexpr std::array<std::string_view, 7> not_dockerfile = {
      ".dockerignore", ".md", ".orig", ".rej", ".bak", ".swp", "~"};
  if (std::any_of(not_dockerfile.begin(), not_dockerfile.end(),
                  [&](std::string_view s) { return name.ends_with(s); }))
    return false;
  const auto after = [&](std::string_view prefix) {
    return name.size() > prefix.size() && name.starts_with(prefix);
  };
  return after("Dockerfile.") || after("Containerfile.") || name.ends_with(".Dockerfile") ||
         name.ends_with(".dockerfile") || name.ends_with(".containerfile");
}

}  // namespace dfopt
