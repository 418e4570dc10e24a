// Tests of the shell grammar (lib/shell/shell*.{hpp,cpp}) and its dump.
#include "shell/shell.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/logical_text.hpp"
#include "shell/shell_dump.hpp"

namespace dfopt::shell {
namespace {

// A body that is the whole source: source spans equal logical spans.
Script parse_text(std::string_view text) { return parse(LogicalText::contiguous(text, 0)); }

std::string_view at(std::string_view text, Span span) { return text_of(text, span); }

const AndOr& and_or(const Script& s, std::size_t i = 0) { return s.statements.at(i).and_or; }

const Command& command(const Script& s, std::size_t statement = 0, std::size_t pipeline = 0,
                       std::size_t index = 0) {
  return and_or(s, statement).pipelines.at(pipeline).commands.at(index);
}

const SimpleCommand& simple(const Script& s, std::size_t statement = 0, std::size_t pipeline = 0,
                            std::size_t index = 0) {
  const Command& c = command(s, statement, pipeline, index);
  REQUIRE(std::holds_alternative<SimpleCommand>(c));
  return std::get<SimpleCommand>(c);
}

std::vector<std::string> word_texts(std::string_view text, const SimpleCommand& c) {
  std::vector<std::string> out;
  for (const Word& w : c.words) out.emplace_back(at(text, w.span));
  return out;
}

std::vector<std::string> literals(const SimpleCommand& c) {
  std::vector<std::string> out;
  for (const Word& w : c.words) out.push_back(w.literal ? *w.literal : "<expansion>");
  return out;
}

bool whole_body_opaque(const Script& s) {
  return s.status == ParseStatus::Opaque && s.statements.size() == 1 &&
         std::holds_alternative<Opaque>(command(s)) &&
         std::get<Opaque>(command(s)).kind == OpaqueKind::Unparsed;
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

TEST_CASE("and-or list: exact spans of pipelines, operators and words") {
  const std::string_view t = "apt-get update && apt-get install -y curl";
  const Script s = parse_text(t);
  CHECK(s.status == ParseStatus::Parsed);
  REQUIRE(s.statements.size() == 1);
  const AndOr& a = and_or(s);
  REQUIRE(a.pipelines.size() == 2);
  REQUIRE(a.operators.size() == 1);
  CHECK(a.operators[0].kind == OpKind::And);
  CHECK(a.operators[0].span == Span{15, 17});
  CHECK(a.span == Span{0, 41});
  CHECK(a.pipelines[0].span == Span{0, 14});
  CHECK(a.pipelines[1].span == Span{18, 41});
  const SimpleCommand& c = simple(s, 0, 1);
  CHECK(c.span == Span{18, 41});
  REQUIRE(c.words.size() == 4);
  CHECK(c.words[0].span == Span{18, 25});
  CHECK(c.words[3].span == Span{37, 41});
  CHECK(word_texts(t, c) == std::vector<std::string>{"apt-get", "install", "-y", "curl"});
  CHECK(s.statements[0].separator.kind == OpKind::None);
  CHECK(s.statements[0].span == Span{0, 41});
}

TEST_CASE("statement separators ; & and newline") {
  const std::string_view t = "a; b & c\n d ||\n e";
  const Script s = parse_text(t);
  CHECK(s.status == ParseStatus::Parsed);
  REQUIRE(s.statements.size() == 4);
  CHECK(s.statements[0].separator.kind == OpKind::Semi);
  CHECK(s.statements[0].separator.span == Span{1, 2});
  CHECK(s.statements[0].span == Span{0, 2});
  CHECK(s.statements[1].separator.kind == OpKind::Amp);
  CHECK(s.statements[1].separator.span == Span{5, 6});
  CHECK(s.statements[2].separator.kind == OpKind::Newline);
  CHECK(s.statements[2].separator.span == Span{8, 9});
  const AndOr& last = and_or(s, 3);
  REQUIRE(last.pipelines.size() == 2);
  CHECK(last.operators[0].kind == OpKind::Or);
  CHECK(at(t, last.pipelines[1].span) == "e");
  CHECK(s.statements[3].separator.kind == OpKind::None);
}

TEST_CASE("pipelines with | and |& and a leading !") {
  const std::string_view t = "! curl -fsSL https://x | tar -xz -C /opt |& tee log";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  const Pipeline& p = and_or(s).pipelines.at(0);
  CHECK(p.negated);
  REQUIRE(p.commands.size() == 3);
  REQUIRE(p.operators.size() == 2);
  CHECK(p.operators[0].kind == OpKind::Pipe);
  CHECK(at(t, p.operators[0].span) == "|");
  CHECK(p.operators[1].kind == OpKind::PipeAll);
  CHECK(at(t, p.operators[1].span) == "|&");
  CHECK(p.span == Span{0, 51});
  CHECK(word_texts(t, simple(s, 0, 0, 1)) == std::vector<std::string>{"tar", "-xz", "-C", "/opt"});
}

TEST_CASE("assignment prefixes") {
  const std::string_view t =
      "DEBIAN_FRONTEND=noninteractive A+=\"x y\" B= c[1]=z apt-get -qqy install foo";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  const SimpleCommand& c = simple(s);
  REQUIRE(c.assignments.size() == 4);
  CHECK(c.assignments[0].name == "DEBIAN_FRONTEND");
  CHECK(c.assignments[0].span == Span{0, 30});
  CHECK(c.assignments[0].value.literal == "noninteractive");
  CHECK(c.assignments[1].name == "A");
  CHECK(c.assignments[1].append);
  CHECK(c.assignments[1].value.literal == "x y");
  CHECK(c.assignments[2].name == "B");
  CHECK(c.assignments[2].value.logical.empty());
  CHECK(c.assignments[2].value.literal == "");
  CHECK(c.assignments[3].name == "c");
  CHECK(!c.words[0].assignment_like);
  CHECK(literals(c) == std::vector<std::string>{"apt-get", "-qqy", "install", "foo"});
  // After the command word, A=b is an ordinary argument.
  const Script e = parse_text("env A=1 B=2 npm ci");
  CHECK(simple(e).assignments.empty());
  CHECK(simple(e).words.size() == 5);
  CHECK(simple(e).words[1].assignment_like);
  CHECK(!simple(parse_text("env \"A=1\" x")).words[1].assignment_like);
  CHECK(simple(parse_text("env P=$PATH:/x y")).words[1].assignment_like);
}

TEST_CASE("array assignment") {
  const std::string_view t = "arr=(a \"b c\" $d) cmd";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  const SimpleCommand& c = simple(s);
  REQUIRE(c.assignments.size() == 1);
  CHECK(at(t, c.assignments[0].value.span) == "(a \"b c\" $d)");
  REQUIRE(c.assignments[0].value.parts.size() == 1);
  CHECK(c.assignments[0].value.parts[0].kind == PartKind::Array);
  CHECK(!c.assignments[0].value.literal);
}

TEST_CASE("word literals and quoting") {
  const std::string_view t =
      R"(x "--no-install-recommends" 'a b' pkg\=1 a"b"'c'd $'a\tb\x41' "a\"b\\c\$d" "$" $ "\q")";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  CHECK(literals(simple(s)) == std::vector<std::string>{"x", "--no-install-recommends", "a b",
                                                        "pkg=1", "abcd", "a\tbA", "a\"b\\c$d", "$",
                                                        "$", "\\q"});
  const Word& w = simple(s).words[4];
  REQUIRE(w.parts.size() == 4);
  CHECK(w.parts[0].kind == PartKind::Literal);
  CHECK(w.parts[1].kind == PartKind::DoubleQuoted);
  CHECK(w.parts[2].kind == PartKind::SingleQuoted);
  CHECK(w.parts[3].kind == PartKind::Literal);
  CHECK(at(t, w.parts[1].logical) == "\"b\"");
}

