// The Dockerfile grammar. See dockerfile.hpp for what each rule recognises.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "base/unicode.hpp"
#include "syntax/dockerfile.hpp"

BOOST_FUSION_ADAPT_STRUCT(dfopt::syntax::grammar::DirectiveToken, name, value)

namespace dfopt::syntax::grammar::parser {

///////////////////////////////////////////////////////////////////////////////
// Primitives: white space as Go's unicode.IsSpace sees it
///////////////////////////////////////////////////////////////////////////////

// One byte that `unicode.IsSpace(rune(b))` accepts (BuildKit's flag splitter).
struct byte_space_parser : x3::parser<byte_space_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx const&, Attr&) const {
    if (first == last || !is_space_byte(static_cast<unsigned char>(*first))) return false;
    ++first;
    return true;
  }
};

// One UTF-8 encoded rune that `unicode.IsSpace` accepts (BuildKit's word splitter).
struct rune_space_parser : x3::parser<rune_space_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx const&, Attr&) const {
    if (first == last) return false;
    std::size_t width = 0;
    const char32_t r =
        decode_rune(std::string_view(first, static_cast<std::size_t>(last - first)), 0, width);
    if (!is_space_rune(r)) return false;
    first += width;
    return true;
  }
};

inline constexpr byte_space_parser byte_space{};
inline constexpr rune_space_parser rune_space{};

// Go RE2's \s: [\t\n\f\r ].
inline auto const re_space = x3::omit[x3::char_("\t\n\f\r ")];
// BuildKit's reWhitespace class: [\t\v\f\r ].
inline auto const list_space = x3::omit[x3::char_("\t\v\f\r ")];

///////////////////////////////////////////////////////////////////////////////
// Semantic actions
///////////////////////////////////////////////////////////////////////////////

// Range recording needs the start of the text; the entry points set it for the
// duration of one parse call on this thread.
inline thread_local const char* text_base = nullptr;

// Appends the range matched by `x3::raw[…]`, relative to the start of the text.
inline auto const record_range = [](auto& ctx) {
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).push_back(TokenRange{static_cast<std::uint32_t>(range.begin() - text_base),
                                     static_cast<std::uint32_t>(range.end() - text_base)});
};

///////////////////////////////////////////////////////////////////////////////
// Rules
///////////////////////////////////////////////////////////////////////////////

directive_type const directive = "directive";
flags_type const flags = "flags";
json_array_type const json_array = "JSON array";
json_string_value_type const json_string_value = "JSON string";
words_backslash_type const words_backslash = "words";
words_backtick_type const words_backtick = "words";
whitespace_list_type const whitespace_list = "word list";
shell_words_type const shell_words = "shell words";

x3::rule<class json_string_class, std::string> const json_string = "JSON string";
x3::rule<class json_escape_class, char> const json_escape = "JSON escape";
x3::rule<class flag_word_class> const flag_word = "flag";
x3::rule<class shell_word_class> const shell_word = "shell word";

///////////////////////////////////////////////////////////////////////////////
// Grammar
///////////////////////////////////////////////////////////////////////////////

// ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ — the value is trimmed afterwards.
auto const directive_def = x3::lit('#') >> *re_space >>
                           x3::raw[x3::ascii::alpha >> *x3::ascii::alnum] >> *re_space >>
                           x3::lit('=') >> x3::raw[+x3::char_];

// A word that starts with "--" and runs to the next unquoted white space byte;
// `\` escapes the next byte everywhere, quotes group white space.
auto const flag_quoted = (x3::lit('"') >> *((x3::lit('\\') >> -x3::char_) | ~x3::char_('"')) >>
                          (x3::lit('"') | x3::eoi)) |
                         (x3::lit('\'') >> *((x3::lit('\\') >> -x3::char_) | ~x3::char_('\'')) >>
                          (x3::lit('\'') | x3::eoi));
auto const flag_word_def = x3::lit("--") >> *(flag_quoted | (x3::lit('\\') >> -x3::char_) |
                                              (x3::char_ - byte_space));
auto const flag_end = x3::lit("--") >> (byte_space | x3::eoi);
auto const flags_def =
    *(*byte_space >> !flag_end >> &x3::lit("--") >> x3::raw[flag_word][record_range]);

// JSON, as Go's encoding/json decodes an array of strings.

