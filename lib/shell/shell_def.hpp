// The shell grammar. No skipper: blanks, line continuations and comments are explicit (`gap`),
// so every rule starts at its first token and ends right after its last one, which makes the
// recorded spans exact. Words are lexed by hand (WordLexer below) and call back into the grammar
// for $(...) and <(...); everything from simple commands up is X3.
//
// Linear time: alternatives are chosen by their first token (cheap look-aheads guard the costly
// ones), and once a construct is committed to (an opening quote, `$(`, `(`, `{`, a keyword) a
// failure is an expectation failure that aborts the whole parse, so nothing is parsed twice. The
// one exception is the `((`/`$((` arithmetic scan, which may rescan what a subshell then parses,
// once per nesting level. Recursion is bounded by `nested[...]` and the lexer's ${...} guard,
// which abort the parse beyond kMaxNestingDepth.
#pragma once

#include <algorithm>
#include <array>
#include <boost/spirit/home/x3.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "shell/ast.hpp"
#include "shell/config.hpp"
#include "shell/shell.hpp"

namespace dfopt::shell::parser {

namespace x3 = boost::spirit::x3;

///////////////////////////////////////////////////////////////////////////////
// Helpers: state, spans, hand-written lexers
///////////////////////////////////////////////////////////////////////////////

template <typename Context>
ParseState& state(const Context& ctx) {
  return x3::get<state_tag>(ctx);
}

template <typename Context>
Span make_span(const Context& ctx, iterator_type first, iterator_type last) {
  const char* base = state(ctx).base;
  return {static_cast<std::uint32_t>(first - base), static_cast<std::uint32_t>(last - base)};
}

// The span of the range a raw[...] directive matched (the attribute of an action on it).
template <typename Context>
Span attr_span(const Context& ctx) {
  const auto& range = x3::_attr(ctx);
  return make_span(ctx, range.begin(), range.end());
}

inline bool is_name_start_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Characters that end an unquoted keyword or reserved word.
inline bool is_delimiter(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ';':
    case '&':
    case '|':
    case '(':
    case ')':
    case '<':
    case '>':
      return true;
    default:
      return false;
  }
}

// A keyword such as `then`: the exact text followed by a delimiter or the end.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  constexpr explicit keyword_parser(std::string_view text) : word(text) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    const auto n = static_cast<std::size_t>(last - first);
    if (n < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (first[i] != word[i]) return false;
    }
    if (n > word.size() && !is_delimiter(first[word.size()])) return false;
    first += word.size();
    return true;
  }

  std::string_view word;
};

// The unquoted token at `first`, up to a delimiter (at most 9 characters: enough for keywords).
template <typename Iterator>
std::string_view keyword_token(Iterator first, const Iterator& last) {
  Iterator end = first;
  while (end != last && !is_delimiter(*end) && end - first <= 8) ++end;
  return {first, static_cast<std::size_t>(end - first)};
}

// Reserved words that cannot start a simple command (they end or continue a compound one).
inline bool is_reserved_word(std::string_view w) {
  switch (w.size()) {
    case 1:
      return w[0] == '{' || w[0] == '}';
    case 2:
      return w == "if" || w == "fi" || w == "do" || w == "[[" || w == "]]";
    case 3:
      return w == "for";
    case 4:
      return w == "then" || w == "elif" || w == "else" || w == "done" || w == "case" || w == "esac";
    case 5:
      return w == "while" || w == "until";
    case 6:
      return w == "select";
    case 8:
      return w == "function";
    default:
      return false;
  }
}

// Words that start a compound command.
inline bool is_compound_word(std::string_view w) {
  switch (w.size()) {
    case 1:
      return w[0] == '{';
    case 2:
      return w == "if" || w == "[[";
    case 3:
      return w == "for";
    case 4:
      return w == "case";
    case 5:
      return w == "while" || w == "until";
    case 6:
      return w == "select";
    case 8:
      return w == "function";
    default:
      return false;
  }
}

// Any reserved word (consumed).
struct reserved_parser : x3::parser<reserved_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    if (first == last || std::string_view("{}[tiefdcwus").find(*first) == std::string_view::npos) {
      return false;
    }
    const std::string_view token = keyword_token(first, last);
    if (!is_reserved_word(token)) return false;
    first += token.size();
    return true;
  }
};

// Whether a compound command can start here: `(`, or a keyword that starts one. A cheap
// look-ahead that spares simple commands the attempts at every compound alternative.
struct compound_start_parser : x3::parser<compound_start_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    if (first == last) return false;
    if (*first == '(') return true;
    if (std::string_view("{[ifwucs").find(*first) == std::string_view::npos) return false;
    return is_compound_word(keyword_token(first, last));
  }
};

