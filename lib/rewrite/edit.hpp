// Text edits against the original bytes, fixes (atomic groups of edits) and the
// edit set that accepts non-overlapping fixes and applies them in one pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/expected.hpp"
#include "base/span.hpp"

namespace dfopt {

// Ordered like ruff's Applicability: a fix may be applied when its safety is at
// least the level the user asked for (`--fix` → Safe, `--unsafe-fixes` → Unsafe).
enum class Safety { DisplayOnly, Unsafe, Safe };

[[nodiscard]] std::string_view to_string(Safety safety);

// Replaces the original bytes in `span` by `replacement`; an empty span is an
// insertion before the byte at `span.begin`.
struct TextEdit {
  Span span;
  std::string replacement;

  [[nodiscard]] static TextEdit insert(std::uint32_t offset, std::string text) {
    return {Span{offset, offset}, std::move(text)};
  }
  [[nodiscard]] static TextEdit replace(Span span, std::string text) {
    return {span, std::move(text)};
  }
  [[nodiscard]] static TextEdit remove(Span span) { return {span, {}}; }

  [[nodiscard]] bool is_insertion() const { return span.empty(); }
  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

// A set of edits applied all-or-nothing. Edits are kept sorted by position;
// insertions at the same offset keep the order they were given in.
class Fix {
 public:
  // Fails (at the offending offset) when a span is inverted or two edits overlap.
  // Edits that merely touch are fine, and so are several insertions at one offset.
  [[nodiscard]] static Expected<Fix> create(Safety safety, std::string title,
                                            std::vector<TextEdit> edits);

  [[nodiscard]] Safety safety() const { return safety_; }
  // A short imperative phrase, e.g. "add --no-install-recommends".
  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] std::span<const TextEdit> edits() const { return edits_; }
  [[nodiscard]] bool empty() const { return edits_.empty(); }
  // The smallest span that covers every edit; {0, 0} for an empty fix.
  [[nodiscard]] Span range() const;

 private:
  Fix(Safety safety, std::string title, std::vector<TextEdit> edits)
      : safety_(safety), title_(std::move(title)), edits_(std::move(edits)) {}

  Safety safety_;
  std::string title_;
  std::vector<TextEdit> edits_;
};

// Whole fixes accepted in order; a fix that overlaps an accepted one is refused
// (it can be retried on the next round, against the re-parsed text).
//
// Two edits overlap when they share a byte, when an insertion falls strictly
// inside the other's span, or when both insert at the same offset (their order
// would be arbitrary). Directly adjacent edits are fine; an insertion at the
// start of a replaced span goes before the replacement text.
class EditSet {
 public:
  // Adds every edit of `fix`, or none when one overlaps an accepted edit.
  bool try_add(const Fix& fix);

  // The original text with all accepted edits applied, in time linear in the
  // size of the input and the output. Precondition: every span lies within
  // `original` (checked in debug builds; out-of-range edits are clamped).
  [[nodiscard]] std::string apply(std::string_view original) const;

  [[nodiscard]] bool empty() const { return fixes_.empty(); }
  // The accepted fixes, in the order they were added.
  [[nodiscard]] const std::vector<Fix>& fixes() const { return fixes_; }
  [[nodiscard]] std::size_t edit_count() const { return index_.size(); }

 private:
  // One accepted edit, ordered by position; `seq` keeps a fix's own insertions
  // at one offset in order (insertions from different fixes never share one).
  struct Entry {
    std::uint32_t begin;
    std::uint32_t end;
    std::size_t seq;
    std::size_t fix;
    std::size_t edit;

    friend bool operator<(const Entry& a, const Entry& b) {
      if (a.begin != b.begin) return a.begin < b.begin;
      if (a.end != b.end) return a.end < b.end;
      return a.seq < b.seq;
    }
  };

  [[nodiscard]] bool conflicts(Span span) const;

  std::vector<Fix> fixes_;
  std::set<Entry> index_;
};

}  // namespace dfopt