TEST_CASE("expansions make a word non-literal") {
  const std::string_view t =
      R"sh(x $VAR ${A:-${B}} "$HOME/x" $(echo ")" $(echo a)) `date` $((1 + (2))) pre$1 "${x}" $@ <(ls))sh";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  const SimpleCommand& c = simple(s);
  REQUIRE(c.words.size() == 11);
  for (std::size_t i = 1; i < c.words.size(); ++i) {
    CAPTURE(i);
    CHECK(!c.words[i].literal);
  }
  CHECK(c.words[1].parts[0].kind == PartKind::Param);
  CHECK(c.words[2].parts[0].kind == PartKind::BracedParam);
  CHECK(at(t, c.words[2].span) == "${A:-${B}}");
  CHECK(c.words[4].parts[0].kind == PartKind::CommandSubst);
  CHECK(at(t, c.words[4].span) == R"sh($(echo ")" $(echo a)))sh");
  CHECK(c.words[5].parts[0].kind == PartKind::Backquote);
  CHECK(c.words[6].parts[0].kind == PartKind::Arith);
  CHECK(at(t, c.words[6].span) == "$((1 + (2)))");
  REQUIRE(c.words[7].parts.size() == 2);
  CHECK(c.words[7].parts[1].kind == PartKind::Param);
  CHECK(c.words[10].parts[0].kind == PartKind::ProcessSubst);
}

