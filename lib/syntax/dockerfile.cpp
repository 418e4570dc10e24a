#include "syntax/dockerfile_def.hpp"

namespace dfopt::syntax::grammar {

namespace parser {
BOOST_SPIRIT_INSTANTIATE(directive_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(flags_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(json_array_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(json_string_value_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(words_backslash_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(words_backtick_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(whitespace_list_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(shell_words_type, iterator_type, context_type)
}  // namespace parser

namespace {

// Sets the base that range-recording actions subtract, for one parse call.
class BaseScope {
 public:
  explicit BaseScope(const char* base) : saved_(parser::text_base) { parser::text_base = base; }
  ~BaseScope() { parser::text_base = saved_; }
  BaseScope(const BaseScope&) = delete;
  BaseScope& operator=(const BaseScope&) = delete;

 private:
  const char* saved_;
};

template <typename Rule, typename Attr>
bool run(const Rule& rule, std::string_view text, Attr& attr, const char** stop = nullptr) {
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  BaseScope scope(text.data());
  const bool ok = x3::parse(first, last, rule, attr);
  if (stop != nullptr) *stop = first;
  return ok;
}

bool is_re_space(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

}  // namespace

std::optional<DirectiveToken> parse_directive(std::string_view line) {
  DirectiveToken token;
  if (!run(parser::directive, line, token)) return std::nullopt;
  // `\s*(.+?)\s*$`: leading and trailing \s go, but the value keeps at least one byte.
  std::string_view value = token.value;
  while (value.size() > 1 && is_re_space(value.front())) value.remove_prefix(1);
  while (value.size() > 1 && is_re_space(value.back())) value.remove_suffix(1);
  if (value.size() == 1 && is_re_space(value.front()) && token.value.size() > 1) {
    value = std::string_view(token.value).substr(token.value.size() - 1);
  }
  token.value = std::string(value);
  return token;
}

FlagsResult parse_flags(std::string_view text) {
  FlagsResult result;
  const char* stop = nullptr;
  run(parser::flags, text, result.flags, &stop);
  auto pos = static_cast<std::uint32_t>(stop - text.data());
  while (pos < text.size() && is_space_byte(static_cast<unsigned char>(text[pos]))) ++pos;
  // A lone `--` ends the flags.
  if (text.substr(pos, 2) == "--" &&
      (pos + 2 == text.size() || is_space_byte(static_cast<unsigned char>(text[pos + 2])))) {
    pos += 2;
  }
  result.args_begin = pos;
  return result;
}

std::optional<std::vector<JsonToken>> parse_json_strings(std::string_view text) {
  std::vector<TokenRange> ranges;
  const char* stop = nullptr;
  if (!run(parser::json_array, text, ranges, &stop)) return std::nullopt;
  // Like json.Unmarshal, only white space may follow the array.
  for (; stop != text.data() + text.size(); ++stop) {
    if (*stop != ' ' && *stop != '\t' && *stop != '\n' && *stop != '\r') return std::nullopt;
  }
  std::vector<JsonToken> tokens;
  tokens.reserve(ranges.size());
  for (const TokenRange& range : ranges) {
    std::string value;
    run(parser::json_string_value, text.substr(range.first, range.last - range.first), value);
    tokens.push_back(JsonToken{valid_utf8(value), range});
  }
  return tokens;
}

std::vector<TokenRange> split_words(std::string_view text, char escape) {
  std::vector<TokenRange> words;
  if (escape == '`') {
    run(parser::words_backtick, text, words);
  } else {
    run(parser::words_backslash, text, words);
  }
  return words;
}

std::vector<TokenRange> split_whitespace(std::string_view text) {
  std::vector<TokenRange> words;
  run(parser::whitespace_list, text, words);
  return words;
}

std::optional<std::vector<TokenRange>> split_shell_words(std::string_view text) {
  std::vector<TokenRange> words;
  if (!run(parser::shell_words, text, words)) return std::nullopt;
  return words;
}

}  // namespace dfopt::syntax::grammar
