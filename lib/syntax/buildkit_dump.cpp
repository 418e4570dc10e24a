#include "syntax/buildkit_dump.hpp"

#include <cctype>

#include "base/unicode.hpp"

namespace dfopt::syntax {

std::string dump_buildkit(const Instruction& ins, std::string_view source) {
  std::string out;
  for (const char c : ins.keyword_text(source)) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!ins.flags.empty()) {
    out += " [";
    for (std::size_t i = 0; i < ins.flags.size(); ++i) {
      if (i > 0) out += ' ';
      out += go_quote(ins.flags[i].text);
    }
    out += ']';
  }
  if (ins.trigger) {
    out += " (" + dump_buildkit(*ins.trigger, source) + ")";
  }
  for (const KeyValue& kv : ins.pairs) {
    out += ' ' + go_quote(kv.key.value) + ' ' + go_quote(kv.value.value) +
           (kv.legacy ? " \"\"" : " \"=\"");
  }
  for (const Word& arg : ins.args) out += ' ' + go_quote(arg.value);
  return out;
}

std::string dump_buildkit(const Document& doc) {
  std::string out;
  for (const Instruction& ins : doc.instructions) {
    out += '(' + dump_buildkit(ins, doc.text()) + ")\n";
  }
  return out;
}

}  // namespace dfopt::syntax
