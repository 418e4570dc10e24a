#include "shell/command_model.hpp"

#include <algorithm>

namespace dfopt::shell {

namespace {

void collect(const std::vector<Statement>& statements, std::vector<const SimpleCommand*>& out);

void collect(const Command& command, std::vector<const SimpleCommand*>& out) {
  if (const auto* simple = std::get_if<SimpleCommand>(&command)) {
    out.push_back(simple);
  } else if (const auto* subshell = std::get_if<Subshell>(&command)) {
    collect(subshell->body, out);
  } else if (const auto* group = std::get_if<Group>(&command)) {
    collect(group->body, out);
  }
}

void collect(const std::vector<Statement>& statements, std::vector<const SimpleCommand*>& out) {
  for (const Statement& statement : statements) {
    for (const Pipeline& pipeline : statement.and_or.pipelines) {
      for (const Command& command : pipeline.commands) collect(command, out);
    }
  }
}

std::string_view literal_of(const Word& word) {
  return word.literal ? std::string_view(*word.literal) : std::string_view();
}

bool is_flag(std::string_view w) { return w.size() > 1 && w[0] == '-'; }

// How a wrapper's options are shaped.
struct WrapperSpec {
  std::string_view name;
  Names value_flags;  // options followed by a separate value
  int operands = 0;   // operands before the command (the duration of timeout)
};

const std::array<std::string_view, 20> kSudoValueFlags = {
    "-u",     "-g",     "-C",     "-D",       "-h",           "-p",          "-r",
    "-t",     "-U",     "-T",     "-R",       "--user",       "--group",     "--chdir",
    "--host", "--role", "--type", "--prompt", "--other-user", "--close-from"};
const std::array<std::string_view, 6> kEnvValueFlags = {"-u",      "-C",      "-S",
                                                        "--unset", "--chdir", "--split-string"};
const std::array<std::string_view, 2> kNiceValueFlags = {"-n", "--adjustment"};
const std::array<std::string_view, 8> kIoniceValueFlags = {"-c", "-n",      "-p",          "-P",
                                                           "-u", "--class", "--classdata", "--pid"};
const std::array<std::string_view, 4> kTimeValueFlags = {"-f", "-o", "--format", "--output"};
const std::array<std::string_view, 1> kExecValueFlags = {"-a"};
const std::array<std::string_view, 4> kTimeoutValueFlags = {"-s", "-k", "--signal", "--kill-after"};
const std::array<std::string_view, 6> kStdbufValueFlags = {"-i",      "-o",       "-e",
                                                           "--input", "--output", "--error"};

const std::array<WrapperSpec, 11> kWrappers = {{
    {"sudo", kSudoValueFlags, 0},
    {"doas", kSudoValueFlags, 0},
    {"env", kEnvValueFlags, 0},
    {"nice", kNiceValueFlags, 0},
    {"ionice", kIoniceValueFlags, 0},
    {"nohup", {}, 0},
    {"time", kTimeValueFlags, 0},
    {"command", {}, 0},
    {"exec", kExecValueFlags, 0},
    {"timeout", kTimeoutValueFlags, 1},
    {"stdbuf", kStdbufValueFlags, 0},
}};

const WrapperSpec* find_wrapper(std::string_view name) {
  for (const WrapperSpec& w : kWrappers) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

bool is_python(std::string_view name) {
  if (name.starts_with("pypy"))
    name.remove_prefix(4);
  else if (name.starts_with("python"))
    name.remove_prefix(6);
  else
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace

bool Names::contains(std::string_view name) const { return std::find(begin_, end_, name) != end_; }

std::vector<const SimpleCommand*> commands(const std::vector<Statement>& statements) {
  std::vector<const SimpleCommand*> out;
  collect(statements, out);
  return out;
}

std::vector<const SimpleCommand*> commands(const Script& script) {
  return commands(script.statements);
}

std::string_view program_name(const Word& word) {
  std::string_view name = literal_of(word);
  const std::size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return name;
}

CommandView view(const SimpleCommand& cmd) {
  CommandView v;
  v.command = &cmd;
  const std::vector<Word>& words = cmd.words;
  const std::size_t n = words.size();
  std::size_t i = 0;
  while (i < n) {
    const std::string_view name = program_name(words[i]);
    const WrapperSpec* wrapper = find_wrapper(name);
    if (wrapper == nullptr) break;
    std::size_t j = i + 1;
    // `command -v x` asks about x rather than running it.
    if (name == "command" && j < n &&
        (literal_of(words[j]) == "-v" || literal_of(words[j]) == "-V")) {
      break;
    }
    std::vector<const Word*> assignments;
    while (j < n) {
      const std::string_view w = literal_of(words[j]);
      if (w == "--") {
        ++j;
        break;
      }
      if (name == "nice" && w.size() > 1 && w[0] == '-' && w[1] >= '0' && w[1] <= '9') {
        ++j;  // nice -10
        continue;
      }
      if (!is_flag(w)) break;
      j += wrapper->value_flags.contains(w) ? 2 : 1;
    }
    if (name == "env") {
      while (j < n && words[j].assignment_like) assignments.push_back(&words[j++]);
    }
    j += static_cast<std::size_t>(wrapper->operands);
    if (j >= n) break;  // a wrapper with no command is the program itself
    v.wrappers.emplace_back(name);
    v.env_assignments.insert(v.env_assignments.end(), assignments.begin(), assignments.end());
    i = j;
  }
  if (i >= n) return v;
  v.program_word = &words[i];
  v.program = std::string(program_name(words[i]));
  v.args = std::span<const Word>(words).subspan(i + 1);
  if (!is_python(v.program)) return v;
  // python [-flags] -m module: the module is the program.
  for (std::size_t j = i + 1; j < n; ++j) {
    const std::string_view w = literal_of(words[j]);
    if (w == "-m" && j + 1 < n) {
      const std::string_view module = literal_of(words[j + 1]);
      if (module.empty()) return v;
      v.program = std::string(module);
      v.program_word = &words[j + 1];
      v.args = std::span<const Word>(words).subspan(j + 2);
      return v;
    }
    if (w == "-W" || w == "-X") {
      ++j;
      continue;
    }
    if (w.size() != 2 || w[0] != '-' || w == "-c" || w == "--") return v;
  }
  return v;
}

bool is_program(const CommandView& cmd, Names programs) {
  return cmd.has_program() && programs.contains(cmd.program);
}

bool is(const CommandView& cmd, Names programs, std::string_view sub, Names value_flags) {
  if (!is_program(cmd, programs)) return false;
  const Word* word = subcommand(cmd, value_flags);
  return word != nullptr && word->literal && *word->literal == sub;
}

std::vector<const Word*> operands(const CommandView& cmd, Names value_flags) {
  std::vector<const Word*> out;
  bool after_dashes = false;
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const Word& word = cmd.args[i];
    if (after_dashes || !word.literal) {
      out.push_back(&word);
      continue;
    }
    const std::string_view w = *word.literal;
    if (w == "--") {
      after_dashes = true;
    } else if (is_flag(w)) {
      if (value_flags.contains(w)) ++i;
    } else {
      out.push_back(&word);
    }
  }
  return out;
}

const Word* subcommand(const CommandView& cmd, Names value_flags) {
  // The first operand, without collecting the rest.
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const Word& word = cmd.args[i];
    if (!word.literal) return &word;
    const std::string_view w = *word.literal;
    if (w == "--") return i + 1 < cmd.args.size() ? &cmd.args[i + 1] : nullptr;
    if (!is_flag(w)) return &word;
    if (value_flags.contains(w)) ++i;
  }
  return nullptr;
}

std::vector<const Word*> args_after_subcommand(const CommandView& cmd, Names value_flags) {
  std::vector<const Word*> out = operands(cmd, value_flags);
  if (!out.empty()) out.erase(out.begin());
  return out;
}

bool has_flag(const CommandView& cmd, Names names, Names value_flags) {
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const std::string_view w = literal_of(cmd.args[i]);
    if (w == "--") return false;
    if (!is_flag(w)) continue;
    if (w.starts_with("--")) {
      const std::string_view name = w.substr(2, w.find('=') - 2);
      if (names.contains(name)) return true;
      if (value_flags.contains(w)) ++i;
      continue;
    }
    const std::string_view cluster = w.substr(1);
    if (names.contains(cluster)) return true;  // a single-dash long option such as -name
    for (std::size_t k = 0; k < cluster.size(); ++k) {
      if (names.contains(cluster.substr(k, 1))) return true;
      const char flag[2] = {'-', cluster[k]};
      if (value_flags.contains(std::string_view(flag, 2))) {
        if (k + 1 == cluster.size()) ++i;  // the value is the next word
        break;
      }
    }
  }
  return false;
}

std::vector<std::string_view> flag_values(const CommandView& cmd, Names names) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const std::string_view w = literal_of(cmd.args[i]);
    if (w == "--") break;
    if (!is_flag(w)) continue;
    const bool has_next = i + 1 < cmd.args.size();
    if (w.starts_with("--")) {
      const std::size_t eq = w.find('=');
      if (!names.contains(w.substr(2, eq - 2))) continue;
      if (eq != std::string_view::npos) {
        out.push_back(w.substr(eq + 1));
      } else if (has_next && cmd.args[i + 1].literal) {
        out.push_back(*cmd.args[++i].literal);
      }
      continue;
    }
    if (!names.contains(w.substr(1, 1))) continue;
    if (w.size() > 2) {
      out.push_back(w.substr(2));
    } else if (has_next && cmd.args[i + 1].literal) {
      out.push_back(*cmd.args[++i].literal);
    }
  }
  return out;
}

