#include "rewrite/transform.hpp"

#include <array>

namespace dfopt {

namespace {
constexpr std::array<std::string_view, 7> category_names{"packages", "layers",  "cache",  "stages",
                                                         "security", "runtime", "context"};
}  // namespace

std::string_view to_string(Category category) { return category_names[static_cast<std::size_t>(category)]; }

std::optional<Category> category_from(std::string_view name) {
  for (std::size_t i = 0; i < category_names.size(); ++i) {
    if (category_names[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::string_view Context::id() const { return transform_.id; }

void Context::report(Span span, std::string message, Safety safety, std::string title, std::vector<TextEdit> edits) {
  auto fix = Fix::create(safety, std::move(title), std::move(edits));
  Finding finding{id(), span, std::move(message), {}, {}};
  if (fix) finding.fix = std::move(*fix);
  out_.push_back(std::move(finding));
}

}  // namespace dfopt
