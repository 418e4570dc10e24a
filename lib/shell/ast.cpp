#include "shell/ast.hpp"

namespace dfopt::shell {

namespace {

class Shifter {
 public:
  explicit Shifter(std::int64_t delta) : delta_(delta) {}

  void operator()(Script& s) const {
    at(s.span);
    for (Statement& st : s.statements) (*this)(st);
  }
  void operator()(Statement& st) const {
    at(st.span);
    (*this)(st.and_or);
    at(st.separator.span);
  }
  void operator()(AndOr& a) const {
    at(a.span);
    for (Pipeline& p : a.pipelines) (*this)(p);
    for (Operator& o : a.operators) at(o.span);
  }
  void operator()(Pipeline& p) const {
    at(p.span);
    for (Command& c : p.commands) std::visit(*this, c);
    for (Operator& o : p.operators) at(o.span);
  }
  void operator()(SimpleCommand& c) const {
    at(c.span);
    for (Assignment& a : c.assignments) {
      at(a.span);
      at(a.value.span);
    }
    for (Word& w : c.words) at(w.span);
    redirects(c.redirects);
  }
  void operator()(Subshell& c) const { compound(c); }
  void operator()(Group& c) const { compound(c); }
  void operator()(Opaque& c) const { at(c.span); }

 private:
  void at(Span& span) const {
    if (span == Span{}) return;
    span.begin = static_cast<std::uint32_t>(span.begin + delta_);
    span.end = static_cast<std::uint32_t>(span.end + delta_);
  }
  template <typename Compound>
  void compound(Compound& c) const {
    at(c.span);
    for (Statement& st : c.body) (*this)(st);
    redirects(c.redirects);
  }
  void redirects(std::vector<Redirect>& rs) const {
    for (Redirect& r : rs) {
      at(r.span);
      at(r.target.span);
    }
  }

  std::int64_t delta_;
};

}  // namespace

void shift_spans(Script& script, std::int64_t delta) {
  const Shifter shifter{delta};
  shifter(script);
}

}  // namespace dfopt::shell
