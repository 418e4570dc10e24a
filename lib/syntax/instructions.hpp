// BuildKit's typed parse (its `instructions` package): the checks that run after
// the line parser accepted a file — argument counts, known flags and their
// values, HEALTHCHECK options, stage names, instructions before the first FROM.
#pragma once

#include <optional>

#include "base/diagnostic.hpp"
#include "syntax/ir.hpp"

namespace dfopt::syntax {

// The first error BuildKit's typed parse would report, or nullopt.
[[nodiscard]] std::optional<Diagnostic> check_instructions(const Document& doc);

}  // namespace dfopt::syntax