// Look-ahead for `NAME=`, `NAME+=` or `NAME[`: the start of an assignment.
struct assignment_start_parser : x3::parser<assignment_start_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    Iterator p = first;
    if (p == last || !is_name_start_char(*p)) return false;
    while (p != last && (is_name_start_char(*p) || (*p >= '0' && *p <= '9'))) ++p;
    if (p == last) return false;
    return *p == '=' || *p == '[' || (*p == '+' && p + 1 != last && p[1] == '=');
  }
};

// Look-ahead for `name ( )`, the start of a function definition without `function`.
struct function_start_parser : x3::parser<function_start_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    Iterator p = first;
    while (p != last && !is_delimiter(*p)) ++p;
    if (p == first) return false;
    while (p != last && (*p == ' ' || *p == '\t')) ++p;
    return p != last && *p == '(';
  }
};

// A newline that separates commands. After a << redirection the next newline starts the
// here-document body, which this grammar does not parse: it then fails.
struct newline_parser : x3::parser<newline_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& ctx, RContext&,
             Attribute&) const {
    if (first == last || *first != '\n' || state(ctx).heredoc_pending) return false;
    ++first;
    return true;
  }
};

// Scans the body of `$(( ... ))` or `(( ... ))` from just after the opening `((` through the
// closing `))`: balanced parentheses, quotes skipped. Returns the end, or nullptr when the
// parentheses do not close as `))`, so `$( (a) )` and `( (a); b )` fall back to a command
// substitution or a subshell.
inline const char* scan_arith(const char* p, const char* last) {
  int depth = 0;
  for (; p != last; ++p) {
    const char c = *p;
    if (c == '(') {
      if (++depth > kMaxNestingDepth) return nullptr;
    } else if (c == ')') {
      if (depth > 0) {
        --depth;
      } else {
        if (p + 1 == last || p[1] != ')') return nullptr;
        return p + 2;
      }
    } else if (c == '\\') {
      if (p + 1 == last) return nullptr;
      ++p;
    } else if (c == '\'' || c == '"' || c == '`') {
      ++p;
      while (p != last && *p != c) {
        if (c != '\'' && *p == '\\' && p + 1 != last) ++p;
        ++p;
      }
      if (p == last) return nullptr;
    }
  }
  return nullptr;
}

struct arith_body_parser : x3::parser<arith_body_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    const char* end = scan_arith(first, last);
    if (end == nullptr) return false;
    first = end;
    return true;
  }
};

// Blanks, line continuations and a comment up to the end of the line (a `#` here always starts a
// word, since a word in progress would have consumed it).
struct gap_parser : x3::parser<gap_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    Iterator p = first;
    while (p != last) {
      const char c = *p;
      if (c == ' ' || c == '\t' || c == '\r') {
        ++p;
      } else if (c == '\\' && last - p >= 2 && p[1] == '\n') {
        p += 2;
      } else if (c == '\\' && last - p >= 3 && p[1] == '\r' && p[2] == '\n') {
        p += 3;
      } else {
        break;
      }
    }
    if (p != last && *p == '#') {
      while (p != last && *p != '\n') ++p;
    }
    first = p;
    return true;
  }
};

// nested[p]: parses p one nesting level deeper; beyond kMaxNestingDepth the parse is aborted
// (the body becomes opaque) instead of recursing further.
template <typename Subject>
struct nested_directive : x3::unary_parser<Subject, nested_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, nested_directive<Subject>>;
  static const bool is_pass_through_unary = true;

  constexpr explicit nested_directive(const Subject& inner) : base_type(inner) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& ctx, RContext& rctx,
             Attribute& attr) const {
    ParseState& st = state(ctx);
    if (st.depth >= kMaxNestingDepth) {
      throw x3::expectation_failure<Iterator>(first, "nesting depth at most 100");
    }
    ++st.depth;
    const bool ok = this->subject.parse(first, last, ctx, rctx, attr);
    --st.depth;
    return ok;
  }
};

struct nested_gen {
  template <typename Subject>
  constexpr nested_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
      const Subject& subject) const {
    return nested_directive<typename x3::extension::as_parser<Subject>::value_type>(
        x3::as_parser(subject));
  }
};

inline constexpr nested_gen nested{};

///////////////////////////////////////////////////////////////////////////////
// Semantic actions
///////////////////////////////////////////////////////////////////////////////

