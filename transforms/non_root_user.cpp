#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <variant>

#include "rewrite/rewriter.hpp"
#include "transforms/list.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Reports a final stage (the image that runs) whose effective user is root: no
`USER` at all (in the stage or the stage it is built `FROM`), or a last `USER`
that is `root`, `0`, `root:…` or `0:…`. The fix creates a system user for the
stage's distribution, gives it the files copied into the application directory,
and switches to it before `CMD`/`ENTRYPOINT`.

## Why is this bad?
A process running as root in a container is root on the host's kernel: a
container escape or a writable host mount becomes full control of the host.
Running as an unprivileged user limits what a compromised application can do.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir flask
COPY . .
CMD ["python", "app.py"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir flask
RUN groupadd -r app && useradd -r -m -g app --no-log-init app
USER app
COPY --chown=app:app . .
CMD ["python", "app.py"]
```

Which user:
- a user the stage already switched to with an earlier `USER` (when a later
  `USER root` undoes it), or one a RUN of the stage creates with
  `useradd NAME`/`adduser NAME`, or failing those one a RUN gives files to
  with `chown NAME…` (`www-data`, say): `USER NAME`, nothing created, no
  `--chown` (its group is not known);
- official `node` images ship `node`, and .NET 8+ images
  (`mcr.microsoft.com/dotnet/…:8.0`) ship `app`: used as they are (with
  `--chown=node:node` / `app:app`), unless `name` or `uid` is configured;
- Debian/Ubuntu and RHEL-family images:
  `RUN groupadd -r app && useradd -r -m -g app --no-log-init app` (a system
  user with a home directory, so that tools writing to `$HOME` work);
- Alpine: `RUN addgroup -S app && adduser -S -G app app` (busybox);
- distroless and `scratch`: `USER 65532:65532` (distroless's `nonroot`; numeric,
  as `scratch` has no `/etc/passwd`).

Where: `USER` goes after the last RUN of the stage (a later RUN would run as
the new user, and `apt-get install` fails without root), right before the
first `CMD`/`ENTRYPOINT` that follows it (or at the end of the stage). The
application directory is the final `WORKDIR` (not `/` or a system directory
such as `/usr/local` or `/opt`): every `COPY` into it gets `--chown` (rather
than a `chown -R`, which duplicates the files in a new layer), so the user is
created just before the first such COPY (without one, before the first
`COPY`/`ADD` of the stage, so that editing the copied files does not re-run
it); `ADD` and COPYs elsewhere stay root-owned (readable, not writable, by the
user). The WORKDIR directory itself keeps its owner.

Not reported: a non-root `USER` in effect (a `USER` with a variable counts as
non-root); Windows images; images that drop privileges themselves — `gosu`,
`su-exec`, `setpriv`, `runuser`, `chpst` or `s6-setuidgid` in a RUN or in
CMD/ENTRYPOINT, or a base whose entrypoint does it or whose default user is
not root (postgres, mysql, mariadb, mongo, redis, rabbitmq, cassandra,
couchdb, elasticsearch, memcached, solr, sonarqube, odoo, haproxy, jenkins,
`bitnami/*`, `jupyter/*`, chainguard, distroless `nonroot` tags,
`nginx-unprivileged`); a final stage `FROM scratch` without CMD or
ENTRYPOINT (it only exports files). Only the last stage of the file counts (a build with
`--target` is not modelled).

Reported without a fix (the message says why):
- an `EXPOSE` of a port below 1024 (only root may bind it);
- web servers that start as root and drop privileges themselves: an `nginx`,
  `httpd`, `caddy`, `traefik`, `php:*-apache`, `wordpress`, `drupal`,
  `joomla`, `nextcloud` or `mediawiki` base, or a stage that installs
  nginx, apache2 or httpd;
- programs that need root: `sshd`, `cron`/`crond`, `systemd`/`init`,
  `supervisord`, `service`, `iptables`, `dockerd`, `chown`, … in
  CMD/ENTRYPOINT, or a stage that installs openssh-server, supervisor, cron
  or systemd;
- a `VOLUME` (a volume's directory is created root-owned);
- a RUN of the stage that makes a path with `mkdir`/`touch` inside the
  application directory or under `/var`, `/run`, `/srv` or `/data` (it stays
  root-owned, and the application probably writes there), or a `chmod` that
  leaves others out (`chmod 700 x`, `chmod u+x x`) — unless the Dockerfile
  creates its own user;
- a last `USER root` in the final stage when no earlier non-root USER or
  created user is known (it looks deliberate);
- an `ONBUILD RUN` (it would run as the new user in child images);
- an unknown distribution (no idea how to create a user), a RHEL-family
  minimal/micro/Amazon Linux or a SUSE image where no RUN installs
  `shadow-utils`/`shadow` (no `useradd` in them);
- a file whose last line ends with a line continuation (where `USER` would
  go);
- a user created through a variable, or `name`/`uid` settings that are not a
  valid user name or UID.

## Fix safety
Unsafe: the application now runs without root. It can no longer write to
root-owned paths (anything outside its home, the COPYs given to it and
`/tmp`), bind ports below 1024, or change ownership; images built `FROM` this
one start as the new user, so their `RUN apt-get install …` fail until they
switch back with `USER root`.

## Options
- `name` (string, default `app`): the user (and group) to create.
- `uid` (integer, default none: the system picks one): the UID and GID of the
  created user (and of the distroless/scratch user, instead of 65532); with
  it `USER` and `--chown` are numeric (`USER 10001:10001`), which Kubernetes'
  `runAsNonRoot` can verify. Pick one the base image does not use (`node` and
  `ubuntu:24.04` use 1000).
)";

using syntax::Keyword;

// Images that run as a non-root user by default, or whose entrypoint drops privileges.
constexpr std::array<std::string_view, 15> kSelfDroppingImages = {
    "postgres", "mysql",     "mariadb", "mongo",         "redis",
    "rabbitmq", "cassandra", "couchdb", "elasticsearch", "memcached",
    "solr",     "sonarqube", "odoo",    "haproxy",       "percona"};

// Web servers that start as root (to bind port 80) and drop privileges themselves.
constexpr std::array<std::string_view, 9> kWebServerImages = {"nginx",   "httpd",     "caddy",
                                                              "traefik", "wordpress", "drupal",
                                                              "joomla",  "nextcloud", "mediawiki"};

// Programs that change users: an image that runs one drops privileges itself.
constexpr std::array<std::string_view, 8> kDropPrograms = {
    "gosu", "su-exec", "setpriv", "runuser", "chpst", "s6-setuidgid", "setuidgid", "su"};

// Programs that need root at run time.
constexpr std::array<std::string_view, 31> kRootPrograms = {"sshd",
                                                            "cron",
                                                            "crond",
                                                            "systemd",
                                                            "init",
                                                            "supervisord",
                                                            "service",
                                                            "iptables",
                                                            "ip6tables",
                                                            "dockerd",
                                                            "rsyslogd",
                                                            "syslogd",
                                                            "nginx",
                                                            "httpd",
                                                            "apache2",
                                                            "apachectl",
                                                            "apache2ctl",
                                                            "apache2-foreground",
                                                            "httpd-foreground",
                                                            "postfix",
                                                            "dnsmasq",
                                                            "openvpn",
                                                            "tcpdump",
                                                            "my_init",
                                                            "runsvdir",
                                                            "s6-svscan",
                                                            "sysctl",
                                                            "modprobe",
                                                            "mount",
                                                            "chown",
                                                            "chmod"};

// Packages whose programs need root (or run their own privilege drop).
constexpr std::array<std::string_view, 9> kRootPackages = {"nginx",          "apache2",    "httpd",
                                                           "openssh-server", "supervisor", "cron",
                                                           "cronie",         "systemd",    "dcron"};

// Directories that are no application's own.
constexpr std::array<std::string_view, 20> kSystemDirs = {"/",
                                                          "/bin",
                                                          "/etc",
                                                          "/home",
                                                          "/opt",
                                                          "/root",
                                                          "/sbin",
                                                          "/srv",
                                                          "/tmp",
                                                          "/usr",
                                                          "/usr/bin",
                                                          "/usr/local",
                                                          "/usr/local/bin",
                                                          "/usr/local/sbin",
                                                          "/usr/sbin",
                                                          "/usr/share",
                                                          "/var",
                                                          "/lib",
                                                          "/usr/lib",
                                                          "/usr/src"};

// Where applications keep data they write at run time.
constexpr std::array<std::string_view, 4> kDataDirs = {"/var", "/run", "/srv", "/data"};

// Value flags of useradd, shadow's and Debian's adduser, and busybox adduser.
constexpr std::array<std::string_view, 38> kUserValueFlags = {
    "-b",         "-c",           "-d",         "-e",         "-f",         "-g",
    "-G",         "-k",           "-K",         "-p",         "-R",         "-P",
    "-s",         "-u",           "-Z",         "-h",         "--base-dir", "--comment",
    "--home-dir", "--expiredate", "--inactive", "--gid",      "--groups",   "--skel",
    "--key",      "--password",   "--root",     "--prefix",   "--uid",      "--home",
    "--shell",    "--ingroup",    "--gecos",    "--firstuid", "--lastuid",  "--firstgid",
    "--lastgid",  "--conf"};

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// `root`, `0`, `root:grp`, `0:0` or nothing: the user part is root.
bool is_root(std::string_view user) {
  const std::string_view name = user.substr(0, user.find(':'));
  return name.empty() || name == "root" || name == "0";
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  if (std::islower(static_cast<unsigned char>(name[0])) == 0 && name[0] != '_') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) != 0 ||
           std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// The final stage and the stages it is built FROM, the final stage first.
std::vector<const syntax::Stage*> stage_chain(const syntax::StageView& view) {
  std::vector<const syntax::Stage*> out;
  for (const syntax::Stage* s = &view.stages.back(); s != nullptr;
       s = s->base_stage ? &view.stages[*s->base_stage] : nullptr) {
    out.push_back(s);
  }
  return out;
}

// Every instruction index of the chain, in build order (base stages first).
std::vector<std::size_t> chain_instructions(const std::vector<const syntax::Stage*>& chain) {
  std::vector<std::size_t> out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (std::size_t i = (*it)->from + 1; i < (*it)->end; ++i) out.push_back(i);
  }
  return out;
}

// The words of a CMD/ENTRYPOINT split at blanks and shell operators, as base names.
std::vector<std::string> command_words(const syntax::Instruction& ins) {
  std::vector<std::string> out;
  const auto split = [&](std::string_view text) {
    std::string word;
    const auto flush = [&] {
      if (!word.empty())
        out.push_back(word.substr(word.rfind('/') == std::string::npos ? 0 : word.rfind('/') + 1));
      word.clear();
    };
    for (const char c : text) {
      if (std::isspace(static_cast<unsigned char>(c)) != 0 ||
          contains(";&|()\"'", std::string_view(&c, 1))) {
        flush();
      } else {
        word += c;
      }
    }
    flush();
  };
  if (ins.is_json()) {
    for (const syntax::Word& w : ins.args) split(w.value);
  } else {
    split(ins.rest);
  }
  return out;
}

// The first port below 1024 that an EXPOSE word names (`80`, `443/tcp`, `80-90`), if any.
std::optional<std::string> privileged_port(const syntax::Instruction& expose) {
  for (const syntax::Word& w : expose.args) {
    const std::string_view v = w.value;
    std::size_t n = 0;
    while (n < v.size() && std::isdigit(static_cast<unsigned char>(v[n])) != 0) ++n;
    if (n == 0 || n > 4 || (n < v.size() && v[n] != '/' && v[n] != '-')) continue;
    if (std::stoi(std::string(v.substr(0, n))) < 1024) return std::string(v);
  }
  return std::nullopt;
}

// Whether the stage's base image runs as non-root or drops privileges itself.
bool base_handles_user(std::string_view base) {
  const ImageRef ref = parse_image(base);
  const std::string_view name = ref.name();
  if (ref.registry.empty() && one_of(ref.repository, kSelfDroppingImages)) return true;
  if (ref.registry == "cgr.dev") return !contains(ref.tag, "-dev");
  if (contains(ref.repository, "distroless") && contains(ref.tag, "nonroot")) return true;
  if (ref.repository.starts_with("bitnami/")) return name != "minideb";
  return ref.repository.starts_with("jupyter/") || ref.repository == "jenkins/jenkins" ||
         name == "nginx-unprivileged";
}

bool web_server_image(std::string_view base) {
  const ImageRef ref = parse_image(base);
  if (!ref.registry.empty()) return false;
  return one_of(ref.repository, kWebServerImages) ||
         (ref.repository == "php" && contains(ref.tag, "apache"));
}

// What the rule found about the final stage.
struct Survey {
  bool drops_privileges = false;
  std::string refusal;                   // why no fix, "" when one may be offered
  std::optional<std::size_t> last_user;  // the last USER of the chain
  std::string earlier_user;              // a non-root USER before it ("" when none usable)
  std::string created_user;              // the name a RUN creates with useradd/adduser
  bool created_by_variable = false;
  std::string chowned_user;                   // the last user name a RUN chowns files to
  std::optional<std::size_t> shadow_install;  // the RUN that installs shadow(-utils)
  std::optional<std::size_t> last_run;
  bool has_command = false;  // a CMD or ENTRYPOINT
};

void survey_runs(const Analysis& analysis, std::size_t i, Survey& s) {
  const syntax::Instruction& ins = analysis.doc().instructions[i];
  if (ins.keyword != Keyword::Run) return;
  s.last_run = i;
  const std::string_view body = analysis.text().substr(ins.span.begin, ins.span.size());
  if (contains(body, "gosu") || contains(body, "su-exec")) s.drops_privileges = true;
  for (const RunCommand& cmd : run_commands(analysis, i)) {
    if (installs_package(cmd.view, kRootPackages) && s.refusal.empty())
      s.refusal = "the stage installs a service that needs root to start";
    if (installs_package(cmd.view, {"shadow-utils", "shadow"})) s.shadow_install = i;
    if (cmd.view.program == "chown") {
      // Files given to a user name the user the image means to run as.
      const std::vector<const shell::Word*> ops =
          shell::operands(cmd.view, {"--from", "--reference"});
      if (!ops.empty() && ops[0]->literal) {
        const std::string owner = ops[0]->literal->substr(0, ops[0]->literal->find_first_of(":."));
        if (!is_root(owner) && valid_name(owner)) s.chowned_user = owner;
      }
    }
    if (cmd.view.program != "useradd" && cmd.view.program != "adduser") continue;
    // The user is useradd's last operand and adduser's first (`adduser USER GROUP`
    // adds it to a group); paths are values of option clusters like `-Ds /bin/sh`.
    std::vector<const shell::Word*> ops = shell::operands(cmd.view, kUserValueFlags);
    std::erase_if(ops,
                  [](const shell::Word* w) { return w->literal && w->literal->starts_with('/'); });
    if (ops.empty()) continue;
    const shell::Word* name = cmd.view.program == "useradd" ? ops.back() : ops.front();
    s.created_by_variable = !name->literal;
    s.created_user = name->literal ? *name->literal : "";
  }
}

// `final_from`: the FROM of the final stage.
void survey_instruction(const Analysis& analysis, std::size_t i, std::size_t final_from,
                        Survey& s) {
  const syntax::Instruction& ins = analysis.doc().instructions[i];
  survey_runs(analysis, i, s);
  switch (ins.keyword) {
    case Keyword::Onbuild:
      if (ins.trigger && ins.trigger->keyword == Keyword::Run && s.refusal.empty())
        s.refusal = "ONBUILD RUN would run as the new user in images built from this one";
      break;
    case Keyword::User:
      if (s.last_user) {
        const std::string& prev = analysis.doc().instructions[*s.last_user].args[0].value;
        // A variable from a base stage's ARG is out of scope in the final stage.
        if (!is_root(prev) && (*s.last_user > final_from || !contains(prev, "$")))
          s.earlier_user = prev;
      }
      if (!ins.args.empty()) s.last_user = i;
      break;
    case Keyword::Expose:
      if (auto port = privileged_port(ins); port && s.refusal.empty())
        s.refusal = "EXPOSE " + *port + " is a port below 1024, which only root may bind";
      break;
    case Keyword::Volume:
      if (s.refusal.empty()) s.refusal = "the directory of a VOLUME is created owned by root";
      break;
    case Keyword::Cmd:
    case Keyword::Entrypoint:
      s.has_command = true;
      for (const std::string& w : command_words(ins)) {
        if (one_of(std::string_view(w), kDropPrograms)) s.drops_privileges = true;
        if (one_of(std::string_view(w), kRootPrograms) && s.refusal.empty())
          s.refusal =
              "`" + w + "` in " + std::string(syntax::keyword_name(ins.keyword)) + " needs root";
      }
      break;
    default:
      break;
  }
}

Survey survey(const Analysis& analysis, const std::vector<const syntax::Stage*>& chain) {
  Survey s;
  const syntax::Stage& root = *chain.back();
  if (web_server_image(root.base))
    s.refusal = "web servers like " + root.base + " start as root and drop privileges themselves";
  for (const std::size_t i : chain_instructions(chain))
    survey_instruction(analysis, i, chain.front()->from, s);
  return s;
}

// How the fix runs the stage as non-root.
struct Plan {
  std::string create;  // the RUN body that creates the user, "" when none
  std::string user;    // the USER argument
  std::string owner;   // the --chown value for COPYs into the app directory, "" for none
  std::optional<std::size_t> not_before;  // the user can be created only after this RUN
};

// A user the image ships, when no name or uid is configured.
std::optional<std::string> shipped_user(std::string_view base) {
  const ImageRef ref = parse_image(base);
  if (ref.registry.empty() && ref.repository == "node") return std::string("node");
  if (ref.registry == "mcr.microsoft.com" && ref.repository.starts_with("dotnet/") &&
      !ref.tag.empty() && std::isdigit(static_cast<unsigned char>(ref.tag[0])) != 0) {
    const int major = std::atoi(ref.tag.c_str());
    if (major >= 8) return std::string("app");
  }
  return std::nullopt;
}

// The plan, or the reason there is none.
std::variant<Plan, std::string> plan_for(const Context& ctx,
                                         const std::vector<const syntax::Stage*>& chain,
                                         const Survey& s) {
  if (!s.refusal.empty()) return s.refusal;
  if (!s.earlier_user.empty()) return Plan{"", s.earlier_user, "", {}};
  if (s.created_by_variable) return std::string("the stage creates its user through a variable");
  if (!s.created_user.empty()) return Plan{"", s.created_user, "", {}};
  if (!s.chowned_user.empty()) return Plan{"", s.chowned_user, "", {}};
  // An explicit USER root in the final stage, and no user of ours to go back to.
  if (s.last_user && *s.last_user > chain.front()->from)
    return std::string("USER root looks deliberate; switch back to the image's user by hand");
  const bool configured = ctx.settings().contains("name") || ctx.settings().contains("uid");
  const std::string name = ctx.setting("name", std::string_view("app"));
  const std::int64_t uid = ctx.setting("uid", std::int64_t{-1});
  if (!valid_name(name)) return "the `name` setting \"" + name + "\" is not a valid user name";
  if (ctx.settings().contains("uid") && (uid <= 0 || uid > 2147483646))
    return "the `uid` setting " + std::to_string(uid) + " is not a valid non-root UID";
  const syntax::Stage& root = *chain.back();
  if (!configured) {
    if (auto shipped = shipped_user(root.base))
      return Plan{"", *shipped, *shipped + ":" + *shipped, {}};
  }
  const std::string id = uid > 0 ? std::to_string(uid) : "";
  const std::string numeric = id + ":" + id;
  const Distro distro = stage_distro(ctx.analysis(), *chain.front());
  switch (distro) {
    case Distro::Distroless:
    case Distro::Scratch: {
      const std::string fixed = id.empty() ? "65532:65532" : numeric;
      return Plan{"", fixed, fixed, {}};
    }
    case Distro::Alpine: {
      const std::string create = "addgroup -S" + (id.empty() ? "" : " -g " + id) + " " + name +
                                 " && adduser -S -G " + name + (id.empty() ? "" : " -u " + id) +
                                 " " + name;
      return Plan{
          create, id.empty() ? name : numeric, id.empty() ? name + ":" + name : numeric, {}};
    }
    case Distro::Debian:
    case Distro::Rhel:
    case Distro::Suse: {
      Plan plan;
      const ImageRef ref = parse_image(root.base);
      const bool minimal = contains(ref.tag, "minimal") || contains(ref.tag, "micro") ||
                           contains(ref.tag, "slim") || contains(ref.repository, "minimal") ||
                           contains(ref.repository, "micro") || ref.name() == "amazonlinux" ||
                           image_distro(root.base) == Distro::Unknown;
      if (distro == Distro::Suse || (distro == Distro::Rhel && minimal)) {
        if (!s.shadow_install)
          return std::string(
              "useradd may be missing from the image; install shadow-utils (shadow on SUSE) first");
        plan.not_before = s.shadow_install;
      }
      plan.create = "groupadd -r" + (id.empty() ? "" : " -g " + id) + " " + name +
                    " && useradd -r -m -g " + name + (id.empty() ? "" : " -u " + id) +
                    " --no-log-init " + name;
      plan.user = id.empty() ? name : numeric;
      plan.owner = id.empty() ? name + ":" + name : numeric;
      return plan;
    }
    case Distro::Unknown:
    case Distro::Windows:
      break;
  }
  return std::string(
      "the base image's distribution is unknown; create a user and add USER by hand");
}

// The application directory: the final WORKDIR unless it is a system directory.
std::string app_directory(const Analysis& analysis, const syntax::Stage& stage) {
  const std::size_t last = stage.end - 1;
  syntax::Environment env = syntax::environment_at(analysis.doc(), analysis.stages(), last);
  const syntax::Instruction& ins = analysis.doc().instructions[last];
  std::string dir = env.workdir;
  if (ins.keyword == Keyword::Workdir && !ins.args.empty())
    dir = resolve_path(dir.empty() ? "/" : dir, ins.args[0].value);
  dir = resolve_path("/", dir);
  return one_of(std::string_view(dir), kSystemDirs) ? "" : dir;
}

// The COPYs of the stage from `first` on (without --chown) whose destination is in `dir`.
std::vector<std::size_t> copies_into(const Analysis& analysis, const syntax::Stage& stage,
                                     std::size_t first, const std::string& dir) {
  std::vector<std::size_t> out;
  if (dir.empty()) return out;
  for (std::size_t i = std::max(first, stage.from + 1); i < stage.end; ++i) {
    const syntax::Instruction& ins = analysis.doc().instructions[i];
    if (ins.keyword != Keyword::Copy || ins.flag("chown") != nullptr || !ins.heredocs.empty() ||
        ins.args.size() < 2)
      continue;
    const std::string cwd = syntax::environment_at(analysis.doc(), analysis.stages(), i).workdir;
    const std::string dest =
        resolve_path(cwd.empty() ? "/" : resolve_path("/", cwd), ins.args.back().value);
    if (dest == dir || dest.starts_with(dir + "/")) out.push_back(i);
  }
  return out;
}

// A chmod mode that gives others no read access (`700`, `0640`) or that only
// touches the owner or group (`u+x`, `ug+rwx`).
bool owner_only_mode(std::string_view mode) {
  if (!mode.empty() &&
      std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; }))
    return mode.size() >= 3 && mode.back() < '4';
  const std::size_t op = mode.find_first_of("+=");
  if (op == std::string_view::npos || op == 0) return false;
  const std::string_view who = mode.substr(0, op);
  return who.find_first_of("ao") == std::string_view::npos &&
         mode.find(',') == std::string_view::npos;
}

// Why a RUN of the stage leaves a directory the user may need to write to owned by
// root: a `mkdir`/`touch` inside the application directory or under /var, /run,
// /srv or /data; "" when none does.
std::string root_owned_paths(const Analysis& analysis, const syntax::Stage& stage,
                             const std::string& dir) {
  const auto writable = [&](const std::string& path) {
    // The directory itself is like the WORKDIR that creates it (root-owned either way).
    if (!dir.empty() && path.starts_with(dir + "/")) return true;
    return std::any_of(kDataDirs.begin(), kDataDirs.end(), [&](std::string_view d) {
      return path == d || path.starts_with(std::string(d) + "/");
    });
  };
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    for (const RunCommand& cmd : run_commands(analysis, i)) {
      if (cmd.view.program == "chmod") {
        const std::vector<const shell::Word*> ops = shell::operands(cmd.view);
        if (!ops.empty() && ops[0]->literal && owner_only_mode(*ops[0]->literal))
          return "`chmod " + *ops[0]->literal + "` leaves files that only root may use";
      }
      if (cmd.view.program != "mkdir" && cmd.view.program != "touch") continue;
      const std::string cwd = syntax::environment_at(analysis.doc(), analysis.stages(), i).workdir;
      for (const shell::Word* w :
           shell::operands(cmd.view, {"-m", "--mode", "-d", "-r", "-t", "--date", "--reference"})) {
        if (!w->literal) continue;
        if (writable(resolve_path(resolve_path("/", cwd), *w->literal)))
          return "`" + cmd.view.program + " " + *w->literal +
                 "` leaves a path owned by root that the user may need to write to";
      }
    }
  }
  return "";
}

// The first CMD/ENTRYPOINT of the stage after `start`, if any.
std::optional<std::size_t> first_command_after(const syntax::Document& d,
                                               const syntax::Stage& stage, std::size_t start) {
  for (std::size_t i = start + 1; i < stage.end; ++i) {
    const Keyword k = d.instructions[i].keyword;
    if (k == Keyword::Cmd || k == Keyword::Entrypoint) return i;
  }
  return std::nullopt;
}

// The first COPY or ADD of the stage in [first, last), if any.
std::optional<std::size_t> first_copy_in(const syntax::Document& d, std::size_t first,
                                         std::size_t last) {
  for (std::size_t i = first; i < last; ++i) {
    const Keyword k = d.instructions[i].keyword;
    if (k == Keyword::Copy || k == Keyword::Add) return i;
  }
  return std::nullopt;
}

std::optional<std::vector<TextEdit>> edits_for(const Analysis& analysis, const syntax::Stage& stage,
                                               const Survey& s, const Plan& plan) {
  const Rewriter rw(analysis);
  const auto& instructions = analysis.doc().instructions;
  std::vector<TextEdit> edits;
  const std::string dir = plan.owner.empty() ? "" : app_directory(analysis, stage);
  std::size_t start = std::max({stage.from, s.last_run.value_or(0), s.last_user.value_or(0)});
  std::string user_lines = rw.line("USER", plan.user);
  const std::size_t earliest =
      plan.create.empty() || !plan.not_before ? stage.from + 1 : *plan.not_before + 1;
  const std::vector<std::size_t> chowned = copies_into(analysis, stage, earliest, dir);
  // A user created for the chowned COPYs must exist before them, and USER comes after.
  if (!plan.create.empty() && !chowned.empty()) start = std::max(start, chowned.front());
  const auto cmd = first_command_after(analysis.doc(), stage, start);
  if (!plan.create.empty()) {
    // The user is created above the first file copied in (into the application directory
    // or, failing that, anywhere before USER): editing the files then reuses its layer.
    const std::optional<std::size_t> create_at =
        !chowned.empty() ? chowned.front()
                         : first_copy_in(analysis.doc(), earliest, cmd.value_or(stage.end));
    if (create_at) {
      edits.push_back(insert_above_comments(analysis, *create_at, rw.line("RUN", plan.create)));
    } else {
      user_lines = rw.line("RUN", plan.create) + "\n" + user_lines;
    }
  }
  for (const std::size_t i : chowned)
    edits.push_back(add_copy_flag(instructions[i], "chown", plan.owner));
  if (cmd) {
    edits.push_back(insert_above_comments(analysis, *cmd, user_lines));
  } else {
    auto edit = rw.insert_after(instructions[stage.end - 1], user_lines);
    if (!edit) return std::nullopt;
    edits.push_back(std::move(*edit));
  }
  return edits;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const syntax::StageView& view = analysis.stages();
  if (view.stages.empty()) return;
  const std::vector<const syntax::Stage*> chain = stage_chain(view);
  const syntax::Stage& stage = *chain.front();
  // Windows users and their rights are another story.
  if (stage_distro(analysis, stage) == Distro::Windows) return;
  // The image's own user or entrypoint takes care of it.
  if (base_handles_user(chain.back()->base)) return;
  Survey s = survey(analysis, chain);
  // A stage FROM scratch that runs nothing only exports files (`--output`).
  if (chain.back()->base == "scratch" && !s.has_command) return;
  // (A user the Dockerfile made itself was given its directories, one hopes.)
  if (s.refusal.empty() && s.earlier_user.empty() && s.created_user.empty() &&
      s.chowned_user.empty())
    s.refusal = root_owned_paths(analysis, stage, app_directory(analysis, stage));
  const auto& instructions = ctx.doc().instructions;
  // A non-root user is in effect.
  if (s.last_user && !is_root(instructions[*s.last_user].args[0].value)) return;
  // gosu / su-exec & co.: the entrypoint switches users itself.
  if (s.drops_privileges) return;
  const bool explicit_root = s.last_user && *s.last_user > stage.from;
  const Span at = explicit_root ? instructions[*s.last_user].keyword_span
                                : instructions[stage.from].keyword_span;
  const std::string message = !s.last_user
                                  ? "the final stage runs as root: it has no USER"
                                  : "the final stage runs as root: the last USER" +
                                        std::string(explicit_root ? "" : " (of its base stage)") +
                                        " is " + instructions[*s.last_user].args[0].value;
  const auto plan = plan_for(ctx, chain, s);
  if (const auto* reason = std::get_if<std::string>(&plan)) {
    ctx.report(at, message + " (no fix: " + *reason + ")");
    return;
  }
  const Plan& p = std::get<Plan>(plan);
  auto edits = edits_for(analysis, stage, s, p);
  if (!edits) {
    ctx.report(at, message + " (no fix: the last line ends with a line continuation)");
    return;
  }
  ctx.report(at, message, Safety::Unsafe,
             (p.create.empty() ? "run as " : "create a user and run as ") + p.user,
             std::move(*edits));
}

}  // namespace

const Transform& non_root_user() {
  static const Transform t{
      "non-root-user",
      Category::Security,
      Safety::Unsafe,
      "run the final stage as a non-root user",
      {"DL3002", "DS002"},
      doc,
      true,
      check,
      {{"name", OptionType::String, "the user (and group) to create (default app)"},
       {"uid", OptionType::Integer, "UID and GID of the created user (default: system-assigned)"}}};
  return t;
}

}  // namespace dfopt::transforms
