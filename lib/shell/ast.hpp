// The shell AST for RUN bodies: a small POSIX sh / bash subset in the spirit of mvdan/sh.
//
// Every node carries two spans: `span` is the byte range in the original source file (so a
// transform can edit it with a plain TextEdit) and `logical` is the range in the LogicalText that
// was parsed (what /bin/sh -c receives). Compound commands other than subshells and groups
// (if/for/while/until/case/select, functions, (( )), [[ ]]) are recognised by the grammar but
// kept as Opaque nodes: transforms leave them alone.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/span.hpp"

namespace dfopt::shell {

enum class PartKind : std::uint8_t {
  Literal,       // unquoted text, may contain glob characters and a leading ~
  Escaped,       // \x
  SingleQuoted,  // '...'
  AnsiCQuoted,   // $'...'
  DoubleQuoted,  // "..." or $"...", may contain expansions
  Param,         // $NAME, $1, $@ ...
  BracedParam,   // ${...}
  CommandSubst,  // $(...)
  Backquote,     // `...`
  Arith,         // $((...))
  ProcessSubst,  // <(...) or >(...)
  Array,         // (a b c) as the value of an assignment
};

struct WordPart {
  PartKind kind = PartKind::Literal;
  Span logical;
};

// The parts of a word: a small vector that keeps up to two parts inline (most words have one).
class WordParts {
 public:
  WordParts() = default;
  WordParts(const WordParts& other) { *this = other; }
  WordParts(WordParts&& other) noexcept { *this = std::move(other); }
  WordParts& operator=(const WordParts& other) {
    if (this != &other) {
      size_ = other.size_;
      inline_ = other.inline_;
      heap_ = other.heap_;
    }
    return *this;
  }
  WordParts& operator=(WordParts&& other) noexcept {
    if (this != &other) {
      size_ = other.size_;
      inline_ = other.inline_;
      heap_ = std::move(other.heap_);
      other.size_ = 0;
    }
    return *this;
  }
  ~WordParts() = default;

  void push_back(const WordPart& part) {
    if (size_ < kInline) {
      inline_[size_++] = part;
      return;
    }
    if (size_ == kInline) heap_.assign(inline_.begin(), inline_.end());
    heap_.push_back(part);
    ++size_;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] const WordPart* begin() const {
    return size_ <= kInline ? inline_.data() : heap_.data();
  }
  [[nodiscard]] const WordPart* end() const { return begin() + size_; }
  [[nodiscard]] const WordPart& operator[](std::size_t i) const { return begin()[i]; }
  [[nodiscard]] const WordPart& front() const { return begin()[0]; }
  [[nodiscard]] const WordPart& back() const { return begin()[size_ - 1]; }

 private:
  static constexpr std::size_t kInline = 2;
  std::size_t size_ = 0;
  std::array<WordPart, kInline> inline_{};
  std::vector<WordPart> heap_;  // all parts once there are more than kInline
};

struct Word {
  Span span;
  Span logical;
  WordParts parts;
  // The value after quote removal when the word has no expansions ($, `, process substitution).
  // Glob characters and ~ are kept as written; see has_glob.
  std::optional<std::string> literal;
  // Unquoted *, ? or [ (the word may expand to file names).
  bool has_glob = false;
  // Starts with an unquoted NAME= (an assignment when given to env, or before a command).
  bool assignment_like = false;
};

struct Assignment {
  Span span;
  Span logical;
  std::string name;     // NAME in NAME=value (without an [index])
  bool append = false;  // NAME+=value
  Word value;           // may be empty (NAME=)
};

enum class RedirOp : std::uint8_t {
  Less,          // <
  Great,         // >
  DGreat,        // >>
  Clobber,       // >|
  LessAnd,       // <&
  GreatAnd,      // >&
  LessGreat,     // <>
  AndGreat,      // &>
  AndDGreat,     // &>>
  HereDoc,       // <<
  HereDocStrip,  // <<-
  HereString,    // <<<
};

struct Redirect {
  Span span;
  Span logical;
  int fd = -1;  // explicit descriptor (2 in 2>&1), -1 when absent
  RedirOp op = RedirOp::Great;
  Word target;
};

struct SimpleCommand {
  Span span;
  Span logical;
  std::vector<Assignment> assignments;  // prefix assignments, in order
  std::vector<Word> words;              // program and arguments, in order
  std::vector<Redirect> redirects;      // wherever they appear, in order
};

struct Statement;

struct Subshell {  // ( list )
  Span span;
  Span logical;
  std::vector<Statement> body;
  std::vector<Redirect> redirects;
};

struct Group {  // { list; }
  Span span;
  Span logical;
  std::vector<Statement> body;
  std::vector<Redirect> redirects;
};

enum class OpaqueKind : std::uint8_t {
  If,
  For,
  While,
  Until,
  Case,
  Select,
  Function,
  ArithCommand,  // (( ... ))
  TestCommand,   // [[ ... ]]
  HereDocBody,   // the text after a line with a << redirection
  Unparsed,      // the whole body could not be parsed
};

struct Opaque {
  Span span;  // includes trailing redirections
  Span logical;
  OpaqueKind kind = OpaqueKind::Unparsed;
};

using Command = std::variant<SimpleCommand, Subshell, Group, Opaque>;

enum class OpKind : std::uint8_t {
  None,     // no separator (last statement)
  And,      // &&
  Or,       // ||
  Pipe,     // |
  PipeAll,  // |&
  Semi,     // ;
  Amp,      // &
  Newline,  // \n
};

struct Operator {
  OpKind kind = OpKind::None;
  Span span;
  Span logical;
};

struct Pipeline {
  Span span;
  Span logical;
  bool negated = false;             // leading !
  std::vector<Command> commands;    // at least one
  std::vector<Operator> operators;  // operators[i] joins commands[i] and commands[i + 1]
};

struct AndOr {
  Span span;
  Span logical;
  std::vector<Pipeline> pipelines;  // at least one
  std::vector<Operator> operators;  // && or ||; operators[i] joins pipelines[i] and [i + 1]
};

struct Statement {
  Span span;  // the and-or list and its separator
  Span logical;
  AndOr and_or;
  Operator separator;  // kind None when there is none
};

enum class ParseStatus : std::uint8_t {
  Parsed,        // no opaque node anywhere
  PartlyOpaque,  // parsed, but some compound commands are opaque nodes
  Opaque,        // the whole body is one Opaque node
};

struct Script {
  Span span;
  Span logical;
  std::vector<Statement> statements;  // empty for an empty or comment-only body
  ParseStatus status = ParseStatus::Parsed;
  // Why the body is opaque (status Opaque), and where in the logical text.
  std::string error;
  std::uint32_t error_offset = 0;
};

// The logical text of a node: `logical_text` is LogicalText::text().
inline std::string_view text_of(std::string_view logical_text, Span logical) {
  if (logical.begin > logical_text.size() || logical.end > logical_text.size() ||
      logical.begin > logical.end) {
    return {};
  }
  return logical_text.substr(logical.begin, logical.end - logical.begin);
}

// Moves every source span of `script` by `delta` bytes: the same RUN text found at another
// offset of the file (after an edit above it). Logical spans stay; empty spans at offset 0
// (no source, e.g. a missing separator) stay empty.
void shift_spans(Script& script, std::int64_t delta);

inline const Span& span_of(const Command& c) {
  return std::visit([](const auto& n) -> const Span& { return n.span; }, c);
}
inline const Span& logical_of(const Command& c) {
  return std::visit([](const auto& n) -> const Span& { return n.logical; }, c);
}

}  // namespace dfopt::shell