// Generic actions over a member of the rule's value, chosen by `member`
// (a lambda returning a reference to it): push the attribute onto it, move the
// attribute into it, or set it to true.
template <typename Member>
struct push_to {
  Member member;
  template <typename Context>
  void operator()(const Context& ctx) const {
    member(x3::_val(ctx)).push_back(std::move(x3::_attr(ctx)));
  }
};
template <typename Member>
struct assign_to {
  Member member;
  template <typename Context>
  void operator()(const Context& ctx) const {
    member(x3::_val(ctx)) = std::move(x3::_attr(ctx));
  }
};
template <typename Member>
struct set_true {
  Member member;
  template <typename Context>
  void operator()(const Context& ctx) const {
    member(x3::_val(ctx)) = true;
  }
};
// Deduction guides: clang before 17 has no aggregate class template argument deduction.
template <typename Member>
push_to(Member) -> push_to<Member>;
template <typename Member>
assign_to(Member) -> assign_to<Member>;
template <typename Member>
set_true(Member) -> set_true<Member>;
struct set_fd_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    const auto& range = x3::_attr(ctx);
    int fd = 0;
    for (char c : range) {
      fd = fd * 10 + (c - '0');
      if (fd > 9999) {  // not a descriptor anyone writes; keep it representable
        fd = 9999;
        break;
      }
    }
    x3::_val(ctx).fd = fd;
  }
};
struct set_op_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    const RedirOp op = x3::_attr(ctx);
    x3::_val(ctx).op = op;
    if (op == RedirOp::HereDoc || op == RedirOp::HereDocStrip) state(ctx).heredoc_pending = true;
  }
};
template <OpKind Kind>
struct push_op_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    const Span at = attr_span(ctx);
    x3::_val(ctx).operators.push_back(Operator{Kind, {}, at});
  }
};
template <OpKind Kind>
struct set_separator_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    const Span at = attr_span(ctx);
    x3::_val(ctx).separator = Operator{Kind, {}, at};
  }
};

// Sets the logical span of the rule's node from the range matched by raw[...].
struct set_span_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    const auto& range = x3::_attr(ctx);
    x3::_val(ctx).logical = make_span(ctx, range.begin(), range.end());
  }
};

inline constexpr push_to push_back{[](auto& v) -> auto& {return v;
}  // namespace dfopt::shell::parser
}
;  // _val is a vector
inline constexpr set_span_fn set_span{};
inline constexpr assign_to assign{[](auto& v) -> auto& {return v;
}
}
;
inline constexpr push_to push_word{[](auto& v) -> auto& {return v.words;
}
}
;
inline constexpr push_to push_assignment{[](auto& v) -> auto& {return v.assignments;
}
}
;
inline constexpr push_to push_redirect{[](auto& v) -> auto& {return v.redirects;
}
}
;
inline constexpr push_to push_command{[](auto& v) -> auto& {return v.commands;
}
}
;
inline constexpr push_to push_pipeline{[](auto& v) -> auto& {return v.pipelines;
}
}
;
inline constexpr assign_to set_body{[](auto& v) -> auto& {return v.body;
}
}
;
inline constexpr assign_to set_statements{[](auto& v) -> auto& {return v.statements;
}
}
;
inline constexpr assign_to set_and_or{[](auto& v) -> auto& {return v.and_or;
}
}
;
inline constexpr set_true set_append{[](auto& v) -> auto& {return v.append;
}
}
;
inline constexpr assign_to set_value{[](auto& v) -> auto& {return v.value;
}
}
;
inline constexpr assign_to set_target{[](auto& v) -> auto& {return v.target;
}
}
;
inline constexpr set_true set_negated{[](auto& v) -> auto& {return v.negated;
}
}
;
inline constexpr set_fd_fn set_fd{};
inline constexpr set_op_fn set_op{};
template <OpKind Kind>
inline constexpr push_op_fn<Kind> push_op{};
template <OpKind Kind>
inline constexpr set_separator_fn<Kind> set_separator{};

///////////////////////////////////////////////////////////////////////////////
// Rule IDs
///////////////////////////////////////////////////////////////////////////////

// Records the kind and logical span of an opaque compound command.
template <OpaqueKind Kind>
struct annotate_opaque {
  template <typename Iterator, typename Context>
  void on_success(const Iterator& first, const Iterator& last, Opaque& node,
                  const Context& ctx) const {
    node.kind = Kind;
    node.logical = make_span(ctx, first, last);
  }
};

struct gap_class {};
struct linebreak_class {};
struct name_class {};
struct word_class {};
struct value_word_class {};
struct nested_list_class {};
struct array_body_class {};
struct assignment_class {};
struct redirect_class {};
struct simple_command_class {};
struct subshell_class {};
struct group_class {};
struct if_class : annotate_opaque<OpaqueKind::If> {};
struct for_class : annotate_opaque<OpaqueKind::For> {};
struct select_class : annotate_opaque<OpaqueKind::Select> {};
struct while_class : annotate_opaque<OpaqueKind::While> {};
struct until_class : annotate_opaque<OpaqueKind::Until> {};
struct case_class : annotate_opaque<OpaqueKind::Case> {};
struct function_class : annotate_opaque<OpaqueKind::Function> {};
struct arith_command_class : annotate_opaque<OpaqueKind::ArithCommand> {};
struct test_command_class : annotate_opaque<OpaqueKind::TestCommand> {};
struct compound_list_class {};
struct do_group_class {};
struct for_variable_class {};
struct for_tail_class {};
struct case_patterns_class {};
struct case_item_class {};
struct test_token_class {};
struct fn_name_class {};
struct compound_body_class {};
struct command_class {};
struct pipeline_class {};
struct and_or_class {};
struct statement_class {};
struct list_class {};

