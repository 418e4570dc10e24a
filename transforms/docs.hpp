// Rule documentation rendered from the docs in code: the README's rule table
// and the man page's RULES section are generated from here.
#pragma once

#include <string>

namespace dfopt::transforms {

// A Markdown table: id, category, fix safety, default, equivalents, summary.
[[nodiscard]] std::string rule_table_markdown();

}  // namespace dfopt::transforms
