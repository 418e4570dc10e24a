#include <algorithm>
#include <array>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "base/unicode.hpp"
#include "shell/shell.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Rewrites a shell-form `CMD` or `ENTRYPOINT` into the JSON exec form when the
command is plain words: `CMD gunicorn app:app` → `CMD ["gunicorn", "app:app"]`.
Commands that need a shell (variables, `&&`, pipes, redirections, globs,
builtins such as `cd`) are reported with the exec form that keeps the shell as a
suggestion, `CMD ["/bin/sh", "-c", "…"]` (put `exec` before the last command so
that it still becomes PID 1).

## Why is this bad?
The shell form runs `/bin/sh -c "…"`: the shell is PID 1, and it does not
forward `SIGTERM` to your program, so `docker stop` waits its timeout and then
kills the container. A shell-form `ENTRYPOINT` also ignores `CMD` and the
arguments of `docker run`. BuildKit warns about it (`JSONArgsRecommended`).

## Example
```dockerfile
CMD nginx -g 'daemon off;'
```

Use instead:
```dockerfile
CMD ["nginx", "-g", "daemon off;"]
```

Stages whose `SHELL` is not a POSIX shell (PowerShell, `cmd`) are left alone, as
are `ONBUILD` triggers and `HEALTHCHECK`.

## Fix safety
Safe when every word is a plain literal (quotes are resolved exactly as the
shell would): the same program gets the same arguments, without a shell in
between. Unsafe when the arguments reach an entrypoint differently: a `CMD`
under an exec-form `ENTRYPOINT` of the stage, or on a base image whose
entrypoint script looks at its first argument (`nginx`, `postgres`, `mysql`,
`mariadb`, `mongo`, `redis`, `rabbitmq`), which now sees the program instead of
`/bin/sh`; and an `ENTRYPOINT` in a stage with a `CMD`, whose words it now
receives. Only reported (no fix) when the command needs a shell, or when the
instruction has comment lines inside its continuation.
)";

// Programs that only exist as shell builtins: exec form cannot run them.
constexpr std::array<std::string_view, 24> kBuiltins = {
    "cd",    "source", ".",       "export",  "exec",     "eval",    "set",     "unset",
    "alias", "ulimit", "umask",   "trap",    "wait",     "read",    "shift",   "exit",
    ":",     "local",  "declare", "typeset", "readonly", "builtin", "command", "shopt"};

// Official images whose entrypoint script branches on its first argument.
constexpr std::array<std::string_view, 7> kArgAwareBases = {
    "nginx", "postgres", "mysql", "mariadb", "mongo", "redis", "rabbitmq"};

bool is_posix_shell(std::string_view program) {
  const std::string_view name = program.substr(program.rfind('/') + 1);
  return name == "sh" || name == "bash" || name == "dash" || name == "ash" || name == "zsh" ||
         name == "ksh" || name == "mksh" || name == "busybox";
}

// The words of a body that is one simple command of plain literals, or nullopt.
std::optional<std::vector<std::string>> plain_words(const shell::Script& script,
                                                    std::string_view text) {
  if (script.status != shell::ParseStatus::Parsed || script.statements.size() != 1)
    return std::nullopt;
  const shell::Statement& st = script.statements[0];
  if (st.separator.kind != shell::OpKind::None || st.and_or.pipelines.size() != 1)
    return std::nullopt;
  const shell::Pipeline& p = st.and_or.pipelines[0];
  if (p.negated || p.commands.size() != 1) return std::nullopt;
  const auto* cmd = std::get_if<shell::SimpleCommand>(&p.commands.front());
  if (cmd == nullptr || !cmd->assignments.empty() || !cmd->redirects.empty() ||
      cmd->words.empty()) {
    return std::nullopt;
  }
  // Anything after the command (a `# comment`) would be lost.
  if (text.find_first_not_of(" \t\r\n", cmd->logical.end) != std::string_view::npos)
    return std::nullopt;
  std::vector<std::string> words;
  for (const shell::Word& w : cmd->words) {
    if (!w.literal || w.has_glob || (words.empty() && w.assignment_like)) return std::nullopt;
    for (const shell::WordPart& part : w.parts) {
      const std::string_view t = shell::text_of(text, part.logical);
      if (part.kind == shell::PartKind::Literal &&
          (t.find_first_of("{}") != std::string_view::npos ||
           (&part == &w.parts.front() && t.starts_with("~")))) {
        return std::nullopt;  // bash brace expansion, tilde expansion
      }
    }
    if (valid_utf8(*w.literal) != *w.literal) return std::nullopt;
    words.push_back(*w.literal);
  }
  return words;
}