///////////////////////////////////////////////////////////////////////////////
// Rules
///////////////////////////////////////////////////////////////////////////////

const x3::rule<gap_class> gap = "blank";
const x3::rule<linebreak_class> linebreak = "line break";
const x3::rule<name_class> name = "name";
const x3::rule<word_class, Word> word = "word";
const x3::rule<value_word_class, Word> value_word = "assigned value";
const x3::rule<nested_list_class> nested_list = "command list";
const x3::rule<array_body_class> array_body = "array";
const x3::rule<assignment_class, Assignment> assignment = "assignment";
const x3::rule<redirect_class, Redirect> redirect = "redirection";
const x3::rule<simple_command_class, SimpleCommand> simple_command = "simple command";
const x3::rule<subshell_class, Subshell> subshell = "subshell";
const x3::rule<group_class, Group> group = "group";
const x3::rule<if_class, Opaque> if_command = "if command";
const x3::rule<for_class, Opaque> for_command = "for loop";
const x3::rule<select_class, Opaque> select_command = "select loop";
const x3::rule<while_class, Opaque> while_command = "while loop";
const x3::rule<until_class, Opaque> until_command = "until loop";
const x3::rule<case_class, Opaque> case_command = "case command";
const x3::rule<function_class, Opaque> function_def = "function definition";
const x3::rule<arith_command_class, Opaque> arith_command = "((...))";
const x3::rule<test_command_class, Opaque> test_command = "[[...]]";
const x3::rule<compound_list_class> compound_list = "command list";
const x3::rule<do_group_class> do_group = "do group";
const x3::rule<for_variable_class> for_variable = "loop variable";
const x3::rule<for_tail_class> for_tail = "for word list";
const x3::rule<case_patterns_class> case_patterns = "case pattern";
const x3::rule<case_item_class> case_item = "case item";
const x3::rule<test_token_class> test_token = "[[ operand";
const x3::rule<fn_name_class> fn_name = "function name";
const x3::rule<compound_body_class> compound_body = "compound command";
const x3::rule<command_class, Command> command = "command";
const x3::rule<pipeline_class, Pipeline> pipeline = "pipeline";
const x3::rule<and_or_class, AndOr> and_or = "and-or list";
const x3::rule<statement_class, Statement> statement = "statement";
const x3::rule<list_class, std::vector<Statement>> list = "command list";
const script_type script = "script";

///////////////////////////////////////////////////////////////////////////////
// Word lexer
///////////////////////////////////////////////////////////////////////////////

// Words are lexed by hand: quoting, escapes and expansions are character-level work where X3
// would spend most of its time in alternatives. Command and process substitutions call back into
// the grammar (nested_list); unterminated quotes and expansions throw the expectation failure
// X3 would, so they abort the parse the same way.

enum class CharClass : std::uint8_t { Plain, Glob, End, Special };

// Glob: * ? [ (literal, but may expand). End: ends an unquoted word. Special: starts a quote,
// escape or expansion.
inline constexpr std::array<CharClass, 256> kCharClass = [] {
  std::array<CharClass, 256> table{};
  for (const char c : std::string_view("*?[")) {
    table[static_cast<unsigned char>(c)] = CharClass::Glob;
  }
  for (const char c : std::string_view(" \t\r\n;&|<>()")) {
    table[static_cast<unsigned char>(c)] = CharClass::End;
  }
  for (const char c : std::string_view("'\"\\$`")) {
    table[static_cast<unsigned char>(c)] = CharClass::Special;
  }
  return table;
}();

inline CharClass char_class(char c) { return kCharClass[static_cast<unsigned char>(c)]; }

inline bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the value of the body of a $'...' string.
inline void decode_ansi_c(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'e':
      case 'E':
        out += '\x1b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '\'':
      case '"':
      case '?':
        out += c;
        break;
      case 'x': {
        int value = 0;
        int digits = 0;
        while (digits < 2 && i + 1 < s.size() && hex_value(s[i + 1]) >= 0) {
          value = value * 16 + hex_value(s[++i]);
          ++digits;
        }
        if (digits == 0) {
          out += "\\x";
        } else {
          out += static_cast<char>(value);
        }
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          int value = c - '0';
          for (int digits = 1; digits < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7';
               ++digits) {
            value = value * 8 + (s[++i] - '0');
          }
          out += static_cast<char>(value & 0xff);
        } else {
          out += '\\';
          out += c;
        }
    }
  }
}

enum class WordMode : std::uint8_t {
  Word,   // a command word or redirection target: at least one character
  Value,  // the value of an assignment: may be empty or an array (a b)
};