TEST_CASE("$( ( ... ) ) is a command substitution, $(( )) arithmetic") {
  const std::string_view t = "echo $((cd /x && make) | tee log) $((2*3))";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  CHECK(simple(s).words[1].parts[0].kind == PartKind::CommandSubst);
  CHECK(simple(s).words[2].parts[0].kind == PartKind::Arith);
}

TEST_CASE("globs and tilde stay in the literal") {
  const Script s = parse_text("rm -rf /var/lib/apt/lists/* ~/.cache *.deb [ab]x \\*");
  REQUIRE(s.status == ParseStatus::Parsed);
  const SimpleCommand& c = simple(s);
  CHECK(literals(c) == std::vector<std::string>{"rm", "-rf", "/var/lib/apt/lists/*", "~/.cache",
                                                "*.deb", "[ab]x", "*"});
  CHECK(!c.words[1].has_glob);
  CHECK(c.words[2].has_glob);
  CHECK(!c.words[3].has_glob);
  CHECK(c.words[4].has_glob);
  CHECK(c.words[5].has_glob);
  CHECK(!c.words[6].has_glob);  // quoted
}

TEST_CASE("redirections") {
  const std::string_view t = "cmd >out 2>&1 >>log <in &>all 3<>rw >|f <<<\"str\" 2>/dev/null arg";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  const SimpleCommand& c = simple(s);
  CHECK(word_texts(t, c) == std::vector<std::string>{"cmd", "arg"});
  REQUIRE(c.redirects.size() == 9);
  const RedirOp ops[] = {RedirOp::Great,   RedirOp::GreatAnd,   RedirOp::DGreat,
                         RedirOp::Less,    RedirOp::AndGreat,   RedirOp::LessGreat,
                         RedirOp::Clobber, RedirOp::HereString, RedirOp::Great};
  const int fds[] = {-1, 2, -1, -1, -1, 3, -1, -1, 2};
  for (std::size_t i = 0; i < 9; ++i) {
    CAPTURE(i);
    CHECK(c.redirects[i].op == ops[i]);
    CHECK(c.redirects[i].fd == fds[i]);
  }
  CHECK(at(t, c.redirects[1].span) == "2>&1");
  CHECK(at(t, c.redirects[1].target.span) == "1");
  CHECK(c.redirects[7].target.literal == "str");
  CHECK(at(t, c.redirects[8].span) == "2>/dev/null");
  CHECK(c.span == Span{0, static_cast<std::uint32_t>(t.size())});
  // Redirections before the command word and with a blank before the target.
  const Script r = parse_text(">f echo a > g");
  REQUIRE(r.status == ParseStatus::Parsed);
  CHECK(simple(r).redirects.size() == 2);
  CHECK(literals(simple(r)) == std::vector<std::string>{"echo", "a"});
  // A digit glued to a word is part of the word.
  const Script g = parse_text("echo a2>f");
  CHECK(literals(simple(g)) == std::vector<std::string>{"echo", "a2"});
  CHECK(simple(g).redirects.at(0).fd == -1);
}

