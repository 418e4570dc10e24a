#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "base/unicode.hpp"
#include "transforms/list.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Fixes three things BuildKit's checks warn about:
- `FROM image as name`: the `AS` keyword is written in the case of the `FROM`
  keyword (`FromAsCasing`);
- instruction keywords in the file's minority case are rewritten in the majority
  case, upper case on a tie (`ConsistentInstructionCasing`);
- the legacy `ENV key value` and `LABEL key value` forms become `key=value`
  (`LegacyKeyValueFormat`).

## Why is this bad?
Mixed casing makes a Dockerfile harder to scan. The legacy form is deprecated
and easy to misread: `ENV A b c` sets `A` to `b c`, while `ENV A=b c=d` sets two
variables.

## Example
```dockerfile
FROM golang:1.22 as build
run go build ./...
ENV DEPS \
    curl \
    git
```

Use instead:
```dockerfile
FROM golang:1.22 AS build
RUN go build ./...
ENV DEPS="curl \
    git"
```

In the legacy form the value is the rest of the line, continuation lines
joined, quotes kept; BuildKit then removes quotes and escapes and expands
variables when the instruction runs (the same `ProcessWord` as for a `key=value`
value). So a value that is one word (`ENV PATH $PATH:/opt/bin`,
`ENV A "x y"`) is kept as it is, and a value with blanks but no quote or escape
character is put in double quotes, which keep blanks, continuation lines and
`$` expansions exactly as they were. The text of a multi-line value is not
touched, so comments inside it stay; when comment lines stand between the key
and its value, the key moves down to the value (`ENV \`, the comments, then
`DEPS="curl \`). A value that has both blanks and quotes or escapes is
reported without a fix.

## Fix safety
Safe: BuildKit reads the same keywords, stage names, variables and labels.
The keyword of an `ONBUILD` trigger is recased too: only the text of the
trigger stored in the image changes, not what it does.
)";

bool is_upper(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c) != 0; });
}
bool is_lower(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c) != 0; });
}
std::string cased(std::string_view s, bool lower) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [lower](unsigned char c) {
    return static_cast<char>(lower ? std::tolower(c) : std::toupper(c));
  });
  return out;
}

// A blank as BuildKit's parseWords sees one (Go's unicode.IsSpace on the rune at `i`).
bool blank_at(std::string_view v, std::size_t i) {
  std::size_t width = 0;
  return is_space_rune(decode_rune(v, i, width));
}

bool has_blank(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (blank_at(v, i)) return true;
  }
  return false;
}

// Whether BuildKit's parseWords reads `v` as the single word `v`: no blank
// outside quotes, no escape token left dangling at the end.
bool one_word(std::string_view v, char escape) {
  char quote = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == escape && quote != '\'') {
      if (i + 1 == v.size()) return false;
      ++i;
    } else if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (blank_at(v, i)) {
      return false;
    }
  }
  return true;
}

bool plain_key(std::string_view key, std::string_view source, char escape) {
  return !key.empty() && key == source && key.find_first_of("\"'$=") == std::string_view::npos &&
         key.find(escape) == std::string_view::npos;
}

void check_as(Context& ctx, const syntax::Instruction& from, bool majority_lower) {
  // No stage name.
  if (from.args.size() != 3) return;
  const std::string_view text = ctx.analysis().text();
  const std::string_view as = text.substr(from.args[1].span.begin, from.args[1].span.size());
  // FROM itself ends up in the file's majority case (below), and AS follows it.
  const bool lower = majority_lower;
  if (as == cased(as, lower)) return;
  ctx.report(from.args[1].span, fmt::format("'{}' is cased unlike the FROM keyword", as),
             Safety::Safe, "match the case of AS to FROM",
             {TextEdit::replace(from.args[1].span, cased(as, lower))});
}