// `\uXXXX`, joined with a following `\uXXXX` when the two form a surrogate pair;
// anything else that is a surrogate becomes U+FFFD (encoding/json's rules).
struct json_unicode_parser : x3::parser<json_unicode_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;

  static bool hex4(const char* p, const char* last, char32_t& out) {
    if (last - p < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = p[i];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      out = (out << 4U) | static_cast<char32_t>(digit);
    }
    return true;
  }

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx const&, Attr& attr) const {
    char32_t r = 0;
    if (last - first < 6 || first[0] != '\\' || first[1] != 'u' || !hex4(first + 2, last, r))
      return false;
    first += 6;
    if (r >= 0xD800 && r < 0xDC00) {
      char32_t low = 0;
      if (last - first >= 6 && first[0] == '\\' && first[1] == 'u' && hex4(first + 2, last, low) &&
          low >= 0xDC00 && low < 0xE000) {
        r = 0x10000 + ((r - 0xD800) << 10U) + (low - 0xDC00);
        first += 6;
      } else {
        r = rune_error;
      }
    }
    std::string out;
    append_utf8(out, r);
    x3::traits::move_to(out, attr);
    return true;
  }
};
inline constexpr json_unicode_parser json_unicode{};

inline auto const append_char = [](auto& ctx) { x3::_val(ctx) += x3::_attr(ctx); };
inline auto const append_text = [](auto& ctx) { x3::_val(ctx) += x3::_attr(ctx); };

auto const json_escape_def = x3::lit('\\') >>
                             ((x3::lit('"') >> x3::attr('"')) | (x3::lit('\\') >> x3::attr('\\')) |
                              (x3::lit('/') >> x3::attr('/')) | (x3::lit('b') >> x3::attr('\b')) |
                              (x3::lit('f') >> x3::attr('\f')) | (x3::lit('n') >> x3::attr('\n')) |
                              (x3::lit('r') >> x3::attr('\r')) | (x3::lit('t') >> x3::attr('\t')));
auto const json_plain = x3::char_ - x3::char_('"') - x3::char_('\\') - x3::char_('\x00', '\x1f');
auto const json_string_def = x3::lit('"') >>
                             *(json_unicode[append_text] | json_escape[append_char] |
                               json_plain[append_char]) >>
                             x3::lit('"');
auto const json_ws = x3::omit[*x3::char_(" \t\n\r")];
auto const json_array_def =
    x3::lit('[') >> json_ws >>
    -(x3::raw[json_string][record_range] % (json_ws >> ',' >> json_ws)) >> json_ws >> x3::lit(']');
auto const json_string_value_def = json_string;

// parseWords: quotes group white space; the escape token keeps the next rune in the word.
template <char Escape>
auto words_def_for() {
  auto const esc = x3::lit(Escape) >> -x3::char_;
  auto const dq = x3::lit('"') >> *(esc | ~x3::char_('"')) >> (x3::lit('"') | x3::eoi);
  auto const sq = x3::lit('\'') >> *~x3::char_('\'') >> (x3::lit('\'') | x3::eoi);
  auto const word = +(dq | sq | esc | (x3::char_ - rune_space));
  return *rune_space >> *(x3::raw[word][record_range] >> *rune_space);
}
auto const words_backslash_def = words_def_for<'\\'>();
auto const words_backtick_def = words_def_for<'`'>();

auto const whitespace_list_def = *list_space >>
                                 *(x3::raw[+(x3::char_ - list_space)][record_range] >> *list_space);

// BuildKit's shell lexer: quotes must close, `${` must find its `}`.
auto const shell_sq = x3::lit('\'') >> *~x3::char_('\'') >> x3::lit('\'');
auto const shell_dq = x3::lit('"') >>
                      *((x3::lit('\\') >> -x3::char_) | ~x3::char_('"')) >> x3::lit('"');
auto const shell_brace = x3::lit("${") >> *~x3::char_('}') >> x3::lit('}');
auto const shell_word_def = +(shell_sq | shell_dq | shell_brace | (x3::lit('\\') >> -x3::char_) |
                              (x3::char_ - rune_space - '\'' - '"' - x3::lit("${")));
auto const shell_words_def = *rune_space >>
                             *(x3::raw[shell_word][record_range] >> *rune_space) >> x3::eoi;

BOOST_SPIRIT_DEFINE(directive, flags, json_array, json_string_value, json_string, json_escape,
                    flag_word, words_backslash, words_backtick, whitespace_list, shell_word,
                    shell_words)

///////////////////////////////////////////////////////////////////////////////
// Annotation and Error handling
///////////////////////////////////////////////////////////////////////////////
// The token rules never report errors themselves: a line that does not match a
// rule falls back to BuildKit's next interpretation (e.g. JSON → shell form),
// and the caller reports with the instruction's location.

}  // namespace dfopt::syntax::grammar::parser
