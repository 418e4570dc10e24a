// Physical lines and BuildKit's line-level rules: what is a comment, an empty
// continuation line, a line continuation (with the file's escape token).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace dfopt::syntax {

struct PhysicalLine {
  std::uint32_t begin = 0;
  std::uint32_t content_end = 0;  // without the trailing run of \r and \n
  std::uint32_t end = 0;          // after the \n, or the end of the file
};

// Splits on \n, keeping every byte in exactly one line.
[[nodiscard]] std::vector<PhysicalLine> split_lines(std::string_view text);

// A line whose first non-space character is `#`.
[[nodiscard]] bool is_comment_line(std::string_view content);
// A line of white space only.
[[nodiscard]] bool is_blank_line(std::string_view content);

// BuildKit's continuation rule `([^E])E[ \t]*$|^E[ \t]*$`: when `content` ends
// with the escape token (not itself escaped), the length of what stays.
[[nodiscard]] std::optional<std::uint32_t> continuation_cut(std::string_view content, char escape);

}  // namespace dfopt::syntax
