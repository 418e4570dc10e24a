#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rewrite/rewriter.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"
#include "transforms/list.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view doc = R"(## What it does
Adds a `HEALTHCHECK` to an image whose final stage `EXPOSE`s an HTTP-looking
port and has none, probing the port with an HTTP client known to be in the
image, right above the stage's closing `CMD`/`ENTRYPOINT` (or at the end of the
file when it has none):

- the configured `command`, when set;
- else `curl -fsS http://127.0.0.1:<port>/ || exit 1` when curl is in the image:
  the base image ships it (full official language images built on
  buildpack-deps) or an earlier RUN installs it (and no later RUN removes it
  again, `apk del .deps` of an `apk add --virtual .deps curl` included);
- else `wget -q -O /dev/null http://127.0.0.1:<port>/ || exit 1` (GNU wget
  and busybox wget, so every Alpine-based image).

Otherwise it reports without a fix, saying why: no HTTP client is known in the
image (install curl, or give the app a health subcommand and set `command`), the
image is distroless or `scratch` (no shell and no client: build a probe into the
app and set `command` as a JSON array), the image only serves HTTPS, or a
setting is invalid (checked with BuildKit's own rules, e.g. Go durations such as
`30s`, `1m30s`, `500ms`).

HTTP-looking ports are 80, 3000, 4000, 5000, 5173, 8000, 8008, 8080, 8081, 8888
and 9090 (`8080`, `8080/tcp`); 443 and 8443 are HTTPS, which a plain probe
cannot check without a certificate for 127.0.0.1: with only those it reports
without a fix unless `command` is set. Other ports are not HTTP or not known to
be (22, 25, 53, 3306, 5432, 6379, 5672, 9000 — php-fpm's FastCGI —, 9092,
11211, 27017, …) and UDP ports and ranges never are: they are not reported.
A port written as `$PORT`, `${PORT}` or `${PORT:-8080}` is resolved from the
ENV and ARG defaults in effect; one that cannot be resolved is skipped. The
first HTTP port in file order is probed (`port` picks another).

Only the final stage is checked, with the stages it is built `FROM`: their
`EXPOSE`s and `HEALTHCHECK`s are inherited. Any `HEALTHCHECK` there, including
`HEALTHCHECK NONE` (a deliberate choice), means nothing to report. A base image
from a registry may define one of its own; that cannot be known here. Windows
images are not checked. The probe runs as the image's `USER`, which is fine
for a local HTTP request.

## Why is this bad?
Without a health check Docker, Compose (`depends_on: condition:
service_healthy`) and Swarm only know whether the process runs, not whether it
answers: a hung server, a deadlocked worker pool or an app still starting up
looks healthy, gets traffic, and is never restarted.

## Example
```dockerfile
FROM node:20
COPY . /app
EXPOSE 3000
CMD ["node", "/app/server.js"]
```

Use instead:
```dockerfile
FROM node:20
COPY . /app
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/ || exit 1
CMD ["node", "/app/server.js"]
```

The probe uses `127.0.0.1` rather than `localhost`, which busybox wget may
resolve to `::1` only while the app listens on IPv4.

## Fix safety
Unsafe: the container gets a health status, and an unhealthy container is
treated as failing (Swarm replaces it, Compose dependents wait for it). The
probe may fail on a healthy app: `curl -f`/`wget` fail on a 4xx/5xx answer, and
many APIs answer 404 at `/` (set `path` to a health endpoint), need a `Host`
header, listen on another port than the one probed, or take longer than
`start-period` to start. Review the command before applying it. A configured
`command` is written as given; a shell-form one needs `/bin/sh` in the image.

## Options
- `command` (string): the probe, written after `CMD` as given (shell form, or
  a JSON array for exec form); always offered as the fix when set.
- `path` (string, default `/`): the URL path curl/wget request.
- `port` (integer): the exposed port to probe when the image exposes it
  (any TCP port, even one not in the list above); otherwise the first HTTP one.
- `interval` (default `30s`), `timeout` (default `3s`), `start-period`
  (default `10s`) (strings, Go durations; `""` leaves the flag out, i.e.
  Docker's default).
- `retries` (integer, default 3; 0 leaves the flag out).
)";

constexpr std::array<std::int64_t, 11> kHttpPorts = {80,   3000, 4000, 5000, 5173, 8000,
                                                     8008, 8080, 8081, 8888, 9090};