std::optional<std::string_view> flag_value(const CommandView& cmd, Names names) {
  std::vector<std::string_view> values = flag_values(cmd, names);
  if (values.empty()) return std::nullopt;
  return values.front();
}

std::uint32_t end_of_words(const SimpleCommand& cmd) {
  std::uint32_t end = cmd.span.begin;
  bool any = false;
  for (const Assignment& a : cmd.assignments) {
    end = any ? std::max(end, a.span.end) : a.span.end;
    any = true;
  }
  for (const Word& w : cmd.words) {
    end = any ? std::max(end, w.span.end) : w.span.end;
    any = true;
  }
  return end;
}

std::optional<std::uint32_t> after_subcommand(const CommandView& cmd, Names value_flags) {
  const Word* word = subcommand(cmd, value_flags);
  if (word == nullptr) return std::nullopt;
  return word->span.end;
}

bool is_pip(const CommandView& cmd) {
  std::string_view name = cmd.program;
  if (!name.starts_with("pip")) return false;
  name.remove_prefix(3);
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool is_pip_install(const CommandView& cmd) {
  if (!is_pip(cmd)) return false;
  const Word* word = subcommand(cmd, kPipValueFlags);
  return word != nullptr && word->literal && *word->literal == "install";
}

bool is_apt_get_install(const CommandView& cmd) {
  return is(cmd, kAptPrograms, "install", kAptValueFlags);
}

}  // namespace dfopt::shell
