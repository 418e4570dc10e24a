// Text assembled from pieces of a source file (a Dockerfile instruction joined
// across line continuations, with comment lines inside it dropped), together
// with the map from each logical byte back to its source offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.hpp"

namespace dfopt {

class LogicalText {
 public:
  struct Piece {
    std::uint32_t logical = 0;  // offset in text()
    std::uint32_t source = 0;   // offset in the source buffer
  };

  LogicalText() = default;
  // A text that is one contiguous run of the source starting at `source_offset`.
  static LogicalText contiguous(std::string_view text, std::uint32_t source_offset);

  // Appends `bytes`, which stand at `source_offset` in the source.
  void append(std::string_view bytes, std::uint32_t source_offset);

  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }

  // Source offset of the logical byte at `offset` (offset == size() maps just past the last byte).
  [[nodiscard]] std::uint32_t to_source(std::uint32_t offset) const;
  // The source span covering the logical range [begin, end). An empty range maps to an empty
  // span at the source position of `begin`.
  [[nodiscard]] Span to_source(Span logical) const;
  // A sub-text [begin, end) with its own map.
  [[nodiscard]] LogicalText sub(std::uint32_t begin, std::uint32_t end) const;

 private:
  std::string text_;
  std::vector<Piece> pieces_;
};

}  // namespace dfopt
