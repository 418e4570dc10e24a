#include "transforms/support/context_free.hpp"

#include <algorithm>
#include <array>

#include "transforms/support/commands.hpp"
#include "transforms/support/manifests.hpp"

namespace dfopt::transforms {

namespace {

using shell::CommandView;
using shell::Word;

// A word that names no path relative to the working directory.
bool not_relative(const Word& w) {
  const std::string& s = *w.literal;
  if (s.find("://") != std::string::npos || s.starts_with('/') || s.starts_with('-')) return true;
  return s != "." && s != ".." && !s.starts_with("./") && !s.starts_with("../") &&
         s.find('/') == std::string::npos;
}

bool all_absolute(const std::vector<const Word*>& words) {
  return std::all_of(words.begin(), words.end(),
                     [](const Word* w) { return w->literal->starts_with('/'); });
}

bool absolute_value(const CommandView& cmd, shell::Names names) {
  const auto values = shell::flag_values(cmd, names);
  return !values.empty() && std::all_of(values.begin(), values.end(),
                                        [](std::string_view v) { return v.starts_with('/'); });
}

// Whether the command is one of the kinds that need nothing from the context.
bool context_free(const CommandView& cmd, ContextFreeRun& out) {
  const std::string& p = cmd.program;
  const auto args_ok = [&] { return std::all_of(cmd.args.begin(), cmd.args.end(), not_relative); };
  if (shell::is_program(cmd, shell::kAptPrograms) || p == "apk" || p == "yum" || p == "dnf" ||
      p == "microdnf" || p == "zypper") {
    out.installs_packages = true;
    return args_ok();
  }
  if (p == "useradd" || p == "adduser" || p == "groupadd" || p == "addgroup" || p == "usermod" ||
      p == "groupmod") {
    out.creates_users = true;
    return args_ok();
  }
  if (p == "mkdir" || p == "rm" || p == "touch" || p == "ln" || p == "tee") {
    return all_absolute(shell::operands(cmd, {"-m", "--mode"}));
  }
  if (p == "chmod" || p == "chown" || p == "chgrp") {
    const auto ops = shell::operands(cmd, {"--reference"});
    return ops.size() >= 2 && all_absolute(std::vector<const Word*>(ops.begin() + 1, ops.end()));
  }
  if (p == "curl") {
    static constexpr std::array<std::string_view, 10> value_flags{
        "-o", "--output", "-H", "-u", "-d", "-A", "-x", "-e", "-w", "-X"};
    return absolute_value(cmd, {"o", "output"}) &&
           !shell::has_flag(
               cmd, {"O", "remote-name", "remote-name-all", "K", "config", "T", "upload-file"},
               value_flags);
  }
  if (p == "wget") return absolute_value(cmd, {"O", "output-document", "P", "directory-prefix"});
  if (p == "sed") {
    const auto ops = shell::operands(cmd, {"-e", "-f"});
    return shell::has_flag(cmd, {"i", "in-place"}, {"-e", "-f"}) && ops.size() >= 2 &&
           ops.back()->literal->starts_with('/');
  }
  if (p == "echo" || p == "printf" || p == "set" || p == "export" ||
      p == "update-ca-certificates" || p == "locale-gen" || p == "ldconfig" ||
      p == "dpkg-reconfigure") {
    return true;
  }
  return needs_no_context(cmd);
}

void collect_paths(std::string_view s, ContextFreeRun& out) {
  const std::size_t eq = s.find('=');
  if (!s.starts_with('/') && eq != std::string_view::npos) s = s.substr(eq + 1);
  if (!s.starts_with('/')) return;
  s = s.substr(0, s.find_first_of("*?[{"));
  const std::string path = resolve_path("/", s);
  out.paths.push_back(path.empty() ? "/" : path);
}

}  // namespace

std::optional<ContextFreeRun> context_free_run(const Analysis& analysis, std::size_t index) {
  const syntax::Instruction& run = analysis.doc().instructions[index];
  if (run.keyword != syntax::Keyword::Run || !run.heredocs.empty() ||
      run.form != syntax::ArgForm::Shell) {
    return std::nullopt;
  }
  // A bind mount (of the context, by default) is something from the context.
  for (const syntax::Flag& f : run.flags) {
    if (f.name == "mount" && (!f.value || (f.value->find("type=cache") == std::string::npos &&
                                           f.value->find("type=secret") == std::string::npos &&
                                           f.value->find("type=tmpfs") == std::string::npos))) {
      return std::nullopt;
    }
  }
  const shell::Script* script = analysis.script(index);
  if (script == nullptr || script->status != shell::ParseStatus::Parsed ||
      script->statements.empty()) {
    return std::nullopt;
  }
  ContextFreeRun out;
  for (const RunCommand& c : run_commands(analysis, index)) {
    const auto literal = [](const Word& w) { return w.literal.has_value(); };
    if (!c.view.has_program() ||
        !std::all_of(c.command->words.begin(), c.command->words.end(), literal)) {
      return std::nullopt;
    }
    for (const shell::Assignment& a : c.command->assignments) {
      if (!a.value.literal && !a.value.parts.empty()) return std::nullopt;
    }
    for (const shell::Redirect& r : c.command->redirects) {
      const bool dup = r.op == shell::RedirOp::GreatAnd || r.op == shell::RedirOp::LessAnd;
      if (!r.target.literal || (!dup && !r.target.literal->starts_with('/'))) return std::nullopt;
      if (!dup) collect_paths(*r.target.literal, out);
    }
    if (!context_free(c.view, out)) return std::nullopt;
    for (const Word& w : c.command->words) collect_paths(*w.literal, out);
  }
  return out;
}

}  // namespace dfopt::transforms