TEST_CASE("comments start at a word start only") {
  const std::string_view t = "echo a#b # comment ; not a command\n# full line\necho c";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  REQUIRE(s.statements.size() == 2);
  CHECK(literals(simple(s, 0)) == std::vector<std::string>{"echo", "a#b"});
  CHECK(literals(simple(s, 1)) == std::vector<std::string>{"echo", "c"});
  CHECK(s.statements[0].separator.kind == OpKind::Newline);
  CHECK(parse_text("# only a comment").statements.empty());
  CHECK(parse_text("").statements.empty());
  CHECK(parse_text(" \n\t\n").status == ParseStatus::Parsed);
}

TEST_CASE("subshells and groups with redirections") {
  const std::string_view t = "(cd /src && make) | tee log; { echo a; echo b; } > f 2>&1";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  REQUIRE(std::holds_alternative<Subshell>(command(s, 0)));
  const auto& sub = std::get<Subshell>(command(s, 0));
  CHECK(sub.span == Span{0, 17});
  REQUIRE(sub.body.size() == 1);
  CHECK(sub.body[0].and_or.pipelines.size() == 2);
  REQUIRE(std::holds_alternative<Group>(command(s, 1)));
  const auto& g = std::get<Group>(command(s, 1));
  CHECK(at(t, g.span) == "{ echo a; echo b; } > f 2>&1");
  CHECK(g.body.size() == 2);
  CHECK(g.redirects.size() == 2);
  // Nested.
  const Script n = parse_text("( ( a ) && { b; } )");
  CHECK(n.status == ParseStatus::Parsed);
}

TEST_CASE("compound commands are opaque but the rest of the list parses") {
  const std::string_view t =
      "apt-get update && if [ -f x ]; then y; fi && rm -rf /var/lib/apt/lists/*";
  const Script s = parse_text(t);
  CHECK(s.status == ParseStatus::PartlyOpaque);
  const AndOr& a = and_or(s);
  REQUIRE(a.pipelines.size() == 3);
  REQUIRE(std::holds_alternative<Opaque>(a.pipelines[1].commands[0]));
  const auto& o = std::get<Opaque>(a.pipelines[1].commands[0]);
  CHECK(o.kind == OpaqueKind::If);
  CHECK(at(t, o.span) == "if [ -f x ]; then y; fi");
  CHECK(literals(simple(s, 0, 2)) == std::vector<std::string>{"rm", "-rf", "/var/lib/apt/lists/*"});
}

