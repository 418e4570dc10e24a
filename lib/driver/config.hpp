// `.dfopt.toml`: which rules run on which Dockerfiles, and with what settings.
//
// The file
// --------
// dfopt looks for `.dfopt.toml` in the Dockerfile's directory, then in each parent directory up
// to the root of the repository (the first directory that contains `.git`, included) or of the
// file system, and uses the nearest one. `--config FILE` names the file explicitly instead.
// Globs in the file are relative to the directory that holds it.
//
//   # Rule ids (`apt-no-install-recommends`), categories (`packages`, `layers`, `cache`,
//   # `stages`, `security`, `runtime`, `context`) or `all`.
//   select = ["packages", "merge-runs"]  # replaces the default selection (the rules enabled
//                                        # by default)
//   extend-select = ["cache-mounts"]     # added to the selection
//   ignore = ["no-sudo"]                 # removed from the selection
//   unsafe-fixes = false                 # also apply fixes that may change the image
//   exclude = ["vendor/**", "**/testdata/**"]  # files and directories not to look at
//
//   [[per-path]]                         # overrides for the Dockerfiles that match `path`;
//   path = "legacy/**"                   # every matching entry applies, in file order
//   ignore = ["apt-no-install-recommends"]
//   select = ["security"]                # optional, as above; so is `extend-select`
//
//   [rules.pin-base-image]               # settings of one rule (see `dfopt --explain ID`)
//   map = { python = "python:3.12-slim" }
//
// Which rules run
// ---------------
// Like ruff, the selection is built in layers: the rules enabled by default, then the file's
// `select` / `extend-select` / `ignore`, then each matching `[[per-path]]` entry in order, then
// the command line's `--select` / `--extend-select` / `--ignore` (the command line wins).
// Within a layer, `select` (when present) starts from nothing, `extend-select` adds and `ignore`
// removes; a rule id is more specific than a category, which is more specific than `all`, and
// the more specific selector decides (`select = ["packages"]` + `ignore = ["apt-clean"]` turns
// off only `apt-clean`; `ignore = ["packages"]` + `extend-select = ["apt-clean"]` keeps it on).
// At the same specificity, `ignore` wins.
//
// Globs
// -----
// `*` matches any characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and `[!abc]`
// (or `[^abc]`) one character of a set, `\x` the character x. A `**` segment matches any number
// of directories, including none: `**/testdata` matches `testdata` and `a/b/testdata`,
// `a/**/b` matches `a/b`, and `vendor/**` matches `vendor` and everything under it. An
// `exclude` or `per-path` pattern without a `/` matches a file or directory of that name at
// any depth; one with a `/` (a leading `/` or `./` included) is anchored to the config's
// directory; one ending in `/` matches only directories. A `per-path` entry also applies to
// the files under a directory it matches (`path = "legacy"` covers `legacy/app/Dockerfile`).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source.hpp"

namespace dfopt::driver {

inline constexpr std::string_view config_file_name = ".dfopt.toml";

// How rule names in a config or on the command line are validated.
struct RuleCatalog {
  std::function<bool(std::string_view)> is_rule;
  std::function<bool(std::string_view)> is_category;
  // The type of setting `key` of rule `id` ("string", "integer", "boolean", "array of
  // strings" or "table of strings"), nullopt for an unknown key. Settings are not
  // checked when this is empty.
  std::function<std::optional<std::string>(std::string_view id, std::string_view key)>
      setting_type = {};
};

// What resolution needs to know about each rule (the lead builds these from the registry).
struct RuleInfo {
  std::string id;
  std::string category;
  bool enabled_by_default = true;
  std::vector<std::pair<std::string, std::string>> options = {};  // setting key → type name
};

// A catalog that answers from `rules` (which must outlive it).
[[nodiscard]] RuleCatalog catalog_of(std::span<const RuleInfo> rules);

// One layer of selectors: ids, categories or "all".
struct RuleSelectors {
  std::optional<std::vector<std::string>> select;  // replaces the selection when present
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
};

struct PerPathConfig {
  std::string path;  // glob relative to the config's directory
  RuleSelectors rules;
};

struct Config {
  std::filesystem::path file;  // absolute path of the .dfopt.toml
  std::filesystem::path dir;   // its directory (absolute, normalized); globs are relative to it
  RuleSelectors rules;
  std::optional<bool> unsafe_fixes;
  std::vector<std::string> exclude;
  std::vector<PerPathConfig> per_path;
  nlohmann::json settings = nlohmann::json::object();  // rule id → its [rules.<id>] table
};

// A config file that cannot be read or is invalid. `format()` gives
// `path:line:col: error: message` and a code frame.
struct ConfigError {
  std::shared_ptr<const SourceBuffer> source;  // the file's bytes (empty when unreadable)
  Diagnostic diag;

