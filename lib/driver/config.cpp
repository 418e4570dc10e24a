#include "driver/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

namespace dfopt::driver {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Globs

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// The bracket expression starting at p[pos] == '['. Returns the index just past its `]` and sets
// `matched`; nullopt when it is not terminated (the `[` is then an ordinary character).
std::optional<std::size_t> match_bracket(std::string_view p, std::size_t pos, char c,
                                         bool& matched) {
  std::size_t i = pos + 1;
  const bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  const auto at = [&](std::size_t& k) {
    if (p[k] == '\\' && k + 1 < p.size()) ++k;
    return static_cast<unsigned char>(p[k++]);
  };
  const auto byte = static_cast<unsigned char>(c);
  bool hit = false;
  bool first = true;
  while (i < p.size() && (first || p[i] != ']')) {
    first = false;
    const unsigned char lo = at(i);
    unsigned char hi = lo;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      ++i;
      hi = at(i);
    }
    if (lo <= byte && byte <= hi) hit = true;
  }
  if (i >= p.size()) return std::nullopt;
  matched = hit != negate;
  return i + 1;
}

// One pattern segment against one path segment (neither contains '/').
bool match_segment(std::string_view p, std::string_view s) {
  std::size_t pi = 0;
  std::size_t si = 0;
  std::size_t star_p = std::string_view::npos;  // pattern index after the last '*'
  std::size_t star_s = 0;                       // where that '*' started matching
  // Advances over one pattern element matching s[si]; false when it does not match.
  const auto step = [&]() {
    if (pi >= p.size()) return false;
    const char pc = p[pi];
    if (pc == '*') {
      star_p = ++pi;
      star_s = si;
      return true;
    }
    if (pc == '?') {
      ++pi;
      ++si;
      while (si < s.size() && is_continuation_byte(s[si])) ++si;
      return true;
    }
    if (pc == '[') {
      bool matched = false;
      if (const auto next = match_bracket(p, pi, s[si], matched)) {
        if (!matched) return false;
        pi = *next;
        ++si;
        return true;
      }
    }
    const bool escaped = pc == '\\' && pi + 1 < p.size();
    if (p[pi + (escaped ? 1 : 0)] != s[si]) return false;
    pi += escaped ? 2 : 1;
    ++si;
    return true;
  };
  while (si < s.size()) {
    if (step()) continue;
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t slash = std::min(text.find('/', start), text.size());
    if (slash > start) out.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool match_segments(std::span<const std::string_view> pat, std::span<const std::string_view> path) {
  if (pat.empty()) return path.empty();
  if (pat.front() == "**") {
    std::size_t n = 1;
    while (n < pat.size() && pat[n] == "**") ++n;  // `**/**` is `**`
    for (std::size_t skip = 0; skip <= path.size(); ++skip) {
      if (match_segments(pat.subspan(n), path.subspan(skip))) return true;
    }
    return false;
  }
  if (path.empty() || !match_segment(pat.front(), path.front())) return false;
  return match_segments(pat.subspan(1), path.subspan(1));
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  const auto pat = split_segments(pattern);
  const auto segs = split_segments(path);
  return match_segments(pat, segs);
}

std::optional<PathPattern> PathPattern::parse(std::string_view line, bool gitignore) {
  PathPattern out;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Trailing spaces are dropped unless escaped; leading ones only outside .gitignore.
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t') &&
         !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
    line.remove_suffix(1);
  }
  if (!gitignore) {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  }
  if (line.empty() || (gitignore && line.front() == '#')) return std::nullopt;
  if (gitignore && line.front() == '!') {
    out.negated = true;
    line.remove_prefix(1);
  } else if (gitignore && line.size() >= 2 && line[0] == '\\' &&
             (line[1] == '#' || line[1] == '!')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && line.back() == '/') {
    out.dir_only = true;
    line.remove_suffix(1);
  }
  bool anchored = !gitignore && line.starts_with("./");
  if (anchored) line.remove_prefix(2);
  anchored = anchored || line.find('/') != std::string_view::npos;
  while (!line.empty() && line.front() == '/') line.remove_prefix(1);
  if (line.empty()) return std::nullopt;
  anchored = anchored || line.starts_with("**/");
  out.glob = anchored ? std::string(line) : "**/" + std::string(line);
  return out;
}

bool PathPattern::matches(std::string_view relative, bool is_dir) const {
  if (dir_only && !is_dir) return false;
  return glob_match(glob, relative);
}

namespace {

fs::path normal_absolute(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = path;
  abs = abs.lexically_normal();
  if (!abs.has_filename() && abs.has_relative_path()) abs = abs.parent_path();
  return abs;
}

}  // namespace

std::optional<std::string> relative_to(const fs::path& path, const fs::path& base) {
  const fs::path rel = normal_absolute(path).lexically_relative(normal_absolute(base));
  if (rel.empty()) return std::nullopt;
  if (rel == ".") return std::string();
  if (*rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

// ---------------------------------------------------------------------------------------------
// Loading

std::string ConfigError::format() const {
  if (source->text().empty()) return fmt::format("{}: error: {}\n", source->path(), diag.message);
  return format_diagnostic(*source, diag);
}

RuleCatalog catalog_of(std::span<const RuleInfo> rules) {
  return RuleCatalog{
      [rules](std::string_view name) {
        return std::any_of(rules.begin(), rules.end(),
                           [&](const RuleInfo& r) { return r.id == name; });
      },
      [rules](std::string_view name) {
        return std::any_of(rules.begin(), rules.end(),
                           [&](const RuleInfo& r) { return r.category == name; });
      },
      [rules](std::string_view id, std::string_view key) -> std::optional<std::string> {
        for (const RuleInfo& r : rules) {
          if (r.id != id) continue;
          for (const auto& [k, type] : r.options) {
            if (k == key) return type;
          }
        }
        return std::nullopt;
      }};
}

namespace {

bool is_all(std::string_view selector) { return selector == "all" || selector == "ALL"; }

// Byte offset of a toml++ position (1-based line, column counted in code points).
std::uint32_t offset_of(const SourceBuffer& source, const toml::source_position& pos) {
  if (pos.line == 0) return 0;
  const std::string_view text = source.text();
  std::uint32_t i = source.line_start(pos.line);
  const auto limit = static_cast<std::uint32_t>(i + source.line_text(pos.line).size());
  if (pos.line == 1 && text.starts_with("\xEF\xBB\xBF")) i += 3;  // toml++ skips a BOM
  for (toml::source_index col = 1; col < pos.column && i < limit; ++col) {
    ++i;
    while (i < limit && is_continuation_byte(text[i])) ++i;
  }
  return i;
}

nlohmann::json to_json(const toml::node& node) {
  if (const auto* table = node.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto&& [key, value] : *table) out[std::string(key.str())] = to_json(value);
    return out;
  }
  if (const auto* array = node.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& value : *array) out.push_back(to_json(value));
    return out;
  }
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* b = node.as_boolean()) return b->get();
  // Dates and times become their TOML text.
  std::ostringstream os;
  if (const auto* d = node.as_date()) os << *d;
  if (const auto* t = node.as_time()) os << *t;
  if (const auto* dt = node.as_date_time()) os << *dt;
  return os.str();
}

// Checks the parsed document against the schema, stopping at the first error.
class Reader {
 public:
  Reader(const SourceBuffer& source, const RuleCatalog& catalog)
      : source_(source), catalog_(catalog) {}

  bool read(const toml::table& root, Config& config) {
    for (auto&& [key, node] : root) {
      const std::string_view name = key.str();
      if (name == "unsafe-fixes") {
        if (!read_bool(node, name, config.unsafe_fixes)) return false;
      } else if (name == "exclude") {
        if (!read_strings(node, name, config.exclude, false)) return false;
      } else if (name == "per-path") {
        if (!read_per_path(node, config.per_path)) return false;
      } else if (name == "rules") {
        if (!read_rules(node, config.settings)) return false;
      } else if (!read_selector_key(key, node, config.rules)) {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] Diagnostic take_error() { return std::move(error_); }

 private:
  bool fail(const toml::source_region& where, std::string message) {
    error_ = error_at(offset_of(source_, where.begin), std::move(message));
    return false;
  }

  bool unknown_key(const toml::key& key, std::string_view expected) {
    return fail(key.source(), fmt::format("unknown key '{}' (expected {})", key.str(), expected));
  }

  // select / extend-select / ignore; anything else is an unknown key.
  bool read_selector_key(const toml::key& key, const toml::node& node, RuleSelectors& out,
                         std::string_view expected_keys =
                             "select, extend-select, ignore, unsafe-fixes, exclude, per-path or "
                             "rules") {
    const std::string_view name = key.str();
    if (name == "select") {
      out.select.emplace();
      return read_strings(node, name, *out.select, true);
    }
    if (name == "extend-select") return read_strings(node, name, out.extend_select, true);
    if (name == "ignore") return read_strings(node, name, out.ignore, true);
    return unknown_key(key, expected_keys);
  }

  bool read_bool(const toml::node& node, std::string_view name, std::optional<bool>& out) {
    const auto* value = node.as_boolean();
    if (value == nullptr)
      return fail(node.source(), fmt::format("'{}' must be true or false", name));
    out = value->get();
    return true;
  }

  bool read_string(const toml::node& node, std::string_view what, std::string& out) {
    const auto* value = node.as_string();
    if (value == nullptr) return fail(node.source(), fmt::format("{} must be a string", what));
    out = value->get();
    return true;
  }

  bool read_strings(const toml::node& node, std::string_view name, std::vector<std::string>& out,
                    bool selectors) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      return fail(node.source(), fmt::format("'{}' must be an array of strings", name));
    }
    for (const auto& element : *array) {
      std::string value;
      if (!read_string(element, fmt::format("each element of '{}'", name), value)) return false;
      if (selectors && !is_all(value) && !catalog_.is_rule(value) && !catalog_.is_category(value)) {
        return fail(element.source(), fmt::format("unknown rule or category '{}'", value));
      }
      out.push_back(std::move(value));
    }
    return true;
  }

  bool read_per_path(const toml::node& node, std::vector<PerPathConfig>& out) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      return fail(node.source(), "'per-path' must be an array of tables ([[per-path]])");
    }
    for (const auto& element : *array) {
      const auto* table = element.as_table();
      if (table == nullptr) return fail(element.source(), "each 'per-path' entry must be a table");
      PerPathConfig entry;
      bool has_path = false;
      for (auto&& [key, value] : *table) {
        if (key.str() == "path") {
          if (!read_string(value, "'path'", entry.path)) return false;
          if (entry.path.empty()) return fail(value.source(), "'path' must not be empty");
          has_path = true;
        } else if (!read_selector_key(key, value, entry.rules,
                                      "path, select, extend-select or ignore")) {
          return false;
        }
      }
      if (!has_path) return fail(element.source(), "a 'per-path' entry needs a 'path'");
      out.push_back(std::move(entry));
    }
    return true;
  }

  // A [rules.<id>] setting: a key the rule knows, of the type it expects.
  bool check_setting(std::string_view id, const toml::key& key, const toml::node& value) {
    const std::optional<std::string> type = catalog_.setting_type(id, key.str());
    if (!type)
      return fail(
          key.source(),
          fmt::format("rule '{}' has no setting '{}' (see dfopt --explain {})", id, key.str(), id));
    const auto all_strings = [](const auto& container) {
      return std::all_of(container.begin(), container.end(), [](const auto& element) {
        if constexpr (requires { element.second; }) {
          return element.second.is_string();
        } else {
          return element.is_string();
        }
      });
    };
    bool ok = false;
    if (*type == "string")
      ok = value.is_string();
    else if (*type == "integer")
      ok = value.is_integer();
    else if (*type == "boolean")
      ok = value.is_boolean();
    else if (*type == "array of strings")
      ok = value.is_array() && all_strings(*value.as_array());
    else if (*type == "table of strings")
      ok = value.is_table() && all_strings(*value.as_table());
    if (!ok)
      return fail(value.source(),
                  fmt::format("'rules.{}.{}' must be {} {}", id, key.str(),
                              type->front() == 'a' || type->front() == 'i' ? "an" : "a", *type));
    return true;
  }

  bool read_rules(const toml::node& node, nlohmann::json& out) {
    const auto* table = node.as_table();
    if (table == nullptr)
      return fail(node.source(), "'rules' must be a table of [rules.<id>] tables");
    for (auto&& [key, value] : *table) {
      const std::string_view id = key.str();
      if (!catalog_.is_rule(id)) {
        return fail(key.source(),
                    catalog_.is_category(id)
                        ? fmt::format("'{}' is a category; settings belong to a rule", id)
                        : fmt::format("unknown rule '{}'", id));
      }
      if (!value.is_table())
        return fail(value.source(), fmt::format("'rules.{}' must be a table", id));
      if (catalog_.setting_type) {
        for (auto&& [name, setting] : *value.as_table()) {
          if (!check_setting(id, name, setting)) return false;
        }
      }
      out[std::string(id)] = to_json(value);
    }
    return true;
  }

  const SourceBuffer& source_;
  const RuleCatalog& catalog_;
  Diagnostic error_;
};

