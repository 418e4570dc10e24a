// The download caches of package managers, and the edits that put them on
// BuildKit cache mounts for one RUN (see transforms/cache_mounts.cpp).
#pragma once

#include <string>
#include <vector>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

struct CachePlan {
  std::vector<std::string> tools;   // the tools that get a mount, in order: "apt-get", "pip", …
  std::vector<std::string> mounts;  // the new --mount values
  std::vector<TextEdit> edits;  // the mounts, setup commands, dropped no-cache flags and cleanups
  std::string refusal;          // why there is no fix; "" when there is one
};

// The cache mounts RUN `index` (a shell-form RUN run as root, commands `cmds`) lacks.
[[nodiscard]] CachePlan plan_cache_mounts(const Analysis& analysis, std::size_t index,
                                          std::span<const RunCommand> cmds);

}  // namespace dfopt::transforms
