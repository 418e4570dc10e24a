// lib/syntax: spans, items, heredocs, stages and bad input.
#include <doctest/doctest.h>

#include <string>

#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"
#include "syntax/stages.hpp"
#include "test_util.hpp"

using namespace dfopt;
using namespace dfopt::syntax;

namespace {

Document must_parse(std::string text) {
  auto doc = parse(test::source(std::move(text)));
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.error().message));
  return std::move(*doc);
}

std::string_view at(const Document& doc, Span s) { return doc.text().substr(s.begin, s.size()); }

}  // namespace

TEST_CASE("instruction spans point at the source bytes") {
  const Document doc = must_parse(
      "FROM alpine AS build\nrun --mount=type=cache,target=/x \\\n  apk add \\\n    curl\n");
  REQUIRE(doc.instructions.size() == 2);
  const Instruction& from = doc.instructions[0];
  CHECK(at(doc, from.keyword_span) == "FROM");
  CHECK(at(doc, from.args[2].span) == "build");
  const Instruction& run = doc.instructions[1];
  CHECK(run.keyword == Keyword::Run);
  CHECK(at(doc, run.keyword_span) == "run");  // original case kept
  CHECK(at(doc, run.flags[0].span) == "--mount=type=cache,target=/x");
  CHECK(run.flags[0].name == "mount");
  CHECK(run.rest == "apk add     curl");
  CHECK(at(doc, run.rest_span) == "apk add \\\n    curl");
  CHECK(at(doc, run.span) == "run --mount=type=cache,target=/x \\\n  apk add \\\n    curl");
  CHECK(run.first_line == 2);
  CHECK(run.last_line == 4);
  CHECK(run.rest_text().text() == run.rest);
  CHECK(run.rest_text().to_source(Span{8, 16}) == Span{run.rest_span.end - 8, run.rest_span.end});
}

TEST_CASE("items partition the file; emit is byte-identical") {
  const std::string text =
      "\xef\xbb\xbf# syntax=docker/dockerfile:1\r\n\r\n# comment\r\nFROM a\r\nRUN x \\\r\n# "
      "inner\r\n\r\n  y\r\n\tCMD z";
  const Document doc = must_parse(text);
  CHECK(doc.has_bom);
  CHECK(doc.crlf);
  CHECK(emit(doc) == text);
  std::uint32_t pos = 0;
  for (const Item& item : doc.items) {
    CHECK(item.span.begin == pos);
    pos = item.span.end;
  }
  CHECK(pos == text.size());
  CHECK(doc.items[0].kind == ItemKind::Bom);
  CHECK(doc.items[1].kind == ItemKind::Directive);
  CHECK(doc.items[2].kind == ItemKind::Blank);
  CHECK(doc.items[3].kind == ItemKind::Comment);
  const Instruction& run = doc.instructions[1];
  REQUIRE(run.inner_comments.size() == 1);
  CHECK(at(doc, run.inner_comments[0]) == "# inner");
  CHECK(run.inner_blanks.size() == 1);
  CHECK(run.rest == "x   y");
  CHECK(doc.instructions[2].rest == "z");
}

TEST_CASE("heredoc spans: marker, body, terminator") {
  const Document doc =
      must_parse("FROM a\nRUN <<EOF bash && cat <<-'X'\necho 1\nEOF\n\tquoted $x\n\tX\nCMD done\n");
  const Instruction& run = doc.instructions[1];
  REQUIRE(run.heredocs.size() == 2);
  CHECK(run.heredocs[0].name == "EOF");
  CHECK(run.heredocs[0].expand);
  CHECK(at(doc, run.heredocs[0].marker) == "<<EOF");
  CHECK(at(doc, run.heredocs[0].body) == "echo 1\n");
  CHECK(at(doc, run.heredocs[0].terminator) == "EOF");
  CHECK(run.heredocs[1].name == "X");
  CHECK(run.heredocs[1].chomp);
  CHECK_FALSE(run.heredocs[1].expand);
  CHECK(at(doc, run.heredocs[1].body) == "\tquoted $x\n");
  CHECK(run.last_line == 6);
  CHECK(doc.instructions[2].keyword == Keyword::Cmd);
}