constexpr std::array<std::int64_t, 2> kTlsPorts = {443, 8443};

// One TCP port an EXPOSE of the final stage (or a stage it is built FROM) names.
struct Exposed {
  std::int64_t port = 0;
  Span span;  // the EXPOSE word
};

// The stage and the stages it is built FROM, the root first.
std::vector<const syntax::Stage*> stage_chain(const syntax::StageView& view,
                                              const syntax::Stage& stage) {
  std::vector<const syntax::Stage*> chain{&stage};
  while (chain.front()->base_stage)
    chain.insert(chain.begin(), &view.stages[*chain.front()->base_stage]);
  return chain;
}

// The name a whole-word `$NAME`, `${NAME}` or `${NAME:-default}` refers to, and its default.
struct Reference {
  std::string_view name;
  std::optional<std::string> fallback;
};

std::optional<Reference> reference(std::string_view word) {
  if (!word.starts_with('$')) return std::nullopt;
  Reference ref{word.substr(1), std::nullopt};
  if (ref.name.starts_with('{')) {
    if (!ref.name.ends_with('}')) return std::nullopt;
    ref.name = ref.name.substr(1, ref.name.size() - 2);
    if (const std::size_t dash = ref.name.find(":-"); dash != std::string_view::npos) {
      ref.fallback = std::string(ref.name.substr(dash + 2));
      ref.name = ref.name.substr(0, dash);
    }
  }
  return ref;
}

// `word` with variable references resolved from the ENV (first) and ARG values
// in effect (`ARG PORT=8080` + `ENV PORT=$PORT` gives 8080); nullopt when it
// cannot be.
std::optional<std::string> expand(std::string_view word, const syntax::Environment& env,
                                  int depth = 3) {
  const auto ref = reference(word);
  if (!ref) return std::string(word);
  if (depth == 0) return std::nullopt;
  std::optional<std::string> value;
  if (const auto e = env.env.find(ref->name); e != env.env.end()) {
    const auto inner = reference(e->second);
    // `ENV PORT=$PORT` read the ARG of the same name.
    if (!inner || inner->name != ref->name) value = expand(e->second, env, depth - 1);
  }
  if (const auto a = env.args.find(ref->name); !value && a != env.args.end() && !a->second.empty())
    value = expand(a->second, env, depth - 1);
  return value ? value : ref->fallback;
}

// The TCP port an EXPOSE word names; nullopt for UDP/SCTP, ranges and unknowns.
std::optional<std::int64_t> tcp_port(std::string_view word, const syntax::Environment& env) {
  const std::size_t slash = word.find('/');
  if (slash != std::string_view::npos) {
    std::string protocol(word.substr(slash + 1));
    std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (protocol != "tcp") return std::nullopt;
  }
  const auto port = expand(word.substr(0, slash), env);
  if (!port || port->empty() || port->size() > 5 ||
      !std::all_of(port->begin(), port->end(),
                   [](unsigned char c) { return std::isdigit(c) != 0; }))
    return std::nullopt;
  const std::int64_t n = std::stoll(*port);
  if (n < 1 || n > 65535) return std::nullopt;
  return n;
}

std::vector<Exposed> exposed_ports(const Analysis& analysis,
                                   const std::vector<const syntax::Stage*>& chain) {
  std::vector<Exposed> out;
  for (const syntax::Stage* stage : chain) {
    for (std::size_t i = stage->from + 1; i < stage->end; ++i) {
      const syntax::Instruction& ins = analysis.doc().instructions[i];
      if (ins.keyword != syntax::Keyword::Expose) continue;
      const syntax::Environment env = syntax::environment_at(analysis.doc(), analysis.stages(), i);
      for (const syntax::Word& w : ins.args) {
        if (auto port = tcp_port(w.value, env)) out.push_back({*port, w.span});
      }
    }
  }
  return out;
}

bool has_healthcheck(const Analysis& analysis, const std::vector<const syntax::Stage*>& chain) {
  return std::any_of(chain.begin(), chain.end(), [&](const syntax::Stage* stage) {
    return std::any_of(
        analysis.doc().instructions.begin() + static_cast<std::ptrdiff_t>(stage->from),
        analysis.doc().instructions.begin() + static_cast<std::ptrdiff_t>(stage->end),
        [](const syntax::Instruction& ins) { return ins.keyword == syntax::Keyword::Healthcheck; });
  });
}

