#include "shell/shell.hpp"

#include <exception>
#include <string>
#include <string_view>

#include "shell/shell_def.hpp"

namespace dfopt::shell {

namespace parser {
BOOST_SPIRIT_INSTANTIATE(script_type, iterator_type, context_type)
}  // namespace parser

const parser::script_type& script_rule() { return parser::script; }

namespace {

// Fills in what the grammar leaves out: source spans, assignment names, statement spans, status.
class Finalizer {
 public:
  explicit Finalizer(const LogicalText& body) : body_(body), text_(body.text()) {
    // A body that is one run of the source maps by adding an offset.
    const std::uint32_t n = body.size();
    if (n > 0 && body.to_source(n - 1) - body.to_source(0) == n - 1) {
      contiguous_ = true;
      offset_ = body.to_source(0);
    }
  }

  bool saw_opaque() const { return saw_opaque_; }

  void statements(std::vector<Statement>& list) {
    for (Statement& s : list) statement(s);
  }

 private:
  Span source(Span logical) const {
    if (contiguous_) return {logical.begin + offset_, logical.end + offset_};
    return body_.to_source(logical);
  }

  void statement(Statement& s) {
    and_or(s.and_or);
    s.logical = {s.and_or.logical.begin,
                 s.separator.kind == OpKind::None ? s.and_or.logical.end : s.separator.logical.end};
    s.span = source(s.logical);
    op(s.separator);
  }

  void op(Operator& o) const {
    if (o.kind != OpKind::None) o.span = source(o.logical);
  }

  void and_or(AndOr& a) {
    a.span = source(a.logical);
    for (Pipeline& p : a.pipelines) pipeline(p);
    for (Operator& o : a.operators) op(o);
  }

  void pipeline(Pipeline& p) {
    p.span = source(p.logical);
    for (Command& c : p.commands) std::visit([this](auto& node) { command(node); }, c);
    for (Operator& o : p.operators) op(o);
  }

  void command(SimpleCommand& c) {
    c.span = source(c.logical);
    for (Assignment& a : c.assignments) {
      a.span = source(a.logical);
      const std::string_view text = text_of(text_, a.logical);
      a.name = text.substr(0, text.find_first_of("[+="));
      word(a.value);
    }
    for (Word& w : c.words) word(w);
    redirects(c.redirects);
  }

  void command(Subshell& c) {
    c.span = source(c.logical);
    statements(c.body);
    redirects(c.redirects);
  }

  void command(Group& c) {
    c.span = source(c.logical);
    statements(c.body);
    redirects(c.redirects);
  }

  void command(Opaque& c) {
    c.span = source(c.logical);
    saw_opaque_ = true;
  }

  void redirects(std::vector<Redirect>& list) {
    for (Redirect& r : list) {
      r.span = source(r.logical);
      word(r.target);
    }
  }

  void word(Word& w) const { w.span = source(w.logical); }

  const LogicalText& body_;
  std::string_view text_;
  bool saw_opaque_ = false;
  bool contiguous_ = false;
  std::uint32_t offset_ = 0;
};

Statement opaque_statement(const LogicalText& body, Span logical, OpaqueKind kind) {
  Opaque node;
  node.kind = kind;
  node.logical = logical;
  node.span = body.to_source(logical);
  Pipeline pipeline;
  pipeline.logical = logical;
  pipeline.span = node.span;
  pipeline.commands.emplace_back(node);
  Statement statement;
  statement.logical = logical;
  statement.span = pipeline.span;
  statement.and_or.logical = logical;
  statement.and_or.span = pipeline.span;
  statement.and_or.pipelines.push_back(std::move(pipeline));
  return statement;
}

Script whole_body_opaque(const LogicalText& body, std::string error, std::uint32_t offset) {
  Script script;
  script.logical = {0, body.size()};
  script.span = body.to_source(script.logical);
  script.status = ParseStatus::Opaque;
  script.error = std::move(error);
  script.error_offset = offset;
  script.statements.push_back(opaque_statement(body, script.logical, OpaqueKind::Unparsed));
  return script;
}

// Where the grammar stopped, skipping blanks and a comment: the start of the unparsed rest.
std::uint32_t skip_gap(std::string_view text, std::uint32_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
  if (pos < text.size() && text[pos] == '#') {
    while (pos < text.size() && text[pos] != '\n') ++pos;
  }
  return pos;
}

}  // namespace

Script parse(const LogicalText& body) {
  try {
    const std::string& text = body.text();
    parser::ParseState state;
    state.base = text.data();
    const auto context = parser::x3::make_context<parser::state_tag>(state);
    const char* first = text.data();
    const char* const last = text.data() + text.size();

    Script script;
    const bool ok = parser::script.parse(first, last, context, parser::x3::unused, script);
    if (!ok) {
      return whole_body_opaque(body, state.error.empty() ? "expected a command" : state.error,
                               state.error_offset);
    }
    auto stop = static_cast<std::uint32_t>(first - text.data());
    Finalizer finalizer(body);
    finalizer.statements(script.statements);
    if (stop != body.size()) {
      // After a << redirection the rest of the text is the here-document body.
      stop = skip_gap(text, stop);
      if (!state.heredoc_pending || stop == body.size() || text[stop] != '\n') {
        return whole_body_opaque(body, "unexpected text", stop);
      }
      script.statements.push_back(
          opaque_statement(body, {stop + 1, body.size()}, OpaqueKind::HereDocBody));
      script.status = ParseStatus::PartlyOpaque;
    } else if (finalizer.saw_opaque()) {
      script.status = ParseStatus::PartlyOpaque;
    }
    script.logical = {0, body.size()};
    script.span = body.to_source(script.logical);
    return script;
  } catch (const std::exception& e) {
    return whole_body_opaque(body, e.what(), 0);
  } catch (...) {
    return whole_body_opaque(body, "internal error", 0);
  }
}

}  // namespace dfopt::shell
