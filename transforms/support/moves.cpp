#include "transforms/support/moves.hpp"

#include <algorithm>

#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

// The item of instruction `index` in doc.items.
std::size_t item_of(const syntax::Document& doc, std::size_t index) {
  for (std::size_t k = 0; k < doc.items.size(); ++k) {
    if (doc.items[k].kind == syntax::ItemKind::Instruction && doc.items[k].index == index) return k;
  }
  return doc.items.size();
}

// The first item of the instruction's block: its comment lines right above it.
std::size_t block_start(const syntax::Document& doc, std::size_t item) {
  while (item > 0 && doc.items[item - 1].kind == syntax::ItemKind::Comment) --item;
  return item;
}

}  // namespace

bool reads_context(const syntax::Instruction& ins) {
  if (ins.keyword != syntax::Keyword::Copy && ins.keyword != syntax::Keyword::Add) return false;
  return ins.flag("from") == nullptr;
}

bool copies_context_root(const syntax::Instruction& ins) {
  if (!reads_context(ins) || !ins.heredocs.empty() || ins.args.size() < 2) return false;
  return std::any_of(ins.args.begin(), ins.args.end() - 1,
                     [](const syntax::Word& w) { return w.value == "." || w.value == "./"; });
}

std::string workdir_at(const Analysis& analysis, std::size_t index) {
  const std::string workdir = analysis.environment(index).workdir;
  return resolve_path("/", workdir.empty() ? "/" : workdir);
}

bool path_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return true;
  return path == dir ||
         (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

Span block_span(const Analysis& analysis, std::size_t index) {
  const syntax::Document& doc = analysis.doc();
  const std::size_t item = item_of(doc, index);
  if (item == doc.items.size()) return doc.instructions[index].line_span;
  return Span{doc.items[block_start(doc, item)].span.begin, doc.items[item].span.end};
}

std::vector<TextEdit> move_before(const Analysis& analysis, std::span<const std::size_t> moved,
                                  std::size_t anchor, std::string_view lead) {
  const syntax::Document& doc = analysis.doc();
  const std::string_view text = doc.text();
  std::vector<TextEdit> edits;
  std::string inserted(lead);
  for (const std::size_t index : moved) {
    const std::size_t item = item_of(doc, index);
    if (item == doc.items.size()) continue;
    const std::size_t first = block_start(doc, item);
    Span removed{doc.items[first].span.begin, doc.items[item].span.end};
    inserted += text.substr(removed.begin, removed.size());
    if (removed.empty() || text[removed.end - 1] != '\n') inserted += analysis.style().newline;
    // Between two blank lines: one of them goes too.
    const bool blank_before = first == 0 || doc.items[first - 1].kind == syntax::ItemKind::Blank;
    if (blank_before && item + 1 < doc.items.size() &&
        doc.items[item + 1].kind == syntax::ItemKind::Blank) {
      removed.end = doc.items[item + 1].span.end;
    }
    edits.push_back(TextEdit::remove(removed));
  }
  edits.push_back(TextEdit::insert(block_span(analysis, anchor).begin, std::move(inserted)));
  return edits;
}

}  // namespace dfopt::transforms