TEST_CASE("ENV pairs keep key and value spans") {
  const Document doc =
      must_parse("FROM a\nENV A=1 B=\"two words\" \\\n  C=3\nENV OLD some value\n");
  const auto& pairs = doc.instructions[1].pairs;
  REQUIRE(pairs.size() == 3);
  CHECK(at(doc, pairs[1].key.span) == "B");
  CHECK(at(doc, pairs[1].value.span) == "\"two words\"");
  CHECK(pairs[1].value.value == "\"two words\"");
  CHECK(at(doc, pairs[2].value.span) == "3");
  const auto& legacy = doc.instructions[2].pairs;
  REQUIRE(legacy.size() == 1);
  CHECK(legacy[0].legacy);
  CHECK(at(doc, legacy[0].value.span) == "some value");
}

TEST_CASE("the escape directive changes continuations") {
  const Document doc = must_parse("# escape=`\nFROM a\nRUN dir c:\\ `\n  /s\n");
  CHECK(doc.escape == '`');
  CHECK(doc.instructions[1].rest == "dir c:\\   /s");
}

TEST_CASE("parse errors are located") {
  const auto err = [](std::string text) {
    auto src = test::source(std::move(text));
    auto doc = parse(src);
    REQUIRE_FALSE(doc.ok());
    const LineCol lc = src->line_col(doc.error().offset);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + doc.error().message;
  };
  CHECK(err("FROM a\nRUN <<EOF\nx\n") == "2:5 unterminated heredoc: no line `EOF` ends it");
  CHECK(err("") == "1:1 file with no instructions");
  CHECK(err("FROM a\nCMD [1]\n") ==
        "2:5 when using JSON array syntax, arrays must be comprised of strings only");
  CHECK(err("# escape=x\nFROM a\n") == "1:1 invalid escape token 'x' does not match ` or \\");
  CHECK(err(std::string("FROM a\0b", 8)).find("NUL byte") != std::string::npos);
  CHECK(err("\xfe\xff\x00F").find("UTF-16") != std::string::npos);
}

