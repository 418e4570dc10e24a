// A readable indented tree of a shell AST, for debugging (`dfopt --dump=shell`) and golden tests.
#pragma once

#include <string>
#include <string_view>

#include "shell/ast.hpp"

namespace dfopt::shell {

// One node per line, two spaces of indent per level: the node kind, its source span `[b,e)`,
// and for words their source text (escaped, in double quotes) and literal value when it differs.
// `source` is the text the spans index (the whole file, or the body for a contiguous body).
std::string dump_shell(const Script& script, std::string_view source);

}  // namespace dfopt::shell
