// What several transforms share: walking the simple commands of every RUN,
// stage-aware lookups, and the edits that insert a flag or drop a command
// from an `&&` chain.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"
#include "shell/command_model.hpp"

namespace dfopt::transforms {

// Every simple command of every shell-form RUN, in file order.
[[nodiscard]] const std::vector<RunCommand>& run_commands(const Analysis& analysis);
// The commands of one RUN instruction.
[[nodiscard]] std::span<const RunCommand> run_commands(const Analysis& analysis, std::size_t index);

// Whether RUN `index` mounts a cache (or any mount) at a target starting with `prefix`.
[[nodiscard]] bool has_cache_mount(const syntax::Instruction& run, std::string_view prefix);

// Whether `name` is set by ENV or ARG in effect at instruction `index`, or given
// to the command as an assignment prefix or through `env`.
[[nodiscard]] bool variable_set(const Analysis& analysis, const RunCommand& cmd,
                                std::string_view name);

// Inserts ` flag` after the subcommand word (after the program when there is none).
[[nodiscard]] std::optional<TextEdit> add_flag_after_subcommand(const RunCommand& cmd,
                                                                std::string_view flag,
                                                                shell::Names value_flags = {});

// Removes one simple command that is a whole pipeline in an `&&` chain, with
// the `&&` that joins it to its neighbour; nullopt when it stands elsewhere (a
// `||` chain, a pipeline, alone in the RUN).
[[nodiscard]] std::optional<TextEdit> remove_from_and_chain(const RunCommand& cmd);

// Inserts `text && ` before `cmd` when it is a whole pipeline that starts its
// and-or list or follows `&&`, so that `text` runs exactly before it; nullopt
// when it stands elsewhere (after `||`, inside a pipeline).
[[nodiscard]] std::optional<TextEdit> prepend_in_and_chain(const RunCommand& cmd,
                                                           std::string_view text);

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
[[nodiscard]] bool earlier_run_mentions(const Analysis& analysis, std::size_t index,
                                        shell::Names texts);

// Removes several commands of one RUN, each a whole pipeline in an `&&` chain, as
// one set of edits (neighbours in one chain are removed together, never
// overlapping; comment lines inside the continuation are kept). nullopt when
// one of them stands elsewhere or a chain would be left empty.
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

// The packages `cmd` installs with apt-get/apt, apk, yum/dnf/microdnf or zypper, as
// written without a version (`name` of `name=1.2`); non-literal words are skipped.
[[nodiscard]] std::vector<std::string_view> installed_by(const shell::CommandView& cmd);

// Whether `cmd` installs one of the packages `names` (`name` or `name=version`)
// with apt-get/apt, apk, yum/dnf/microdnf or zypper.
[[nodiscard]] bool installs_package(const shell::CommandView& cmd, shell::Names names);

// The packages `cmd` removes: apt-get/apt remove/purge, apk del (virtual package
// names included), yum/dnf/microdnf remove/erase, zypper remove/rm; as written
// without a version; non-literal words are skipped.
[[nodiscard]] std::vector<std::string_view> removed_by(const shell::CommandView& cmd);

// Removes `cmd` from its RUN: the whole instruction when it is the RUN's only
// command, else through remove_from_and_chains (comment lines kept); nullopt
// when neither applies.
[[nodiscard]] std::optional<std::vector<TextEdit>> remove_command_or_run(const Analysis& analysis,
                                                                         const RunCommand& cmd);

// `path` made absolute against `cwd` (an absolute path) and normalised (`.`,
// `..` and repeated or trailing slashes resolved); "" when either holds
// characters other than letters, digits and `/._+-@:,=`, or when a relative
// path meets an empty or relative `cwd`.
[[nodiscard]] std::string resolve_path(std::string_view cwd, std::string_view path);

// What a COPY/ADD wrote, as a later RUN in the same working directory names it.
struct CopiedPath {
  std::string path;   // resolve_path of the copied file, or of the destination directory
  bool file = false;  // one source that looks like a file: an extension, no glob or trailing slash
  bool absolute = false;  // the destination was written as an absolute literal path
};

// A `chown`/`chmod`-like command in the RUN that directly follows a COPY/ADD in
// its stage, with at least one operand path at, inside or above what the COPY wrote.
struct CopyFollowUp {
  std::size_t copy = 0;  // the COPY/ADD in doc.instructions
  CopiedPath copied;
  RunCommand cmd;
  std::string setting;             // the first operand (owner, mode) when literal, else ""
  std::vector<std::string> paths;  // the other operands, resolved ("" when not literal)
  bool recursive = false;          // -R / --recursive
  bool other_flags = false;        // any other flag
  bool first = false;              // the first command of its RUN
};

// Every `program` command (chown, chmod) that follows a COPY/ADD as above.
[[nodiscard]] std::vector<CopyFollowUp> copy_follow_ups(const Analysis& analysis,
                                                        std::string_view program);

// Inserts ` --name=value` after the last flag of COPY/ADD `copy` (after its keyword when it has
// none).
[[nodiscard]] TextEdit add_copy_flag(const syntax::Instruction& copy, std::string_view name,
                                     std::string_view value);

// Inserts whole lines before instruction `index` and the comment lines directly
// above it (they describe it, and `# dfopt ignore=` / `# hadolint ignore=` must
// stay right before it), in the instruction's indentation and line endings.
[[nodiscard]] TextEdit insert_above_comments(const Analysis& analysis, std::size_t index,
                                             std::string_view lines);

// Whether the stage of instruction `index` (or the stage it is built FROM) starts
// from a distribution release whose packaged tools predate 2014 (Ubuntu 14.04 and
// older, Debian 7 and older, CentOS 6 and older): their pip (< 6) and RubyGems
// (< 2) lack `--no-cache-dir` and `--no-document`.
[[nodiscard]] bool built_from_old_release(const Analysis& analysis, std::size_t index);

// `# syntax=docker/dockerfile:1` as the file's first line (after a BOM), for
// features that need BuildKit's current frontend; nullopt when the file already
// has a syntax directive.
[[nodiscard]] std::optional<TextEdit> add_syntax_directive(const Analysis& analysis);

}  // namespace dfopt::transforms
