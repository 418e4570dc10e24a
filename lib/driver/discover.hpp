// Finding the Dockerfiles named by command-line paths.
//
// A file argument is taken as is, whatever its name. A directory argument is walked
// recursively for files named `Dockerfile`, `dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
// `*.dockerfile`, `Containerfile`, `Containerfile.*` or `*.containerfile` — except names that
// are plainly something else: `*.dockerignore` (per-Dockerfile ignore files), `*.md`, `*.orig`,
// `*.rej`, `*.bak`, `*.swp`, `*~`, and dfopt's own temporary files. The walk skips:
//   - the directories `.git`, `.hg`, `.svn`, `node_modules`, `vendor`, `third_party`, `.venv`,
//     `venv`, `__pycache__` and `.tox` (hidden directories are otherwise walked: Dockerfiles
//     often live in `.devcontainer/`);
//   - paths matching an `--exclude` glob (relative to `Excludes::base`) or the `exclude` of the
//     `.dfopt.toml` governing the directory (relative to that file's directory);
//   - paths ignored by a `.gitignore` in a walked directory (the argument directory and below;
//     `.gitignore` files above it, `.git/info/exclude` and the global excludes file are not
//     read). Supported: blank lines, `#` comments, `\#`/`\!` escapes, `!` negation (the last
//     matching line wins, deeper files after shallower ones; a file inside an ignored
//     directory cannot be re-included, as in git), a trailing `/` for directories only, a
//     leading or inner `/` anchoring the pattern to the `.gitignore`'s directory, and `*`, `?`,
//     `[...]`, `**` (see glob_match).
// Symbolic links to directories are not followed (no loops); symbolic links to files are
// taken (a fix is written through to the target). Directories that cannot be read are
// reported in `errors` and the walk goes on. The same file (device and inode) reached twice —
// also through a symbolic or hard link — is listed once, under the first of its names in
// sorted order.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_names.hpp"
#include "driver/config.hpp"

namespace dfopt::driver {

struct Excludes {
  std::vector<std::string> globs;    // --exclude
  std::filesystem::path base = ".";  // what --exclude globs are relative to
  // The config governing the files of a directory, or null; its `exclude` then applies.
  std::function<std::shared_ptr<const Config>(const std::filesystem::path& dir)> config_for;
  bool respect_gitignore = true;
};

struct DiscoverError {
  std::string path;
  std::string message;
};

struct DiscoverResult {
  std::vector<std::string> files;     // normalised paths, sorted, without duplicates
  std::vector<DiscoverError> errors;  // in the order met
};

[[nodiscard]] DiscoverResult discover(const std::vector<std::string>& paths,
                                      const Excludes& excludes);

// Whether a walked file of this name is taken as a Dockerfile.
using dfopt::is_dockerfile_name;

}  // namespace dfopt::driver