std::string json_array(const std::vector<std::string>& words) {
  std::string out = "[";
  for (const std::string& w : words) out += (out.size() > 1 ? ", " : "") + json_quote(w);
  return out + "]";
}

// The repository name of an image reference: `nginx` for `docker.io/library/nginx:1.25`.
std::string_view repository(std::string_view image) {
  image = image.substr(0, image.find('@'));
  const std::size_t slash = image.rfind('/');
  const std::size_t colon = image.find(':', slash == std::string_view::npos ? 0 : slash);
  image = image.substr(0, colon);
  return slash == std::string_view::npos ? image : image.substr(slash + 1);
}

bool stage_has(const syntax::Document& file, const syntax::Stage& stage, syntax::Keyword k,
               bool json) {
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const syntax::Instruction& ins = file.instructions[i];
    if (ins.keyword == k && (!json || ins.is_json())) return true;
  }
  return false;
}

void check(Context& ctx) {
  const auto& instructions = ctx.doc().instructions;
  for (std::size_t i = 0; i < instructions.size(); ++i) {
    const syntax::Instruction& ins = instructions[i];
    if (ins.keyword != syntax::Keyword::Cmd && ins.keyword != syntax::Keyword::Entrypoint) continue;
    // Already exec form, or nothing to run.
    if (ins.form != syntax::ArgForm::Shell || ins.rest.empty()) continue;
    const syntax::Stage* stage = ctx.analysis().stages().stage_of(i);
    // Outside a stage the instruction is invalid anyway.
    if (stage == nullptr) continue;
    const syntax::Environment& env = ctx.analysis().environment(i);
    // PowerShell or cmd: the shell form is how those images are written.
    if (env.shell.empty() || !is_posix_shell(env.shell.front())) continue;
    const std::string keyword(syntax::keyword_name(ins.keyword));
    const LogicalText body = ins.rest_text();
    const auto words = plain_words(shell::parse(body), body.text());
    const bool builtin =
        words && std::find(kBuiltins.begin(), kBuiltins.end(), words->front()) != kBuiltins.end();
    if (!words || builtin || !ins.inner_comments.empty()) {
      std::vector<std::string> suggestion = env.shell;
      suggestion.push_back(body.text());
      if (words && !builtin) suggestion = *words;  // only the comments stand in the way
      ctx.report(ins.keyword_span,
                 fmt::format("shell-form {0}: the shell is PID 1 and does not forward signals; "
                             "use the exec form, e.g. {0} {1}",
                             keyword, json_array(suggestion)));
      continue;
    }
    const bool cmd = ins.keyword == syntax::Keyword::Cmd;
    // An exec-form ENTRYPOINT of this stage or the stages it builds on, and the image below them.
    const auto& stages = ctx.analysis().stages().stages;
    const syntax::Stage* root = stage;
    bool exec_entrypoint = stage_has(ctx.doc(), *root, syntax::Keyword::Entrypoint, true);
    while (root->base_stage) {
      root = &stages[*root->base_stage];
      exec_entrypoint =
          exec_entrypoint || stage_has(ctx.doc(), *root, syntax::Keyword::Entrypoint, true);
    }
    const bool arg_aware_base = std::find(kArgAwareBases.begin(), kArgAwareBases.end(),
                                          repository(root->base)) != kArgAwareBases.end();
    std::string_view why;  // how the words would reach something else than before
    if (cmd && exec_entrypoint) {
      why = " (the ENTRYPOINT then gets these words, not /bin/sh -c)";
    } else if (cmd && arg_aware_base) {
      why = " (the base image's entrypoint then gets these words, not /bin/sh -c)";
    } else if (!cmd && stage_has(ctx.doc(), *stage, syntax::Keyword::Cmd, false)) {
      why = " (it then gets the CMD as arguments)";
    }
    ctx.report(
        ins.keyword_span,
        fmt::format(
            "shell-form {}: the shell is PID 1 and does not forward signals; use the exec form{}",
            keyword, why),
        why.empty() ? Safety::Safe : Safety::Unsafe, "use the JSON exec form",
        {TextEdit::replace(ins.rest_span, json_array(*words))});
  }
}

}  // namespace

const Transform& exec_form_cmd() {
  static const Transform t{"exec-form-cmd",
                           Category::Runtime,
                           Safety::Safe,
                           "write CMD and ENTRYPOINT in the JSON exec form",
                           {"DL3025", "JSONArgsRecommended"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
