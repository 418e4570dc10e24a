#include "rewrite/transform.hpp"

#include <array>

namespace dfopt {

namespace {
constexpr std::array<std::string_view, 7> category_names{"packages", "layers",  "cache",  "stages",
                                                         "security", "runtime", "context"};
}  // namespace

std::string_view to_string(Category category) {
  return category_names[static_cast<std::size_t>(category)];
}

std::optional<Category> category_from(std::string_view name) {
  for (std::size_t i = 0; i < category_names.size(); ++i) {
    if (category_names[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::string_view to_string(OptionType type) {
  switch (type) {
    case OptionType::String:
      return "string";
    case OptionType::Integer:
      return "integer";
    case OptionType::Boolean:
      return "boolean";
    case OptionType::StringList:
      return "array of strings";
    case OptionType::StringTable:
      return "table of strings";
  }
  return "string";
}

std::string_view Context::id() const { return transform_.id; }

std::string Context::setting(std::string_view key, std::string_view fallback) const {
  const auto it = settings_.find(key);
  return it != settings_.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

std::int64_t Context::setting(std::string_view key, std::int64_t fallback) const {
  const auto it = settings_.find(key);
  return it != settings_.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

bool Context::setting(std::string_view key, bool fallback) const {
  const auto it = settings_.find(key);
  return it != settings_.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::vector<std::string> Context::setting_list(std::string_view key) const {
  std::vector<std::string> out;
  const auto it = settings_.find(key);
  if (it == settings_.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Context::setting_table(
    std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> out;
  const auto it = settings_.find(key);
  if (it == settings_.end() || !it->is_object()) return out;
  for (const auto& [k, v] : it->items()) {
    if (v.is_string()) out.emplace_back(k, v.get<std::string>());
  }
  return out;
}

void Context::report(Span span, std::string message, Safety safety, std::string title,
                     std::vector<TextEdit> edits) {
  auto fix = Fix::create(safety, std::move(title), std::move(edits));
  Finding finding{id(), span, std::move(message), {}, {}};
  if (fix) finding.fix = std::move(*fix);
  out_.push_back(std::move(finding));
}

}  // namespace dfopt
