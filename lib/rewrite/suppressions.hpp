// Suppression comments: `# dfopt ignore=id[,id]` on the comment lines right
// before an instruction, `# dfopt global ignore=…` anywhere; hadolint's
// `# hadolint ignore=DLxxxx` / `# hadolint global ignore=…`; and BuildKit's
// `# check=skip=Name[,Name]` (or `skip=all`) directive. dfopt comments take rule
// ids, categories or `all`; hadolint and BuildKit ones silence the transforms
// that list those ids as equivalents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/span.hpp"
#include "rewrite/transform.hpp"
#include "syntax/ir.hpp"

namespace dfopt {

class Suppressions {
 public:
  [[nodiscard]] static Suppressions of(const syntax::Document& doc);

  // Whether a finding of `transform` at `offset` is suppressed.
  [[nodiscard]] bool suppressed(const Transform& transform, std::uint32_t offset) const;

  enum class Source : std::uint8_t { Dfopt, Hadolint, BuildKit };
  struct Entry {
    Source source = Source::Dfopt;
    std::string id;
    Span scope;  // the instruction's lines; empty for a file-wide entry
    bool global = false;
  };
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace dfopt
