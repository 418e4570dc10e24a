// The transform framework: pass manager rounds, the re-parse guard, convergence,
// suppressions, style detection and the rewriter.
#include <doctest/doctest.h>

#include <string>

#include "rewrite/pass_manager.hpp"
#include "rewrite/rewriter.hpp"
#include "rewrite/suppressions.hpp"
#include "shell/shell.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"

using namespace dfopt;

namespace {

// FROM written in lower case → upper case (one fix per instruction).
void upper_from(Context& ctx) {
  for (const auto& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::From && ins.keyword_text(ctx.doc().text()) != "FROM") {
      ctx.report(ins.keyword_span, "lower-case FROM", Safety::Safe, "upper-case it",
                 {TextEdit::replace(ins.keyword_span, "FROM")});
    }
  }
}

// Adds `--x` after every `apt-get`; a second transform then wants the same spot.
void mark_apt(Context& ctx) {
  for (const auto& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::Run && ins.rest.rfind("apt-get", 0) == 0 &&
        ins.rest.find("--x") == std::string::npos) {
      ctx.report(ins.rest_span, "mark", Safety::Safe, "mark",
                 {TextEdit::insert(ins.rest_span.begin + 7, " --x")});
    }
  }
}
void mark_apt_too(Context& ctx) {
  for (const auto& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::Run && ins.rest.rfind("apt-get", 0) == 0 &&
        ins.rest.find("--y") == std::string::npos) {
      ctx.report(ins.rest_span, "mark too", Safety::Unsafe, "mark too",
                 {TextEdit::insert(ins.rest_span.begin + 7, " --y")});
    }
  }
}

// A broken fix: an unterminated heredoc.
void breaks_file(Context& ctx) {
  const auto& first = ctx.doc().instructions.front();
  ctx.report(first.span, "break", Safety::Safe, "break",
             {TextEdit::insert(first.line_span.end, "RUN <<EOF\n")});
}

// A fix that swallows the next instruction by continuing the line.
void swallows_next(Context& ctx) {
  if (ctx.doc().instructions.size() < 3) return;
  const auto& second = ctx.doc().instructions[1];
  ctx.report(second.span, "swallow", Safety::Safe, "swallow",
             {TextEdit::insert(second.span.end, " \\")});
}

// Never done: grows a label every round.
void grows(Context& ctx) {
  for (const auto& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::Label) {
      ctx.report(ins.span, "grow", Safety::Safe, "grow", {TextEdit::insert(ins.span.end, "1")});
    }
  }
}

const Transform t_upper{
    "upper-from", Category::Runtime, Safety::Safe, "upper FROM", {"FromAsCasing", "DL9999"}, "",
    true,         upper_from};
const Transform t_mark{"mark", Category::Packages, Safety::Safe, "mark", {}, "", true, mark_apt};
const Transform t_mark_too{"mark-too", Category::Packages, Safety::Unsafe, "mark too", {}, "",
                           true,       mark_apt_too};
const Transform t_break{"break", Category::Layers, Safety::Safe, "break", {}, "",
                        true,    breaks_file};
const Transform t_swallow{"swallow", Category::Layers, Safety::Safe, "swallow", {}, "",
                          true,      swallows_next};
const Transform t_grow{"grow", Category::Runtime, Safety::Safe, "grow", {}, "", true, grows};

FileOutcome run(std::string text, std::vector<const Transform*> transforms, bool fix = true,
                Safety min = Safety::Safe) {
  PassOptions options;
  options.transforms = std::move(transforms);
  options.fix = fix;
  options.min_safety = min;
  return run_passes(test::source(std::move(text)), options);
}

}  // namespace

TEST_CASE("report mode finds without changing") {
  const FileOutcome out = run("from a\nRUN x\n", {&t_upper}, false);
  CHECK_FALSE(out.changed());
  REQUIRE(out.findings.size() == 1);
  CHECK(out.findings[0].rule == "upper-from");
  CHECK(out.findings[0].safety() == Safety::Safe);
}

