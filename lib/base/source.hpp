// The bytes of one input file, with a lazily built line index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.hpp"

namespace dfopt {

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, counted in UTF-8 code points
};

class SourceBuffer {
 public:
  // Inputs are limited to what a 32-bit offset can address, with room to spare.
  static constexpr std::size_t max_size = std::size_t{1} << 30;

  SourceBuffer(std::string path, std::string text);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }
  [[nodiscard]] std::string_view slice(Span span) const {
    return std::string_view(text_).substr(span.begin, span.size());
  }

  [[nodiscard]] LineCol line_col(std::uint32_t offset) const;
  // The physical line (1-based) without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
  [[nodiscard]] std::uint32_t line_count() const;
  [[nodiscard]] std::uint32_t line_start(std::uint32_t line) const;

 private:
  void build_index() const;

  std::string path_;
  std::string text_;
  mutable std::vector<std::uint32_t> line_starts_;
};

}  // namespace dfopt
