// Tests of the command model (lib/shell/command_model.{hpp,cpp}) on realistic RUN lines.
#include "shell/command_model.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/logical_text.hpp"
#include "shell/shell.hpp"

namespace dfopt::shell {
namespace {

// Owns a parsed body so that views into it stay valid.
struct Parsed {
  explicit Parsed(std::string_view body)
      : text(body), script(parse(LogicalText::contiguous(text, 0))), cmds(commands(script)) {
    REQUIRE(script.status != ParseStatus::Opaque);
  }

  CommandView at(std::size_t i) const {
    REQUIRE(i < cmds.size());
    return view(*cmds[i]);
  }
  std::vector<std::string> programs() const {
    std::vector<std::string> out;
    for (const SimpleCommand* c : cmds) out.push_back(view(*c).program);
    return out;
  }
  std::string_view of(const Word* w) const { return w ? text_of(text, w->span) : "<none>"; }
  std::vector<std::string> texts(const std::vector<const Word*>& words) const {
    std::vector<std::string> out;
    out.reserve(words.size());
    for (const Word* w : words) out.emplace_back(of(w));
    return out;
  }

  std::string text;
  Script script;
  std::vector<const SimpleCommand*> cmds;
};

using Strings = std::vector<std::string>;

TEST_CASE("commands() walks lists, pipelines, subshells and groups in order") {
  const Parsed p(
      "set -eux; apt-get update && (cd /src && make) | tee log; { echo a; echo b; } > f; "
      "if [ -f x ]; then rm x; fi; x=$(date) true");
  CHECK(p.programs() == Strings{"set", "apt-get", "cd", "make", "tee", "echo", "echo", "true"});
  CHECK(p.cmds[7]->assignments.size() == 1);  // $(date) is not descended into
}

TEST_CASE("the classic apt-get line") {
  const Parsed p(
      "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm "
      "-rf /var/lib/apt/lists/*");
  REQUIRE(p.cmds.size() == 3);
  const CommandView update = p.at(0);
  CHECK(is(update, kAptPrograms, "update", kAptValueFlags));
  CHECK(!is_apt_get_install(update));
  const CommandView install = p.at(1);
  CHECK(is_apt_get_install(install));
  CHECK(has_flag(install, {"y", "yes", "assume-yes"}));
  CHECK(has_flag(install, {"no-install-recommends"}));
  CHECK(!has_flag(install, {"q", "quiet"}));
  CHECK(p.texts(args_after_subcommand(install, kAptValueFlags)) ==
        Strings{"curl", "ca-certificates"});
  CHECK(p.of(subcommand(install, kAptValueFlags)) == "install");
  CHECK(after_subcommand(install, kAptValueFlags) == 33u);
  CHECK(p.text.substr(0, 33).ends_with("apt-get install"));
  CHECK(end_of_words(*p.cmds[1]) == 81u);
  CHECK(p.text.substr(0, 81).ends_with("ca-certificates"));
  const CommandView rm = p.at(2);
  CHECK(is_program(rm, {"rm"}));
  CHECK(has_flag(rm, {"r", "recursive"}));
  CHECK(has_flag(rm, {"f", "force"}));
  REQUIRE(operands(rm).size() == 1);
  CHECK(operands(rm)[0]->literal == "/var/lib/apt/lists/*");
}

TEST_CASE("spellings of -y") {
  struct Case {
    std::string_view line;
    bool yes;
  };
  const Case cases[] = {
      {"apt-get install -y curl", true},
      {"apt-get install --yes curl", true},
      {"apt-get install --assume-yes curl", true},
      {"apt-get -qqy install curl", true},
      {"apt-get -yq install curl", true},
      {"apt-get install --assume-yes=true curl", true},
      {"apt-get install \"-y\" curl", true},
      {"apt-get install curl", false},
      {"apt-get install -q curl", false},
      {"apt-get -o APT::Get::Assume-Yes=true install curl", false},
      {"apt-get -oDebug::pkgProblemResolver=yes install curl", false},
      {"apt-get install -- -y", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const Parsed p(c.line);
    CHECK(has_flag(p.at(0), {"y", "yes", "assume-yes"}, kAptValueFlags) == c.yes);
    CHECK(is_apt_get_install(p.at(0)));
  }
}

TEST_CASE("subcommand skips flags and the values of value flags") {
  const Parsed p(
      "apt-get -o Dpkg::Options::=--force-confdef -t bookworm-backports -y install foo=1.2 "
      "$EXTRA");
  const CommandView v = p.at(0);
  CHECK(p.of(subcommand(v, kAptValueFlags)) == "install");
  CHECK(p.texts(args_after_subcommand(v, kAptValueFlags)) == Strings{"foo=1.2", "$EXTRA"});
  // Without the value flags, the value of -o is taken for the subcommand.
  CHECK(p.of(subcommand(v)) == "Dpkg::Options::=--force-confdef");
  CHECK(flag_values(v, {"o", "option"}) ==
        std::vector<std::string_view>{"Dpkg::Options::=--force-confdef"});
  CHECK(flag_value(v, {"t", "target-release"}) == "bookworm-backports");
  CHECK(!flag_value(v, {"c"}));
}

TEST_CASE("assignment prefixes and wrappers") {
  SUBCASE("DEBIAN_FRONTEND prefix") {
    const Parsed p("DEBIAN_FRONTEND=noninteractive apt-get -qqy install foo");
    const CommandView v = p.at(0);
    CHECK(v.program == "apt-get");
    CHECK(v.wrappers.empty());
    CHECK(is_apt_get_install(v));
    CHECK(p.texts(args_after_subcommand(v, kAptValueFlags)) == Strings{"foo"});
  }
  SUBCASE("sudo -E") {
    const Parsed p("sudo -E apt-get install x");
    const CommandView v = p.at(0);
    CHECK(v.program == "apt-get");
    CHECK(v.wrappers == Strings{"sudo"});
    CHECK(p.of(v.program_word) == "apt-get");
    CHECK(is_apt_get_install(v));
  }
  SUBCASE("sudo -u user -H --") {
    const Parsed p("sudo -u www-data -H -- npm ci");
    CHECK(p.at(0).program == "npm");
    CHECK(is(p.at(0), {"npm"}, "ci"));
  }
  SUBCASE("env with options and assignments") {
    const Parsed p("env -i A=1 B=2 npm ci");
    const CommandView v = p.at(0);
    CHECK(v.program == "npm");
    CHECK(v.wrappers == Strings{"env"});
    REQUIRE(v.env_assignments.size() == 2);
    CHECK(p.of(v.env_assignments[1]) == "B=2");
    CHECK(p.texts(operands(v)) == Strings{"ci"});
  }
  SUBCASE("chained wrappers") {
    const Parsed p("sudo env PATH=/x:$PATH nice -n 10 nohup time -p make -j4");
    const CommandView v = p.at(0);
    CHECK(v.program == "make");
    CHECK(v.wrappers == Strings{"sudo", "env", "nice", "nohup", "time"});
    CHECK(has_flag(v, {"j", "jobs"}));
  }
  SUBCASE("nice -N, timeout, stdbuf, exec") {
    CHECK(Parsed("nice -10 gzip f").at(0).program == "gzip");
    CHECK(Parsed("timeout -s KILL 30s curl -fsSL x").at(0).program == "curl");
    CHECK(Parsed("stdbuf -oL python3 app.py").at(0).program == "python3");
    CHECK(Parsed("exec gosu app \"$@\"").at(0).program == "gosu");
  }
  SUBCASE("command -v is a query, command x runs x") {
    CHECK(Parsed("command -v curl").at(0).program == "command");
    CHECK(Parsed("command curl -V").at(0).program == "curl");
  }
  SUBCASE("a wrapper alone is the program") {
    CHECK(Parsed("sudo").at(0).program == "sudo");
    CHECK(Parsed("env").at(0).program == "env");
    CHECK(Parsed("env -i A=1").at(0).program == "env");
  }
}

TEST_CASE("program names") {
  CHECK(Parsed("/usr/bin/apt-get install x").at(0).program == "apt-get");
  CHECK(is_apt_get_install(Parsed("/usr/bin/apt-get install x").at(0)));
  CHECK(Parsed("\"apt-get\" install x").at(0).program == "apt-get");
  CHECK(!Parsed("$PKG_MANAGER install x").at(0).has_program());
  CHECK(!Parsed("> /dev/null").at(0).has_program());
  CHECK(Parsed("A=1").at(0).program.empty());
}

TEST_CASE("pip in all its spellings") {
  const std::string_view yes[] = {
      "pip install --no-cache-dir -r requirements.txt",
      "pip3 install flask",
      "pip3.12 install flask",
      "python -m pip install -U pip",
      "python3 -m pip install --upgrade pip setuptools",
      "python3.11 -m pip install x",
      "python3 -u -m pip install x",
      "/usr/local/bin/python3 -m pip install x",
      "pip --proxy http://p:3128 install x",
      "sudo -H pip3 install x",
  };
  for (const std::string_view line : yes) {
    CAPTURE(line);
    const Parsed p(line);
    CHECK(is_pip(p.at(0)));
    CHECK(is_pip_install(p.at(0)));
  }
  const std::string_view no[] = {
      "pip download x",
      "pip freeze > req.txt",
      "python3 -m venv /venv",
      "python3 -c 'import pip'",
      "pipenv install",
      "python setup.py install",
      "pip",
  };
  for (const std::string_view line : no) {
    CAPTURE(line);
    CHECK(!is_pip_install(Parsed(line).at(0)));
  }
  const Parsed p(
      "python3 -m pip install --no-cache-dir --index-url=https://pypi.example/simple -r req.txt "
      "x==1.0");
  const CommandView v = p.at(0);
  CHECK(v.program == "pip");
  CHECK(p.of(v.program_word) == "pip");
  CHECK(has_flag(v, {"no-cache-dir"}));
  CHECK(flag_value(v, {"i", "index-url"}) == "https://pypi.example/simple");
  CHECK(flag_value(v, {"r", "requirement"}) == "req.txt");
  CHECK(p.texts(args_after_subcommand(v, {"-r", "--requirement", "-c"})) == Strings{"x==1.0"});
  CHECK(Parsed("python3 -m venv /venv").at(0).program == "venv");
}

TEST_CASE("other package managers") {
  SUBCASE("apk") {
    const Parsed p("apk add --no-cache --virtual .build-deps gcc musl-dev");
    const CommandView v = p.at(0);
    CHECK(is(v, {"apk"}, "add"));
    CHECK(has_flag(v, {"no-cache"}));
    CHECK(p.texts(args_after_subcommand(v, {"--virtual", "-t", "-X", "--repository"})) ==
          Strings{"gcc", "musl-dev"});
    CHECK(flag_value(v, {"virtual", "t"}) == ".build-deps");
  }
  SUBCASE("yum, dnf, microdnf, zypper") {
    CHECK(is(Parsed("yum install -y httpd && yum clean all").at(0), {"yum", "dnf"}, "install"));
    CHECK(is(Parsed("yum install -y httpd && yum clean all").at(1), {"yum", "dnf"}, "clean"));
    CHECK(is(Parsed("dnf -y --setopt=tsflags=nodocs install git").at(0), {"dnf"}, "install"));
    CHECK(has_flag(Parsed("microdnf install -y git").at(0), {"y", "assumeyes"}));
    CHECK(is(Parsed("zypper --non-interactive install -y curl").at(0), {"zypper"}, "install"));
  }
  SUBCASE("npm, yarn, gem, go, cargo, composer, bundle") {
    CHECK(is(Parsed("npm ci --omit=dev").at(0), {"npm"}, "ci"));
    CHECK(flag_value(Parsed("npm ci --omit=dev").at(0), {"omit"}) == "dev");
    CHECK(is(Parsed("npm install -g yarn@1").at(0), {"npm"}, "install"));
    CHECK(has_flag(Parsed("yarn install --frozen-lockfile").at(0), {"frozen-lockfile"}));
    CHECK(is(Parsed("gem install bundler --no-document").at(0), {"gem"}, "install"));
    CHECK(is(Parsed("go install golang.org/x/tools/gopls@latest").at(0), {"go"}, "install"));
    CHECK(is(Parsed("cargo install --locked ripgrep").at(0), {"cargo"}, "install"));
    CHECK(has_flag(Parsed("composer install --no-dev --optimize-autoloader").at(0), {"no-dev"}));
    const Parsed b("bundle install --jobs 4 --retry 3");
    CHECK(is(b.at(0), {"bundle"}, "install"));
    CHECK(flag_value(b.at(0), {"jobs", "j"}) == "4");
    CHECK(args_after_subcommand(b.at(0), {"--jobs", "--retry"}).empty());
  }
}

TEST_CASE("curl | tar") {
  const Parsed p("curl -fsSL https://x.example/a.tgz | tar -xz -C /opt --strip-components=1");
  REQUIRE(p.cmds.size() == 2);
  CHECK(has_flag(p.at(0), {"f", "fail"}));
  CHECK(has_flag(p.at(0), {"L", "location"}));
  CHECK(!has_flag(p.at(0), {"o", "output"}));
  CHECK(p.texts(operands(p.at(0))) == Strings{"https://x.example/a.tgz"});
  CHECK(flag_value(p.at(1), {"C", "directory"}) == "/opt");
  CHECK(flag_value(p.at(1), {"strip-components"}) == "1");
  CHECK(has_flag(p.at(1), {"x", "extract"}));
  CHECK(has_flag(p.at(1), {"z", "gzip"}));
}

TEST_CASE("single-dash long options and --") {
  const Parsed p("find / -xdev -name '*.pyc' -delete");
  CHECK(has_flag(p.at(0), {"name"}));
  CHECK(has_flag(p.at(0), {"delete"}));
  CHECK(!has_flag(p.at(0), {"print"}));
  const Parsed d("rm -- -f");
  CHECK(!has_flag(d.at(0), {"f"}));
  CHECK(d.texts(operands(d.at(0))) == Strings{"-f"});
}

TEST_CASE("end_of_words and after_subcommand with redirections and continuations") {
  // Source: "RUN apt-get install -y curl \\\n    >/dev/null 2>&1"; the body skips the continuation.
  const std::string source = "RUN apt-get install -y curl \\\n    >/dev/null 2>&1\n";
  LogicalText body;
  body.append(std::string_view(source).substr(4, 24), 4);  // "apt-get install -y curl "
  const auto next = static_cast<std::uint32_t>(source.find("    >"));
  body.append(std::string_view(source).substr(next, 19), next);  // "    >/dev/null 2>&1"
  const Script s = parse(body);
  REQUIRE(s.status == ParseStatus::Parsed);
  const std::vector<const SimpleCommand*> cmds = commands(s);
  REQUIRE(cmds.size() == 1);
  const CommandView v = view(*cmds[0]);
  CHECK(end_of_words(*cmds[0]) == source.find("curl") + 4);
  CHECK(after_subcommand(v, kAptValueFlags) == source.find("install") + 7);
  CHECK(cmds[0]->redirects.size() == 2);
  CHECK(text_of(source, cmds[0]->redirects[0].span) == ">/dev/null");
  CHECK(!after_subcommand(Parsed("apt-get -y").at(0), kAptValueFlags));
  // A command of assignments only ends after its last assignment.
  const Parsed a("A=1 B=2 >f");
  CHECK(end_of_words(*a.cmds[0]) == 7u);
}

TEST_CASE("opaque compound commands are skipped, their neighbours are not") {
  const Parsed p(
      "for f in a b; do rm $f; done && apt-get install -y x; case $A in a) apk add y;; esac");
  CHECK(p.programs() == Strings{"apt-get"});
}

TEST_CASE("non-literal words") {
  const Parsed p("apt-get install -y \"$PKGS\" ${EXTRA} lib$(uname -m)-dev");
  const CommandView v = p.at(0);
  const std::vector<const Word*> pkgs = args_after_subcommand(v, kAptValueFlags);
  REQUIRE(pkgs.size() == 3);
  for (const Word* w : pkgs) CHECK(!w->literal);
  CHECK(p.of(pkgs[2]) == "lib$(uname -m)-dev");
}

}  // namespace
}  // namespace dfopt::shell