ConfigError error_without_text(const fs::path& file, std::string message) {
  return ConfigError{std::make_shared<const SourceBuffer>(file.string(), std::string()),
                     error_at(0, std::move(message))};
}

}  // namespace

ConfigResult parse_config(const fs::path& file, std::string text, const RuleCatalog& catalog) {
  auto source = std::make_shared<const SourceBuffer>(file.string(), std::move(text));
  toml::table root;
  try {
    root = toml::parse(source->text(), source->path());
  } catch (const toml::parse_error& e) {
    return ConfigError{
        source, error_at(offset_of(*source, e.source().begin), std::string(e.description()))};
  }
  Config config;
  config.file = normal_absolute(file);
  config.dir = config.file.parent_path();
  Reader reader(*source, catalog);
  if (!reader.read(root, config)) return ConfigError{source, reader.take_error()};
  return config;
}

ConfigResult load_config(const fs::path& file, const RuleCatalog& catalog) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) return error_without_text(file, "is a directory");
  std::FILE* in = std::fopen(file.c_str(), "rb");
  if (in == nullptr) {
    return error_without_text(file, fmt::format("cannot read: {}", std::strerror(errno)));
  }
  std::string text;
  std::array<char, 8192> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    text.append(buffer.data(), n);
    if (text.size() > SourceBuffer::max_size) break;
  }
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) return error_without_text(file, "cannot read: I/O error");
  if (text.size() > SourceBuffer::max_size) return error_without_text(file, "file too large");
  return parse_config(file, std::move(text), catalog);
}

