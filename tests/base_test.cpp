// lib/base: logical text mapping, Go-compatible Unicode helpers, diagnostics.
#include <doctest/doctest.h>

#include "base/diagnostic.hpp"
#include "base/logical_text.hpp"
#include "base/source.hpp"
#include "base/unicode.hpp"

using namespace dfopt;

TEST_CASE("LogicalText maps logical offsets back to the source") {
  // Source: "RUN a \\\n  b\n" — the logical line joins "RUN a " and "  b".
  LogicalText t;
  t.append("RUN a ", 0);
  t.append("  b", 8);
  CHECK(t.text() == "RUN a   b");
  CHECK(t.to_source(0) == 0);
  CHECK(t.to_source(5) == 5);
  CHECK(t.to_source(6) == 8);
  CHECK(t.to_source(8) == 10);
  CHECK(t.to_source(9) == 11);  // one past the end
  // A range across the join covers the continuation bytes in between.
  CHECK(t.to_source(Span{4, 9}) == Span{4, 11});
  CHECK(t.to_source(Span{6, 6}) == Span{8, 8});
  const LogicalText sub = t.sub(4, 9);
  CHECK(sub.text() == "a   b");
  CHECK(sub.to_source(Span{0, 1}) == Span{4, 5});
  CHECK(sub.to_source(Span{4, 5}) == Span{10, 11});
}

TEST_CASE("LogicalText merges adjacent pieces") {
  LogicalText t;
  t.append("ab", 10);
  t.append("cd", 12);
  CHECK(t.to_source(Span{0, 4}) == Span{10, 14});
  CHECK(t.to_source(3) == 13);
}

TEST_CASE("go_quote matches strconv.Quote") {
  CHECK(go_quote("abc") == "\"abc\"");
  CHECK(go_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(go_quote("\t\n\r\a\b\f\v") == "\"\\t\\n\\r\\a\\b\\f\\v\"");
  CHECK(go_quote(std::string_view("\x00\x1f\x7f", 3)) == "\"\\x00\\x1f\\x7f\"");
  CHECK(go_quote("é♥😀") == "\"é♥😀\"");
  CHECK(go_quote("\xff") == "\"\\xff\"");            // invalid UTF-8
  CHECK(go_quote("\xc2\xa0") == "\"\\u00a0\"");      // no-break space is not printable
  CHECK(go_quote("\xef\xbb\xbf") == "\"\\ufeff\"");  // BOM
  CHECK(go_quote("\xf3\xa0\x80\x81") == "\"\\U000e0001\"");
}

TEST_CASE("Unicode white space as Go's unicode.IsSpace") {
  CHECK(trim_space("  \t x \r\n") == "x");
  CHECK(trim_space("\xc2\xa0x\xe3\x80\x80") == "x");  // U+00A0, U+3000
  CHECK(trim_space("\xa0x") == "\xa0x");              // a lone byte is not a space rune
  CHECK(space_prefix("\xc2\x85y") == 2);              // U+0085
  CHECK(is_space_byte(0x85));
  CHECK_FALSE(is_space_rune(0x200B));  // zero width space is not white space
  std::size_t w = 0;
  CHECK(decode_rune("\xe2\x82", 0, w) == rune_error);
  CHECK(w == 1);
  CHECK(valid_utf8("a\xffz") == "a\xef\xbf\xbdz");
}

TEST_CASE("SourceBuffer line and column") {
  const SourceBuffer src("f", "ab\r\né x\n\nlast");
  CHECK(src.line_count() == 4);
  CHECK(src.line_text(1) == "ab");
  CHECK(src.line_text(2) == "é x");
  CHECK(src.line_text(4) == "last");
  CHECK(src.line_col(0).line == 1);
  const LineCol x = src.line_col(7);  // the 'x' after "é " (é is two bytes)
  CHECK(x.line == 2);
  CHECK(x.column == 3);
  CHECK(src.line_col(src.size()).line == 4);
}

TEST_CASE("diagnostics print path:line:col, the line and a caret") {
  const SourceBuffer src("dir/Dockerfile", "FROM alpine\n\tRUN --bad x\n");
  const std::string text = format_diagnostic(src, error_at(17, "unknown flag: --bad"));
  CHECK(text == "dir/Dockerfile:2:6: error: unknown flag: --bad\n  \tRUN --bad x\n  \t    ^\n");
}

TEST_CASE("diagnostics on a very long line show a window around the column") {
  std::string line(1'000'000, 'a');
  line[700'000] = '!';
  const SourceBuffer src("big", line);
  const std::string frame = code_frame(src, 700'000);
  CHECK(frame.size() < 500);
  CHECK(frame.find('!') != std::string::npos);
  // The caret sits under the '!'.
  const auto first_nl = frame.find('\n');
  const auto bang = frame.find('!');
  const auto caret = frame.find('^');
  CHECK(caret - (first_nl + 1) == bang);
}
