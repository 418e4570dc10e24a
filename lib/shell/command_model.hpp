// Queries over the shell AST in the style of hadolint's shell model: which simple commands a
// body runs, what program each one calls (seeing through sudo, env, nice, ... wrappers), its
// subcommand, flags and operands, and where a rewrite can insert text.
//
// Flags are named without their dashes: {"y", "yes", "assume-yes"} matches `-y`, `-qqy`, `--yes`
// and `--assume-yes`. Flags that take a separate value are listed as written, with dashes:
// {"-o", "-c", "-t"} for apt-get; their values are not mistaken for operands.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shell/ast.hpp"

namespace dfopt::shell {

// A borrowed list of names: an initializer list at the call site, an array or a vector.
class Names {
 public:
  Names() = default;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"  // borrowed for the call, like a span
#endif
  Names(std::initializer_list<std::string_view> names)  // NOLINT(google-explicit-constructor)
      : begin_(names.begin()), end_(names.end()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  template <std::size_t N>
  Names(const std::array<std::string_view, N>& names)  // NOLINT(google-explicit-constructor)
      : begin_(names.data()), end_(names.data() + N) {}
  Names(const std::vector<std::string_view>& names)  // NOLINT(google-explicit-constructor)
      : begin_(names.data()), end_(names.data() + names.size()) {}

  [[nodiscard]] const std::string_view* begin() const { return begin_; }
  [[nodiscard]] const std::string_view* end() const { return end_; }
  [[nodiscard]] bool empty() const { return begin_ == end_; }
  [[nodiscard]] bool contains(std::string_view name) const;

 private:
  const std::string_view* begin_ = nullptr;
  const std::string_view* end_ = nullptr;
};

// All simple commands in source order, descending into lists, pipelines, subshells and groups
// (not into opaque nodes, nor into command substitutions).
std::vector<const SimpleCommand*> commands(const Script& script);
std::vector<const SimpleCommand*> commands(const std::vector<Statement>& statements);

// A simple command seen through its wrappers.
struct CommandView {
  const SimpleCommand* command = nullptr;
  // The program: the base name of the first word after the wrappers (`/usr/bin/apt-get` gives
  // `apt-get`), or the module of `python -m module` (`python3 -m pip` gives `pip`). Empty when the
  // command has no words or the program word is not literal (`$CC`).
  std::string program;
  const Word* program_word = nullptr;  // the word that named the program (the module word for -m)
  std::span<const Word> args;          // the words after program_word
  std::vector<std::string> wrappers;   // skipped wrappers in order: "sudo", "env", ...
  std::vector<const Word*> env_assignments;  // A=b words given to env

  [[nodiscard]] bool has_program() const { return !program.empty(); }
};

// The view of `cmd`. Wrappers skipped, with their options: sudo, doas, env (options and A=b
// words), nice, ionice, nohup, time, command (not `command -v`), exec, timeout, stdbuf.
CommandView view(const SimpleCommand& cmd);

// The base name of a literal word (`/usr/bin/pip3` gives `pip3`); empty when not literal.
std::string_view program_name(const Word& word);

// Whether `program` is one of `programs`.
bool is_program(const CommandView& cmd, Names programs);
// Whether the program is one of `programs` and its subcommand is `subcommand`.
bool is(const CommandView& cmd, Names programs, std::string_view subcommand,
        Names value_flags = {});

// Operands: arguments that are neither flags nor values of `value_flags`; everything after
// `--` is an operand. Non-literal words count as operands.
std::vector<const Word*> operands(const CommandView& cmd, Names value_flags = {});
// The first operand (`install` in `apt-get -y install x`), or nullptr.
const Word* subcommand(const CommandView& cmd, Names value_flags = {});
// The operands after the subcommand (the package names in `apt-get install -y curl git`).
std::vector<const Word*> args_after_subcommand(const CommandView& cmd, Names value_flags = {});

// Whether any of `names` is given: `-y`, a combined short cluster `-qqy`, `--yes`,
// `--yes=value`. A short cluster stops at its first letter that is in `value_flags` (the rest of
// `-oFoo` is a value). Only flags before `--` count.
bool has_flag(const CommandView& cmd, Names names, Names value_flags = {});
// The values given to any of `names`: `--name=value`, `--name value`, `-n value`, `-nvalue`
// (views into the words' literal values; a non-literal value is skipped).
std::vector<std::string_view> flag_values(const CommandView& cmd, Names names);
// The first of flag_values, if any.
std::optional<std::string_view> flag_value(const CommandView& cmd, Names names);

// Source offset right after the command's last word (or last assignment when it has no words):
// where to append an argument, before any trailing redirection or blank.
std::uint32_t end_of_words(const SimpleCommand& cmd);
// Source offset right after the subcommand word, if there is a subcommand.
std::optional<std::uint32_t> after_subcommand(const CommandView& cmd, Names value_flags = {});

// Package managers.
inline constexpr std::array<std::string_view, 2> kAptPrograms = {"apt-get", "apt"};
inline constexpr std::array<std::string_view, 8> kAptValueFlags = {"-o",
                                                                   "-c",
                                                                   "-t",
                                                                   "--option",
                                                                   "--config-file",
                                                                   "--target-release",
                                                                   "--default-release",
                                                                   "--host-architecture"};
inline constexpr std::array<std::string_view, 10> kPipValueFlags = {
    "--proxy",         "--log",          "--cache-dir", "--retries",     "--timeout",
    "--exists-action", "--trusted-host", "--cert",      "--client-cert", "--python"};

// pip, pip3, pip3.12, python -m pip, python3 -m pip (through the view).
bool is_pip(const CommandView& cmd);
bool is_pip_install(const CommandView& cmd);
bool is_apt_get_install(const CommandView& cmd);  // apt-get/apt install

}  // namespace dfopt::shell