TEST_CASE("fix mode applies to a fixed point") {
  const FileOutcome out = run("from a\nRUN x\nfrom b\n", {&t_upper});
  CHECK(out.result->text() == "FROM a\nRUN x\nFROM b\n");
  CHECK(out.findings.empty());
  CHECK(out.applied.size() == 2);
  CHECK(out.rounds == 1);
}

TEST_CASE("overlapping fixes wait for the next round; safety is honoured") {
  SUBCASE("safe only") {
    const FileOutcome out = run("FROM a\nRUN apt-get install\n", {&t_mark, &t_mark_too});
    CHECK(out.result->text() == "FROM a\nRUN apt-get --x install\n");
    REQUIRE(out.findings.size() == 1);
    CHECK(out.findings[0].rule == "mark-too");
  }
  SUBCASE("with unsafe fixes") {
    const FileOutcome out =
        run("FROM a\nRUN apt-get install\n", {&t_mark, &t_mark_too}, true, Safety::Unsafe);
    CHECK(out.result->text() == "FROM a\nRUN apt-get --y --x install\n");
    CHECK(out.findings.empty());
    CHECK(out.rounds == 2);
  }
}

TEST_CASE("the guard drops fixes that break the file, keeping the others") {
  const FileOutcome out = run("from a\nRUN x\n", {&t_upper, &t_break});
  CHECK(out.result->text() == "FROM a\nRUN x\n");
  REQUIRE(out.internal_errors.size() == 1);
  CHECK(out.internal_errors[0].find("break: fix \"break\" dropped: the result does not parse") ==
        0);
}

TEST_CASE("the guard drops fixes that change an instruction they did not target") {
  const FileOutcome out = run("FROM a\nRUN x\nRUN y\n", {&t_swallow});
  CHECK_FALSE(out.changed());
  REQUIRE(out.internal_errors.size() == 1);
  CHECK(out.internal_errors[0].find("did not target changed meaning") != std::string::npos);
}

TEST_CASE("non-convergence is reported with the rules involved") {
  PassOptions options;
  options.transforms = {&t_grow};
  options.fix = true;
  options.max_rounds = 5;
  const FileOutcome out = run_passes(test::source("FROM a\nLABEL a=1\n"), options);
  CHECK(out.rounds == 5);
  CHECK(out.not_converged == std::vector<std::string>{"grow"});
  CHECK(out.result->text() == "FROM a\nLABEL a=111111\n");
}

TEST_CASE("files BuildKit rejects are errors, never fixed") {
  const FileOutcome out = run("from a\nCOPY onlyone\n", {&t_upper});
  REQUIRE(out.error.has_value());
  CHECK(out.error->message.find("COPY requires at least two arguments") == 0);
  CHECK_FALSE(out.changed());
}

TEST_CASE("suppression comments") {
  SUBCASE("dfopt ignore on the line before") {
    const FileOutcome out = run("# dfopt ignore=upper-from\nfrom a\nfrom b\n", {&t_upper}, false);
    REQUIRE(out.findings.size() == 1);
    CHECK(out.findings[0].span.begin == 33);
  }
  SUBCASE("a blank line ends the scope") {
    CHECK(run("# dfopt ignore=upper-from\n\nfrom a\n", {&t_upper}, false).findings.size() == 1);
  }
  SUBCASE("categories, all, global") {
    CHECK(run("# dfopt ignore=runtime\nfrom a\n", {&t_upper}, false).findings.empty());
    CHECK(run("# dfopt global ignore=all\nRUN x\nfrom a\n", {&t_upper}, false).findings.empty());
  }
  SUBCASE("hadolint and BuildKit spellings") {
    CHECK(run("# hadolint ignore=DL3000, DL9999\nfrom a\n", {&t_upper}, false).findings.empty());
    CHECK(run("# hadolint global ignore=DL9999\nRUN x\nfrom a\n", {&t_upper}, false)
              .findings.empty());
    CHECK(run("# check=skip=FromAsCasing\nfrom a\n", {&t_upper}, false).findings.empty());
    CHECK(run("# check=error=true;skip=all\nfrom a\n", {&t_upper}, false).findings.empty());
    CHECK(run("# check=skip=Other\nfrom a\n", {&t_upper}, false).findings.size() == 1);
    CHECK(run("# hadolint ignore=upper-from\nfrom a\n", {&t_upper}, false).findings.size() == 1);
  }
}