template <typename Context>
class WordLexer {
 public:
  WordLexer(const Context& ctx, const char* last, Word& out) : ctx_(ctx), last_(last), word_(out) {}

  // Lexes a word starting at `first`; returns its end (== first when there is none).
  template <WordMode Mode>
  const char* lex(const char* first) {
    const char* p = first;
    if (Mode == WordMode::Value && p != last_ && *p == '(') {
      p = call(array_body, p, "array");
      add(PartKind::Array, first, p);
      literal_ = false;
    } else if (Mode == WordMode::Word && last_ - p >= 2 && (*p == '<' || *p == '>') &&
               p[1] == '(') {
      const char* end = expect(call(nested_list, p + 2, "command list"), ')');
      add(PartKind::ProcessSubst, p, end);
      literal_ = false;
      p = end;
    }
    while (p != last_) {
      const char c = *p;
      const CharClass cls = char_class(c);
      if (cls == CharClass::End) break;
      if (cls <= CharClass::Glob) {
        bool glob = cls == CharClass::Glob;
        const char* end = p + 1;
        for (; end != last_; ++end) {
          const CharClass k = char_class(*end);
          if (k > CharClass::Glob) break;
          glob = glob || k == CharClass::Glob;
        }
        value_.append(p, end);
        if (glob) note_glob(p, end);
        add(PartKind::Literal, p, end);
        p = end;
        continue;
      }
      p = special(p);
    }
    if (literal_) word_.literal = std::move(value_);
    word_.logical = span(first, p);
    const char* q = first;
    if (q != p && is_name_start(*q)) {
      while (q != p && is_name_char(*q)) ++q;
      word_.assignment_like = q != p && *q == '=';
    }
    return p;
  }

 private:
  Span span(const char* b, const char* e) const { return make_span(ctx_, b, e); }

  void add(PartKind kind, const char* b, const char* e) {
    word_.parts.push_back(WordPart{kind, span(b, e)});
  }

  [[noreturn]] void fail(const char* where, const char* what) const {
    throw x3::expectation_failure<const char*>(where, what);
  }

  const char* expect(const char* p, char c) const {
    if (p == last_ || *p != c) fail(p, c == ')' ? "')'" : c == '}' ? "'}'" : "closing quote");
    return p + 1;
  }

  // Runs an X3 rule at `p`; returns where it ended, or fails with `what`.
  template <typename Rule>
  const char* call(const Rule& rule, const char* p, const char* what) const {
    x3::unused_type unused;
    if (!rule.parse(p, last_, ctx_, unused, unused)) fail(p, what);
    return p;
  }

  void note_glob(const char* b, const char* e) {
    for (const char* q = b; q != e; ++q) {
      if (*q == '*' || *q == '?' || (*q == '[' && std::find(q + 1, e, ']') != e)) {
        word_.has_glob = true;
        return;
      }
    }
  }

  // A quote, escape or expansion outside double quotes.
  const char* special(const char* p) {
    switch (*p) {
      case '\'': {
        const char* close = std::find(p + 1, last_, '\'');
        if (close == last_) fail(last_, "closing \"'\"");
        value_.append(p + 1, close);
        add(PartKind::SingleQuoted, p, close + 1);
        return close + 1;
      }
      case '"': {
        const char* end = double_quoted(p + 1);
        add(PartKind::DoubleQuoted, p, end);
        return end;
      }
      case '\\': {
        if (p + 1 == last_) {
          value_ += '\\';  // a backslash at the very end stays
          add(PartKind::Escaped, p, p + 1);
          return p + 1;
        }
        if (p[1] != '\n') value_ += p[1];
        add(PartKind::Escaped, p, p + 2);
        return p + 2;
      }
      case '`': {
        const char* end = backquote(p + 1);
        add(PartKind::Backquote, p, end);
        literal_ = false;
        return end;
      }
      default:
        return dollar(p, /*quoted=*/false);
    }
  }