  [[nodiscard]] std::string format() const;
  [[nodiscard]] LineCol line_col() const { return source->line_col(diag.offset); }
};

using ConfigResult = std::variant<Config, ConfigError>;

// Reads and validates one config file. Unknown keys, wrong types and unknown rule ids or
// categories are errors located at the offending key or value.
[[nodiscard]] ConfigResult load_config(const std::filesystem::path& file,
                                       const RuleCatalog& catalog);
// The same from text already in memory (`file` names it in messages and sets `Config::dir`).
[[nodiscard]] ConfigResult parse_config(const std::filesystem::path& file, std::string text,
                                        const RuleCatalog& catalog);

// The nearest `.dfopt.toml` governing `dockerfile` (see the top of this file).
[[nodiscard]] std::optional<std::filesystem::path> find_config(
    const std::filesystem::path& dockerfile);
// The same starting from a directory.
[[nodiscard]] std::optional<std::filesystem::path> find_config_from_dir(
    const std::filesystem::path& dir);

// Finds and parses configs once each; safe to use from several threads.
class ConfigCache {
 public:
  using Entry = std::variant<std::shared_ptr<const Config>, ConfigError>;

  explicit ConfigCache(RuleCatalog catalog) : catalog_(std::move(catalog)) {}

  // The config governing `dockerfile`: a null pointer when there is none.
  [[nodiscard]] Entry for_file(const std::filesystem::path& dockerfile);
  // The config governing the files in `dir`.
  [[nodiscard]] Entry for_directory(const std::filesystem::path& dir);
  // A given config file (`--config FILE`), parsed once.
  [[nodiscard]] Entry load(const std::filesystem::path& file);

 private:
  struct Slot {
    std::once_flag once;
    std::optional<Entry> entry;
  };

  std::optional<std::filesystem::path> nearest(const std::filesystem::path& dir);
  std::optional<std::filesystem::path> nearest_absolute(const std::filesystem::path& dir);

  RuleCatalog catalog_;
  std::mutex mutex_;
  // Directory → its nearest config file; strings, not paths (a path keeps a list of its
  // components: a bulk run caches one entry per directory).
  std::map<std::string, std::optional<std::string>, std::less<>> nearest_;
  std::map<std::filesystem::path, std::shared_ptr<Slot>> parsed_;
};

// What the command line says; each part is empty when not given.
struct CliOverrides {
  std::optional<std::vector<std::string>> select;  // --select
  std::vector<std::string> extend_select;          // --extend-select
  std::vector<std::string> ignore;                 // --ignore
  std::optional<bool> unsafe_fixes;                // --unsafe-fixes / --no-unsafe-fixes
};

// The rules to run on one Dockerfile.
struct Selection {
  std::vector<std::string> rules;  // in the order of the `rules` given to resolve()
  bool unsafe_fixes = false;
  nlohmann::json settings = nlohmann::json::object();  // rule id → settings object

  [[nodiscard]] bool contains(std::string_view id) const;
};

// Applies the layers described at the top of this file. `config` may be null; `dockerfile`
// is matched against `[[per-path]]` globs relative to the config's directory.
[[nodiscard]] Selection resolve(std::span<const RuleInfo> rules, const Config* config,
                                const std::filesystem::path& dockerfile, const CliOverrides& cli);

// For the command line: an error message naming the first selector that is neither "all", a
// rule id nor a category; nullopt when all are valid.
[[nodiscard]] std::optional<std::string> check_selectors(const std::vector<std::string>& selectors,
                                                         const RuleCatalog& catalog);

// Whether the `/`-separated relative `path` matches `pattern` (see "Globs" above).
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view path);

// An exclude or .gitignore-style pattern, matched against paths relative to its base directory.
struct PathPattern {
  std::string glob;  // anchored at the base directory ("**/" prepended when unanchored)
  bool dir_only = false;
  bool negated = false;  // `!pattern` (only meaningful in .gitignore files)

  // `line` as written in `exclude` (negation not recognised) or a .gitignore (it is);
  // nullopt for a blank line or a comment.
  [[nodiscard]] static std::optional<PathPattern> parse(std::string_view line, bool gitignore);
  [[nodiscard]] bool matches(std::string_view relative, bool is_dir) const;
};

// `path` relative to `base` with `/` separators, or nullopt when it is not under `base`. Both
// are made absolute and normalized lexically (symlinks are not resolved).
[[nodiscard]] std::optional<std::string> relative_to(const std::filesystem::path& path,
                                                     const std::filesystem::path& base);

}  // namespace dfopt::driver
