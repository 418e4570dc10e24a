#include "emit/unified_diff.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include <fmt/core.h>
#include <dtl/dtl.hpp>

namespace dfopt {
namespace {

using Lines = std::vector<std::string_view>;

// Each line keeps its '\n'; only the last one may lack it.
Lines split_lines(std::string_view text) {
  Lines lines;
  lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// Old lines [old_begin, old_end) become new lines [new_begin, new_end); the
// lines between two changes are common to both sides.
struct Change {
  std::size_t old_begin;
  std::size_t old_end;
  std::size_t new_begin;
  std::size_t new_end;
};

// The changes, in order. The common prefix and suffix are trimmed before dtl
// runs, so a few edits in a long file cost little more than the split.
std::vector<Change> diff_lines(const Lines& a, const Lines& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t a_end = a.size() - suffix;
  const std::size_t b_end = b.size() - suffix;
  if (prefix == a_end && prefix == b_end) return {};
  if (prefix == a_end || prefix == b_end) return {{prefix, a_end, prefix, b_end}};

  const Lines a_mid(a.begin() + static_cast<std::ptrdiff_t>(prefix),
                    a.begin() + static_cast<std::ptrdiff_t>(a_end));
  const Lines b_mid(b.begin() + static_cast<std::ptrdiff_t>(prefix),
                    b.begin() + static_cast<std::ptrdiff_t>(b_end));
  dtl::Diff<std::string_view, Lines> diff(a_mid, b_mid);
  diff.compose();

  std::vector<Change> changes;
  bool open = false;
  std::size_t i = prefix;
  std::size_t j = prefix;
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      open = false;
      ++i;
      ++j;
      continue;
    }
    if (!open) changes.push_back({i, i, j, j});
    open = true;
    if (info.type == dtl::SES_DELETE) {
      changes.back().old_end = ++i;
    } else {
      changes.back().new_end = ++j;
    }
  }
  return changes;
}

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out.append("\n\\ No newline at end of file\n");
}

// `start,count` as diff prints it: 1-based, except that an empty range names
// the line before it, and a count of 1 is left out.
std::string range(std::size_t start, std::size_t count) {
  if (count == 0) return fmt::format("{},0", start);
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", start + 1, count);
}

// One hunk: changes[first, last] with `context` lines around them.
void append_hunk(std::string& out, const Lines& a, const Lines& b,
                 const std::vector<Change>& changes, std::size_t first, std::size_t last,
                 std::size_t context) {
  const Change& head = changes[first];
  const Change& tail = changes[last];
  const std::size_t gap_before = head.old_begin - (first == 0 ? 0 : changes[first - 1].old_end);
  const std::size_t gap_after =
      (last + 1 == changes.size() ? a.size() : changes[last + 1].old_begin) - tail.old_end;
  const std::size_t before = std::min(context, gap_before);
  const std::size_t after = std::min(context, gap_after);
  const std::size_t old_start = head.old_begin - before;
  const std::size_t new_start = head.new_begin - before;
  out += fmt::format("@@ -{} +{} @@\n", range(old_start, tail.old_end + after - old_start),
                     range(new_start, tail.new_end + after - new_start));

  for (std::size_t k = old_start; k < head.old_begin; ++k) append_line(out, ' ', a[k]);
  for (std::size_t c = first; c <= last; ++c) {
    const Change& change = changes[c];
    for (std::size_t k = change.old_begin; k < change.old_end; ++k) append_line(out, '-', a[k]);
    for (std::size_t k = change.new_begin; k < change.new_end; ++k) append_line(out, '+', b[k]);
    const std::size_t common_end = c == last ? change.old_end + after : changes[c + 1].old_begin;
    for (std::size_t k = change.old_end; k < common_end; ++k) append_line(out, ' ', a[k]);
  }
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context) {
  if (old_text == new_text) return {};
  const Lines a = split_lines(old_text);
  const Lines b = split_lines(new_text);
  const std::vector<Change> changes = diff_lines(a, b);
  if (changes.empty()) return {};

  const auto ctx = static_cast<std::size_t>(std::max(context, 0));
  std::string out = fmt::format("--- {}\n+++ {}\n", old_label, new_label);
  std::size_t first = 0;
  for (std::size_t c = 0; c < changes.size(); ++c) {
    // Hunks merge when the common lines between two changes fit in both contexts.
    const bool ends_hunk =
        c + 1 == changes.size() || changes[c + 1].old_begin - changes[c].old_end > 2 * ctx;
    if (!ends_hunk) continue;
    append_hunk(out, a, b, changes, first, c, ctx);
    first = c + 1;
  }
  return out;
}

}  // namespace dfopt
