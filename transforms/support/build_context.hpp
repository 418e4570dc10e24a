// What a Dockerfile reads from its build context (COPY/ADD sources, RUN bind
// mounts) and a bounded look at the context directory itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.hpp"
#include "syntax/ir.hpp"

namespace dfopt::transforms {

// A path the build reads from the context.
struct ContextSource {
  std::size_t index = 0;  // the instruction in doc.instructions
  Span span;              // the source word (the whole --mount flag for a bind mount)
  std::string text;       // as written
  // clean_context_path of its literal leading elements ("" = the context root): the
  // whole path when literal, the directory before the first wildcard otherwise,
  // the root when it uses a variable.
  std::string path;
  bool literal = false;  // no wildcard, no variable: `path` is exactly what is read
  bool mount = false;    // a RUN --mount=type=bind without from=
};

// The COPY/ADD sources (not --from=, URLs, git repositories or heredocs) and RUN
// bind mounts of the context, in file order; ONBUILD triggers are skipped (they
// run in another build, with another context).
[[nodiscard]] std::vector<ContextSource> context_sources(const syntax::Document& doc);

// The paths (relative, `/`-separated) of the entries in `dir` and in its
// subdirectories, one level down (not below `.git` or `node_modules`, not through
// symbolic links), in directory order; at most `limit` of them.
struct ContextListing {
  std::vector<std::string> paths;
  // false when `limit` cut the listing short or a directory could not be read
  bool complete = true;
  std::uint64_t id = 0;  // unique per listing made in this process (a key for memos)
};
[[nodiscard]] ContextListing list_context(const std::filesystem::path& dir,
                                          std::size_t limit = 5000);

}  // namespace dfopt::transforms
