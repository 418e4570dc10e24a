// Pins the iterator and context types the shell grammar is instantiated with.
#pragma once

#include <boost/spirit/home/x3/support/context.hpp>
#include <cstdint>
#include <string>

namespace dfopt::shell::parser {

namespace x3 = boost::spirit::x3;

// Mutable state threaded through the grammar by the context (one per parse call).
struct ParseState {
  const char* base = nullptr;    // start of the logical text; spans are offsets from it
  int depth = 0;                 // current nesting depth of lists and ${...}
  bool heredoc_pending = false;  // a << redirection was seen: the next newline starts its body
  std::uint32_t error_offset = 0;
  std::string error;  // what the grammar expected where it failed
};

struct state_tag;

using iterator_type = const char*;
using context_type = x3::context<state_tag, ParseState>;

}  // namespace dfopt::shell::parser
