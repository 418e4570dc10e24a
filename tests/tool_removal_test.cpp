// transforms/support: removed_by (commands.hpp) and stage_keeps_tool
// (base_images.hpp), a tool installed and removed again by the stage's RUNs.
#include <string>

#include <doctest/doctest.h>

#include "rewrite/analysis.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"

using namespace dfopt;
using namespace dfopt::transforms;

namespace {

// A parsed file and its analysis, kept alive together.
struct Parsed {
  explicit Parsed(std::string text)
      : doc(std::move(syntax::parse(test::source(std::move(text))).value())), analysis(doc) {}
  syntax::Document doc;
  Analysis analysis;
};

// Whether the tool is in the file's last stage just before its last instruction.
bool keeps(const std::string& text, std::string_view tool) {
  const Parsed p(text);
  return stage_keeps_tool(p.analysis, p.doc.instructions.size() - 1, tool);
}

std::vector<std::string> removed(const std::string& run) {
  const Parsed p("FROM x\nRUN " + run + "\n");
  std::vector<std::string> out;
  for (const RunCommand& cmd : run_commands(p.analysis)) {
    for (const std::string_view name : removed_by(cmd.view)) out.emplace_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("removed_by names the packages a package manager removes") {
  CHECK(removed("apt-get purge -y --auto-remove curl wget=1.2") ==
        std::vector<std::string>{"curl", "wget"});
  CHECK(removed("apt remove -o Foo=1 curl") == std::vector<std::string>{"curl"});
  CHECK(removed("apk del --no-cache .build-deps") == std::vector<std::string>{".build-deps"});
  CHECK(removed("yum erase -y curl && dnf remove -y git && zypper rm -y make") ==
        std::vector<std::string>{"curl", "git", "make"});
  CHECK(removed("apt-get install -y curl && apk add curl && rm -rf curl").empty());
}

TEST_CASE("stage_keeps_tool follows installs and removals in build order") {
  CHECK(keeps("FROM debian:bookworm\nRUN apt-get install -y curl\nCMD x\n", "curl"));
  CHECK_FALSE(
      keeps("FROM debian:bookworm\nRUN apt-get install -y curl && apt-get purge -y curl\nCMD x\n",
            "curl"));
  // Installed again after the removal.
  CHECK(
      keeps("FROM debian:bookworm\nRUN apt-get install -y curl && apt-get purge -y curl\n"
            "RUN apt-get install -y curl\nCMD x\n",
            "curl"));
  // In the base image, removed by the stage.
  CHECK(keeps("FROM node:20\nCMD x\n", "curl"));
  CHECK_FALSE(keeps("FROM node:20\nRUN apt-get remove -y curl\nCMD x\n", "curl"));
  // An apk virtual package removed with the tool in it.
  CHECK_FALSE(keeps(
      "FROM alpine:3.20\nRUN apk add --virtual .fetch curl && apk del .fetch\nCMD x\n", "curl"));
  CHECK(keeps("FROM alpine:3.20\nRUN apk add -t .fetch curl && apk del .other\nCMD x\n", "curl"));
  // Busybox wget stays when a virtual package without it goes.
  CHECK(keeps("FROM alpine:3.20\nRUN apk add -t .fetch curl && apk del .fetch\nCMD x\n", "wget"));
  // Through a base stage.
  CHECK_FALSE(
      keeps("FROM debian:bookworm AS base\nRUN apt-get install -y curl\n"
            "FROM base\nRUN apt-get purge -y curl\nCMD x\n",
            "curl"));
}