TEST_CASE("every compound command kind") {
  struct Case {
    std::string_view text;
    OpaqueKind kind;
  };
  const Case cases[] = {
      {"if a; then b; elif c; then d; else e; fi", OpaqueKind::If},
      {"if [ \"$X\" = 1 ]; then\n  echo x\nfi", OpaqueKind::If},
      {"for f in a b; do echo $f; done", OpaqueKind::For},
      {"for f; do :; done", OpaqueKind::For},
      {"for ((i = 0; i < 3; i++)); do echo $i; done", OpaqueKind::For},
      {"for f in *.txt\ndo\n  cat \"$f\"\ndone", OpaqueKind::For},
      {"while read -r l; do echo \"$l\"; done < file", OpaqueKind::While},
      {"until false; do break; done", OpaqueKind::Until},
      {"case \"$1\" in a|b) echo ab;; (c) ;; *) echo other;; esac", OpaqueKind::Case},
      {"case $x in\n  a) echo;;\nesac", OpaqueKind::Case},
      {"select x in a b; do break; done", OpaqueKind::Select},
      {"f() { echo x; }", OpaqueKind::Function},
      {"function g { echo; }", OpaqueKind::Function},
      {"function h() ( echo )", OpaqueKind::Function},
      {"[[ $a == b && -f x ]]", OpaqueKind::TestCommand},
      {"[[ $x =~ ^(a|b)$ ]]", OpaqueKind::TestCommand},
      {"((i++))", OpaqueKind::ArithCommand},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Script s = parse_text(c.text);
    REQUIRE(s.status == ParseStatus::PartlyOpaque);
    REQUIRE(s.statements.size() == 1);
    REQUIRE(std::holds_alternative<Opaque>(command(s)));
    CHECK(std::get<Opaque>(command(s)).kind == c.kind);
    CHECK(std::get<Opaque>(command(s)).span == Span{0, static_cast<std::uint32_t>(c.text.size())});
  }
}

TEST_CASE("reserved words only in command position") {
  const Script s = parse_text("echo if then fi done { } esac");
  CHECK(s.status == ParseStatus::Parsed);
  CHECK(simple(s).words.size() == 8);
  const Script nested =
      parse_text("x=$(for i in 1 2; do echo $i; done) && echo \"$(case a in a) b;; esac)\"");
  CHECK(nested.status == ParseStatus::Parsed);  // compound commands inside $( ) are not nodes
}

TEST_CASE("here-documents make the rest of the body opaque") {
  const std::string_view t = "cat <<EOF > f && echo ok\nhello $x\nEOF";
  const Script s = parse_text(t);
  CHECK(s.status == ParseStatus::PartlyOpaque);
  REQUIRE(s.statements.size() == 2);
  const SimpleCommand& c = simple(s);
  REQUIRE(c.redirects.size() == 2);
  CHECK(c.redirects[0].op == RedirOp::HereDoc);
  CHECK(c.redirects[0].target.literal == "EOF");
  CHECK(and_or(s).pipelines.size() == 2);
  REQUIRE(std::holds_alternative<Opaque>(command(s, 1)));
  CHECK(std::get<Opaque>(command(s, 1)).kind == OpaqueKind::HereDocBody);
  CHECK(at(t, std::get<Opaque>(command(s, 1)).span) == "hello $x\nEOF");
  // A here-document on the only line (the Dockerfile heredoc case) parses fully.
  const Script one = parse_text("cat <<-'EOF' >/etc/x");
  CHECK(one.status == ParseStatus::Parsed);
  CHECK(simple(one).redirects[0].op == RedirOp::HereDocStrip);
}

TEST_CASE("garbage becomes one opaque node spanning the body") {
  const std::string_view cases[] = {"\"unterminated",
                                    "$(",
                                    ")",
                                    "fi",
                                    "a &&",
                                    "| a",
                                    "echo )",
                                    "{ a",
                                    "if a; then b",
                                    "'",
                                    "${a",
                                    "`x",
                                    "a;;",
                                    "done",
                                    "a | | b",
                                    "(",
                                    "case x in",
                                    "for",
                                    "&& a",
                                    "echo $(a",
                                    "a && || b",
                                    "f() ",
                                    "cat <(ls",
                                    "while true; do :; done; done",
                                    "<",
                                    "echo >",
                                    "; a"};
  for (const std::string_view t : cases) {
    CAPTURE(t);
    const Script s = parse_text(t);
    CHECK(whole_body_opaque(s));
    CHECK(s.span == Span{0, static_cast<std::uint32_t>(t.size())});
    CHECK(std::get<Opaque>(command(s)).span == s.span);
    CHECK(!s.error.empty());
  }
}

