#include "base/diagnostic.hpp"

#include <fmt/format.h>

namespace dfopt {

namespace {

constexpr std::size_t frame_width = 160;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

}  // namespace

Diagnostic error_at(std::uint32_t offset, std::string message) {
  return Diagnostic{Severity::Error, offset, std::move(message)};
}

std::string code_frame(const SourceBuffer& source, std::uint32_t offset) {
  const LineCol lc = source.line_col(offset);
  std::string_view line = source.line_text(lc.line);
  std::size_t caret = std::min<std::size_t>(offset - source.line_start(lc.line), line.size());
  // Keep a window around the caret for very long lines, cut on code point boundaries.
  std::size_t from = 0;
  if (line.size() > frame_width && caret > frame_width / 2) {
    from = caret - frame_width / 2;
    while (from > 0 && is_continuation_byte(line[from])) --from;
  }
  std::size_t to = std::min(line.size(), from + frame_width);
  while (to < line.size() && is_continuation_byte(line[to])) ++to;
  std::string shown;
  std::string marker;
  for (std::size_t i = from; i < to; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool tab = c == '\t';
    shown += (c < 0x20 && !tab) || c == 0x7F ? ' ' : static_cast<char>(c);
    if (i < caret && !is_continuation_byte(line[i])) marker += tab ? '\t' : ' ';
  }
  return fmt::format("  {}{}{}\n  {}^\n", from > 0 ? "..." : "", shown,
                     to < line.size() ? "..." : "", from > 0 ? "   " + marker : marker);
}

std::string format_diagnostic(const SourceBuffer& source, const Diagnostic& diag) {
  const LineCol lc = source.line_col(diag.offset);
  const char* level = diag.severity == Severity::Error     ? "error"
                      : diag.severity == Severity::Warning ? "warning"
                                                           : "note";
  return fmt::format("{}:{}:{}: {}: {}\n{}", source.path(), lc.line, lc.column, level, diag.message,
                     code_frame(source, diag.offset));
}

}  // namespace dfopt
