#include <algorithm>
#include <array>
#include <cctype>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Reports commands and variables that turn off TLS certificate or package
signature verification: `curl -k` / `--insecure` (also inside combined short
flags such as `-fsSLk`), `wget --no-check-certificate`, `apk add
--allow-untrusted`, `apt-get --allow-unauthenticated` / `--force-yes` /
`--allow-insecure-repositories`, `yum`/`dnf --nogpgcheck`, `pip
--trusted-host`, `git -c http.sslVerify=false` and `git config
http.sslVerify false`, `npm`/`yarn config set strict-ssl false`, and the
variables `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
`PYTHONHTTPSVERIFY=0`, `PIP_TRUSTED_HOST`, `NPM_CONFIG_STRICT_SSL=false` set
by `ENV`, `ARG` or on a command (`VAR=x cmd`, `env VAR=x cmd`, `export VAR=x`).

## Why is this bad?
Without verification anyone on the network path between the builder and the
server (a proxy, a compromised mirror, a hostile Wi-Fi) can hand the build a
different file or package, and it ends up in the image. It is usually added to
work around a missing CA certificate: install `ca-certificates` (or mount the
corporate CA as a secret) instead.

## Example
```dockerfile
RUN curl -fsSLk https://example.org/install.sh | sh
```

Use instead:
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && curl -fsSL https://example.org/install.sh | sh
```

Only shell-form RUNs are inspected (not heredoc bodies, not exec form).

## Fix safety
No fix: turning verification back on can make the build fail until the
certificate problem it hid is solved.
)";

// Short curl options that take a value: in `-so file` the `o` ends the cluster.
constexpr std::array<std::string_view, 26> kCurlValueFlags = {
    "-o", "-d", "-H", "-u", "-x", "-X", "-A", "-e", "-b", "-c", "-F", "-T", "-w",
    "-m", "-r", "-C", "-E", "-K", "-U", "-Y", "-y", "-z", "-Q", "-t", "-D", "-P"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_off(std::string_view value) {
  const std::string v = lower(value);
  return v == "false" || v == "0" || v == "no" || v == "off";
}

struct VariableRule {
  std::string_view name;
  bool any_value;  // set to anything, or only to 0/false/no/off
  std::string_view what;
};

constexpr std::array<VariableRule, 5> kVariables = {{
    {"GIT_SSL_NO_VERIFY", true, "git"},
    {"NODE_TLS_REJECT_UNAUTHORIZED", false, "Node.js"},
    {"PYTHONHTTPSVERIFY", false, "Python"},
    {"PIP_TRUSTED_HOST", true, "pip"},
    {"NPM_CONFIG_STRICT_SSL", false, "npm"},
}};

// Whether setting `name` to `value` disables verification; the message if so.
std::optional<std::string> insecure_variable(std::string_view name, std::string_view value) {
  // ENV and ARG values keep their quotes in the IR.
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  const auto same_name = [&](std::string_view other) {
    return std::equal(name.begin(), name.end(), other.begin(), other.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) ==
             std::tolower(static_cast<unsigned char>(b));
    });
  };
  for (const VariableRule& rule : kVariables) {
    if (!same_name(rule.name) || value.empty() || (!rule.any_value && !is_off(value))) {
      continue;
    }
    return std::string(name) + (rule.any_value ? "" : "=" + std::string(value)) + " turns off " +
           std::string(rule.what) + "'s TLS checks";
  }
  return std::nullopt;
}

// The word that carries one of `names` (the first, as has_flag finds it).
const shell::Word* flag_word(const shell::CommandView& v, shell::Names names,
                             shell::Names value_flags = {}) {
  if (!shell::has_flag(v, names, value_flags)) return nullptr;
  for (std::size_t i = 0; i < v.args.size(); ++i) {
    shell::CommandView one = v;
    one.args = v.args.subspan(i, 1);
    if (shell::has_flag(one, names, value_flags)) return &v.args[i];
  }
  return v.program_word;
}

struct Hit {
  const shell::Word* word;
  std::string message;
};

// A flag that turns verification off for the programs listed ("pip": every spelling of pip).
struct FlagRule {
  std::string_view programs;  // space-separated
  std::string_view flag;      // without dashes
  std::string_view effect;
};

constexpr std::string_view kNoTls = "skips TLS certificate checks";
constexpr std::string_view kUnsigned = "accepts unsigned packages";
constexpr std::array<FlagRule, 9> kFlags = {{
    {"curl", "k", kNoTls},
    {"curl", "insecure", kNoTls},
    {"wget", "no-check-certificate", kNoTls},
    {"apk", "allow-untrusted", kUnsigned},
    {"apt-get apt", "allow-unauthenticated", kUnsigned},
    {"apt-get apt", "force-yes", kUnsigned},
    {"apt-get apt", "allow-insecure-repositories", kUnsigned},
    {"yum dnf microdnf tdnf", "nogpgcheck", kUnsigned},
    {"pip", "trusted-host", kNoTls},
}};