// ---------------------------------------------------------------------------------------------
// Discovery of the config file

namespace {

constexpr std::size_t nearest_cache_limit = 1024;

// What the absolute directory `dir` says about the config governing it: the config file in
// it, "none" at the repository or file-system root, or nothing (ask the parent).
std::optional<std::optional<fs::path>> config_step(const fs::path& dir) {
  std::error_code ec;
  if (fs::path candidate = dir / config_file_name; fs::is_regular_file(candidate, ec))
    return candidate;
  if (fs::exists(dir / ".git", ec) || !dir.has_relative_path()) return std::optional<fs::path>();
  return std::nullopt;
}

}  // namespace

std::optional<fs::path> find_config_from_dir(const fs::path& dir) {
  for (fs::path current = normal_absolute(dir);; current = current.parent_path()) {
    if (auto answer = config_step(current)) return *answer;
  }
}

std::optional<fs::path> find_config(const fs::path& dockerfile) {
  return find_config_from_dir(normal_absolute(dockerfile).parent_path());
}

std::optional<fs::path> ConfigCache::nearest(const fs::path& dir) {
  return nearest_absolute(normal_absolute(dir));
}

// As find_config_from_dir, one directory at a time: the parent's answer comes from the
// cache (a walk asks about a directory's parent just before), so a miss costs two stats.
std::optional<fs::path> ConfigCache::nearest_absolute(const fs::path& dir) {
  {
    const std::lock_guard lock(mutex_);
    if (auto it = nearest_.find(dir.native()); it != nearest_.end()) {
      if (!it->second) return std::nullopt;
      return fs::path(*it->second);
    }
  }
  auto answer = config_step(dir);
  std::optional<fs::path> found = answer ? *answer : nearest_absolute(dir.parent_path());
  const std::lock_guard lock(mutex_);
  // A bulk run asks about every directory it walks, depth first: the recent answers are the
  // ones asked again, and a bounded cache keeps the memory flat however big the tree.
  if (nearest_.size() >= nearest_cache_limit) nearest_.clear();
  nearest_.emplace(dir.native(),
                   found ? std::optional<std::string>(found->native()) : std::nullopt);
  return found;
}

