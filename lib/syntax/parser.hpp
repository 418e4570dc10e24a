// parse(): SourceBuffer → Document, BuildKit's parser rules with every byte kept.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "base/expected.hpp"
#include "syntax/ir.hpp"

namespace dfopt::syntax {

// Parses a Dockerfile. Fails (with a located Diagnostic) exactly where BuildKit's
// parser fails: bad escape token, repeated directive, unterminated heredoc, a JSON
// array of non-strings, ENV/LABEL without a value, a file with no instructions;
// and on input that is not a UTF-8 text file (NUL bytes, UTF-16/32).
[[nodiscard]] Expected<Document> parse(std::shared_ptr<const SourceBuffer> source);

// A heredoc marker word (`<<EOF`, `<<-"EOF"`, `3<<EOF`), BuildKit's reHeredoc.
[[nodiscard]] std::optional<Heredoc> heredoc_marker(std::string_view word);

// Re-assembles the file from the document's items (byte-identical to the input).
[[nodiscard]] std::string emit(const Document& doc);

}  // namespace dfopt::syntax