TEST_CASE("bad input: huge and deep inputs parse or fail cleanly") {
  SUBCASE("a 10 MB single line") {
    // NOLINTNEXTLINE(bugprone-string-constructor): a 10 MB line on purpose
    std::string text = "FROM a\nRUN echo " + std::string(10'000'000, 'x') + "\n";
    const Document doc = must_parse(text);
    CHECK(doc.instructions[1].rest.size() == 10'000'005);
    CHECK(emit(doc) == text);
  }
  SUBCASE("100k lines") {
    std::string text = "FROM a\n";
    for (int i = 0; i < 100'000; ++i) text += "RUN echo " + std::to_string(i) + "\n";
    const Document doc = must_parse(text);
    CHECK(doc.instructions.size() == 100'001);
    CHECK(doc.instructions.back().last_line == 100'001);
  }
  SUBCASE("deeply nested JSON falls back to shell form") {
    const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
    const Document doc = must_parse("FROM a\nCMD " + std::string(200'000, '[') + "\n");
    CHECK(doc.instructions[1].form == ArgForm::Shell);
    auto nested = parse(test::source("FROM a\nCMD " + deep + "\n"));
    CHECK_FALSE(nested.ok());  // valid JSON, but not an array of strings
  }
  SUBCASE("a long continuation chain") {
    std::string text = "FROM a\nRUN true";
    for (int i = 0; i < 50'000; ++i) text += " \\\n  && true";
    const Document doc = must_parse(text + "\n");
    CHECK(doc.instructions[1].last_line == 50'002);
  }
  SUBCASE("invalid UTF-8 passes through") {
    const Document doc = must_parse("FROM a\nLABEL x=\"\xff\xfe\"\n");
    CHECK(doc.instructions[1].pairs[0].value.value == "\"\xff\xfe\"");
  }
}

TEST_CASE("stage view: names, links and effective state") {
  const Document doc = must_parse(
      "ARG BASE=debian\n"
      "FROM ${BASE} AS Build\n"
      "WORKDIR /src\n"
      "ENV CGO=0\n"
      "USER builder\n"
      "WORKDIR app\n"
      "FROM build AS test\n"
      "ARG X=1\n"
      "SHELL [\"/bin/bash\", \"-c\"]\n"
      "RUN true\n"
      "FROM scratch\n"
      "COPY --from=build /a /a\n"
      "COPY --from=1 /b /b\n"
      "COPY --from=build /c /c\n");
  const StageView view = stages(doc);
  CHECK(view.meta_args == std::vector<std::size_t>{0});
  REQUIRE(view.stages.size() == 3);
  CHECK(view.stages[0].name == "build");
  CHECK(view.stages[1].base_stage == std::optional<std::size_t>(0));
  CHECK(view.stages[2].copies_from == std::vector<std::size_t>{0, 1});
  CHECK(view.find("BUILD") == std::optional<std::size_t>(0));
  CHECK(view.stage_of(4)->index == 0);

  const Environment in_build = environment_at(doc, view, 6);
  CHECK(in_build.workdir == "/src/app");
  CHECK(in_build.user == "builder");
  const Environment in_test = environment_at(doc, view, 9);
  CHECK(in_test.workdir == "/src/app");  // inherited from the base stage
  CHECK(in_test.env.at("CGO") == "0");
  CHECK(in_test.args.at("X") == "1");
  CHECK(in_test.shell == std::vector<std::string>{"/bin/bash", "-c"});
  const Environment in_final = environment_at(doc, view, 12);
  CHECK(in_final.user.empty());
  CHECK(in_final.env.empty());
}

TEST_CASE("typed checks reject what BuildKit's instructions package rejects") {
  const auto check = [](std::string text) {
    const Document doc = must_parse(std::move(text));
    auto err = check_instructions(doc);
    return err ? err->message : std::string("ok");
  };
  CHECK(check("FROM a\nCOPY --from=x a b\n") == "ok");
  CHECK(check("FROM a\nCOPY --from a b\n") == "missing a value on flag: --from");
  CHECK(check("FROM a\nCOPY --link=maybe a b\n") ==
        "expecting boolean value for flag link, not: maybe");
  CHECK(check("FROM a\nCOPY --chown=a --chown=b a b\n") == "duplicate flag specified: --chown");
  CHECK(check("FROM a\nHEALTHCHECK --interval=1us CMD x\n") ==
        "Interval \"interval\" cannot be less than 1ms");
  CHECK(check("FROM a\nHEALTHCHECK --interval=soon CMD x\n") == "time: invalid duration \"soon\"");
  CHECK(check("FROM a\nHEALTHCHECK --retries=-1 CMD x\n") == "--retries cannot be negative (-1)");
  CHECK(check("FROM a\nHEALTHCHECK WHAT x\n") == "Unknown type \"WHAT\" in HEALTHCHECK (try CMD)");
  CHECK(check("FROM a\nONBUILD FROM b\n") == "FROM isn't allowed as an ONBUILD trigger");
  CHECK(check("FROM a\nUSER a b\n") == "ok");  // one argument: "a b"
  CHECK(check("FROM a\nUSER\n") == "USER requires exactly one argument");
  CHECK(check("FROM a\nVOLUME [\"\"]\n") == "VOLUME specified can not be an empty string");
  CHECK(check("FROM a\nARG =x\n") == "ARG names can not be blank");
  CHECK(check("FROM a\nRUN --network=bridge x\n") == "unsupported network mode \"bridge\"");
  CHECK(check("ARG A\nARG B=1\nFROM a\n") == "ok");
}
