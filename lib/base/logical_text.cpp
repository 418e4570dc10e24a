#include "base/logical_text.hpp"

#include <algorithm>

namespace dfopt {

LogicalText LogicalText::contiguous(std::string_view text, std::uint32_t source_offset) {
  LogicalText out;
  out.append(text, source_offset);
  return out;
}

void LogicalText::append(std::string_view bytes, std::uint32_t source_offset) {
  if (bytes.empty()) return;
  const std::uint32_t at = size();
  // Extend the last piece when the new bytes follow it directly in the source.
  const bool adjacent =
      !pieces_.empty() && pieces_.back().source + (at - pieces_.back().logical) == source_offset;
  if (!adjacent) pieces_.push_back({at, source_offset});
  text_.append(bytes);
}

std::uint32_t LogicalText::to_source(std::uint32_t offset) const {
  if (pieces_.empty()) return 0;
  if (offset >= size()) {
    const Piece& last = pieces_.back();
    return last.source + (size() - last.logical) + (offset - size());
  }
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](std::uint32_t off, const Piece& p) { return off < p.logical; });
  const Piece& piece = *(it - 1);
  return piece.source + (offset - piece.logical);
}

Span LogicalText::to_source(Span logical) const {
  const std::uint32_t begin = to_source(logical.begin);
  if (logical.empty()) return {begin, begin};
  return {begin, to_source(logical.end - 1) + 1};
}

LogicalText LogicalText::sub(std::uint32_t begin, std::uint32_t end) const {
  LogicalText out;
  end = std::min(end, size());
  std::uint32_t pos = begin;
  while (pos < end) {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                               [](std::uint32_t off, const Piece& p) { return off < p.logical; });
    const Piece& piece = *(it - 1);
    const std::uint32_t piece_end = it == pieces_.end() ? size() : it->logical;
    const std::uint32_t stop = std::min(end, piece_end);
    out.append(std::string_view(text_).substr(pos, stop - pos),
               piece.source + (pos - piece.logical));
    pos = stop;
  }
  return out;
}

}  // namespace dfopt
