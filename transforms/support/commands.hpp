// What several transforms share: walking the simple commands of every RUN,
// stage-aware lookups, and the edits that insert a flag or drop a command
// from an `&&` chain.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"
#include "shell/command_model.hpp"

namespace dfopt::transforms {

// One simple command of a shell-form RUN (ONBUILD RUN included; heredoc RUNs are
// skipped: their commands are not on the instruction line).
struct RunCommand {
  std::size_t index = 0;                       // the instruction in doc.instructions
  const syntax::Instruction* run = nullptr;    // the RUN (the trigger for ONBUILD RUN)
  const shell::Script* script = nullptr;
  const shell::SimpleCommand* command = nullptr;
  shell::CommandView view;
};

// Every simple command of every shell-form RUN, in file order.
[[nodiscard]] std::vector<RunCommand> run_commands(const Analysis& analysis);
// The commands of one RUN instruction.
[[nodiscard]] std::vector<RunCommand> run_commands(const Analysis& analysis, std::size_t index);

// Whether RUN `index` mounts a cache (or any mount) at a target starting with `prefix`.
[[nodiscard]] bool has_cache_mount(const syntax::Instruction& run, std::string_view prefix);

// Whether `name` is set by ENV or ARG in effect at instruction `index`, or given
// to the command as an assignment prefix or through `env`.
[[nodiscard]] bool variable_set(const Analysis& analysis, const RunCommand& cmd, std::string_view name);

// Inserts ` flag` after the subcommand word (after the program when there is none).
[[nodiscard]] std::optional<TextEdit> add_flag_after_subcommand(const RunCommand& cmd, std::string_view flag,
                                                                shell::Names value_flags = {});

// Removes one simple command that is a whole pipeline in an `&&` chain, with
// the `&&` that joins it to its neighbour; nullopt when it stands elsewhere (a
// `||` chain, a pipeline, alone in the RUN).
[[nodiscard]] std::optional<TextEdit> remove_from_and_chain(const RunCommand& cmd);

// The words of a command as plain text (literal values; `?` for non-literal words).
[[nodiscard]] std::string literal_text(const shell::Word& word);

// The subcommand of an apt-get/apt command (`install` in `apt-get -y install x`);
// nullopt for other programs and when the subcommand is missing or not literal.
[[nodiscard]] std::optional<std::string_view> apt_subcommand(const shell::CommandView& view);

// The simple command whose output `cmd` reads through a pipe (`yes` in
// `yes | apt-get install x`); nullptr when `cmd` is not fed by a pipe.
[[nodiscard]] const shell::SimpleCommand* piped_from(const RunCommand& cmd);

// Whether one RUN of the stage before instruction `index` mentions every one of
// `texts` (an apt.conf snippet that sets `Assume-Yes`, say); plain substring tests.
[[nodiscard]] bool earlier_run_mentions(const Analysis& analysis, std::size_t index, shell::Names texts);

// Removes several commands, each a whole pipeline in an `&&` chain, as one set of
// edits (neighbours in one chain are removed together, never overlapping).
// nullopt when one of them stands elsewhere or a chain would be left empty.
[[nodiscard]] std::optional<std::vector<TextEdit>> remove_from_and_chains(
    const std::vector<const RunCommand*>& cmds);

// The target of every --mount flag of a RUN (`target=`, `dst=` or `destination=`).
[[nodiscard]] std::vector<std::string_view> mount_targets(const syntax::Instruction& run);

// `command` as `cmd` ran its program: prefixed with `sudo ` when `cmd` went
// through sudo (a cleanup must run as the user that filled the cache).
[[nodiscard]] std::string as_run_by(const RunCommand& cmd, std::string_view command);

// `upper` (a keyword in upper case) written the way `model` is: "copy" for
// model "add", "Copy" for "Add", upper case otherwise.
[[nodiscard]] std::string cased_like(std::string_view model, std::string_view upper);

// `s` as a JSON string literal, quotes included (as in an exec-form
// `CMD ["a", "b"]`); UTF-8 is kept as it is, control characters are escaped.
[[nodiscard]] std::string json_quote(std::string_view s);

// A FROM reference as a Docker Hub official image: {"python", "3.12-slim"} for
// `docker.io/library/python:3.12-slim@sha256:…`, tag "" when absent. The name is
// "" for other registries and namespaces, and for names with variables.
struct OfficialImage {
  std::string name;
  std::string tag;
};
[[nodiscard]] OfficialImage official_image(std::string_view ref);

// Whether `cmd` installs one of the packages `names` (`name` or `name=version`)
// with apt-get/apt, apk, yum/dnf/microdnf or zypper.
[[nodiscard]] bool installs_package(const shell::CommandView& cmd, shell::Names names);

// Removes `cmd` from its RUN: the whole instruction when it is the RUN's only
// command, else through remove_from_and_chain; nullopt when neither applies.
[[nodiscard]] std::optional<TextEdit> remove_command_or_run(const Analysis& analysis, const RunCommand& cmd);

}  // namespace dfopt::transforms