  // The rest of a "..." string after the opening quote; returns the end after the closing quote.
  const char* double_quoted(const char* p) {
    while (p != last_) {
      const char c = *p;
      if (c == '"') return p + 1;
      if (c == '\\' && p + 1 != last_) {
        const char n = p[1];
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          value_ += n;
        } else if (n != '\n') {
          value_ += c;
          value_ += n;
        }
        p += 2;
      } else if (c == '`') {
        p = backquote(p + 1);
        literal_ = false;
      } else if (c == '$') {
        p = dollar(p, /*quoted=*/true);
      } else {
        value_ += c;
        ++p;
      }
    }
    fail(last_, "closing '\"'");
  }

  // The rest of a `...` string after the opening backquote.
  const char* backquote(const char* p) const {
    while (p != last_ && *p != '`') p += (*p == '\\' && p + 1 != last_) ? 2 : 1;
    return expect(p, '`');
  }

  // An expansion (or a literal `$`) at `p`. Inside double quotes only the end is needed: the
  // double-quoted part covers it; outside, it becomes its own part.
  const char* dollar(const char* p, bool quoted) {
    const char* n = p + 1;
    PartKind kind = PartKind::Param;
    const char* end = nullptr;
    // NOLINTNEXTLINE(bugprone-branch-clone): end of input, kept apart from the final else.
    if (n == last_) {
      end = n;
      kind = PartKind::Literal;
    } else if (*n == '(') {
      if (n + 1 != last_ && n[1] == '(' && (end = scan_arith(n + 2, last_)) != nullptr) {
        kind = PartKind::Arith;
      } else {
        end = expect(call(nested_list, n + 1, "command list"), ')');
        kind = PartKind::CommandSubst;
      }
    } else if (*n == '{') {
      end = braced(n + 1);
      kind = PartKind::BracedParam;
    } else if (!quoted && *n == '\'') {
      const char* q = n + 1;
      while (q != last_ && *q != '\'') q += (*q == '\\' && q + 1 != last_) ? 2 : 1;
      end = expect(q, '\'');
      decode_ansi_c(std::string_view(n + 1, static_cast<std::size_t>(q - n - 1)), value_);
      add(PartKind::AnsiCQuoted, p, end);
      return end;
    } else if (!quoted && *n == '"') {
      end = double_quoted(n + 1);  // $"..." (locale translation): its value is the text
      add(PartKind::DoubleQuoted, p, end);
      return end;
    } else if (is_name_start(*n)) {
      end = n + 1;
      while (end != last_ && is_name_char(*end)) ++end;
    } else if ((*n >= '0' && *n <= '9') ||
               std::string_view("@*#?$!-").find(*n) != std::string_view::npos) {
      end = n + 1;
    } else {
      end = n;
      kind = PartKind::Literal;
    }
    if (kind == PartKind::Literal) {
      value_ += '$';
    } else {
      literal_ = false;
    }
    if (!quoted) add(kind, p, end);
    return end;
  }

  // The rest of ${...} after the `{`; nested expansions and quotes inside are skipped whole.
  const char* braced(const char* p) {
    ParseState& st = state(ctx_);
    if (st.depth >= kMaxNestingDepth) fail(p, "nesting depth at most 100");
    ++st.depth;
    const bool was_literal = literal_;
    std::string saved;
    saved.swap(value_);
    while (p != last_ && *p != '}') {
      switch (*p) {
        case '\\':
          p += p + 1 != last_ ? 2 : 1;
          break;
        case '\'': {
          const char* close = std::find(p + 1, last_, '\'');
          p = expect(close, '\'');
          break;
        }
        case '"':
          p = double_quoted(p + 1);
          break;
        case '`':
          p = backquote(p + 1);
          break;
        case '$':
          p = dollar(p, /*quoted=*/true);
          break;
        default:
          ++p;
      }
    }
    value_.swap(saved);
    literal_ = was_literal;
    --st.depth;
    return expect(p, '}');
  }

  const Context& ctx_;
  const char* last_;
  Word& word_;
  std::string value_;
  bool literal_ = true;
};

// The word and value_word rules' definitions.
template <WordMode Mode>
struct word_parser : x3::parser<word_parser<Mode>> {
  using attribute_type = Word;
  static const bool has_attribute = true;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& ctx, RContext&,
             Attribute& attr) const {
    if constexpr (std::is_same_v<Attribute, Word>) {
      return lex(first, last, ctx, attr);
    } else {
      Word ignored;
      return lex(first, last, ctx, ignored);
    }
  }

 private:
  template <typename Context>
  static bool lex(const char*& first, const char* last, const Context& ctx, Word& out) {
    const char* end = WordLexer<Context>(ctx, last, out).template lex<Mode>(first);
    if (Mode == WordMode::Word && end == first) return false;
    first = end;
    return true;
  }
};

///////////////////////////////////////////////////////////////////////////////
// Grammar
///////////////////////////////////////////////////////////////////////////////

// Tokens.
const auto delimiter = x3::char_(" \t\r\n;&|()<>") | x3::eoi;
const auto nl = newline_parser{};
const auto arith_body = arith_body_parser{};
const auto reserved = reserved_parser{};
const auto compound_start = compound_start_parser{};
const auto assignment_start = assignment_start_parser{};
const auto function_start = function_start_parser{};
const auto kw_if = keyword_parser("if");
const auto kw_then = keyword_parser("then");
const auto kw_elif = keyword_parser("elif");
const auto kw_else = keyword_parser("else");
const auto kw_fi = keyword_parser("fi");
const auto kw_for = keyword_parser("for");
const auto kw_select = keyword_parser("select");
const auto kw_in = keyword_parser("in");
const auto kw_do = keyword_parser("do");
const auto kw_done = keyword_parser("done");
const auto kw_while = keyword_parser("while");
const auto kw_until = keyword_parser("until");
const auto kw_case = keyword_parser("case");
const auto kw_esac = keyword_parser("esac");
const auto kw_function = keyword_parser("function");
const auto kw_lbrace = keyword_parser("{");
const auto kw_rbrace = keyword_parser("}");
const auto kw_dbracket_open = keyword_parser("[[");
const auto kw_dbracket_close = keyword_parser("]]");
const auto bang = x3::lit('!') >> &delimiter;

