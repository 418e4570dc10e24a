// BuildKit's `Node.Dump()` format: one line per instruction,
// `(cmd ["--flag" …] "arg" …)`, as in BuildKit's parser testfiles.
#pragma once

#include <string>

#include "syntax/ir.hpp"

namespace dfopt::syntax {

[[nodiscard]] std::string dump_buildkit(const Document& doc);
[[nodiscard]] std::string dump_buildkit(const Instruction& ins, std::string_view source);

}  // namespace dfopt::syntax
