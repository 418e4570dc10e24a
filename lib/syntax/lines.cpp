#include "syntax/lines.hpp"

#include <cstring>

#include "base/unicode.hpp"

namespace dfopt::syntax {

std::vector<PhysicalLine> split_lines(std::string_view text) {
  std::vector<PhysicalLine> lines;
  std::uint32_t begin = 0;
  const auto size = static_cast<std::uint32_t>(text.size());
  while (begin < size) {
    const void* nl = std::memchr(text.data() + begin, '\n', size - begin);
    const std::uint32_t end =
        nl == nullptr ? size
                      : static_cast<std::uint32_t>(static_cast<const char*>(nl) - text.data()) + 1;
    std::uint32_t content_end = end;
    while (content_end > begin &&
           (text[content_end - 1] == '\n' || text[content_end - 1] == '\r')) {
      --content_end;
    }
    lines.push_back({begin, content_end, end});
    begin = end;
  }
  return lines;
}

bool is_comment_line(std::string_view content) {
  const std::size_t lead = space_prefix(content);
  return lead < content.size() && content[lead] == '#';
}

bool is_blank_line(std::string_view content) { return space_prefix(content) == content.size(); }

std::optional<std::uint32_t> continuation_cut(std::string_view content, char escape) {
  std::size_t end = content.size();
  while (end > 0 && (content[end - 1] == ' ' || content[end - 1] == '\t')) --end;
  if (end == 0 || content[end - 1] != escape) return std::nullopt;
  if (end >= 2 && content[end - 2] == escape) return std::nullopt;
  return static_cast<std::uint32_t>(end - 1);
}

}  // namespace dfopt::syntax
