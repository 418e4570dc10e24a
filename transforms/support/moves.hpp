// Moving whole instructions within a file (verbatim, with the comment lines
// right above them), and the path arithmetic that decides whether a move is
// safe: what a COPY writes, resolved against the WORKDIR in effect.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"

namespace dfopt::transforms {

// Whether a COPY/ADD reads the build context (it has no --from).
[[nodiscard]] bool reads_context(const syntax::Instruction& ins);

// Whether a COPY/ADD copies the whole context root (`COPY . .`, `ADD ./ /app`).
[[nodiscard]] bool copies_context_root(const syntax::Instruction& ins);

// The WORKDIR in effect at instruction `index`, normalized ("/" by default); ""
// when it has variables. Paths resolve against it with resolve_path (commands.hpp).
[[nodiscard]] std::string workdir_at(const Analysis& analysis, std::size_t index);

// Whether normalized absolute `path` is `dir` or lies under it.
[[nodiscard]] bool path_within(std::string_view path, std::string_view dir);

// The lines of instruction `index` with the comment lines right above it (no
// blank line between), line endings included.
[[nodiscard]] Span block_span(const Analysis& analysis, std::size_t index);

// Moves instructions `moved` (indexes, in file order, all after `anchor`) to
// just above instruction `anchor` and its comment lines, each verbatim with its
// own comment lines, after the whole lines `lead` (each ending in a newline, in
// the file's style). A blank line left doubled by a removal goes with it.
[[nodiscard]] std::vector<TextEdit> move_before(const Analysis& analysis,
                                                std::span<const std::size_t> moved,
                                                std::size_t anchor, std::string_view lead = {});

}  // namespace dfopt::transforms
