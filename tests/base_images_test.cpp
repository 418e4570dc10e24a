// transforms/support/base_images: image references, distribution families and
// the tools known to be in an image or a stage.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "rewrite/analysis.hpp"
#include "syntax/parser.hpp"
#include "test_util.hpp"
#include "transforms/support/base_images.hpp"

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

bool has(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

TEST_CASE("parse_image splits registry, repository, tag and digest") {
  ImageRef r = parse_image("python");
  CHECK(r.registry.empty());
  CHECK(r.repository == "python");
  CHECK(r.tag.empty());
  CHECK(r.digest.empty());
  CHECK_FALSE(r.has_variable);

  r = parse_image("docker.io/library/python:3.12-slim@sha256:abc");
  CHECK(r.registry.empty());
  CHECK(r.repository == "python");
  CHECK(r.tag == "3.12-slim");
  CHECK(r.digest == "sha256:abc");
  CHECK(r.qualified() == "python");

  r = parse_image("index.docker.io/myorg/app:1");
  CHECK(r.registry.empty());
  CHECK(r.repository == "myorg/app");
  CHECK(r.name() == "app");

  r = parse_image("gcr.io/distroless/static-debian12:nonroot");
  CHECK(r.registry == "gcr.io");
  CHECK(r.repository == "distroless/static-debian12");
  CHECK(r.name() == "static-debian12");
  CHECK(r.tag == "nonroot");
  CHECK(r.qualified() == "gcr.io/distroless/static-debian12");

  // A port is not a tag; localhost is a registry.
  r = parse_image("localhost:5000/team/img:2.0");
  CHECK(r.registry == "localhost:5000");
  CHECK(r.repository == "team/img");
  CHECK(r.tag == "2.0");
  r = parse_image("localhost/img");
  CHECK(r.registry == "localhost");
  CHECK(r.repository == "img");

  // `library/` is Docker Hub's only: elsewhere it is part of the path.
  r = parse_image("quay.io/library/x");
  CHECK(r.repository == "library/x");

  r = parse_image("python@sha256:def");
  CHECK(r.tag.empty());
  CHECK(r.digest == "sha256:def");

  r = parse_image("python:${PY}-slim");
  CHECK(r.has_variable);
  CHECK(r.tag == "${PY}-slim");
  CHECK(parse_image("$BASE").has_variable);
}

TEST_CASE("image_distro from name and tag") {
  CHECK(image_distro("scratch") == Distro::Scratch);
  CHECK(image_distro("debian:bookworm-slim") == Distro::Debian);
  CHECK(image_distro("ubuntu") == Distro::Debian);
  CHECK(image_distro("python:3.12") == Distro::Debian);
  CHECK(image_distro("docker.io/library/node:20-bookworm") == Distro::Debian);
  CHECK(image_distro("python:3.12-alpine") == Distro::Alpine);
  CHECK(image_distro("alpine:3.20") == Distro::Alpine);
  CHECK(image_distro("gcr.io/distroless/base-debian12") == Distro::Distroless);
  CHECK(image_distro("cgr.dev/chainguard/static") == Distro::Distroless);
  CHECK(image_distro("cgr.dev/chainguard/python:latest-dev") == Distro::Alpine);
  CHECK(image_distro("mcr.microsoft.com/windows/servercore:ltsc2022") == Distro::Windows);
  CHECK(image_distro("golang:1.22-nanoserver") == Distro::Windows);
  CHECK(image_distro("fedora:40") == Distro::Rhel);
  CHECK(image_distro("redhat/ubi9-minimal") == Distro::Rhel);
  CHECK(image_distro("registry.access.redhat.com/ubi9/ubi") == Distro::Rhel);
  CHECK(image_distro("eclipse-temurin:21-jdk-ubi9-minimal") == Distro::Rhel);
  CHECK(image_distro("opensuse/leap:15") == Distro::Suse);
  CHECK(image_distro("registry.suse.com/bci/bci-base:15.6") == Distro::Suse);
  // openjdk 12+ default tags are Oracle Linux; the slim ones Debian.
  CHECK(image_distro("openjdk:17") == Distro::Rhel);
  CHECK(image_distro("openjdk:17-jdk") == Distro::Rhel);
  CHECK(image_distro("openjdk") == Distro::Rhel);
  CHECK(image_distro("openjdk:17-jdk-slim") == Distro::Debian);
  CHECK(image_distro("openjdk:11-jdk") == Distro::Debian);
  CHECK(image_distro("openjdk:8-jre") == Distro::Debian);
  // Variables: the family is known only when the tag names a Debian variant.
  CHECK(image_distro("python:${PY}") == Distro::Unknown);
  CHECK(image_distro("python:${PY}-slim-bookworm") == Distro::Debian);
  CHECK(image_distro("debian:${SUITE}") == Distro::Debian);
  CHECK(image_distro("$BASE") == Distro::Unknown);
  CHECK(image_distro("myorg/app:1") == Distro::Unknown);
  CHECK(image_distro("busybox") == Distro::Unknown);
}

TEST_CASE("image_has_tool: full, scm, curl, slim and alpine variants") {
  CHECK(image_has_tool("python:3.12", "gcc"));
  CHECK(image_has_tool("python:3.12", "curl"));
  CHECK(image_has_tool("python", "git"));
  CHECK(image_has_tool("node:20-bookworm", "make"));
  CHECK(image_has_tool("node:20-bookworm", "unzip"));
  CHECK(image_has_tool("python:3.12-slim", "bash"));
  CHECK_FALSE(image_has_tool("python:3.12-slim", "curl"));
  CHECK_FALSE(image_has_tool("node:20-bookworm-slim", "git"));
  CHECK_FALSE(image_has_tool("python:3.12-alpine", "curl"));
  CHECK(image_has_tool("python:3.12-alpine", "wget"));
  CHECK(image_has_tool("alpine", "sh"));
  CHECK_FALSE(image_has_tool("alpine", "bash"));
  CHECK_FALSE(image_has_tool("debian:bookworm", "curl"));
  CHECK(image_has_tool("debian:bookworm", "bash"));
  CHECK_FALSE(image_has_tool("scratch", "sh"));
  CHECK_FALSE(image_has_tool("gcr.io/distroless/static", "sh"));
  CHECK(image_has_tool("ubuntu:24.04", "sh"));
  CHECK_FALSE(image_has_tool("busybox", "sh"));  // unknown images: nothing is known
  // buildpack-deps variants.
  CHECK(image_has_tool("buildpack-deps:bookworm", "gcc"));
  CHECK(image_has_tool("buildpack-deps:bookworm-scm", "git"));
  CHECK_FALSE(image_has_tool("buildpack-deps:bookworm-scm", "gcc"));
  CHECK(image_has_tool("buildpack-deps:bookworm-curl", "curl"));
  CHECK_FALSE(image_has_tool("buildpack-deps:bookworm-curl", "git"));
  // golang: scm plus a compiler, not the full variant's extras.
  CHECK(image_has_tool("golang:1.22", "gcc"));
  CHECK(image_has_tool("golang:1.22", "git"));
  CHECK_FALSE(image_has_tool("golang:1.22", "unzip"));
  CHECK_FALSE(image_has_tool("golang:1.22-alpine", "gcc"));
  // openjdk 8/11: JDK on scm, JRE on curl; 17+ is not buildpack-based.
  CHECK(image_has_tool("openjdk:11-jdk", "git"));
  CHECK(image_has_tool("openjdk:11-jre", "curl"));
  CHECK_FALSE(image_has_tool("openjdk:11-jre", "git"));
  CHECK_FALSE(image_has_tool("openjdk:11-jdk-slim", "curl"));
  CHECK_FALSE(image_has_tool("openjdk:17", "curl"));
  // Other registries, namespaces and variable tags are not the official images.
  CHECK_FALSE(image_has_tool("myorg/python:3.12", "gcc"));
  CHECK_FALSE(image_has_tool("python:${PY}", "gcc"));
  CHECK_FALSE(image_has_tool("julia:1.10", "gcc"));
  CHECK(image_has_tool("fedora:40", "bash"));
  CHECK_FALSE(image_has_tool("redhat/ubi9-micro", "bash"));
}

TEST_CASE("packages_providing and apt_packages_for") {
  CHECK(has(packages_providing("curl"), "curl"));
  CHECK(has(packages_providing("gcc"), "build-essential"));
  CHECK(has(packages_providing("g++"), "g++"));
  CHECK_FALSE(has(packages_providing("g++"), "gcc"));  // gcc does not bring g++
  CHECK(has(packages_providing("make"), "make"));
  CHECK(has(packages_providing("xz"), "xz-utils"));
  CHECK(has(packages_providing("hg"), "mercurial"));
  CHECK(apt_packages_for("curl") == std::vector<std::string_view>{"curl", "ca-certificates"});
  CHECK(apt_packages_for("gpg") == std::vector<std::string_view>{"gnupg", "dirmngr"});
  CHECK(apt_packages_for("xz") == std::vector<std::string_view>{"xz-utils"});
  CHECK(apt_packages_for("unzip") == std::vector<std::string_view>{"unzip"});
}

TEST_CASE("stage_has_tool and installed_packages follow the stage and its bases") {
  const Parsed p(
      "FROM debian:bookworm AS base\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2 "
      "ca-certificates\n"
      "FROM base AS app\n"
      "RUN apk add --no-cache git\n"
      "RUN echo\n"
      "FROM python:3.12-slim\n"
      "RUN echo\n");
  const auto installed = installed_packages(p.analysis, 4);
  CHECK(installed == std::vector<std::string>{"curl", "ca-certificates", "git"});
  CHECK(installed_packages(p.analysis, 1).empty());
  CHECK(stage_has_tool(p.analysis, 4, "curl"));
  CHECK(stage_has_tool(p.analysis, 4, "git"));
  CHECK_FALSE(stage_has_tool(p.analysis, 3, "git"));  // installed by that RUN, not before it
  CHECK(stage_has_tool(p.analysis, 4, "bash"));       // debian has bash
  CHECK_FALSE(stage_has_tool(p.analysis, 6, "curl"));
  CHECK(stage_distro(p.analysis, p.analysis.stages().stages[1]) == Distro::Debian);
}

TEST_CASE("stage_distro of an unknown image from its package manager") {
  const Parsed p(
      "FROM myorg/base:1\n"
      "RUN apk add --no-cache curl\n"
      "FROM myorg/other:1\n"
      "RUN echo\n");
  CHECK(stage_distro(p.analysis, p.analysis.stages().stages[0]) == Distro::Alpine);
  CHECK(stage_distro(p.analysis, p.analysis.stages().stages[1]) == Distro::Unknown);
}

TEST_CASE("expand_meta_args") {
  const Parsed p(
      "ARG BASE=python:3.12\n"
      "ARG PY=\"3.11\"\n"
      "ARG NODEFAULT\n"
      "ARG OVER=a\n"
      "ARG OVER=b\n"
      "FROM $BASE\n");
  CHECK(expand_meta_args(p.analysis, "$BASE") == "python:3.12");
  CHECK(expand_meta_args(p.analysis, "python:${PY}-slim") == "python:3.11-slim");
  CHECK(expand_meta_args(p.analysis, "img:$OVER") == "img:b");
  CHECK(expand_meta_args(p.analysis, "alpine") == "alpine");
  CHECK_FALSE(expand_meta_args(p.analysis, "$NODEFAULT").has_value());
  CHECK_FALSE(expand_meta_args(p.analysis, "${MISSING}").has_value());
  CHECK_FALSE(expand_meta_args(p.analysis, "${BASE:-x}").has_value());
}