const auto gap_def = gap_parser{};
const auto linebreak_def = gap >> *(nl >> gap);
const auto name_def = x3::char_("a-zA-Z_") >> *x3::char_("a-zA-Z0-9_");

// Words.
const auto word_def = word_parser<WordMode::Word>{};
const auto value_word_def = word_parser<WordMode::Value>{};
const auto nested_list_def = linebreak >> -x3::omit[list];
const auto array_body_def = (x3::lit('(') >> linebreak >> *(x3::omit[word] >> linebreak)) >
                            x3::lit(')');

// Simple commands.
const auto redirect_op = x3::symbols<RedirOp>({{"<", RedirOp::Less},
                                               {">", RedirOp::Great},
                                               {">>", RedirOp::DGreat},
                                               {">|", RedirOp::Clobber},
                                               {"<&", RedirOp::LessAnd},
                                               {">&", RedirOp::GreatAnd},
                                               {"<>", RedirOp::LessGreat},
                                               {"&>", RedirOp::AndGreat},
                                               {"&>>", RedirOp::AndDGreat},
                                               {"<<", RedirOp::HereDoc},
                                               {"<<-", RedirOp::HereDocStrip},
                                               {"<<<", RedirOp::HereString}});
const auto redirect_start = x3::char_("0-9<>&");
const auto process_subst_start = x3::lit("<(") | x3::lit(">(");
const auto assignment_def =
    x3::raw[name >> -(x3::lit('[') >> *~x3::char_("]\n") >> x3::lit(']')) >>
            -x3::lit('+')[set_append] >> x3::lit('=') >> value_word[set_value]][set_span];
const auto redirect_def =
    x3::raw[(-(x3::raw[+x3::digit][set_fd] >> &x3::char_("<>")) >> !process_subst_start >>
             redirect_op[set_op] >> gap) > word[set_target]][set_span];
const auto prefix_item = (&assignment_start >> assignment[push_assignment]) |
                         (&redirect_start >> redirect[push_redirect]);
const auto suffix_item = (&redirect_start >> redirect[push_redirect]) | word[push_word];
struct reserve_words_fn {
  template <typename Context>
  void operator()(const Context& ctx) const {
    x3::_val(ctx).words.reserve(8);
  }
};
inline constexpr reserve_words_fn reserve_words{};
const auto simple_command_def =
    x3::eps[reserve_words] >>
    x3::raw[(prefix_item >> *(gap >> prefix_item) >> *(gap >> suffix_item)) |
            (!reserved >> word[push_word] >> *(gap >> suffix_item))][set_span];

// Compound commands.
const auto trailing_redirects = *(gap >> x3::omit[redirect]);
const auto compound_list_def = linebreak >> x3::omit[list];
const auto subshell_def = x3::raw[((x3::lit('(') >> linebreak) > list[set_body] > x3::lit(')')) >>
                                  *(gap >> redirect[push_redirect])][set_span];
const auto group_def = x3::raw[((kw_lbrace >> linebreak) > list[set_body] > kw_rbrace) >>
                               *(gap >> redirect[push_redirect])][set_span];
const auto do_group_def = kw_do > compound_list > kw_done;
const auto if_command_def =
    (kw_if > compound_list > kw_then > compound_list >
     *(kw_elif > compound_list > kw_then > compound_list) > -(kw_else > compound_list) > kw_fi) >>
    trailing_redirects;
const auto for_variable_def = (x3::lit("((") > arith_body) | name;
const auto for_tail_def = (gap > for_variable) >>
                          -(linebreak >> kw_in >> *(gap >> x3::omit[word])) >>
                          -(gap >> (x3::lit(';') | nl)) >> linebreak;
const auto for_command_def = (kw_for > for_tail > do_group) >> trailing_redirects;
const auto select_command_def = (kw_select > for_tail > do_group) >> trailing_redirects;
const auto while_command_def = (kw_while > compound_list > do_group) >> trailing_redirects;
const auto until_command_def = (kw_until > compound_list > do_group) >> trailing_redirects;
const auto case_separator = x3::lit(";;&") | x3::lit(";;") | x3::lit(";&");
const auto case_patterns_def = x3::omit[word] % (gap >> x3::lit('|') >> gap);
const auto case_item_def = ((!kw_esac >> -(x3::lit('(') >> gap) >> case_patterns) > gap >
                            x3::lit(')')) >>
                           linebreak >> -x3::omit[list] >> -(case_separator >> linebreak);
