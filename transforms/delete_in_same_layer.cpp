#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Moves an `rm` of a file or directory into the `RUN` that created it, when a
later `RUN` of the same stage deletes what an earlier one downloaded, cloned,
extracted or made.

## Why is this bad?
A layer cannot shrink an earlier one: the downloaded archive or build tree
stays in the image even though a later `RUN` deletes it. Deleting it in the
layer that created it keeps it out of the image altogether.

## Example
```dockerfile
RUN wget https://example.org/tool.tar.gz && tar -xzf tool.tar.gz -C /opt
RUN rm tool.tar.gz
```

Use instead:
```dockerfile
RUN wget https://example.org/tool.tar.gz && tar -xzf tool.tar.gz -C /opt && \
    rm tool.tar.gz
```

Creators it recognises: `wget` (`-O`, `-P`, or the URL's file name), `curl -o` /
`-O`, `git clone`, `mkdir`, `touch`, `cp` / `mv` destinations, `unzip -d`, and
output redirections. Paths are compared after resolving them against the
`WORKDIR` in effect. It does not fire when an instruction between the two
mentions the path (it may still need it), when the `USER` differs, for
globbed or variable paths, or when the `rm` is not a whole command of an `&&`
chain.

## Fix safety
Unsafe: instructions between the two RUNs no longer see the file. dfopt checks
that none of them names it, but a script could still read it indirectly.
)";

std::string resolve(std::string_view path, const std::string& workdir) {
  if (path.substr(0, 2) == "./") path.remove_prefix(2);
  std::string out = !path.empty() && path.front() == '/'
                        ? std::string(path)
                        : (workdir.empty() ? "/" : workdir) + "/" + std::string(path);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  std::string collapsed;
  for (const char c : out) {
    if (c == '/' && !collapsed.empty() && collapsed.back() == '/') continue;
    collapsed += c;
  }
  return collapsed;
}

std::string url_file(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url.substr(url.rfind('/') == std::string_view::npos ? 0 : url.rfind('/') + 1));
}

std::vector<std::string> operand_values(const shell::CommandView& v,
                                        shell::Names value_flags = {}) {
  std::vector<std::string> out;
  for (const shell::Word* w : shell::operands(v, value_flags))
    out.push_back(w->literal.value_or(""));
  return out;
}

// The paths (as written) a command creates.
std::vector<std::string> created_paths(const RunCommand& cmd) {
  const shell::CommandView& v = cmd.view;
  std::vector<std::string> out;
  for (const shell::Redirect& r : cmd.command->redirects) {
    if ((r.op == shell::RedirOp::Great || r.op == shell::RedirOp::DGreat) && r.target.literal)
      out.push_back(*r.target.literal);
  }
  const auto operands = operand_values(
      v, {"-O", "-o", "-P", "--output-document", "--output", "--directory-prefix", "-d"});
  if (v.program == "wget") {
    if (auto o = shell::flag_value(v, {"O", "output-document"})) return {std::string(*o)};
    const std::string dir(shell::flag_value(v, {"P", "directory-prefix"}).value_or(""));
    for (const std::string& url : operands)
      out.push_back(dir.empty() ? url_file(url) : dir + "/" + url_file(url));
  } else if (v.program == "curl") {
    if (auto o = shell::flag_value(v, {"o", "output"})) return {std::string(*o)};
    if (shell::has_flag(v, {"O", "remote-name"})) {
      for (const std::string& url : operands) out.push_back(url_file(url));
    }
  } else if (v.program == "git" && !operands.empty() && operands[0] == "clone" &&
             operands.size() >= 2) {
    std::string dir = operands.size() >= 3 ? operands[2] : url_file(operands[1]);
    if (operands.size() < 3 && dir.size() > 4 && dir.substr(dir.size() - 4) == ".git")
      dir.resize(dir.size() - 4);
    out.push_back(dir);
  } else if (v.program == "mkdir" || v.program == "touch") {
    out.insert(out.end(), operands.begin(), operands.end());
  } else if ((v.program == "cp" || v.program == "mv") && operands.size() >= 2) {
    out.push_back(operands.back());
  } else if (v.program == "unzip") {
    if (auto d = shell::flag_value(v, {"d"})) out.emplace_back(*d);
  }
  return out;
}

bool plain_path(std::string_view p) {
  return !p.empty() && p.find_first_of("*?[$`") == std::string_view::npos;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const syntax::Document& file = analysis.doc();
  const std::vector<RunCommand>& all = run_commands(analysis);
  const Rewriter rw(analysis);
  for (const RunCommand& rm : all) {
    // Only plain `rm` of literal paths.
    if (rm.view.program != "rm" || !rm.view.wrappers.empty()) continue;
    const std::vector<const shell::Word*> targets = shell::operands(rm.view);
    if (targets.empty() || !std::all_of(targets.begin(), targets.end(), [](const shell::Word* w) {
          return w->literal && plain_path(*w->literal);
        })) {
      continue;
    }
    const syntax::Stage* stage = analysis.stages().stage_of(rm.index);
    if (stage == nullptr) continue;
    const syntax::Environment& at_rm = analysis.environment(rm.index);
    // Find the RUN of the stage that last created a removed path before the `rm`.
    std::optional<std::size_t> creator;
    for (const RunCommand& c : all) {
      if (&c == &rm) break;
      if (c.index <= stage->from) continue;
      const syntax::Environment& at_c = analysis.environment(c.index);
      for (const std::string& made : created_paths(c)) {
        for (const shell::Word* t : targets) {
          if (plain_path(made) &&
              resolve(made, at_c.workdir) == resolve(*t->literal, at_rm.workdir) &&
              at_c.user == at_rm.user) {
            creator = c.index;
          }
        }
      }
    }
    // Nothing earlier made it, or it was (last) made in this very RUN: moving the `rm` to
    // an earlier creator would leave what this RUN makes in the image.
    if (!creator || *creator == rm.index) continue;
    // An instruction in between may still use the file.
    bool used_between = false;
    for (std::size_t k = *creator + 1; k < rm.index && !used_between; ++k) {
      for (const shell::Word* t : targets) {
        const std::string name = url_file(*t->literal);
        const syntax::Instruction& mid = file.instructions[k];
        const std::string_view body = file.text().substr(mid.span.begin, mid.span.size());
        used_between = used_between || body.find(name) != std::string_view::npos;
      }
    }
    if (used_between) continue;
    const std::string message =
        fmt::format("deleted in a later layer than the one (line {}) that created it",
                    file.instructions[*creator].first_line);
    const shell::Script* creator_script = analysis.script(*creator);
    const std::string command(shell::text_of(rm.run->rest, rm.command->logical));
    const auto append = creator_script != nullptr
                            ? rw.append_command(*analysis.run(*creator), *creator_script, command)
                            : std::nullopt;
    const bool alone = shell::commands(*rm.script).size() == 1 && rm.script->statements.size() == 1;
    const auto removal =
        alone ? std::optional<TextEdit>(Rewriter::remove(file.instructions[rm.index]))
              : remove_from_and_chain(rm);
    if (!append || !removal) {
      ctx.report(rm.command->span, message);
      continue;
    }
    ctx.report(rm.command->span, message, Safety::Unsafe, "delete it in the RUN that created it",
               {*append, *removal});
  }
}

}  // namespace

const Transform& delete_in_same_layer() {
  static const Transform t{"delete-in-same-layer",
                           Category::Layers,
                           Safety::Unsafe,
                           "delete files in the RUN that created them, not in a later layer",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
