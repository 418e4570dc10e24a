// The Dockerfile grammar (Boost.Spirit X3): the token structure of one logical
// line — `--flag` words, JSON exec form, BuildKit's word splitting for
// ARG/ENV/LABEL, whitespace lists, shell words for heredoc markers, and parser
// directives. Line assembly (continuations, comments, heredoc bodies) lives in
// lines.cpp; what each instruction means, in parser.cpp.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "syntax/tokens.hpp"

namespace dfopt::syntax::grammar {

namespace x3 = boost::spirit::x3;

///////////////////////////////////////////////////////////////////////////////
// Rule IDs and declarations
///////////////////////////////////////////////////////////////////////////////
namespace parser {
using iterator_type = const char*;
using context_type = x3::unused_type;

struct directive_class;
struct flags_class;
struct json_array_class;
struct words_backslash_class;
struct words_backtick_class;
struct whitespace_list_class;
struct shell_words_class;

using directive_type = x3::rule<directive_class, DirectiveToken>;
using flags_type = x3::rule<flags_class, std::vector<TokenRange>>;
using json_array_type = x3::rule<json_array_class, std::vector<TokenRange>>;
struct json_string_value_class;
using json_string_value_type = x3::rule<json_string_value_class, std::string>;
using words_backslash_type = x3::rule<words_backslash_class, std::vector<TokenRange>>;
using words_backtick_type = x3::rule<words_backtick_class, std::vector<TokenRange>>;
using whitespace_list_type = x3::rule<whitespace_list_class, std::vector<TokenRange>>;
using shell_words_type = x3::rule<shell_words_class, std::vector<TokenRange>>;

BOOST_SPIRIT_DECLARE(directive_type, flags_type, json_array_type, json_string_value_type,
                     words_backslash_type, words_backtick_type, whitespace_list_type,
                     shell_words_type)
}  // namespace parser

///////////////////////////////////////////////////////////////////////////////
// Entry points (positions in results are offsets into `text`)
///////////////////////////////////////////////////////////////////////////////

// `# name = value` (BuildKit's directive regexp); nullopt when the line is not one.
std::optional<DirectiveToken> parse_directive(std::string_view line);

// The `--flag` words at the start of `text`, and where the arguments begin.
struct FlagsResult {
  std::vector<TokenRange> flags;
  std::uint32_t args_begin = 0;
};
FlagsResult parse_flags(std::string_view text);

// `text` as a JSON array of strings (white space may follow, as json.Unmarshal
// allows); nullopt when it is not one.
std::optional<std::vector<JsonToken>> parse_json_strings(std::string_view text);

// BuildKit's parseWords: words split on Unicode white space, quotes and escapes kept.
std::vector<TokenRange> split_words(std::string_view text, char escape);

// Words split on runs of [\t\v\f\r ] (BuildKit's reWhitespace).
std::vector<TokenRange> split_whitespace(std::string_view text);

// Words as BuildKit's shell lexer splits them (quotes, `${…}` and `\` escapes
// keep a word together); nullopt on an unterminated quote or `${`.
std::optional<std::vector<TokenRange>> split_shell_words(std::string_view text);

}  // namespace dfopt::syntax::grammar
