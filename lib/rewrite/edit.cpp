#include "rewrite/edit.hpp"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <limits>

#include <fmt/core.h>

namespace dfopt {

std::string_view to_string(Safety safety) {
  switch (safety) {
    case Safety::DisplayOnly:
      return "display-only";
    case Safety::Unsafe:
      return "unsafe";
    case Safety::Safe:
      return "safe";
  }
  return "unknown";
}

Expected<Fix> Fix::create(Safety safety, std::string title, std::vector<TextEdit> edits) {
  for (const TextEdit& edit : edits) {
    if (edit.span.begin > edit.span.end) {
      return error_at(edit.span.begin, fmt::format("fix '{}': inverted span [{}, {})", title,
                                                   edit.span.begin, edit.span.end));
    }
  }
  // Stable: insertions at one offset stay in the order the caller gave.
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.span.end < b.span.end;
  });
  for (std::size_t i = 1; i < edits.size(); ++i) {
    const Span prev = edits[i - 1].span;
    const Span cur = edits[i].span;
    if (cur.begin < prev.end) {
      return error_at(cur.begin, fmt::format("fix '{}': edits [{}, {}) and [{}, {}) overlap", title,
                                             prev.begin, prev.end, cur.begin, cur.end));
    }
  }
  return Fix(safety, std::move(title), std::move(edits));
}

Span Fix::range() const {
  if (edits_.empty()) return {};
  std::uint32_t end = 0;
  for (const TextEdit& edit : edits_) end = std::max(end, edit.span.end);
  return {edits_.front().span.begin, end};
}

bool EditSet::conflicts(Span span) const {
  constexpr std::size_t max_seq = std::numeric_limits<std::size_t>::max();
  const auto first_at = index_.lower_bound(Entry{span.begin, 0, 0, 0, 0});
  // Accepted edits never overlap each other, so only the last one starting
  // before `span` can reach into it.
  if (first_at != index_.begin() && std::prev(first_at)->end > span.begin) return true;
  if (span.empty()) {
    // Insertions sort first among the edits at one offset.
    return first_at != index_.end() && first_at->begin == span.begin && first_at->end == span.begin;
  }
  // Insertions at `span.begin` are adjacent; anything else starting inside overlaps.
  const auto after = index_.upper_bound(Entry{span.begin, span.begin, max_seq, 0, 0});
  return after != index_.end() && after->begin < span.end;
}

bool EditSet::try_add(const Fix& fix) {
  const auto edits = fix.edits();
  for (const TextEdit& edit : edits) {
    if (conflicts(edit.span)) return false;
  }
  const std::size_t fix_index = fixes_.size();
  std::size_t seq = index_.size();
  for (std::size_t i = 0; i < edits.size(); ++i) {
    index_.insert(Entry{edits[i].span.begin, edits[i].span.end, seq++, fix_index, i});
  }
  fixes_.push_back(fix);
  return true;
}

std::string EditSet::apply(std::string_view original) const {
  const auto clamp = [&](std::uint32_t offset) {
    assert(offset <= original.size() && "edit beyond the end of the text");
    return std::min<std::size_t>(offset, original.size());
  };
  std::size_t size = original.size();
  for (const Entry& entry : index_) {
    size -= clamp(entry.end) - clamp(entry.begin);
    size += fixes_[entry.fix].edits()[entry.edit].replacement.size();
  }
  std::string out;
  out.reserve(size);
  std::size_t cursor = 0;
  for (const Entry& entry : index_) {
    const std::size_t begin = clamp(entry.begin);
    out.append(original.substr(cursor, begin - cursor));
    out.append(fixes_[entry.fix].edits()[entry.edit].replacement);
    cursor = clamp(entry.end);
  }
  out.append(original.substr(cursor));
  return out;
}

}  // namespace dfopt