TEST_CASE("errors say what was expected where") {
  const Script a = parse_text("echo \"abc");
  CHECK(a.error == "expected closing '\"'");
  CHECK(a.error_offset == 9);
  const Script b = parse_text("(cd x; make");
  CHECK(b.error == "expected ')'");
  CHECK(b.error_offset == 11);
  const Script c = parse_text("if a; then b; done");
  CHECK(c.error == "expected 'fi'");
  const Script d = parse_text("a && fi");
  CHECK(d.error == "expected pipeline");
  CHECK(d.error_offset == 5);
}

TEST_CASE("backslash-newline inside the body is a blank") {
  const std::string_view t = "apt-get install \\\n  curl";
  const Script s = parse_text(t);
  REQUIRE(s.status == ParseStatus::Parsed);
  CHECK(literals(simple(s)) == std::vector<std::string>{"apt-get", "install", "curl"});
}

TEST_CASE("source spans go through the logical text map") {
  // The body of "RUN set -eux; <backslash-newline> # comment <newline> apt-get update": two
  // pieces of the source.
  const std::string source =
      "RUN set -eux; \\\n    # a comment line, dropped\n    apt-get update\n";
  LogicalText body;
  body.append(std::string_view(source).substr(4, 10), 4);  // "set -eux; "
  const auto line3 = static_cast<std::uint32_t>(source.find("    apt-get"));
  body.append(std::string_view(source).substr(line3, 18), line3);  // "    apt-get update"
  const Script s = parse(body);
  REQUIRE(s.status == ParseStatus::Parsed);
  REQUIRE(s.statements.size() == 2);
  const SimpleCommand& set = simple(s, 0);
  CHECK(at(source, set.words[1].span) == "-eux");
  CHECK(at(source, s.statements[0].separator.span) == ";");
  const SimpleCommand& apt = simple(s, 1);
  CHECK(apt.words[0].span.begin == line3 + 4);
  CHECK(at(source, apt.words[0].span) == "apt-get");
  CHECK(at(source, apt.words[1].span) == "update");
  CHECK(apt.words[1].logical == Span{22, 28});
  CHECK(at(source, s.span) == std::string_view(source).substr(4, line3 + 18 - 4));
}

TEST_CASE("deep nesting becomes opaque instead of overflowing the stack") {
  CHECK(whole_body_opaque(parse_text(repeat("$(", 100000))));
  CHECK(whole_body_opaque(parse_text(repeat("(", 1 << 20))));
  CHECK(whole_body_opaque(parse_text(repeat("( ", 1 << 19))));
  CHECK(whole_body_opaque(parse_text(repeat("{ ", 1 << 19))));
  CHECK(whole_body_opaque(parse_text(repeat("${a:-", 1 << 18))));
  CHECK(whole_body_opaque(parse_text(repeat("\"$(", 1 << 18))));
  CHECK(whole_body_opaque(parse_text(repeat("$((", 1 << 18))));
  CHECK(whole_body_opaque(parse_text(repeat("if ", 1 << 18))));
  CHECK(whole_body_opaque(parse_text("cat " + repeat("<(", 1 << 18))));
  CHECK(whole_body_opaque(parse_text(repeat("$((a)+$(b ${c:-\"$((", 1 << 15))));
  const Script deep = parse_text("echo " + repeat("$(", 101) + "x" + repeat(")", 101));
  CHECK(whole_body_opaque(deep));
  CHECK(deep.error == "expected nesting depth at most 100");
  // Within the limit it parses.
  CHECK(parse_text("echo " + repeat("$(", 98) + "x" + repeat(")", 98)).status ==
        ParseStatus::Parsed);
  CHECK(parse_text(repeat("( ", 98) + "x" + repeat(" )", 98)).status == ParseStatus::Parsed);
  // ((...)) is an arithmetic command, however deep.
  CHECK(parse_text(repeat("(", 98) + "x" + repeat(")", 98)).status == ParseStatus::PartlyOpaque);
}

