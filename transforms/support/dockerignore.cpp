#include "transforms/support/dockerignore.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace dfopt::transforms {

namespace {

std::vector<std::string> split_elements(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// filepath.Clean's elements: `.` and empty elements dropped, `x/..` removed; a
// leading `..` is kept (a pattern that can never match) unless `clamp`.
std::vector<std::string> clean_elements(std::string_view path, bool clamp) {
  std::vector<std::string> out;
  for (std::string& e : split_elements(path)) {
    if (e == ".") continue;
    if (e == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!clamp && path.front() != '/') {
        out.push_back(std::move(e));
      }
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string join(const std::vector<std::string>& elements) {
  std::string out;
  for (const std::string& e : elements) {
    if (!out.empty()) out += '/';
    out += e;
  }
  return out;
}

// The code point starting at `s[i]` and its length in bytes (a byte that is not
// valid UTF-8 counts as one character, as Go's utf8.RuneError does).
std::pair<std::uint32_t, std::size_t> rune_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return {b, 1};
  std::uint32_t cp = b & (0xFFU >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) return {b, 1};
    cp = (cp << 6) | (c & 0x3FU);
  }
  return {cp, len};
}

// One character of a `[...]` class (`\` escapes the next one); nullopt at the end.
std::optional<std::uint32_t> class_char(std::string_view p, std::size_t& i) {
  if (i < p.size() && p[i] == '\\') ++i;
  if (i >= p.size()) return std::nullopt;
  const auto [cp, len] = rune_at(p, i);
  i += len;
  return cp;
}

// Matches the class starting at p[i] == '[' against `c`; advances `i` past `]`.
// nullopt for a malformed class.
std::optional<bool> match_class(std::string_view p, std::size_t& i, std::uint32_t c) {
  ++i;
  const bool negated = i < p.size() && p[i] == '^';
  if (negated) ++i;
  bool matched = false;
  bool first = true;
  while (true) {
    if (i >= p.size()) return std::nullopt;
    if (p[i] == ']' && !first) break;
    first = false;
    const auto lo = class_char(p, i);
    if (!lo) return std::nullopt;
    std::uint32_t hi = *lo;
    if (i < p.size() && p[i] == '-') {
      ++i;
      const auto h = class_char(p, i);
      if (!h) return std::nullopt;
      hi = *h;
    }
    matched = matched || (*lo <= c && c <= hi);
  }
  ++i;
  return matched != negated;
}

bool match_from(std::string_view p, std::size_t pi, std::string_view n, std::size_t ni) {
  while (pi < p.size()) {
    const char c = p[pi];
    if (c == '*') {
      while (pi < p.size() && p[pi] == '*') ++pi;
      if (pi == p.size()) return true;
      for (std::size_t k = ni; k <= n.size(); ++k) {
        if (match_from(p, pi, n, k)) return true;
      }
      return false;
    }
    if (ni >= n.size()) return false;
    const auto [cp, len] = rune_at(n, ni);
    if (c == '?') {
      ++pi;
    } else if (c == '[') {
      const auto m = match_class(p, pi, cp);
      if (!m || !*m) return false;
    } else {
      if (c == '\\' && ++pi >= p.size()) return false;
      const auto [pc, plen] = rune_at(p, pi);
      if (pc != cp) return false;
      pi += plen;
    }
    ni += len;
  }
  return ni == n.size();
}

// Whether elements p[pi..] match exactly path[si..] (`**` = any number of elements).
bool match_elements(const std::vector<std::string>& p, std::size_t pi,
                    const std::vector<std::string>& path, std::size_t si) {
  if (pi == p.size()) return si == path.size();
  if (p[pi] == "**") {
    return match_elements(p, pi + 1, path, si) ||
           (si < path.size() && match_elements(p, pi, path, si + 1));
  }
  return si < path.size() && element_match(p[pi], path[si]) &&
         match_elements(p, pi + 1, path, si + 1);
}

// Whether p[pi..] can match path[si..] extended below, or a prefix of it.
bool reach_elements(const std::vector<std::string>& p, std::size_t pi,
                    const std::vector<std::string>& path, std::size_t si) {
  if (pi == p.size() || si == path.size()) return true;
  if (p[pi] == "**")
    return reach_elements(p, pi + 1, path, si) || reach_elements(p, pi, path, si + 1);
  return element_match(p[pi], path[si]) && reach_elements(p, pi + 1, path, si + 1);
}

}  // namespace

std::string clean_context_path(std::string_view path) { return join(clean_elements(path, true)); }

bool element_match(std::string_view pattern, std::string_view name) {
  return match_from(pattern, 0, name, 0);
}

IgnorePattern::IgnorePattern(std::string as_written, bool is_exception, std::size_t line_number)
    : text(std::move(as_written)),
      exception(is_exception),
      line(line_number),
      elements(clean_elements(this->text, false)) {
  pattern = join(elements);
}

bool IgnorePattern::matches(std::string_view path) const {
  return match_elements(elements, 0, split_elements(path), 0);
}

bool IgnorePattern::matches_or_parent(std::string_view path) const {
  std::vector<std::string> parts = split_elements(path);
  while (!parts.empty()) {
    if (match_elements(elements, 0, parts, 0)) return true;
    parts.pop_back();
  }
  return false;
}

bool IgnorePattern::reaches(std::string_view path) const {
  return !elements.empty() && reach_elements(elements, 0, split_elements(path), 0);
}

IgnoreFile IgnoreFile::parse(std::string_view text) {
  IgnoreFile out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  constexpr std::string_view blanks = " \t\r\n\v\f";
  std::size_t line = 0;
  while (!text.empty()) {
    const std::size_t eol = std::min(text.find('\n'), text.size());
    std::string_view entry = text.substr(0, eol);
    text.remove_prefix(std::min(eol + 1, text.size()));
    ++line;
    if (entry.starts_with('#')) continue;
    const auto trim = [&](std::string_view s) {
      const std::size_t b = s.find_first_not_of(blanks);
      return b == std::string_view::npos ? std::string_view{}
                                         : s.substr(b, s.find_last_not_of(blanks) - b + 1);
    };
    entry = trim(entry);
    if (entry.empty()) continue;
    const bool exception = entry.front() == '!';
    if (exception) entry = trim(entry.substr(1));
    // An empty or root-only pattern (`!`, `/`, `.`) matches nothing.
    out.patterns_.emplace_back(std::string(entry), exception, line);
  }
  return out;
}

const IgnorePattern* IgnoreFile::decisive(std::string_view path) const {
  const IgnorePattern* last = nullptr;
  for (const IgnorePattern& p : patterns_) {
    if (!p.elements.empty() && p.matches_or_parent(path)) last = &p;
  }
  return last;
}

const IgnorePattern* IgnoreFile::excludes_entirely(std::string_view path) const {
  const IgnorePattern* p = decisive(path);
  if (p == nullptr || p->exception) return nullptr;
  // Only a later exception can re-include something below `path`.
  const auto later = patterns_.begin() + (p - patterns_.data()) + 1;
  const bool rescued = std::any_of(later, patterns_.end(), [&](const IgnorePattern& e) {
    return e.exception && e.reaches(path);
  });
  return rescued ? nullptr : p;
}

}  // namespace dfopt::transforms
