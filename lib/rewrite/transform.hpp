// What a transform is: a stateless check over one parsed Dockerfile that reports
// findings, each with an optional fix. Transforms live one per file under
// transforms/ and are listed once in transforms/registry.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"

namespace dfopt {

enum class Category : std::uint8_t { Packages, Layers, Cache, Stages, Security, Runtime, Context };

[[nodiscard]] std::string_view to_string(Category category);
[[nodiscard]] std::optional<Category> category_from(std::string_view name);

struct Finding {
  std::string_view rule;  // the transform's id
  Span span;              // what the finding is about; its start is the reported position
  std::string message;
  std::optional<Fix> fix;
  // A file to create beside the Dockerfile (e.g. .dockerignore): path relative to
  // the Dockerfile's directory and its content. Applied with the fix's safety.
  std::optional<std::pair<std::string, std::string>> new_file;

  // The fix's safety, or DisplayOnly when there is no fix.
  [[nodiscard]] Safety safety() const { return fix ? fix->safety() : Safety::DisplayOnly; }
};

struct Transform;

// The type of one [rules.<id>] setting; .dfopt.toml values are checked against it.
enum class OptionType : std::uint8_t { String, Integer, Boolean, StringList, StringTable };

[[nodiscard]] std::string_view to_string(OptionType type);

// One setting a transform reads from its [rules.<id>] table.
struct Option {
  std::string_view key;
  OptionType type;
  std::string_view help;  // one line, shown by --explain
};

// What a transform's check function gets.
class Context {
 public:
  Context(const Analysis& analysis, const Transform& transform, const nlohmann::json& settings,
          std::vector<Finding>& out)
      : analysis_(analysis), transform_(transform), settings_(settings), out_(out) {}

  [[nodiscard]] const Analysis& analysis() const { return analysis_; }
  [[nodiscard]] const syntax::Document& doc() const { return analysis_.doc(); }
  [[nodiscard]] const Transform& transform() const { return transform_; }
  // This transform's settings from .dfopt.toml ([rules.<id>]); an empty object by default.
  [[nodiscard]] const nlohmann::json& settings() const { return settings_; }
  // One setting, or `fallback` when it is absent (the config loader has checked its type).
  [[nodiscard]] std::string setting(std::string_view key, std::string_view fallback) const;
  [[nodiscard]] std::int64_t setting(std::string_view key, std::int64_t fallback) const;
  [[nodiscard]] bool setting(std::string_view key, bool fallback) const;
  [[nodiscard]] std::vector<std::string> setting_list(std::string_view key) const;
  // A table of strings ([rules.<id>.<key>] name = "value"); empty when absent.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> setting_table(
      std::string_view key) const;

  void report(Span span, std::string message) {
    out_.push_back(Finding{id(), span, std::move(message), {}, {}});
  }
  // Reports with a fix made of `edits`; a fix that cannot be formed is reported without one.
  void report(Span span, std::string message, Safety safety, std::string title,
              std::vector<TextEdit> edits);
  void report(Finding finding) { out_.push_back(std::move(finding)); }

 private:
  [[nodiscard]] std::string_view id() const;

  const Analysis& analysis_;
  const Transform& transform_;
  const nlohmann::json& settings_;
  std::vector<Finding>& out_;
};

struct Transform {
  std::string_view id;  // stable kebab-case id
  Category category;
  Safety safety;             // the default class of its fixes
  std::string_view summary;  // one line
  std::vector<std::string_view>
      equivalents;  // hadolint (DLxxxx), BuildKit check and Trivy (DSxxx) ids
  // Markdown with the headings: What it does / Why is this bad? / Example /
  // Use instead / Fix safety (and Options where it has settings).
  std::string_view doc;
  bool enabled_by_default = true;
  void (*check)(Context& ctx) = nullptr;
  std::vector<Option> options = {};  // its [rules.<id>] settings
};

}  // namespace dfopt