TEST_CASE("1 MB inputs parse") {
  const Script words = parse_text(repeat("abc ", 1 << 18));
  REQUIRE(words.status == ParseStatus::Parsed);
  CHECK(simple(words).words.size() == 1u << 18);
  const Script list = parse_text(repeat("a && b; ", 1 << 17));
  CHECK(list.statements.size() == 1u << 17);
  CHECK(parse_text(repeat("\n", 1 << 20)).statements.empty());
  CHECK(whole_body_opaque(parse_text(repeat("'", (1 << 20) + 1))));
  CHECK(parse_text(repeat("\\", 1 << 20)).status == ParseStatus::Parsed);
  CHECK(whole_body_opaque(parse_text(repeat("`", (1 << 20) + 1))));
  std::string bytes(1 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) % 256);
  const Script junk = parse_text(bytes);  // any outcome, no crash
  CHECK(junk.span.end == bytes.size());
}

TEST_CASE("dump_shell shows kinds, spans and word texts") {
  const std::string_view t =
      "A=1 apt-get install -y 'x y' >/dev/null && (cd /s; make) | tee \"$L\"";
  const std::string expected =
      "Script [0,67) status=parsed\n"
      "  Statement [0,67)\n"
      "    AndOr [0,67)\n"
      "      Pipeline [0,39)\n"
      "        SimpleCommand [0,39)\n"
      "          Assignment [0,3) name=A\n"
      "            Word [2,3) \"1\"\n"
      "          Word [4,11) \"apt-get\"\n"
      "          Word [12,19) \"install\"\n"
      "          Word [20,22) \"-y\"\n"
      "          Word [23,28) \"'x y'\" literal=\"x y\" parts=SingleQuoted\n"
      "          Redirect [29,39) >\n"
      "            Word [30,39) \"/dev/null\"\n"
      "      Op [40,42) &&\n"
      "      Pipeline [43,67)\n"
      "        Subshell [43,56)\n"
      "          Statement [44,50)\n"
      "            AndOr [44,49)\n"
      "              Pipeline [44,49)\n"
      "                SimpleCommand [44,49)\n"
      "                  Word [44,46) \"cd\"\n"
      "                  Word [47,49) \"/s\"\n"
      "            Op [49,50) ;\n"
      "          Statement [51,55)\n"
      "            AndOr [51,55)\n"
      "              Pipeline [51,55)\n"
      "                SimpleCommand [51,55)\n"
      "                  Word [51,55) \"make\"\n"
      "        Op [57,58) |\n"
      "        SimpleCommand [59,67)\n"
      "          Word [59,62) \"tee\"\n"
      "          Word [63,67) \"\\\"$L\\\"\" non-literal parts=DoubleQuoted\n";
  CHECK(dump_shell(parse_text(t), t) == expected);
  CHECK(dump_shell(parse_text("fi"), "fi") ==
        "Script [0,2) status=opaque error=\"unexpected text\" at=0\n"
        "  Statement [0,2)\n"
        "    AndOr [0,2)\n"
        "      Pipeline [0,2)\n"
        "        Opaque [0,2) unparsed\n");
}

