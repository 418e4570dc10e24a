#include "transforms/registry.hpp"

#include <array>

#include "transforms/list.hpp"

namespace dfopt::transforms {

std::span<const Transform* const> all() {
  // One explicit list: no static self-registration.
  static const auto list = std::to_array<const Transform*>({
      // packages
      &apt_no_install_recommends(),
      &apt_clean_lists(),
      // runtime
      &maintainer_to_label(),
  });
  return list;
}

const Transform* find(std::string_view id) {
  for (const Transform* t : all()) {
    if (t->id == id) return t;
  }
  return nullptr;
}

}  // namespace dfopt::transforms
