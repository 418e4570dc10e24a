// Unit tests for the multi-stage-split helpers (transforms/support/stage_split.hpp).
#include <doctest/doctest.h>

#include "transforms/support/stage_split.hpp"

using namespace dfopt::transforms;

TEST_CASE("debian_suite reads the release from a tag") {
  CHECK(debian_suite("debian:bookworm") == "bookworm");
  CHECK(debian_suite("debian:12.5-slim") == "bookworm");
  CHECK(debian_suite("ubuntu:22.04") == "jammy");
  CHECK(debian_suite("rust:1.77-slim-bullseye") == "bullseye");
  CHECK(debian_suite("rust:1.77") == "");
  CHECK(debian_suite("node:12") == "");  // a version of node, not of Debian
}

TEST_CASE("slim_runtime_image keeps the distribution") {
  CHECK(slim_runtime_image("debian:bookworm") == "debian:bookworm-slim");
  CHECK(slim_runtime_image("debian") == "debian:stable-slim");
  CHECK(slim_runtime_image("debian:bookworm-slim") == "debian:bookworm-slim");
  CHECK(slim_runtime_image("ubuntu:22.04") == "ubuntu:22.04");
  CHECK(slim_runtime_image("rust:1.77-bookworm") == "debian:bookworm-slim");
  CHECK(slim_runtime_image("rust:1.77") == "debian:stable-slim");
  CHECK(slim_runtime_image("rust:1.77-alpine3.19") == "alpine:3.19");
  CHECK_FALSE(slim_runtime_image("fedora:40").has_value());
}

TEST_CASE("runtime_packages drops build tools and maps -dev libraries") {
  const PackageMap m = runtime_packages(
      {"build-essential", "git", "libssl-dev", "zlib1g-dev", "curl", "default-jdk"}, Distro::Debian,
      "bookworm");
  CHECK(m.refusal.empty());
  CHECK(m.packages ==
        std::vector<std::string>{"libssl3", "zlib1g", "curl", "default-jre-headless"});
  CHECK(runtime_packages({"libssl-dev"}, Distro::Debian, "").packages ==
        std::vector<std::string>{"openssl"});
  CHECK(runtime_packages({"libfoo-dev"}, Distro::Debian, "bookworm").refusal ==
        "no known run-time package for libfoo-dev");
  CHECK(runtime_packages({"g++", "openssl-dev"}, Distro::Alpine, "").packages ==
        std::vector<std::string>{"openssl", "libstdc++"});
  CHECK(
      runtime_packages({"nodejs", "npm"}, Distro::Debian, "bookworm", {"nodejs", "npm"}).packages ==
      std::vector<std::string>{"nodejs", "npm"});
}
