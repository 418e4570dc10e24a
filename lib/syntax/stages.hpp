// The stage view over a Document: each FROM starts a stage; COPY --from and
// FROM <stage> link stages; and the effective SHELL / USER / WORKDIR / ARG / ENV
// at any instruction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "syntax/ir.hpp"

namespace dfopt::syntax {

struct Stage {
  std::size_t index = 0;                  // position among the stages
  std::size_t from = 0;                   // index of its FROM in doc.instructions
  std::size_t end = 0;                    // one past its last instruction
  std::string name;                       // lower case, "" when unnamed
  std::string base;                       // the image (or stage) named in FROM
  std::string platform;                   // --platform, "" when absent
  std::optional<std::size_t> base_stage;  // when FROM names an earlier stage
  std::vector<std::size_t> copies_from;   // stages this one COPY --from's (no duplicates)
};

struct StageView {
  std::vector<std::size_t> meta_args;  // ARG instructions before the first FROM
  std::vector<Stage> stages;

  // The stage containing instruction `index`, or nullptr before the first FROM.
  [[nodiscard]] const Stage* stage_of(std::size_t index) const;
  // A stage by name (case-insensitive) or by number, as FROM and COPY --from resolve it.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view ref) const;
};

[[nodiscard]] StageView stages(const Document& doc);

// What is in effect just before instruction `index` of its stage (inherited from
// a base stage when FROM names one). Values are as written (not expanded).
struct Environment {
  std::vector<std::string> shell{"/bin/sh", "-c"};
  std::string user;     // "" = root (the default)
  std::string workdir;  // "" = / (the default)
  std::map<std::string, std::string, std::less<>> args;
  std::map<std::string, std::string, std::less<>> env;
};

[[nodiscard]] Environment environment_at(const Document& doc, const StageView& view,
                                         std::size_t index);

}  // namespace dfopt::syntax