template <std::size_t N>
const Exposed* first_in(const std::vector<Exposed>& ports,
                        const std::array<std::int64_t, N>& list) {
  const auto it = std::find_if(ports.begin(), ports.end(), [&](const Exposed& e) {
    return std::find(list.begin(), list.end(), e.port) != list.end();
  });
  return it == ports.end() ? nullptr : &*it;
}

// The port to probe: the configured one when exposed, else the first HTTP one,
// else the first HTTPS one; nullptr when none.
const Exposed* probed_port(const std::vector<Exposed>& ports, std::int64_t wanted) {
  const auto it =
      std::find_if(ports.begin(), ports.end(), [&](const Exposed& e) { return e.port == wanted; });
  if (it != ports.end()) return &*it;
  if (const Exposed* http = first_in(ports, kHttpPorts)) return http;
  return first_in(ports, kTlsPorts);
}

bool is_tls(std::int64_t port) {
  return std::find(kTlsPorts.begin(), kTlsPorts.end(), port) != kTlsPorts.end();
}

// The `--interval=… --timeout=… --start-period=… --retries=…` flags from the settings.
std::string healthcheck_flags(const Context& ctx) {
  std::string out;
  const auto add = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) out += fmt::format("--{}={} ", name, value);
  };
  add("interval", ctx.setting("interval", "30s"sv));
  add("timeout", ctx.setting("timeout", "3s"sv));
  add("start-period", ctx.setting("start-period", "10s"sv));
  const std::int64_t retries = ctx.setting("retries", std::int64_t{3});
  if (retries != 0) add("retries", std::to_string(retries));
  return out;
}

// The URL to probe, single-quoted when it holds characters the shell treats
// specially; nullopt when `path` is not a plain absolute URL path.
std::optional<std::string> probe_url(std::int64_t port, std::string_view path) {
  if (!path.starts_with('/')) return std::nullopt;
  const bool printable = std::all_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && std::string_view("'\"\\`").find(c) == std::string_view::npos;
  });
  if (!printable) return std::nullopt;
  const std::string url = fmt::format("http://127.0.0.1:{}{}", port, path);
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("/._~%+:@=,-").find(c) != std::string_view::npos;
  });
  return plain ? url : "'" + url + "'";
}

// Why `line` (a HEALTHCHECK instruction) would not build: BuildKit's line parser
// and typed checks (durations, retries), and a command that spans lines; nullopt
// when it is fine.
std::optional<std::string> line_problem(std::string_view line, char escape) {
  if (line.find_first_of("\r\n") != std::string_view::npos)
    return "the command spans several lines";
  const std::size_t last = line.find_last_not_of(" \t");
  if (last != std::string_view::npos && line[last] == escape)
    return "the command ends with the escape character";
  std::string text = escape == '\\' ? "" : fmt::format("# escape={}\n", escape);
  text += fmt::format("FROM scratch\n{}\n", line);
  const auto parsed =
      syntax::parse(std::make_shared<const SourceBuffer>("healthcheck", std::move(text)));
  if (!parsed) return parsed.error().message;
  if (parsed->instructions.size() != 2) return "the command spans several instructions";
  if (auto err = syntax::check_instructions(*parsed)) return err->message;
  return std::nullopt;
}

// Where the HEALTHCHECK goes: above the CMD/ENTRYPOINTs that close the stage.
std::optional<std::size_t> closing_command(const Analysis& analysis, const syntax::Stage& stage) {
  const auto& instructions = analysis.doc().instructions;
  std::optional<std::size_t> at;
  for (std::size_t i = stage.end; i-- > stage.from + 1;) {
    const syntax::Keyword k = instructions[i].keyword;
    if (k == syntax::Keyword::Cmd || k == syntax::Keyword::Entrypoint) {
      at = i;
    } else if (at) {
      break;
    }
  }
  return at;
}

// The probe after `CMD`, or why there is none (`refusal`).
struct Probe {
  std::string command;
  std::string tool;  // curl, wget or "" for the configured command
  std::string refusal;
};

