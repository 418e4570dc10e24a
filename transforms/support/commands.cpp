#include "transforms/support/commands.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <variant>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"

namespace dfopt::transforms {

namespace {

// The and-or list and pipeline index where `cmd` stands as a whole pipeline.
struct Place {
  const shell::AndOr* and_or = nullptr;
  std::size_t pipeline = 0;
};

std::optional<Place> find_place(const std::vector<shell::Statement>& statements,
                                const shell::SimpleCommand* cmd) {
  for (const shell::Statement& st : statements) {
    const auto& pipelines = st.and_or.pipelines;
    for (std::size_t i = 0; i < pipelines.size(); ++i) {
      const shell::Pipeline& p = pipelines[i];
      if (p.commands.size() == 1 && !p.negated) {
        if (const auto* simple = std::get_if<shell::SimpleCommand>(&p.commands.front());
            simple == cmd) {
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

const std::vector<RunCommand>& run_commands(const Analysis& analysis) {
  return analysis.commands();
}

std::span<const RunCommand> run_commands(const Analysis& analysis, std::size_t index) {
  return analysis.commands(index);
}

bool has_cache_mount(const syntax::Instruction& run, std::string_view prefix) {
  const std::vector<std::string_view> targets = mount_targets(run);
  return std::any_of(targets.begin(), targets.end(), [&](std::string_view target) {
    return target.substr(0, prefix.size()) == prefix;
  });
}

bool variable_set(const Analysis& analysis, const RunCommand& cmd, std::string_view name) {
  for (const shell::Assignment& a : cmd.command->assignments) {
    if (a.name == name) return true;
  }
  for (const shell::Word* w : cmd.view.env_assignments) {
    if (w->literal && w->literal->substr(0, name.size() + 1) == std::string(name) + "=")
      return true;
  }
  const syntax::Environment& env = analysis.environment(cmd.index);
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

std::optional<TextEdit> prepend_in_and_chain(const RunCommand& cmd, std::string_view text) {
  const auto place = find_place(cmd.script->statements, cmd.command);
  if (!place) return std::nullopt;
  const shell::AndOr& chain = *place->and_or;
  const std::size_t i = place->pipeline;
  if (i > 0 && chain.operators[i - 1].kind != shell::OpKind::And) return std::nullopt;
  return TextEdit::insert(chain.pipelines[i].span.begin, std::string(text) + " && ");
}

std::string literal_text(const shell::Word& word) {
  return word.literal ? *word.literal : std::string("?");
}

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

std::optional<std::vector<TextEdit>> remove_from_and_chains(
    const std::vector<const RunCommand*>& cmds) {
  // The pipelines to remove, grouped by their chain.
  std::map<const shell::AndOr*, std::set<std::size_t>> chains;
  if (cmds.empty()) return std::vector<TextEdit>{};
  const syntax::Instruction& run = *cmds.front()->run;
  for (const RunCommand* cmd : cmds) {
    if (cmd->run != &run) return std::nullopt;
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
      // Comment lines inside the continuation stay: cut around them, or give up.
      const auto commented = [&](Span span) {
        return std::any_of(run.inner_comments.begin(), run.inner_comments.end(),
                           [&](Span c) { return c.begin >= span.begin && c.begin < span.end; });
      };
      if (last + 1 < pipelines.size()) {
        if (!is_and(last)) return std::nullopt;
        const Span whole{pipelines[first].span.begin, pipelines[last + 1].span.begin};
        if (!commented(whole)) {
          edits.push_back(TextEdit::remove(whole));
          continue;
        }
        // `cmd \ # comment && next` → ` \ # comment next`: the command, then the operator.
        const Span cmd{pipelines[first].span.begin, pipelines[last].span.end};
        const Span op{ops[last].span.begin, pipelines[last + 1].span.begin};
        if (first != last || commented(cmd)) return std::nullopt;
        edits.push_back(TextEdit::remove(cmd));
        edits.push_back(TextEdit::remove(commented(op) ? ops[last].span : op));
      } else {
        const Span whole{pipelines[first - 1].span.end, pipelines[last].span.end};
        if (commented(whole)) return std::nullopt;
        edits.push_back(TextEdit::remove(whole));
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
  const auto is_lower = [](unsigned char c) { return std::islower(c) != 0; };
  const auto is_upper = [](unsigned char c) { return std::isupper(c) != 0; };
  std::string out(upper);
  if (!std::any_of(model.begin(), model.end(), is_lower)) return out;
  // All lower case, or capitalized (only the first letter kept upper).
  const std::size_t from = std::any_of(model.begin(), model.end(), is_upper) ? 1 : 0;
  for (std::size_t i = from; i < out.size(); ++i) {
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  }
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
  for (const std::string_view prefix :
       {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
    if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  }
  if (name.starts_with("library/")) name.remove_prefix(8);
  if (name.empty() || name.find_first_of("/$") != std::string_view::npos) return {};
  out.name = std::string(name);
  std::transform(out.name.begin(), out.name.end(), out.name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

namespace {

// The literal words of a package list, versions (`=1.2`) stripped.
std::vector<std::string_view> package_names(const std::vector<const shell::Word*>& packages) {
  std::vector<std::string_view> out;
  for (const shell::Word* w : packages) {
    if (!w->literal) continue;
    const std::string_view name(*w->literal);
    out.push_back(name.substr(0, name.find('=')));
  }
  return out;
}

}  // namespace

std::vector<std::string_view> installed_by(const shell::CommandView& cmd) {
  std::vector<const shell::Word*> packages;
  if (shell::is_apt_get_install(cmd)) {
    packages = shell::args_after_subcommand(cmd, shell::kAptValueFlags);
  } else if (shell::is(cmd, {"apk"}, "add",
                       {"-X", "--repository", "-t", "--virtual", "-p", "--root"})) {
    packages = shell::args_after_subcommand(
        cmd, {"-X", "--repository", "-t", "--virtual", "-p", "--root"});
  } else if (shell::is(cmd, {"yum", "dnf", "microdnf"}, "install") ||
             shell::is(cmd, {"zypper"}, "install") || shell::is(cmd, {"zypper"}, "in")) {
    packages = shell::args_after_subcommand(cmd);
  }
  return package_names(packages);
}

std::vector<std::string_view> removed_by(const shell::CommandView& cmd) {
  std::vector<const shell::Word*> packages;
  if (shell::is(cmd, shell::kAptPrograms, "remove", shell::kAptValueFlags) ||
      shell::is(cmd, shell::kAptPrograms, "purge", shell::kAptValueFlags)) {
    packages = shell::args_after_subcommand(cmd, shell::kAptValueFlags);
  } else if (shell::is(cmd, {"apk"}, "del", {"-X", "--repository", "-p", "--root"})) {
    packages = shell::args_after_subcommand(cmd, {"-X", "--repository", "-p", "--root"});
  } else if (shell::is(cmd, {"yum", "dnf", "microdnf"}, "remove") ||
             shell::is(cmd, {"yum", "dnf", "microdnf"}, "erase") ||
             shell::is(cmd, {"zypper"}, "remove") || shell::is(cmd, {"zypper"}, "rm")) {
    packages = shell::args_after_subcommand(cmd);
  }
  return package_names(packages);
}

bool installs_package(const shell::CommandView& cmd, shell::Names names) {
  const std::vector<std::string_view> packages = installed_by(cmd);
  return std::any_of(packages.begin(), packages.end(),
                     [&](std::string_view p) { return names.contains(p); });
}

std::optional<std::vector<TextEdit>> remove_command_or_run(const Analysis& analysis,
                                                           const RunCommand& cmd) {
  const auto& statements = cmd.script->statements;
  const bool alone = statements.size() == 1 && statements[0].and_or.pipelines.size() == 1 &&
                     statements[0].and_or.pipelines[0].commands.size() == 1 &&
                     std::get_if<shell::SimpleCommand>(
                         &statements[0].and_or.pipelines[0].commands.front()) == cmd.command;
  if (!alone) return remove_from_and_chains({&cmd});
  // An ONBUILD RUN is removed with its ONBUILD.
  return std::vector<TextEdit>{TextEdit::remove(analysis.doc().instructions[cmd.index].line_span)};
}

std::string resolve_path(std::string_view cwd, std::string_view path) {
  const auto plain = [](std::string_view p) {
    return std::all_of(p.begin(), p.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
             std::string_view("/._+-@:,=").find(c) != std::string_view::npos;
    });
  };
  if (path.empty() || !plain(path)) return {};
  std::string joined(path);
  if (path.front() != '/') {
    if (cwd.empty() || cwd.front() != '/' || !plain(cwd)) return {};
    joined = std::string(cwd) + "/" + joined;
  }
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= joined.size()) {
    const std::size_t slash = std::min(joined.find('/', pos), joined.size());
    const std::string part = joined.substr(pos, slash - pos);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    pos = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

namespace {

// Whether a COPY source names a file rather than a directory, by its look.
constexpr std::string_view kUnknownCwd = "/.unknown-workdir";

// resolve_path, or "" when `..` leaves the placeholder for an unknown WORKDIR.
std::string resolve_in(std::string_view cwd, std::string_view path) {
  std::string out = resolve_path(cwd, path);
  const bool unknown = cwd == kUnknownCwd && !path.starts_with('/');
  if (unknown && out != kUnknownCwd && !out.starts_with(std::string(kUnknownCwd) + "/")) return {};
  return out;
}

bool looks_like_file(std::string_view src) {
  if (src.empty() || src.back() == '/' || src.find_first_of("*?[$") != std::string_view::npos)
    return false;
  const std::string_view base = src.substr(src.rfind('/') + 1);
  const std::size_t dot = base.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < base.size();
}

std::optional<CopiedPath> copied_path(const syntax::Instruction& copy, std::string_view cwd) {
  if (copy.args.size() < 2 || !copy.heredocs.empty()) return std::nullopt;
  const std::string& dest = copy.args.back().value;
  CopiedPath out;
  out.absolute = dest.starts_with('/');
  out.path = resolve_in(cwd, dest);
  if (out.path.empty()) return std::nullopt;
  const std::string& src = copy.args.front().value;
  out.file = copy.args.size() == 2 && looks_like_file(src) && src.find("://") == std::string::npos;
  if (out.file && dest.ends_with('/'))
    out.path = resolve_path(out.path, src.substr(src.rfind('/') + 1));
  return out;
}

}  // namespace

std::vector<CopyFollowUp> copy_follow_ups(const Analysis& analysis, std::string_view program) {
  std::vector<CopyFollowUp> out;
  const auto& instructions = analysis.doc().instructions;
  const syntax::StageView& stages = analysis.stages();
  for (std::size_t i = 0; i + 1 < instructions.size(); ++i) {
    const syntax::Instruction& copy = instructions[i];
    if (copy.keyword != syntax::Keyword::Copy && copy.keyword != syntax::Keyword::Add) continue;
    if (instructions[i + 1].keyword != syntax::Keyword::Run ||
        stages.stage_of(i) != stages.stage_of(i + 1))
      continue;
    // Both resolve relative paths against the same WORKDIR; a placeholder stands in for an
    // unknown one (the base image may set it), so relative paths only match relative ones.
    std::string cwd = analysis.environment(i).workdir;
    cwd = cwd.empty() ? std::string(kUnknownCwd) : resolve_path("/", cwd);
    const auto copied = copied_path(copy, cwd);
    if (!copied) continue;
    const std::span<const RunCommand> cmds = run_commands(analysis, i + 1);
    for (const RunCommand& cmd : cmds) {
      if (cmd.view.program != program || !cmd.view.wrappers.empty()) continue;
      CopyFollowUp f{i, *copied, cmd, {}, {}, false, false, &cmd == &cmds.front()};
      bool setting_seen = false;
      bool dashes = false;
      for (const shell::Word& w : cmd.view.args) {
        const std::string value = w.literal.value_or("");
        if (!dashes && value == "--") {
          dashes = true;
        } else if (!dashes && w.literal && value.size() > 1 && value[0] == '-' && !setting_seen) {
          (value == "-R" || value == "--recursive" ? f.recursive : f.other_flags) = true;
        } else if (!setting_seen) {
          setting_seen = true;
          f.setting = w.has_glob ? "" : value;
        } else {
          f.paths.push_back(w.literal && !w.has_glob ? resolve_in(cwd, value) : "");
        }
      }
      const auto related = [&](const std::string& p) {
        // Everything is below a copy to `/`: only `/` itself counts.
        if (p.empty() || (copied->path == "/" && p != "/")) return false;
        const auto under = [](const std::string& a, const std::string& b) {
          return b == "/" || a == b || (a.starts_with(b) && a[b.size()] == '/');
        };
        return under(p, copied->path) || under(copied->path, p);
      };
      if (std::any_of(f.paths.begin(), f.paths.end(), related)) out.push_back(std::move(f));
    }
  }
  return out;
}

TextEdit add_copy_flag(const syntax::Instruction& copy, std::string_view name,
                       std::string_view value) {
  const std::uint32_t at = copy.flags.empty() ? copy.keyword_span.end : copy.flags.back().span.end;
  return TextEdit::insert(at, fmt::format(" --{}={}", name, value));
}

TextEdit insert_above_comments(const Analysis& analysis, std::size_t index,
                               std::string_view lines) {
  const syntax::Document& doc = analysis.doc();
  TextEdit edit = Rewriter(analysis).insert_before(doc.instructions[index], lines);
  const auto& items = doc.items;
  auto it = std::find_if(items.begin(), items.end(), [&](const syntax::Item& item) {
    return item.kind == syntax::ItemKind::Instruction && item.index == index;
  });
  while (it != items.begin() && std::prev(it)->kind == syntax::ItemKind::Comment) --it;
  if (it != items.end()) edit.span = Span{it->span.begin, it->span.begin};
  return edit;
}

bool built_from_old_release(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& stages = analysis.stages();
  const syntax::Stage* stage = stages.stage_of(index);
  while (stage != nullptr && stage->base_stage) stage = &stages.stages[*stage->base_stage];
  if (stage == nullptr) return false;
  std::string_view image = stage->base;
  const std::size_t colon = image.rfind(':');
  // No tag (or a registry port): nothing to go by.
  if (colon == std::string_view::npos || image.find('/', colon) != std::string_view::npos) {
    return false;
  }
  std::string_view name = image.substr(0, colon);
  const std::string_view tag = image.substr(colon + 1);
  for (const std::string_view prefix : {"docker.io/", "library/"}) {
    if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  }
  const auto starts = [&](std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return tag.starts_with(p); });
  };
  if (name == "ubuntu") return starts({"10.04", "12.04", "14.04", "lucid", "precise", "trusty"});
  if (name == "debian") return starts({"6", "7", "squeeze", "wheezy"});
  if (name == "centos") return starts({"5", "6", "centos5", "centos6"});
  return false;
}

std::optional<TextEdit> add_syntax_directive(const Analysis& analysis) {
  const syntax::Document& doc = analysis.doc();
  if (doc.directive("syntax") != nullptr) return std::nullopt;
  return TextEdit::insert(doc.has_bom ? 3 : 0,
                          "# syntax=docker/dockerfile:1" + analysis.style().newline);
}

}  // namespace dfopt::transforms