// RUN bodies of the corpus, extracted the simple way: continuation lines joined (honouring a
// `# escape=` directive), comment and empty lines inside continuations dropped, flags stripped,
// exec form skipped.
std::vector<std::string> corpus_run_bodies(const std::filesystem::path& root) {
  std::vector<std::string> bodies;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::vector<std::string> lines;
    std::string line;
    std::istringstream text(buffer.str());
    while (std::getline(text, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
    auto trimmed = [](std::string_view s) {
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
      return s;
    };
    char escape = '\\';
    for (const std::string& d : lines) {
      const std::string_view t = trimmed(d);
      if (t.empty() || t.front() != '#') break;
      std::string compact;
      for (const char c : t.substr(1)) {
        if (!std::isspace(static_cast<unsigned char>(c)))
          compact += static_cast<char>(std::tolower(c));
      }
      if (compact.starts_with("escape=") && compact.size() == 8) escape = compact[7];
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view l = trimmed(lines[i]);
      if (l.size() < 3 || !(std::toupper(static_cast<unsigned char>(l[0])) == 'R' &&
                            std::toupper(static_cast<unsigned char>(l[1])) == 'U' &&
                            std::toupper(static_cast<unsigned char>(l[2])) == 'N')) {
        continue;
      }
      if (l.size() > 3 && !std::isspace(static_cast<unsigned char>(l[3]))) continue;
      std::string body(l.substr(3));
      while (!trimmed(body).empty() && trimmed(body).back() == escape) {
        body = std::string(trimmed(body));
        body.pop_back();
        while (i + 1 < lines.size() &&
               (trimmed(lines[i + 1]).empty() || trimmed(lines[i + 1]).front() == '#')) {
          ++i;
        }
        if (i + 1 >= lines.size()) break;
        body += lines[++i];
      }
      std::string_view b = trimmed(body);
      while (b.starts_with("--")) {
        const std::size_t end = b.find_first_of(" \t");
        b = end == std::string_view::npos ? std::string_view() : trimmed(b.substr(end));
      }
      if (b.starts_with("[")) continue;
      bodies.emplace_back(b);
    }
  }
  return bodies;
}

TEST_CASE("corpus: at least 99% of RUN bodies parse without whole-body fallback") {
  const std::filesystem::path root = std::filesystem::path(DFOPT_SHARED_DIR) / "corpus" / "public";
  if (!std::filesystem::exists(root)) {
    MESSAGE("corpus not found at " << root.string() << "; skipped");
    return;
  }
  const std::vector<std::string> bodies = corpus_run_bodies(root);
  REQUIRE(bodies.size() > 1000);
  std::size_t counts[3] = {0, 0, 0};
  for (const std::string& b : bodies) {
    counts[static_cast<int>(parse_text(b).status)]++;
  }
  const auto n = static_cast<double>(bodies.size());
  MESSAGE("RUN bodies: " << bodies.size() << ", parsed fully " << counts[0] << " ("
                         << 100.0 * static_cast<double>(counts[0]) / n << "%), partly opaque "
                         << counts[1] << " (" << 100.0 * static_cast<double>(counts[1]) / n
                         << "%), whole-body opaque " << counts[2] << " ("
                         << 100.0 * static_cast<double>(counts[2]) / n << "%)");
  CHECK(static_cast<double>(counts[0] + counts[1]) / n >= 0.99);
}

}  // namespace
}  // namespace dfopt::shell

namespace dfopt::shell {
namespace {

TEST_CASE("shift_spans: a parse moved by an offset equals the parse at that offset") {
  const std::string body =
      "A=1 B+=2 cmd \"x\" 2>/dev/null | (sub; x) |& y && { g; } > out; "
      "if true; then :; fi & ! z || w\n";
  const std::string padded = std::string(37, '#') + body;
  Script moved = parse(LogicalText::contiguous(body, 0));
  const Script at37 = parse(LogicalText::contiguous(body, 37));
  REQUIRE(at37.status == ParseStatus::PartlyOpaque);
  CHECK(dump_shell(moved, body) != dump_shell(at37, padded));
  shift_spans(moved, 37);
  CHECK(dump_shell(moved, padded) == dump_shell(at37, padded));
  shift_spans(moved, -37);
  CHECK(dump_shell(moved, body) == dump_shell(parse(LogicalText::contiguous(body, 0)), body));
}

}  // namespace
}  // namespace dfopt::shell
