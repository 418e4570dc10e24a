// Dependency installs that need only their manifests (package.json and its
// lockfile, requirements.txt, go.mod, …), and the commands that may share
// their RUN because they need nothing from the build context at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shell/command_model.hpp"

namespace dfopt::transforms {

struct ManifestInstall {
  std::string tool;                // "npm ci", "pip install -r", …
  std::vector<std::string> files;  // context paths to copy; `name*` where the file may be absent
  std::vector<std::string> dirs;   // context directories to copy as themselves (`.mvn`, `gradle`)
  std::string refusal;             // why the install cannot be moved; "" when it can
};

// What `cmd` needs when it installs dependencies from manifests only; nullopt
// when it is no such install (it needs the sources, or installs named packages).
// `dest` is the install's directory, to read absolute requirement paths under it.
[[nodiscard]] std::optional<ManifestInstall> manifest_install(const shell::CommandView& cmd,
                                                              std::string_view dest);

// Whether `cmd` needs nothing from the build context and can run before it is
// copied: named-package installs (`pip install --upgrade pip`, `npm i -g pnpm`),
// tool configuration, cache cleanups and `rm` of absolute paths.
[[nodiscard]] bool needs_no_context(const shell::CommandView& cmd);

}  // namespace dfopt::transforms
