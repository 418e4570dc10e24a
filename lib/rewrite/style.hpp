// The file's own style, so that new text looks as if its author wrote it:
// line endings, escape token, keyword case, continuation indent and where `&&`
// goes when a command list is split over lines.
#pragma once

#include <string>
#include <string_view>

#include "syntax/ir.hpp"

namespace dfopt {

struct Style {
  std::string newline = "\n";  // "\r\n" in CRLF files
  char escape = '\\';
  bool lower_keywords = false;     // most instructions are written in lower case
  std::string indent = "    ";     // leading white space of continuation lines
  bool and_at_line_start = false;  // `\` then `&& cmd` on the next line, rather than `cmd && \`

  [[nodiscard]] static Style of(const syntax::Document& doc);

  // A keyword as this file writes keywords ("RUN" or "run").
  [[nodiscard]] std::string keyword(std::string_view upper) const;
  // `a && b` split over lines in this style: the separator that joins two commands.
  [[nodiscard]] std::string and_break() const;
};

}  // namespace dfopt
