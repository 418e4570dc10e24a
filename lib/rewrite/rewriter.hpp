// The Rewriter: edits expressed against IR nodes, producing TextEdits whose new
// text follows the file's own style (keyword case, line endings, escape token,
// continuation indent and `&&` placement). It never re-prints what it does not
// change.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"
#include "shell/ast.hpp"
#include "syntax/ir.hpp"

namespace dfopt {

class Rewriter {
 public:
  explicit Rewriter(const Analysis& analysis) : analysis_(analysis), style_(analysis.style()) {}

  [[nodiscard]] const Style& style() const { return style_; }

  // An instruction line in the file's keyword case: line("RUN", "apt-get update").
  [[nodiscard]] std::string line(std::string_view keyword, std::string_view args) const;

  [[nodiscard]] static TextEdit replace(Span span, std::string text) {
    return TextEdit::replace(span, std::move(text));
  }
  // Inserts whole lines (each without its line ending) before / after an instruction.
  [[nodiscard]] TextEdit insert_before(const syntax::Instruction& ins,
                                       std::string_view lines) const;
  // None when the lines would continue the instruction: its last line that is neither
  // blank nor a comment ends with the escape character (possible only at the end of
  // the file: comments and blank lines inside a continuation do not end it).
  [[nodiscard]] std::optional<TextEdit> insert_after(const syntax::Instruction& ins,
                                                     std::string_view lines) const;
  // Removes an instruction's lines (its comments-in-continuation and heredoc bodies included).
  [[nodiscard]] static TextEdit remove(const syntax::Instruction& ins) {
    return TextEdit::remove(ins.line_span);
  }
  // Inserts ` text` right after a word (a flag after `install`, say).
  [[nodiscard]] static TextEdit insert_after_word(Span word, std::string_view text);
  // Appends `command` to a shell-form RUN as `… && command`, continued on a new
  // line in the file's style. nullopt when that would change the meaning of what
  // is there: an opaque body, a trailing `&` or a heredoc.
  [[nodiscard]] std::optional<TextEdit> append_command(const syntax::Instruction& run,
                                                       const shell::Script& script,
                                                       std::string_view command) const;

 private:
  const Analysis& analysis_;
  const Style& style_;
};

}  // namespace dfopt
