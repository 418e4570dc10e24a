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
// also through a symbolic or hard link — is listed once, under the first of its names.
//
// Order: files come in byte-wise sorted order of their normalised paths. The arguments are
// taken in that order (a directory as `dir/`), each directory's entries too, so a walk
// yields sorted paths without holding them: the memory of a walk is its current branch, not
// the number of files. One exception: when a directory argument lies inside another one, its
// files that the outer walk did not take (an ignored or excluded subtree) come after that
// argument's place in the order.
//
// Two passes make this work: the first counts the files, reports the errors and notes the
// identities of the only files with one link that can be reached twice (the targets of
// symbolic links, file arguments, files under a nested argument); the second yields the
// files, remembering only those and the files with several hard links.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
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
  std::vector<std::string> files;     // normalised paths, in walk order, without duplicates
  std::vector<DiscoverError> errors;  // in the order met
};

// The files named by `paths`, one at a time. The first pass runs in the constructor.
class Discovery {
 public:
  Discovery(const std::vector<std::string>& paths, const Excludes& excludes);
  Discovery(const Discovery&) = delete;
  Discovery& operator=(const Discovery&) = delete;
  ~Discovery();

  // Missing arguments and unreadable directories (met by the first pass).
  [[nodiscard]] const std::vector<DiscoverError>& errors() const;
  // The number of files the first pass found; the second may yield a few more or fewer when
  // the tree changes meanwhile.
  [[nodiscard]] std::size_t expected() const;
  // The next file, or nothing once the walk is done.
  [[nodiscard]] std::optional<std::string> next();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Every file at once (small inputs and tests).
[[nodiscard]] DiscoverResult discover(const std::vector<std::string>& paths,
                                      const Excludes& excludes);

// Whether a walked file of this name is taken as a Dockerfile.
using dfopt::is_dockerfile_name;

}  // namespace dfopt::driver
