// Token-level results of the Dockerfile grammar: byte ranges of the words it
// found in a logical line, plus decoded values where the grammar decodes them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dfopt::syntax::grammar {

// A [first, last) range of the text handed to a grammar entry point.
struct TokenRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

struct JsonToken {
  std::string value;  // decoded as Go's encoding/json decodes a string
  TokenRange range;   // including the quotes
};

struct DirectiveToken {
  std::string name;
  std::string value;
};

}  // namespace dfopt::syntax::grammar
