#include "syntax/ir_dump.hpp"

#include <fmt/format.h>

#include "base/unicode.hpp"

namespace dfopt::syntax {

namespace {

std::string_view item_kind(ItemKind k) {
  switch (k) {
    case ItemKind::Bom:
      return "bom";
    case ItemKind::Directive:
      return "directive";
    case ItemKind::Comment:
      return "comment";
    case ItemKind::Blank:
      return "blank";
    case ItemKind::Instruction:
      return "instruction";
  }
  return "?";
}

std::string_view form_name(ArgForm f) {
  switch (f) {
    case ArgForm::None:
      return "none";
    case ArgForm::Json:
      return "json";
    case ArgForm::Shell:
      return "shell";
    case ArgForm::List:
      return "list";
    case ArgForm::Words:
      return "words";
    case ArgForm::KeyValues:
      return "key-values";
    case ArgForm::Sub:
      return "sub";
  }
  return "?";
}

std::string span(Span s) { return fmt::format("[{},{})", s.begin, s.end); }

void dump_instruction(std::string& out, const Instruction& ins, std::string_view text, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format(
      "{}{} {} keyword={} lines {}-{} form={}\n", pad,
      ins.keyword == Keyword::Unknown ? std::string_view("UNKNOWN") : keyword_name(ins.keyword),
      span(ins.span), go_quote(ins.keyword_text(text)), ins.first_line, ins.last_line,
      form_name(ins.form));
  for (const Flag& f : ins.flags)
    out += fmt::format("{}  flag {} {}\n", pad, go_quote(f.text), span(f.span));
  if (!ins.rest.empty())
    out += fmt::format("{}  rest {} {}\n", pad, go_quote(ins.rest), span(ins.rest_span));
  for (const Word& w : ins.args)
    out += fmt::format("{}  arg {} {}\n", pad, go_quote(w.value), span(w.span));
  for (const KeyValue& kv : ins.pairs) {
    out += fmt::format("{}  pair {} {} = {} {}{}\n", pad, go_quote(kv.key.value), span(kv.key.span),
                       go_quote(kv.value.value), span(kv.value.span), kv.legacy ? " legacy" : "");
  }
  for (const Heredoc& h : ins.heredocs) {
    out += fmt::format("{}  heredoc {} fd={} chomp={} expand={} marker={} body={} terminator={}\n",
                       pad, go_quote(h.name), h.fd, h.chomp, h.expand, span(h.marker), span(h.body),
                       span(h.terminator));
  }
  for (const Span s : ins.inner_comments)
    out += fmt::format("{}  inner-comment {}\n", pad, span(s));
  for (const Span s : ins.inner_blanks) out += fmt::format("{}  inner-blank {}\n", pad, span(s));
  if (ins.trigger) dump_instruction(out, *ins.trigger, text, depth + 1);
}

}  // namespace

std::string dump_ir(const Document& doc) {
  std::string out = fmt::format("document escape={} bom={} crlf={} items={} instructions={}\n",
                                go_quote(std::string(1, doc.escape)), doc.has_bom, doc.crlf,
                                doc.items.size(), doc.instructions.size());
  for (const Directive& d : doc.directives) {
    out += fmt::format("directive {}={} {}\n", d.name, go_quote(d.value), span(d.span));
  }
  for (const Item& item : doc.items) {
    if (item.kind == ItemKind::Instruction) {
      dump_instruction(out, doc.instructions[item.index], doc.text(), 0);
    } else {
      out += fmt::format("{} {}\n", item_kind(item.kind), span(item.span));
    }
  }
  return out;
}

}  // namespace dfopt::syntax
