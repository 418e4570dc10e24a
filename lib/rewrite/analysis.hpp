// Analyses of one parsed Dockerfile that several transforms need, computed on
// first use and cached for the round: the stage view, the file's style, and the
// shell AST of every RUN.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "rewrite/style.hpp"
#include "shell/ast.hpp"
#include "shell/command_model.hpp"
#include "syntax/ir.hpp"
#include "syntax/stages.hpp"

namespace dfopt {

// One simple command of a shell-form RUN (ONBUILD RUN included; heredoc RUNs are
// skipped: their commands are not on the instruction line).
struct RunCommand {
  std::size_t index = 0;                     // the instruction in doc.instructions
  const syntax::Instruction* run = nullptr;  // the RUN (the trigger for ONBUILD RUN)
  const shell::Script* script = nullptr;
  const shell::SimpleCommand* command = nullptr;
  shell::CommandView view;
};

// Shell ASTs by instruction index (null where none was parsed).
using ScriptTable = std::vector<std::unique_ptr<shell::Script>>;

class Analysis {
 public:
  // `directory`: the Dockerfile's directory, taken as its build context; empty when
  // unknown (text from stdin without --stdin-filename, tests). `parsed`: shell ASTs of
  // this document's RUNs already parsed elsewhere (`shell::parse(run(i)->rest_text())`,
  // e.g. by the pass manager's guard), taken instead of parsing again.
  explicit Analysis(const syntax::Document& doc, std::filesystem::path directory = {},
                    ScriptTable parsed = {});

  [[nodiscard]] const syntax::Document& doc() const { return doc_; }
  [[nodiscard]] std::string_view text() const { return doc_.text(); }
  [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }
  [[nodiscard]] const syntax::StageView& stages() const;
  [[nodiscard]] const Style& style() const;
  // Whether RUNs at instruction `index` run under a POSIX shell: the default
  // /bin/sh (not on Windows base images, whose default is cmd) or a SHELL naming
  // sh, bash, dash, ash, zsh, ksh, mksh or busybox.
  [[nodiscard]] bool posix_shell(std::size_t index) const;
  // The shell AST of instruction `index` when it is a shell-form RUN (or an ONBUILD RUN)
  // under a POSIX shell; nullptr otherwise. Heredoc RUNs get the AST of their first line only.
  [[nodiscard]] const shell::Script* script(std::size_t index) const;
  // The RUN instruction itself (the ONBUILD trigger for ONBUILD RUN), or nullptr.
  [[nodiscard]] const syntax::Instruction* run(std::size_t index) const;
  // Every simple command of every shell-form RUN, in file order (walked once per round).
  [[nodiscard]] const std::vector<RunCommand>& commands() const;
  // The commands of RUN instruction `index`.
  [[nodiscard]] std::span<const RunCommand> commands(std::size_t index) const;
  // syntax::environment_at(doc, stages(), index), computed once per instruction.
  [[nodiscard]] const syntax::Environment& environment(std::size_t index) const;
  // The shell ASTs parsed so far; the analysis is not used after.
  [[nodiscard]] ScriptTable take_scripts() &&;

 private:
  const syntax::Document& doc_;
  std::filesystem::path directory_;
  mutable std::optional<syntax::StageView> stages_;
  mutable std::optional<Style> style_;
  mutable ScriptTable scripts_;
  mutable std::vector<bool> scripts_done_;
  mutable std::vector<bool> posix_;
  mutable std::optional<std::vector<RunCommand>> commands_;
  mutable std::vector<std::size_t>
      commands_begin_;  // per instruction (+1 sentinel): its first command
  mutable std::vector<std::unique_ptr<syntax::Environment>>
      environments_;  // per instruction, computed in one pass on first use
};

}  // namespace dfopt
