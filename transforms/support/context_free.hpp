// RUN instructions that need nothing from the build context: system package
// installs, user creation, `mkdir` of absolute paths, downloads to absolute
// destinations. Such a RUN may move above a COPY when nothing it touches is
// written by that COPY.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rewrite/analysis.hpp"

namespace dfopt::transforms {

struct ContextFreeRun {
  std::vector<std::string> paths;  // every absolute path it names, normalized, globs cut off
  bool installs_packages = false;  // apt/apk/yum/dnf/zypper, writing all over the file system
  bool creates_users = false;      // useradd/adduser/…, which may create /home/<user>
};

// What RUN `index` touches when every command of it is one of those above (its
// words literal, its redirections to absolute paths); nullopt otherwise.
[[nodiscard]] std::optional<ContextFreeRun> context_free_run(const Analysis& analysis,
                                                             std::size_t index);

}  // namespace dfopt::transforms
