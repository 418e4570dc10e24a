#include "rewrite/rewriter.hpp"

#include <cctype>

namespace dfopt {

std::string Rewriter::line(std::string_view keyword, std::string_view args) const {
  std::string out = style_.keyword(keyword);
  if (!args.empty()) {
    out += ' ';
    out += args;
  }
  return out;
}

TextEdit Rewriter::insert_before(const syntax::Instruction& ins, std::string_view lines) const {
  // Keep the instruction's own indentation for the new lines.
  const std::string_view text = analysis_.text();
  const std::string indent(text.substr(ins.line_span.begin, ins.span.begin - ins.line_span.begin));
  std::string out;
  std::size_t pos = 0;
  while (pos <= lines.size()) {
    const std::size_t nl = lines.find('\n', pos);
    out += indent + std::string(lines.substr(
                        pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    out += style_.newline;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return TextEdit::insert(ins.line_span.begin, std::move(out));
}

namespace {

bool open_at_end(std::string_view text, char escape) {
  while (!text.empty()) {
    const std::size_t nl = text.rfind('\n');
    std::string_view line = nl == std::string_view::npos ? text : text.substr(nl + 1);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(0, nl);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())) != 0)
      line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    return line.back() == escape;
  }
  return false;
}

}  // namespace

std::optional<TextEdit> Rewriter::insert_after(const syntax::Instruction& ins,
                                               std::string_view lines) const {
  const std::string_view text = analysis_.text();
  if (ins.heredocs.empty() &&
      open_at_end(text.substr(ins.line_span.begin, ins.line_span.size()), analysis_.doc().escape))
    return std::nullopt;
  std::string out;
  // A last line without a line ending gets one before the new lines; the new
  // lines then end without one, as the file did.
  const bool ends_line = ins.line_span.end > 0 && text[ins.line_span.end - 1] == '\n';
  if (!ends_line) out += style_.newline;
  std::size_t pos = 0;
  while (pos <= lines.size()) {
    const std::size_t nl = lines.find('\n', pos);
    out += std::string(
        lines.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    const bool last = nl == std::string_view::npos;
    if (!last || ends_line) out += style_.newline;
    if (last) break;
    pos = nl + 1;
  }
  return TextEdit::insert(ins.line_span.end, std::move(out));
}

TextEdit Rewriter::insert_after_word(Span word, std::string_view text) {
  std::string out(1, ' ');
  out += text;
  return TextEdit::insert(word.end, std::move(out));
}

std::optional<TextEdit> Rewriter::append_command(const syntax::Instruction& run,
                                                 const shell::Script& script,
                                                 std::string_view command) const {
  if (!run.heredocs.empty() || script.status == shell::ParseStatus::Opaque ||
      script.statements.empty()) {
    return std::nullopt;
  }
  const shell::Statement& last = script.statements.back();
  if (last.separator.kind == shell::OpKind::Amp) return std::nullopt;
  // After the last and-or list, before any `;` and a trailing comment.
  return TextEdit::insert(last.and_or.span.end, style_.and_break() + std::string(command));
}

}  // namespace dfopt
