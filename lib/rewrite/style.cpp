#include "rewrite/style.hpp"

#include <cctype>
#include <map>

namespace dfopt {

Style Style::of(const syntax::Document& doc) {
  Style style;
  style.newline = doc.crlf ? "\r\n" : "\n";
  style.escape = doc.escape;
  const std::string_view text = doc.text();
  std::size_t lower = 0;
  std::size_t upper = 0;
  std::map<std::string, std::size_t> indents;
  std::size_t and_start = 0;
  std::size_t and_end = 0;
  for (const syntax::Instruction& ins : doc.instructions) {
    const std::string_view kw = ins.keyword_text(text);
    if (!kw.empty() && std::islower(static_cast<unsigned char>(kw[0])) != 0) {
      ++lower;
    } else {
      ++upper;
    }
    if (ins.first_line == ins.last_line || ins.keyword != syntax::Keyword::Run) continue;
    // Look at each continuation line of the RUN: its indent and whether it starts with `&&`.
    std::string_view body = text.substr(ins.span.begin, ins.span.size());
    std::size_t pos = 0;
    while ((pos = body.find('\n', pos)) != std::string_view::npos) {
      const std::size_t line_start = ++pos;
      std::size_t ws = line_start;
      while (ws < body.size() && (body[ws] == ' ' || body[ws] == '\t')) ++ws;
      if (ws < body.size() && body[ws] != '#' && body[ws] != '\r' && body[ws] != '\n') {
        ++indents[std::string(body.substr(line_start, ws - line_start))];
        if (body.substr(ws, 2) == "&&") ++and_start;
      }
      // `&& \` at the end of the previous line.
      std::size_t end = line_start - 1;
      while (end > 0 && (body[end - 1] == '\r')) --end;
      std::size_t last = end;
      while (last > 0 &&
             (body[last - 1] == ' ' || body[last - 1] == '\t' || body[last - 1] == doc.escape))
        --last;
      if (last >= 2 && body.substr(last - 2, 2) == "&&") ++and_end;
    }
  }
  style.lower_keywords = lower > upper;
  std::size_t best = 0;
  for (const auto& [indent, count] : indents) {
    if (count > best && !indent.empty()) {
      best = count;
      style.indent = indent;
    }
  }
  style.and_at_line_start = and_start > and_end;
  return style;
}

std::string Style::keyword(std::string_view upper) const {
  std::string out(upper);
  if (lower_keywords) {
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Style::and_break() const {
  const std::string esc(1, escape);
  if (and_at_line_start) return " " + esc + newline + indent + "&& ";
  return " && " + esc + newline + indent;
}

}  // namespace dfopt
