// The few Unicode facts the BuildKit-compatible parser needs, matching Go's
// unicode.IsSpace, utf8 decoding and strconv.Quote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dfopt {

inline constexpr char32_t rune_error = 0xFFFD;

// Decodes the UTF-8 rune at `pos`; invalid bytes decode as rune_error with width 1 (as Go does).
char32_t decode_rune(std::string_view s, std::size_t pos, std::size_t& width);
void append_utf8(std::string& out, char32_t rune);

// Go's unicode.IsSpace.
bool is_space_rune(char32_t r);
// Go's unicode.IsSpace applied to a single byte widened to a rune (as `rune(line[i])` does).
inline bool is_space_byte(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
}
// Go's strings.TrimSpace / bytes.TrimLeftFunc(unicode.IsSpace) on UTF-8 text.
std::size_t space_prefix(std::string_view s);
std::size_t space_suffix(std::string_view s);
std::string_view trim_space(std::string_view s);

// `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD (as Go's
// encoding/json decodes strings).
std::string valid_utf8(std::string_view s);

// Go's strconv.Quote.
std::string go_quote(std::string_view s);

}  // namespace dfopt