void check_legacy(Context& ctx, const syntax::Instruction& ins) {
  // Only the legacy form has a single pair read as `key value`.
  if (ins.pairs.size() != 1 || !ins.pairs[0].legacy) return;
  const std::string_view text = ctx.analysis().text();
  const char escape = ctx.doc().escape;
  const syntax::Word& key = ins.pairs[0].key;
  const syntax::Word& value = ins.pairs[0].value;
  const std::string_view kw = syntax::keyword_name(ins.keyword);
  const std::string message = fmt::format("legacy '{0} key value' form: use {0} key=value", kw);
  const std::string& v = value.value;
  const bool blanks = has_blank(v);
  const bool quoting =
      v.find_first_of("\"'") != std::string::npos || v.find(escape) != std::string::npos;
  // A key with quotes or variables, or a value with blanks and quotes: rewrite by hand.
  if (!plain_key(key.value, text.substr(key.span.begin, key.span.size()), escape) || v.empty() ||
      (blanks && quoting && !one_word(v, escape)) || (!blanks && !one_word(v, escape))) {
    ctx.report(key.span, message);
    return;
  }
  const std::string quote = blanks && !quoting ? "\"" : "";
  std::vector<TextEdit> edits;
  const Span gap{key.span.end, value.span.begin};
  if (text.substr(gap.begin, gap.size()).find('#') == std::string_view::npos) {
    edits.push_back(TextEdit::replace(gap, "=" + quote));
  } else {
    // Comment lines between key and value: move the key to the value, so that
    // they stay. A key alone on its line goes with it.
    auto begin = static_cast<std::uint32_t>(key.span.begin);
    auto end = static_cast<std::uint32_t>(text.find_first_not_of(" \t", key.span.end));
    const std::size_t line = text.rfind('\n', key.span.begin) + 1;
    if (line > ins.span.begin && text.find_first_not_of(" \t", line) == key.span.begin) {
      begin = static_cast<std::uint32_t>(line);
      end = static_cast<std::uint32_t>(text.find('\n', key.span.end) + 1);
    }
    edits.push_back(TextEdit::remove(Span{begin, end}));
    edits.push_back(TextEdit::insert(value.span.begin, key.value + "=" + quote));
  }
  if (!quote.empty()) edits.push_back(TextEdit::insert(value.span.end, quote));
  ctx.report(key.span, message, Safety::Safe, fmt::format("use {} key=value", kw),
             std::move(edits));
}

void check(Context& ctx) {
  const syntax::Document& file = ctx.doc();
  const std::string_view text = ctx.analysis().text();
  std::size_t lower = 0;
  std::size_t upper = 0;
  for (const syntax::Instruction& ins : file.instructions) {
    const std::string_view kw = ins.keyword_text(text);
    if (is_lower(kw) && !is_upper(kw)) ++lower;
    if (is_upper(kw) && !is_lower(kw)) ++upper;
  }
  const bool majority_lower = lower > upper;
  for (const syntax::Instruction& ins : file.instructions) {
    // ONBUILD triggers do not count (as in BuildKit) but follow the file's case.
    for (const syntax::Instruction* i = &ins; i != nullptr; i = i->trigger.get()) {
      const std::string_view kw = i->keyword_text(text);
      if (kw == cased(kw, majority_lower)) continue;
      ctx.report(i->keyword_span,
                 fmt::format("'{}' is cased unlike most instructions of the file ({} case)", kw,
                             majority_lower ? "lower" : "upper"),
                 Safety::Safe, "use the file's keyword case",
                 {TextEdit::replace(i->keyword_span, cased(kw, majority_lower))});
    }
    if (ins.keyword == syntax::Keyword::From) check_as(ctx, ins, majority_lower);
    if (ins.keyword == syntax::Keyword::Env || ins.keyword == syntax::Keyword::Label)
      check_legacy(ctx, ins);
  }
}

}  // namespace

const Transform& syntax_casing() {
  static const Transform t{"syntax-casing",
                           Category::Runtime,
                           Safety::Safe,
                           "consistent keyword casing, FROM … AS casing, ENV/LABEL key=value",
                           {"FromAsCasing", "ConsistentInstructionCasing", "LegacyKeyValueFormat"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