ConfigCache::Entry ConfigCache::load(const fs::path& file) {
  const fs::path key = normal_absolute(file);
  std::shared_ptr<Slot> slot;
  {
    const std::lock_guard lock(mutex_);
    auto& entry = parsed_[key];
    if (!entry) entry = std::make_shared<Slot>();
    slot = entry;
  }
  std::call_once(slot->once, [&] {
    auto result = load_config(key, catalog_);
    if (auto* config = std::get_if<Config>(&result)) {
      slot->entry = Entry(std::make_shared<const Config>(std::move(*config)));
    } else {
      slot->entry = Entry(std::get<ConfigError>(std::move(result)));
    }
  });
  return *slot->entry;
}

ConfigCache::Entry ConfigCache::for_directory(const fs::path& dir) {
  const auto file = nearest(dir);
  if (!file) return std::shared_ptr<const Config>();
  return load(*file);
}

ConfigCache::Entry ConfigCache::for_file(const fs::path& dockerfile) {
  return for_directory(normal_absolute(dockerfile).parent_path());
}

// ---------------------------------------------------------------------------------------------
// Resolution

namespace {

constexpr int no_match = -1;

// How specifically `selector` names `rule`: all < category < id.
int specificity(std::string_view selector, const RuleInfo& rule) {
  if (selector == rule.id) return 2;
  if (selector == rule.category) return 1;
  if (is_all(selector)) return 0;
  return no_match;
}

void apply_layer(std::span<const RuleInfo> rules, const RuleSelectors& layer,
                 std::vector<char>& on) {
  if (layer.select) std::fill(on.begin(), on.end(), char{0});
  const auto apply = [&](const std::vector<std::string>& selectors, int level, char value) {
    for (const auto& selector : selectors) {
      for (std::size_t i = 0; i < rules.size(); ++i) {
        if (specificity(selector, rules[i]) == level) on[i] = value;
      }
    }
  };
  for (int level = 0; level <= 2; ++level) {
    if (layer.select) apply(*layer.select, level, 1);
    apply(layer.extend_select, level, 1);
    apply(layer.ignore, level, 0);
  }
}

// Whether `pattern` matches the file at `relative` or one of its parent directories.
bool per_path_matches(std::string_view pattern, std::string_view relative) {
  const auto parsed = PathPattern::parse(pattern, false);
  if (!parsed) return false;
  if (parsed->matches(relative, false)) return true;
  for (std::size_t slash = relative.find('/'); slash != std::string_view::npos;
       slash = relative.find('/', slash + 1)) {
    if (parsed->matches(relative.substr(0, slash), true)) return true;
  }
  return false;
}

}  // namespace

