#include "shell/shell_dump.hpp"

#include <cstdio>
#include <string>
#include <variant>

namespace dfopt::shell {

namespace {

const char* part_kind_name(PartKind k) {
  switch (k) {
    case PartKind::Literal:
      return "Literal";
    case PartKind::Escaped:
      return "Escaped";
    case PartKind::SingleQuoted:
      return "SingleQuoted";
    case PartKind::AnsiCQuoted:
      return "AnsiCQuoted";
    case PartKind::DoubleQuoted:
      return "DoubleQuoted";
    case PartKind::Param:
      return "Param";
    case PartKind::BracedParam:
      return "BracedParam";
    case PartKind::CommandSubst:
      return "CommandSubst";
    case PartKind::Backquote:
      return "Backquote";
    case PartKind::Arith:
      return "Arith";
    case PartKind::ProcessSubst:
      return "ProcessSubst";
    case PartKind::Array:
      return "Array";
  }
  return "?";
}

const char* opaque_kind_name(OpaqueKind k) {
  switch (k) {
    case OpaqueKind::If:
      return "if";
    case OpaqueKind::For:
      return "for";
    case OpaqueKind::While:
      return "while";
    case OpaqueKind::Until:
      return "until";
    case OpaqueKind::Case:
      return "case";
    case OpaqueKind::Select:
      return "select";
    case OpaqueKind::Function:
      return "function";
    case OpaqueKind::ArithCommand:
      return "arith";
    case OpaqueKind::TestCommand:
      return "test";
    case OpaqueKind::HereDocBody:
      return "heredoc-body";
    case OpaqueKind::Unparsed:
      return "unparsed";
  }
  return "?";
}

const char* redir_op_text(RedirOp op) {
  switch (op) {
    case RedirOp::Less:
      return "<";
    case RedirOp::Great:
      return ">";
    case RedirOp::DGreat:
      return ">>";
    case RedirOp::Clobber:
      return ">|";
    case RedirOp::LessAnd:
      return "<&";
    case RedirOp::GreatAnd:
      return ">&";
    case RedirOp::LessGreat:
      return "<>";
    case RedirOp::AndGreat:
      return "&>";
    case RedirOp::AndDGreat:
      return "&>>";
    case RedirOp::HereDoc:
      return "<<";
    case RedirOp::HereDocStrip:
      return "<<-";
    case RedirOp::HereString:
      return "<<<";
  }
  return "?";
}

const char* op_text(OpKind k) {
  switch (k) {
    case OpKind::None:
      return "none";
    case OpKind::And:
      return "&&";
    case OpKind::Or:
      return "||";
    case OpKind::Pipe:
      return "|";
    case OpKind::PipeAll:
      return "|&";
    case OpKind::Semi:
      return ";";
    case OpKind::Amp:
      return "&";
    case OpKind::Newline:
      return "\\n";
  }
  return "?";
}

const char* status_name(ParseStatus s) {
  switch (s) {
    case ParseStatus::Parsed:
      return "parsed";
    case ParseStatus::PartlyOpaque:
      return "partly-opaque";
    case ParseStatus::Opaque:
      return "opaque";
  }
  return "?";
}

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

class Dumper {
 public:
  explicit Dumper(std::string_view source) : source_(source) {}

  std::string take() { return std::move(out_); }

  void script(const Script& s) {
    line(0, "Script", s.span);
    out_ += " status=";
    out_ += status_name(s.status);
    if (!s.error.empty()) {
      out_ += " error=";
      append_quoted(out_, s.error);
      out_ += " at=" + std::to_string(s.error_offset);
    }
    out_ += '\n';
    statements(1, s.statements);
  }

 private:
  void line(int depth, const char* kind, Span span) {
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    out_ += kind;
    out_ += " [" + std::to_string(span.begin) + "," + std::to_string(span.end) + ")";
  }

  void op(int depth, const Operator& o) {
    line(depth, "Op", o.span);
    out_ += ' ';
    out_ += op_text(o.kind);
    out_ += '\n';
  }

  void statements(int depth, const std::vector<Statement>& list) {
    for (const Statement& s : list) {
      line(depth, "Statement", s.span);
      out_ += '\n';
      and_or(depth + 1, s.and_or);
      if (s.separator.kind != OpKind::None) op(depth + 1, s.separator);
    }
  }

  void and_or(int depth, const AndOr& a) {
    line(depth, "AndOr", a.span);
    out_ += '\n';
    for (std::size_t i = 0; i < a.pipelines.size(); ++i) {
      if (i > 0) op(depth + 1, a.operators[i - 1]);
      pipeline(depth + 1, a.pipelines[i]);
    }
  }

  void pipeline(int depth, const Pipeline& p) {
    line(depth, "Pipeline", p.span);
    if (p.negated) out_ += " negated";
    out_ += '\n';
    for (std::size_t i = 0; i < p.commands.size(); ++i) {
      if (i > 0) op(depth + 1, p.operators[i - 1]);
      std::visit([&](const auto& c) { command(depth + 1, c); }, p.commands[i]);
    }
  }

  void command(int depth, const SimpleCommand& c) {
    line(depth, "SimpleCommand", c.span);
    out_ += '\n';
    for (const Assignment& a : c.assignments) {
      line(depth + 1, "Assignment", a.span);
      out_ += " name=" + a.name;
      if (a.append) out_ += " append";
      out_ += '\n';
      word(depth + 2, a.value);
    }
    for (const Word& w : c.words) word(depth + 1, w);
    redirects(depth + 1, c.redirects);
  }

  void command(int depth, const Subshell& c) {
    line(depth, "Subshell", c.span);
    out_ += '\n';
    statements(depth + 1, c.body);
    redirects(depth + 1, c.redirects);
  }

  void command(int depth, const Group& c) {
    line(depth, "Group", c.span);
    out_ += '\n';
    statements(depth + 1, c.body);
    redirects(depth + 1, c.redirects);
  }

  void command(int depth, const Opaque& c) {
    line(depth, "Opaque", c.span);
    out_ += ' ';
    out_ += opaque_kind_name(c.kind);
    out_ += '\n';
  }

  void redirects(int depth, const std::vector<Redirect>& list) {
    for (const Redirect& r : list) {
      line(depth, "Redirect", r.span);
      out_ += ' ';
      if (r.fd >= 0) out_ += std::to_string(r.fd);
      out_ += redir_op_text(r.op);
      out_ += '\n';
      word(depth + 1, r.target);
    }
  }

  void word(int depth, const Word& w) {
    line(depth, "Word", w.span);
    out_ += ' ';
    const std::string_view text = text_of(source_, w.span);
    append_quoted(out_, text);
    if (!w.literal) {
      out_ += " non-literal";
    } else if (*w.literal != text) {
      out_ += " literal=";
      append_quoted(out_, *w.literal);
    }
    if (w.has_glob) out_ += " glob";
    if (w.parts.size() > 1 || (w.parts.size() == 1 && w.parts[0].kind != PartKind::Literal)) {
      out_ += " parts=";
      for (std::size_t i = 0; i < w.parts.size(); ++i) {
        if (i > 0) out_ += ',';
        out_ += part_kind_name(w.parts[i].kind);
      }
    }
    out_ += '\n';
  }

  std::string_view source_;
  std::string out_;
};

}  // namespace

std::string dump_shell(const Script& script, std::string_view source) {
  Dumper dumper(source);
  dumper.script(script);
  return dumper.take();
}

}  // namespace dfopt::shell
