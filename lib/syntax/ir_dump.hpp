// A readable dump of dfopt's own IR (`dfopt --dump=ir`), for debugging and tests.
#pragma once

#include <string>

#include "syntax/ir.hpp"

namespace dfopt::syntax {

[[nodiscard]] std::string dump_ir(const Document& doc);

}  // namespace dfopt::syntax