TEST_CASE("style detection") {
  auto doc =
      syntax::parse(test::source("from a\r\nrun apt-get update \\\r\n\t&& apt-get install -y x "
                                 "\\\r\n\t&& rm -rf /var/lib/apt/lists/*\r\n"));
  REQUIRE(doc.ok());
  const Style style = Style::of(*doc);
  CHECK(style.newline == "\r\n");
  CHECK(style.lower_keywords);
  CHECK(style.indent == "\t");
  CHECK(style.and_at_line_start);
  CHECK(style.keyword("RUN") == "run");
  CHECK(style.and_break() == " \\\r\n\t&& ");

  auto plain = syntax::parse(test::source("FROM a\nRUN a && \\\n    b\n"));
  const Style s2 = Style::of(*plain);
  CHECK(s2.newline == "\n");
  CHECK_FALSE(s2.and_at_line_start);
  CHECK(s2.and_break() == " && \\\n    ");
}

TEST_CASE("rewriter edits in the file's style") {
  auto doc =
      syntax::parse(test::source("# escape=`\nFROM a\n  RUN apt-get update ; # trailing\nCMD x"));
  REQUIRE(doc.ok());
  const Analysis analysis(*doc);
  const Rewriter rw(analysis);
  const auto& run_ins = doc->instructions[1];
  const TextEdit before = rw.insert_before(run_ins, "ENV A=1\nENV B=2");
  CHECK(before.span.begin == run_ins.line_span.begin);
  CHECK(before.replacement == "  ENV A=1\n  ENV B=2\n");
  const auto after = rw.insert_after(doc->instructions[2], rw.line("USER", "app"));
  REQUIRE(after.has_value());
  CHECK(after->replacement == "\nUSER app");
  const shell::Script* script = analysis.script(1);
  REQUIRE(script != nullptr);
  const auto append = rw.append_command(run_ins, *script, "rm -rf /x");
  REQUIRE(append.has_value());
  EditSet set;
  REQUIRE(set.try_add(*Fix::create(Safety::Safe, "t", {*append})));
  CHECK(set.apply(doc->text()) ==
        "# escape=`\nFROM a\n  RUN apt-get update && `\n    rm -rf /x ; # trailing\nCMD x");
}

TEST_CASE("rewriter: nothing is inserted after a continuation left open at the end of the file") {
  // Comment and blank lines inside a continuation do not end it: a line added after them
  // would belong to the instruction.
  for (const char* text : {"FROM a\nARG x \\\n    # c\n\n", "FROM a\nENV K v \\\r\n  # c",
                           "# escape=`\nFROM a\nRUN x `\n"}) {
    CAPTURE(text);
    auto doc = syntax::parse(test::source(text));
    REQUIRE(doc.ok());
    const Analysis analysis(*doc);
    CHECK_FALSE(Rewriter(analysis).insert_after(doc->instructions.back(), "USER app").has_value());
  }
  // A backslash in a comment line after the instruction, or no continuation: closed.
  for (const char* text : {"FROM a\nARG x \\\n  y\n# c \\\n", "FROM a\nARG x\n"}) {
    CAPTURE(text);
    auto doc = syntax::parse(test::source(text));
    REQUIRE(doc.ok());
    const Analysis analysis(*doc);
    CHECK(Rewriter(analysis).insert_after(doc->instructions.back(), "USER app").has_value());
  }
}
