#include "base/unicode.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace dfopt {

char32_t decode_rune(std::string_view s, std::size_t pos, std::size_t& width) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  width = 1;
  if (b0 < 0x80) return b0;
  std::size_t need = 0;
  char32_t r = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, r = b0 & 0x1FU, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, r = b0 & 0x0FU, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, r = b0 & 0x07U, min = 0x10000;
  } else {
    return rune_error;
  }
  if (pos + need >= s.size()) return rune_error;  // truncated sequence
  for (std::size_t i = 1; i <= need; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0U) != 0x80U) return rune_error;
    r = (r << 6U) | (b & 0x3FU);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return rune_error;
  width = need + 1;
  return r;
}

void append_utf8(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = rune_error;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0U | (r >> 6U));
    out += static_cast<char>(0x80U | (r & 0x3FU));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0U | (r >> 12U));
    out += static_cast<char>(0x80U | ((r >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (r & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (r >> 18U));
    out += static_cast<char>(0x80U | ((r >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((r >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (r & 0x3FU));
  }
}

bool is_space_rune(char32_t r) {
  if (r < 0x100) return is_space_byte(static_cast<unsigned char>(r));
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
         r == 0x205F || r == 0x3000;
}

std::size_t space_prefix(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t w = 0;
    const char32_t r = decode_rune(s, pos, w);
    if (r == rune_error && w == 1) break;
    if (!is_space_rune(r)) break;
    pos += w;
  }
  return pos;
}

std::size_t space_suffix(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0) {
    // Find the start of the last rune.
    std::size_t start = end - 1;
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U)
      --start;
    std::size_t w = 0;
    const char32_t r = decode_rune(s, start, w);
    if (start + w != end) break;  // invalid tail: not a space
    if (!is_space_rune(r)) break;
    end = start;
  }
  return s.size() - end;
}

std::string_view trim_space(std::string_view s) {
  s.remove_prefix(space_prefix(s));
  s.remove_suffix(space_suffix(s));
  return s;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t w = 0;
    const char32_t r = decode_rune(s, pos, w);
    if (r == rune_error && w == 1) {
      append_utf8(out, rune_error);
    } else {
      out.append(s.substr(pos, w));
    }
    pos += w;
  }
  return out;
}

namespace {

// Ranges Go's unicode.IsPrint rejects above ASCII that occur in practice: controls,
// format characters, non-ASCII spaces, surrogates, private use and non-characters.
constexpr std::array<std::pair<char32_t, char32_t>, 22> not_printable{{
    {0x80, 0xA0},        {0xAD, 0xAD},       {0x378, 0x379},     {0x600, 0x605},
    {0x61C, 0x61C},      {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x180E, 0x180E},
    {0x2000, 0x200F},    {0x2028, 0x202F},   {0x205F, 0x206F},   {0x3000, 0x3000},
    {0xD800, 0xF8FF},    {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},   {0xFFF0, 0xFFFB},
    {0xFFFE, 0xFFFF},    {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    {0xF0000, 0x10FFFF}, {0x1680, 0x1680},
}};

bool is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return std::ranges::none_of(
      not_printable, [r](const auto& range) { return r >= range.first && r <= range.second; });
}

}  // namespace

std::string go_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t w = 0;
    const char32_t r = decode_rune(s, pos, w);
    if (r == rune_error && w == 1) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[pos]));
      pos += 1;
      continue;
    }
    pos += w;
    switch (r) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (is_print(r)) {
      append_utf8(out, r);
    } else if (r < 0x20 || r == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(r));
    } else if (r < 0x10000) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(r));
    } else {
      out += fmt::format("\\U{:08x}", static_cast<unsigned>(r));
    }
  }
  out += '"';
  return out;
}

}  // namespace dfopt
