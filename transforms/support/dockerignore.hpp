// .dockerignore files as BuildKit reads them (moby/patternmatcher and its
// ignorefile reader): one pattern per line, `#` comment lines, blank lines
// skipped, surrounding blanks trimmed, `!` exceptions, each pattern cleaned like
// Go's filepath.Clean with a leading `/` dropped, so patterns are relative to the
// context root. A pattern is matched per path element with Go's filepath.Match
// (`*`, `?`, `[a-z]`, `[^a]`, `\` escapes; `*` never crosses a `/`), `**` as a
// whole element matches any number of elements, and a pattern that matches a
// directory excludes everything under it. The last matching line wins.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt::transforms {

// A path relative to the context root, cleaned like filepath.Clean: no `.`
// elements, no empty elements, `..` resolved (clamped at the root); "" is the root.
[[nodiscard]] std::string clean_context_path(std::string_view path);

// Go's filepath.Match for one path element (no `/` in either); a malformed
// pattern (an unclosed `[`) matches nothing.
[[nodiscard]] bool element_match(std::string_view pattern, std::string_view name);

struct IgnorePattern {
  std::string text;        // as written (trimmed, without the `!`)
  std::string pattern;     // cleaned
  bool exception = false;  // `!pattern`: re-includes what it matches
  std::size_t line = 0;    // 1-based line in the file
  std::vector<std::string> elements;

  IgnorePattern(std::string as_written, bool is_exception, std::size_t line_number);
  // Whether the pattern matches `path` (a clean_context_path) itself.
  [[nodiscard]] bool matches(std::string_view path) const;
  // Whether it matches `path` or one of its parent directories (so excludes `path`).
  [[nodiscard]] bool matches_or_parent(std::string_view path) const;
  // Whether it may match `path`, a parent of it, or something below it: whether
  // excluding it can take anything out of a copy of `path`.
  [[nodiscard]] bool reaches(std::string_view path) const;
};

class IgnoreFile {
 public:
  [[nodiscard]] static IgnoreFile parse(std::string_view text);
  [[nodiscard]] const std::vector<IgnorePattern>& patterns() const { return patterns_; }
  // The last pattern that matches `path` or a parent of it, exceptions included;
  // nullptr when none does. `path` is excluded when it returns a non-exception.
  [[nodiscard]] const IgnorePattern* decisive(std::string_view path) const;
  // The pattern that excludes `path` and everything under it: the decisive
  // pattern, when it is not an exception and no later exception could re-include
  // anything below `path`; nullptr otherwise.
  [[nodiscard]] const IgnorePattern* excludes_entirely(std::string_view path) const;

 private:
  std::vector<IgnorePattern> patterns_;
};

}  // namespace dfopt::transforms
