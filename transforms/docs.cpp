#include "transforms/docs.hpp"

#include <fmt/format.h>

#include "transforms/registry.hpp"

namespace dfopt::transforms {

std::string rule_table_markdown() {
  std::string out =
      "| id | category | fix safety | default | equivalents | summary |\n"
      "|---|---|---|---|---|---|\n";
  for (const Transform* t : all()) {
    std::string eq;
    for (const std::string_view e : t->equivalents) eq += (eq.empty() ? "" : ", ") + std::string(e);
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", t->id, to_string(t->category),
                       to_string(t->safety), t->enabled_by_default ? "on" : "off",
                       eq.empty() ? "—" : eq, t->summary);
  }
  return out;
}

}  // namespace dfopt::transforms
