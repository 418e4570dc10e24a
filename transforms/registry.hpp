// The one list of transforms dfopt ships, in a stable order.
#pragma once

#include <span>
#include <string_view>

#include "rewrite/transform.hpp"

namespace dfopt::transforms {

[[nodiscard]] std::span<const Transform* const> all();
[[nodiscard]] const Transform* find(std::string_view id);

}  // namespace dfopt::transforms