bool Selection::contains(std::string_view id) const {
  return std::find(rules.begin(), rules.end(), id) != rules.end();
}

Selection resolve(std::span<const RuleInfo> rules, const Config* config, const fs::path& dockerfile,
                  const CliOverrides& cli) {
  std::vector<char> on(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) on[i] = rules[i].enabled_by_default ? 1 : 0;
  Selection out;
  if (config != nullptr) {
    apply_layer(rules, config->rules, on);
    out.unsafe_fixes = config->unsafe_fixes.value_or(false);
    out.settings = config->settings;
    if (const auto relative = relative_to(dockerfile, config->dir)) {
      for (const auto& entry : config->per_path) {
        if (per_path_matches(entry.path, *relative)) apply_layer(rules, entry.rules, on);
      }
    }
  }
  apply_layer(rules, RuleSelectors{cli.select, cli.extend_select, cli.ignore}, on);
  if (cli.unsafe_fixes) out.unsafe_fixes = *cli.unsafe_fixes;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (on[i] != 0) out.rules.push_back(rules[i].id);
  }
  return out;
}

std::optional<std::string> check_selectors(const std::vector<std::string>& selectors,
                                           const RuleCatalog& catalog) {
  for (const auto& selector : selectors) {
    if (!is_all(selector) && !catalog.is_rule(selector) && !catalog.is_category(selector)) {
      return fmt::format("unknown rule or category '{}'", selector);
    }
  }
  return std::nullopt;
}

}  // namespace dfopt::driver