// Whether `program` is one of the space-separated names in `list`.
bool listed_in(std::string_view list, std::string_view program) {
  while (!program.empty() && !list.empty()) {
    const std::size_t space = list.find(' ');
    if (list.substr(0, space) == program) return true;
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return false;
}

std::optional<Hit> insecure_command(const shell::CommandView& v) {
  const std::string& p = v.program;
  for (const FlagRule& rule : kFlags) {
    const bool pip = rule.programs == "pip" && shell::is_pip(v);
    if (!pip && !listed_in(rule.programs, p)) continue;
    const shell::Names value_flags = p == "curl"            ? shell::Names(kCurlValueFlags)
                                     : p.starts_with("apt") ? shell::Names(shell::kAptValueFlags)
                                                            : shell::Names();
    if (const auto* w = flag_word(v, {rule.flag}, value_flags)) {
      const std::string dashes = rule.flag.size() == 1 ? "-" : "--";
      return Hit{w, (pip ? "pip" : p) + " " + dashes + std::string(rule.flag) + " " +
                        std::string(rule.effect)};
    }
  }
  if (p != "git" && p != "npm" && p != "yarn" && p != "pnpm") return std::nullopt;
  std::vector<std::string> args;
  for (const shell::Word& w : v.args) args.push_back(w.literal.value_or(""));
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    const std::string a = lower(args[i]);
    const std::string b = lower(args[i + 1]);
    // git -c http.sslVerify=false …, git config [--global] http.sslVerify false
    if (p == "git" && a == "-c" && b.starts_with("http.sslverify=") && is_off(b.substr(15))) {
      return Hit{&v.args[i + 1], "git -c http.sslVerify=false skips TLS certificate checks"};
    }
    if (p == "git" && a == "http.sslverify" && is_off(b) &&
        std::find(args.begin(), args.end(), "config") != args.end()) {
      return Hit{&v.args[i], "git config http.sslVerify false skips TLS certificate checks"};
    }
    // npm config set strict-ssl false, npm set strict-ssl false, yarn config set strict-ssl false
    if ((p == "npm" || p == "yarn" || p == "pnpm") && a == "strict-ssl" && is_off(b) && i > 0 &&
        lower(args[i - 1]) == "set") {
      return Hit{&v.args[i], p + " strict-ssl false skips TLS certificate checks"};
    }
  }
  if (p == "npm" || p == "yarn" || p == "pnpm") {
    for (const std::string_view value : shell::flag_values(v, {"strict-ssl"})) {
      if (is_off(value))
        return Hit{flag_word(v, {"strict-ssl"}),
                   p + " --strict-ssl=false skips TLS certificate checks"};
    }
  }
  return std::nullopt;
}

// `name=value` given to export or env, or declared by ARG.
std::optional<std::string> insecure_assignment(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return insecure_variable(text.substr(0, eq), text.substr(eq + 1));
}

void check_runs(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    for (const shell::Assignment& a : cmd.command->assignments) {
      const std::string value = a.value.literal.value_or("?");
      if (auto message = insecure_variable(a.name, value)) ctx.report(a.span, *message);
    }
    for (const shell::Word* w : cmd.view.env_assignments) {
      if (auto message = insecure_assignment(w->literal.value_or("")))
        ctx.report(w->span, *message);
    }
    if (cmd.view.program == "export") {
      for (const shell::Word& w : cmd.view.args) {
        if (auto message = insecure_assignment(w.literal.value_or("")))
          ctx.report(w.span, *message);
      }
    }
    if (auto hit = insecure_command(cmd.view)) {
      ctx.report(hit->word != nullptr ? hit->word->span : cmd.command->span, hit->message);
    }
  }
}

void check(Context& ctx) {
  for (const syntax::Instruction& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::Env) {
      for (const syntax::KeyValue& kv : ins.pairs) {
        if (auto message = insecure_variable(kv.key.value, kv.value.value))
          ctx.report(kv.key.span, *message);
      }
    }
    // ARG values are in the environment of every later RUN of the stage.
    if (ins.keyword == syntax::Keyword::Arg) {
      for (const syntax::Word& w : ins.args) {
        if (auto message = insecure_assignment(w.value)) ctx.report(w.span, *message);
      }
    }
  }
  check_runs(ctx);
}

}  // namespace

const Transform& curl_wget_tls() {
  static const Transform t{
      "curl-wget-tls",
      Category::Security,
      Safety::DisplayOnly,
      "report commands and variables that turn off TLS or signature checks",
      {"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6",
       "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_11", "CKV2_DOCKER_12",
       "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_16"},
      doc,
      true,
      check};
  return t;
}

}  // namespace dfopt::transforms
