#include "transforms/support/commands.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <variant>

#include <fmt/format.h>

namespace dfopt::transforms {

namespace {

void collect(const Analysis& analysis, std::size_t index, std::vector<RunCommand>& out) {
  const syntax::Instruction* run = analysis.run(index);
  if (run == nullptr || !run->heredocs.empty()) return;
  const shell::Script* script = analysis.script(index);
  if (script == nullptr) return;
  for (const shell::SimpleCommand* c : shell::commands(*script)) {
    out.push_back(RunCommand{index, run, script, c, shell::view(*c)});
  }
}

// The and-or list and pipeline index where `cmd` stands as a whole pipeline.
struct Place {
  const shell::AndOr* and_or = nullptr;
  std::size_t pipeline = 0;
};

std::optional<Place> find_place(const std::vector<shell::Statement>& statements, const shell::SimpleCommand* cmd) {
  for (const shell::Statement& st : statements) {
    const auto& pipelines = st.and_or.pipelines;
    for (std::size_t i = 0; i < pipelines.size(); ++i) {
      const shell::Pipeline& p = pipelines[i];
      if (p.commands.size() == 1 && !p.negated) {
        if (const auto* simple = std::get_if<shell::SimpleCommand>(&p.commands[0]); simple == cmd) {
          return Place{&st.and_or, i};
        }
      }
      for (const shell::Command& c : p.commands) {
        const std::vector<shell::Statement>* body = nullptr;
        if (const auto* sub = std::get_if<shell::Subshell>(&c)) body = &sub->body;
        if (const auto* group = std::get_if<shell::Group>(&c)) body = &group->body;
        if (body != nullptr) {
          if (auto place = find_place(*body, cmd)) return place;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<RunCommand> run_commands(const Analysis& analysis) {
  std::vector<RunCommand> out;
  for (std::size_t i = 0; i < analysis.doc().instructions.size(); ++i) collect(analysis, i, out);
  return out;
}

std::vector<RunCommand> run_commands(const Analysis& analysis, std::size_t index) {
  std::vector<RunCommand> out;
  collect(analysis, index, out);
  return out;
}

bool has_cache_mount(const syntax::Instruction& run, std::string_view prefix) {
  for (const syntax::Flag& f : run.flags) {
    if (f.name != "mount" || !f.value) continue;
    std::string_view rest = *f.value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      for (const std::string_view key : {"target=", "dst=", "destination="}) {
        if (field.substr(0, key.size()) == key && field.substr(key.size()).substr(0, prefix.size()) == prefix) {
          return true;
        }
      }
    }
  }
  return false;
}

bool variable_set(const Analysis& analysis, const RunCommand& cmd, std::string_view name) {
  for (const shell::Assignment& a : cmd.command->assignments) {
    if (a.name == name) return true;
  }
  for (const shell::Word* w : cmd.view.env_assignments) {
    if (w->literal && w->literal->substr(0, name.size() + 1) == std::string(name) + "=") return true;
  }
  const syntax::Environment env = syntax::environment_at(analysis.doc(), analysis.stages(), cmd.index);
  return env.env.find(name) != env.env.end() || env.args.find(name) != env.args.end();
}

std::optional<TextEdit> add_flag_after_subcommand(const RunCommand& cmd, std::string_view flag,
                                                  shell::Names value_flags) {
  std::optional<std::uint32_t> at = shell::after_subcommand(cmd.view, value_flags);
  if (!at && cmd.view.program_word != nullptr) at = cmd.view.program_word->span.end;
  if (!at) return std::nullopt;
  std::string text(1, ' ');
  text += flag;
  return TextEdit::insert(*at, std::move(text));
}

std::optional<TextEdit> remove_from_and_chain(const RunCommand& cmd) {
  const auto place = find_place(cmd.script->statements, cmd.command);
  if (!place) return std::nullopt;
  const shell::AndOr& chain = *place->and_or;
  const std::size_t i = place->pipeline;
  if (chain.pipelines.size() < 2) return std::nullopt;
  if (i + 1 < chain.pipelines.size()) {
    // `cmd && next…` → `next…`: remove through the start of the next pipeline.
    if (chain.operators[i].kind != shell::OpKind::And) return std::nullopt;
    if (i > 0 && chain.operators[i - 1].kind != shell::OpKind::And) return std::nullopt;
    return TextEdit::remove(Span{chain.pipelines[i].span.begin, chain.pipelines[i + 1].span.begin});
  }
  // The last one: `…prev && cmd` → `…prev`.
  if (chain.operators[i - 1].kind != shell::OpKind::And) return std::nullopt;
  return TextEdit::remove(Span{chain.pipelines[i - 1].span.end, chain.pipelines[i].span.end});
}

std::string literal_text(const shell::Word& word) { return word.literal ? *word.literal : std::string("?"); }

std::optional<std::string_view> apt_subcommand(const shell::CommandView& view) {
  if (!shell::is_program(view, shell::kAptPrograms)) return std::nullopt;
  const shell::Word* sub = shell::subcommand(view, shell::kAptValueFlags);
  if (sub == nullptr || !sub->literal) return std::nullopt;
  return std::string_view(*sub->literal);
}

namespace {

const shell::SimpleCommand* piped_from(const std::vector<shell::Statement>& statements,
                                       const shell::SimpleCommand* cmd) {
  for (const shell::Statement& st : statements) {
    for (const shell::Pipeline& p : st.and_or.pipelines) {
      for (std::size_t i = 0; i < p.commands.size(); ++i) {
        const shell::Command& c = p.commands[i];
        if (std::get_if<shell::SimpleCommand>(&c) == cmd) {
          return i == 0 ? nullptr : std::get_if<shell::SimpleCommand>(&p.commands[i - 1]);
        }
        const std::vector<shell::Statement>* body = nullptr;
        if (const auto* sub = std::get_if<shell::Subshell>(&c)) body = &sub->body;
        if (const auto* group = std::get_if<shell::Group>(&c)) body = &group->body;
        if (body == nullptr) continue;
        if (const shell::SimpleCommand* found = piped_from(*body, cmd)) return found;
      }
    }
  }
  return nullptr;
}

}  // namespace

const shell::SimpleCommand* piped_from(const RunCommand& cmd) {
  return piped_from(cmd.script->statements, cmd.command);
}

bool earlier_run_mentions(const Analysis& analysis, std::size_t index, shell::Names texts) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return false;
  for (std::size_t i = stage->from + 1; i < index; ++i) {
    const syntax::Instruction* run = analysis.run(i);
    if (run == nullptr) continue;
    const std::string_view body = analysis.text().substr(run->span.begin, run->span.size());
    if (std::all_of(texts.begin(), texts.end(),
                    [&](std::string_view t) { return body.find(t) != std::string_view::npos; })) {
      return true;
    }
  }
  return false;
}

std::optional<std::vector<TextEdit>> remove_from_and_chains(const std::vector<const RunCommand*>& cmds) {
  // The pipelines to remove, grouped by their chain.
  std::map<const shell::AndOr*, std::set<std::size_t>> chains;
  for (const RunCommand* cmd : cmds) {
    const auto place = find_place(cmd->script->statements, cmd->command);
    if (!place) return std::nullopt;
    chains[place->and_or].insert(place->pipeline);
  }
  std::vector<TextEdit> edits;
  for (const auto& [chain, removed] : chains) {
    const auto& pipelines = chain->pipelines;
    const auto& ops = chain->operators;
    if (removed.size() >= pipelines.size()) return std::nullopt;
    for (auto it = removed.begin(); it != removed.end();) {
      // A run of neighbours [first, last], all joined (and joined to the rest) by `&&`.
      const std::size_t first = *it;
      std::size_t last = first;
      while (++it != removed.end() && *it == last + 1) last = *it;
      const auto is_and = [&](std::size_t op) { return ops[op].kind == shell::OpKind::And; };
      for (std::size_t op = first; op < last; ++op) {
        if (!is_and(op)) return std::nullopt;
      }
      if (first > 0 && !is_and(first - 1)) return std::nullopt;
      if (last + 1 < pipelines.size()) {
        if (!is_and(last)) return std::nullopt;
        edits.push_back(TextEdit::remove(Span{pipelines[first].span.begin, pipelines[last + 1].span.begin}));
      } else {
        edits.push_back(TextEdit::remove(Span{pipelines[first - 1].span.end, pipelines[last].span.end}));
      }
    }
  }
  return edits;
}

std::vector<std::string_view> mount_targets(const syntax::Instruction& run) {
  std::vector<std::string_view> out;
  for (const syntax::Flag& f : run.flags) {
    if (f.name != "mount" || !f.value) continue;
    std::string_view rest = *f.value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      for (const std::string_view key : {"target=", "dst=", "destination="}) {
        if (field.starts_with(key)) out.push_back(field.substr(key.size()));
      }
    }
  }
  return out;
}

std::string as_run_by(const RunCommand& cmd, std::string_view command) {
  const auto& wrappers = cmd.view.wrappers;
  const bool sudo = std::find(wrappers.begin(), wrappers.end(), "sudo") != wrappers.end();
  return (sudo ? "sudo " : "") + std::string(command);
}

std::string cased_like(std::string_view model, std::string_view upper) {
  const auto is_lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
  const auto to_lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::string out(upper);
  if (model.empty() || !std::any_of(model.begin(), model.end(), is_lower)) return out;
  const bool all_lower = std::none_of(model.begin(), model.end(),
                                      [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
  std::transform(out.begin() + (all_lower ? 0 : 1), out.end(), out.begin() + (all_lower ? 0 : 1), to_lower);
  return out;
}

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

OfficialImage official_image(std::string_view ref) {
  ref = ref.substr(0, ref.find('@'));
  const std::size_t slash = ref.rfind('/');
  const std::size_t colon = ref.find(':', slash == std::string_view::npos ? 0 : slash);
  OfficialImage out;
  std::string_view name = ref.substr(0, colon);
  if (colon != std::string_view::npos) out.tag = std::string(ref.substr(colon + 1));
  for (const std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
    if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  }
  if (name.starts_with("library/")) name.remove_prefix(8);
  if (name.empty() || name.find_first_of("/$") != std::string_view::npos) return {};
  out.name = std::string(name);
  std::transform(out.name.begin(), out.name.end(), out.name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool installs_package(const shell::CommandView& cmd, shell::Names names) {
  std::vector<const shell::Word*> packages;
  if (shell::is_apt_get_install(cmd)) {
    packages = shell::args_after_subcommand(cmd, shell::kAptValueFlags);
  } else if (shell::is(cmd, {"apk"}, "add", {"-X", "--repository", "-t", "--virtual", "-p", "--root"})) {
    packages = shell::args_after_subcommand(cmd, {"-X", "--repository", "-t", "--virtual", "-p", "--root"});
  } else if (shell::is(cmd, {"yum", "dnf", "microdnf"}, "install") || shell::is(cmd, {"zypper"}, "install") ||
             shell::is(cmd, {"zypper"}, "in")) {
    packages = shell::args_after_subcommand(cmd);
  }
  return std::any_of(packages.begin(), packages.end(), [&](const shell::Word* w) {
    return w->literal && names.contains(std::string_view(*w->literal).substr(0, w->literal->find('=')));
  });
}

std::optional<TextEdit> remove_command_or_run(const Analysis& analysis, const RunCommand& cmd) {
  const auto& statements = cmd.script->statements;
  const bool alone = statements.size() == 1 && statements[0].and_or.pipelines.size() == 1 &&
                     statements[0].and_or.pipelines[0].commands.size() == 1 &&
                     std::get_if<shell::SimpleCommand>(&statements[0].and_or.pipelines[0].commands[0]) == cmd.command;
  if (!alone) return remove_from_and_chain(cmd);
  const syntax::Instruction& ins = analysis.doc().instructions[cmd.index];
  // An ONBUILD RUN is removed with its ONBUILD.
  return TextEdit::remove(ins.line_span);
}

}  // namespace dfopt::transforms