Probe choose_probe(const Context& ctx, const syntax::Stage& stage, std::int64_t port) {
  const Analysis& analysis = ctx.analysis();
  const std::size_t last = stage.end - 1;
  const Distro distro = stage_distro(analysis, stage);
  const bool shell_less = distro == Distro::Distroless || distro == Distro::Scratch;
  const std::string configured = ctx.setting("command", ""sv);
  if (!configured.empty()) {
    if (shell_less && !configured.starts_with('['))
      return {{},
              {},
              "the configured `command` is in shell form, and a distroless/scratch image has no "
              "/bin/sh (write it as a JSON array)"};
    return {configured, {}, {}};
  }
  if (shell_less)
    return {{},
            {},
            "a distroless/scratch image has no shell and no HTTP client (build a probe into the "
            "app and set `command` as a JSON array)"};
  if (is_tls(port))
    return {
        {}, {}, "the image only serves HTTPS, which a plain probe cannot check (set `command`)"};
  const auto url = probe_url(port, ctx.setting("path", "/"sv));
  if (!url)
    return {
        {},
        {},
        "the `path` setting must be an absolute URL path without spaces, quotes or backslashes"};
  if (!analysis.posix_shell(last))
    return {{}, {}, "the stage's SHELL is not a POSIX shell (set `command`)"};
  if (stage_keeps_tool(analysis, last, "curl"))
    return {"curl -fsS " + *url + " || exit 1", "curl", {}};
  if (stage_keeps_tool(analysis, last, "wget"))
    return {"wget -q -O /dev/null " + *url + " || exit 1", "wget", {}};
  return {{},
          {},
          "neither curl nor wget is known to be in the image (install one, or set `command` to a "
          "probe the image has, such as a health subcommand of the app)"};
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const syntax::StageView& view = analysis.stages();
  if (view.stages.empty()) return;
  const syntax::Stage& stage = view.stages.back();
  // Windows containers have neither /bin/sh nor these ports' usual servers.
  if (stage_distro(analysis, stage) == Distro::Windows) return;
  const std::vector<const syntax::Stage*> chain = stage_chain(view, stage);
  // A HEALTHCHECK (even NONE) is a choice already made.
  if (has_healthcheck(analysis, chain)) return;
  const std::vector<Exposed> ports = exposed_ports(analysis, chain);
  const Exposed* probed = probed_port(ports, ctx.setting("port", std::int64_t{0}));
  // No HTTP port: nothing a generic probe could check.
  if (probed == nullptr) return;
  const std::string message =
      fmt::format("port {} is exposed but the image has no HEALTHCHECK", probed->port);
  const Probe probe = choose_probe(ctx, stage, probed->port);
  if (!probe.refusal.empty()) {
    ctx.report(probed->span, message + "; no fix: " + probe.refusal);
    return;
  }
  const Rewriter rw(analysis);
  const std::string line = rw.line(
      "HEALTHCHECK", healthcheck_flags(ctx) + rw.style().keyword("CMD") + " " + probe.command);
  if (const auto problem = line_problem(line, analysis.doc().escape)) {
    ctx.report(probed->span,
               message +
                   "; no fix: the [rules.healthcheck] settings give an invalid HEALTHCHECK (" +
                   *problem + ")");
    return;
  }
  const auto at = closing_command(analysis, stage);
  const std::optional<TextEdit> edit =
      at ? insert_above_comments(analysis, *at, line)
         : rw.insert_after(analysis.doc().instructions[stage.end - 1], line);
  if (!edit) {
    ctx.report(probed->span, message + "; no fix: the last line ends with a line continuation");
    return;
  }
  const std::string title =
      probe.tool.empty()
          ? "add HEALTHCHECK with the configured command"
          : fmt::format("add HEALTHCHECK probing port {} with {}", probed->port, probe.tool);
  ctx.report(probed->span, message, Safety::Unsafe, title, {*edit});
}

}  // namespace

const Transform& healthcheck() {
  static const Transform t{
      "healthcheck",
      Category::Runtime,
      Safety::Unsafe,
      "add a HEALTHCHECK to images that expose an HTTP port",
      {"DL3057", "DS026"},
      doc,
      true,
      check,
      {
          {"command", OptionType::String,
           "the health probe after CMD, used as given (shell form or JSON array)"},
          {"path", OptionType::String, "the URL path curl/wget request (default /)"},
          {"port", OptionType::Integer, "the exposed port to probe when several are exposed"},
          {"interval", OptionType::String, "--interval (Go duration, default 30s; \"\" omits it)"},
          {"timeout", OptionType::String, "--timeout (Go duration, default 3s; \"\" omits it)"},
          {"start-period", OptionType::String,
           "--start-period (Go duration, default 10s; \"\" omits it)"},
          {"retries", OptionType::Integer, "--retries (default 3; 0 omits it)"},
      }};
  return t;
}

}  // namespace dfopt::transforms
