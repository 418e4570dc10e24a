#include "rewrite/suppressions.hpp"

#include <algorithm>
#include <cctype>

#include "base/unicode.hpp"

namespace dfopt {

namespace {

// `a, b,c trailing words`: ids separated by commas; the list ends at the first
// id followed by other words (an explanation).
void add_ids(std::vector<Suppressions::Entry>& out, Suppressions::Source source,
             std::string_view list, Span scope, bool global) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view id = trim_space(list.substr(0, comma));
    const std::size_t space = id.find_first_of(" \t");
    const bool last = space != std::string_view::npos;
    id = id.substr(0, space);
    if (!id.empty()) out.push_back({source, std::string(id), scope, global});
    if (last) break;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
}

// `tool [global] ignore=list` after the `#`.
bool parse_pragma(std::string_view text, std::string_view tool, bool& global,
                  std::string_view& list) {
  text = trim_space(text);
  if (text.substr(0, tool.size()) != tool) return false;
  text = trim_space(text.substr(tool.size()));
  global = text.substr(0, 6) == "global";
  if (global) text = trim_space(text.substr(6));
  if (text.substr(0, 6) != "ignore") return false;
  text = trim_space(text.substr(6));
  if (text.empty() || text.front() != '=') return false;
  list = text.substr(1);
  return true;
}

void scan_comment(std::vector<Suppressions::Entry>& out, std::string_view comment, Span scope) {
  if (comment.empty() || comment.front() != '#') return;
  comment.remove_prefix(1);
  bool global = false;
  std::string_view list;
  if (parse_pragma(comment, "dfopt", global, list)) {
    add_ids(out, Suppressions::Source::Dfopt, list, global ? Span{} : scope, global);
  } else if (parse_pragma(comment, "hadolint", global, list)) {
    add_ids(out, Suppressions::Source::Hadolint, list, global ? Span{} : scope, global);
  }
}

bool is_buildkit_name(std::string_view id) {
  return !id.empty() && std::isupper(static_cast<unsigned char>(id[0])) != 0 &&
         id.substr(0, 2) != "DL" && id.substr(0, 2) != "DS";
}

bool applies(const Suppressions::Entry& e, const Transform& t) {
  switch (e.source) {
    case Suppressions::Source::Dfopt:
      return e.id == "all" || e.id == t.id || e.id == to_string(t.category);
    case Suppressions::Source::Hadolint:
      for (const std::string_view eq : t.equivalents) {
        if (eq == e.id) return true;
      }
      return false;
    case Suppressions::Source::BuildKit:
      for (const std::string_view eq : t.equivalents) {
        if (is_buildkit_name(eq) && (e.id == "all" || eq == e.id)) return true;
      }
      return false;
  }
  return false;
}

}  // namespace

Suppressions Suppressions::of(const syntax::Document& doc) {
  Suppressions s;
  const std::string_view text = doc.text();
  // Comment lines directly above an instruction scope to it; others are global-only.
  for (std::size_t i = 0; i < doc.items.size(); ++i) {
    const syntax::Item& item = doc.items[i];
    if (item.kind != syntax::ItemKind::Comment) continue;
    std::size_t next = i + 1;
    while (next < doc.items.size() && doc.items[next].kind == syntax::ItemKind::Comment) ++next;
    Span scope{item.span.begin, item.span.begin};
    if (next < doc.items.size() && doc.items[next].kind == syntax::ItemKind::Instruction) {
      scope = doc.instructions[doc.items[next].index].line_span;
    }
    const syntax::Comment& c = doc.comments[item.index];
    scan_comment(s.entries_, c.text(text), scope);
  }
  if (const syntax::Directive* check = doc.directive("check")) {
    std::string_view value = check->value;
    while (!value.empty()) {
      const std::size_t semi = value.find(';');
      const std::string_view part = trim_space(value.substr(0, semi));
      if (part.substr(0, 5) == "skip=")
        add_ids(s.entries_, Source::BuildKit, part.substr(5), Span{}, true);
      value = semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
    }
  }
  return s;
}

bool Suppressions::suppressed(const Transform& transform, std::uint32_t offset) const {
  return std::ranges::any_of(entries_, [&](const Entry& e) {
    const bool in_scope = e.global || (offset >= e.scope.begin && offset < e.scope.end);
    return in_scope && applies(e, transform);
  });
}

}  // namespace dfopt