const auto case_command_def =
    (kw_case > gap > x3::omit[word] > linebreak > kw_in > linebreak > *case_item > kw_esac) >>
    trailing_redirects;
const auto arith_command_def = x3::lit("((") >> arith_body >> trailing_redirects;
const auto test_token_def = x3::omit[word] | +x3::char_("()|&<>");
const auto test_command_def =
    ((kw_dbracket_open >> *(linebreak >> !kw_dbracket_close >> test_token)) > linebreak >
     kw_dbracket_close) >>
    trailing_redirects;
const auto compound_body_def =
    x3::omit[arith_command | subshell | group | test_command | if_command | for_command |
             while_command | until_command | case_command | select_command];
const auto fn_name_def = +(x3::char_("a-zA-Z0-9_:.@+") | x3::lit('-'));
const auto function_head =
    (kw_function > gap > (fn_name >> -((gap >> x3::lit('(') >> gap) > x3::lit(')')))) |
    (fn_name >> gap >> x3::lit('(') >> gap >> x3::lit(')'));
const auto function_def_def = ((function_head >> linebreak) > compound_body) >> trailing_redirects;

// Lists.
const auto command_def =
    (&compound_start >>
     (arith_command[assign] | subshell[assign] | group[assign] | test_command[assign] |
      if_command[assign] | for_command[assign] | while_command[assign] | until_command[assign] |
      case_command[assign] | select_command[assign] | function_def[assign])) |
    (&function_start >> function_def[assign]) | simple_command[assign];
const auto pipe_op = x3::raw[x3::lit("|&")][push_op<OpKind::PipeAll>] |
                     x3::raw[x3::lit('|') >> !x3::lit('|')][push_op<OpKind::Pipe>];
const auto pipeline_def =
    x3::raw[-(bang[set_negated] >> gap) >> command[push_command] >>
            *((gap >> pipe_op >> linebreak) > command[push_command])][set_span];
const auto and_or_op =
    x3::raw[x3::lit("&&")][push_op<OpKind::And>] | x3::raw[x3::lit("||")][push_op<OpKind::Or>];
const auto and_or_def =
    x3::raw[pipeline[push_pipeline] >> *((gap >> and_or_op >> linebreak) > pipeline[push_pipeline])]
           [set_span];
const auto separator = x3::raw[x3::lit(';') >> !x3::char_(";&")][set_separator<OpKind::Semi>] |
                       x3::raw[x3::lit('&') >> !x3::char_("&>")][set_separator<OpKind::Amp>] |
                       x3::raw[nl][set_separator<OpKind::Newline>];
const auto statement_def = and_or[set_and_or] >> -(gap >> separator) >> linebreak;
const auto list_def = nested[+statement[push_back]];
const auto script_def = linebreak >> -list[set_statements] >> linebreak;

BOOST_SPIRIT_DEFINE(gap, linebreak, name, word, value_word, nested_list, array_body, assignment,
                    redirect, simple_command, subshell, group, if_command, for_command,
                    select_command, while_command, until_command, case_command, function_def,
                    arith_command, test_command, compound_list, do_group, for_variable, for_tail,
                    case_patterns, case_item, test_token, fn_name, compound_body, command, pipeline,
                    and_or, statement, list, script)

///////////////////////////////////////////////////////////////////////////////
// Annotation and Error handling
///////////////////////////////////////////////////////////////////////////////

// Opaque compound commands record their kind and span in on_success (annotate_opaque above);
// rules with semantic actions record their spans through raw[...][set_span], because X3 hands
// their on_success an unused attribute; words record theirs in the lexer.

// Any expectation failure aborts the parse: the body becomes one opaque node, and the state
// records what was expected where.
struct script_class {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, const Iterator&, const Exception& x,
                                    const Context& ctx) const {
    ParseState& st = state(ctx);
    st.error_offset = static_cast<std::uint32_t>(x.where() - st.base);
    st.error = "expected " + x.which();
    return x3::error_handler_result::fail;
  }
};

}  // namespace dfopt::shell::parser

namespace boost::spirit::x3 {

// Expectation failures on `p[action]` report what p is (a rule's name), not a mangled type.
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};

template <>
struct get_info<dfopt::shell::parser::keyword_parser> {
  using result_type = std::string;
  std::string operator()(const dfopt::shell::parser::keyword_parser& p) const {
    return "'" + std::string(p.word) + "'";
  }
};

template <>
struct get_info<dfopt::shell::parser::arith_body_parser> {
  using result_type = std::string;
  std::string operator()(const dfopt::shell::parser::arith_body_parser&) const { return "'))'"; }
};

}  // namespace boost::spirit::x3
