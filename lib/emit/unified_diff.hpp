// Unified diffs (`diff -u` / `git diff` format) that `git apply` and `patch -p1`
// accept and that reproduce the new text byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace dfopt {

// The difference between two texts, line by line, with `context` unchanged lines
// around each change; hunks whose context would touch are merged. The labels are
// printed verbatim after `--- ` and `+++ ` (pass e.g. "a/Dockerfile" and
// "b/Dockerfile" for `patch -p1`). A line's bytes include its terminator, so a
// CRLF line keeps its `\r` and a changed final newline shows as a changed last
// line with `\ No newline at end of file`. Identical texts give "".
[[nodiscard]] std::string unified_diff(std::string_view old_text, std::string_view new_text,
                                       std::string_view old_label, std::string_view new_label,
                                       int context = 3);

}  // namespace dfopt
