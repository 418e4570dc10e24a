#include "transforms/support/commands.hpp"

#include <variant>

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

bool earlier_run_mentions(const Analysis& analysis, std::size_t index, std::string_view text) {
  const syntax::Stage* stage = analysis.stages().stage_of(index);
  if (stage == nullptr) return false;
  for (std::size_t i = stage->from + 1; i < index; ++i) {
    const syntax::Instruction* run = analysis.run(i);
    if (run != nullptr && analysis.text().substr(run->span.begin, run->span.size()).find(text) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace dfopt::transforms
