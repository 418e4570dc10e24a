// Byte ranges into a SourceBuffer. Positions are byte offsets; line/column
// are computed only when reporting.
#pragma once

#include <cstdint>

namespace dfopt {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] constexpr std::uint32_t size() const { return end - begin; }
  [[nodiscard]] constexpr bool empty() const { return begin == end; }
  [[nodiscard]] constexpr bool contains(Span other) const {
    return begin <= other.begin && other.end <= end;
  }
  friend constexpr bool operator==(Span, Span) = default;
};

}  // namespace dfopt
