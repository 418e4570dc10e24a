// File names dfopt takes for Dockerfiles (shared by the directory walk and the
// rules that look at a build context).
#pragma once

#include <string_view>

namespace dfopt {

// Dockerfile, dockerfile, Containerfile, Dockerfile.*, Containerfile.*, *.Dockerfile,
// *.dockerfile, *.containerfile — but not *.dockerignore, *.md, editor and patch
// leftovers (.orig .rej .bak .swp ~) or dfopt's own temporary files.
[[nodiscard]] bool is_dockerfile_name(std::string_view name);

}  // namespace dfopt
