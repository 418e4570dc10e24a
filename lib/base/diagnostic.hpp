// A message about a place in a source file, rendered as
// `path:line:col: message`, the source line, and a caret under the column.
#pragma once

#include <cstdint>
#include <string>

#include "base/source.hpp"

namespace dfopt {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::uint32_t offset = 0;  // byte offset of the caret
  std::string message;
};

[[nodiscard]] Diagnostic error_at(std::uint32_t offset, std::string message);

// `path:line:col: message` followed by a code frame (line + caret).
[[nodiscard]] std::string format_diagnostic(const SourceBuffer& source, const Diagnostic& diag);
// Only the code frame: the source line (shortened around the column when very
// long, control bytes shown as spaces) and a caret line.
[[nodiscard]] std::string code_frame(const SourceBuffer& source, std::uint32_t offset);

}  // namespace dfopt
