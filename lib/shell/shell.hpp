// The shell grammar for RUN bodies (Boost.Spirit X3) and its public entry point.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "base/logical_text.hpp"
#include "shell/ast.hpp"

namespace dfopt::shell {

namespace parser {

namespace x3 = boost::spirit::x3;

// Rule ID of the whole body; the grammar and its other rules live in shell_def.hpp.
struct script_class;
using script_type = x3::rule<script_class, Script>;
BOOST_SPIRIT_DECLARE(script_type)

}  // namespace parser

// The top rule of the grammar.
const parser::script_type& script_rule();

// Nesting depth (lists, subshells, $(...), ${...}) beyond which a body becomes opaque.
inline constexpr int kMaxNestingDepth = 100;

// Parses a RUN body. Never throws and never fails: a body the grammar cannot parse becomes one
// Opaque node (status ParseStatus::Opaque) spanning all of it. Spans are source spans mapped
// through `body.to_source`; `logical` spans index `body.text()`.
Script parse(const LogicalText& body);

}  // namespace dfopt::shell
