// What a stage starts from: the base image named in FROM, its distribution
// family, and the tools known to be in it (from the image or installed by an
// earlier RUN). Shared by the stage, security and runtime transforms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/analysis.hpp"

namespace dfopt::transforms {

// A FROM reference split into its parts: `registry/path/name:tag@digest`.
struct ImageRef {
  std::string registry;  // "" for Docker Hub (docker.io and its aliases are dropped)
  std::string
      repository;  // "library/python" → "python"; "gcr.io/distroless/static" → "distroless/static"
  std::string tag;            // "" when absent
  std::string digest;         // "sha256:…", "" when absent
  bool has_variable = false;  // a `$` anywhere: the reference is only known at build time

  // The last path element of the repository ("static" for distroless/static).
  [[nodiscard]] std::string_view name() const;
  // registry/repository as written back into FROM (without tag or digest).
  [[nodiscard]] std::string qualified() const;
};

[[nodiscard]] ImageRef parse_image(std::string_view ref);

enum class Distro : std::uint8_t {
  Unknown,
  Debian,      // Debian and Ubuntu (apt-get, useradd, /bin/bash)
  Alpine,      // apk, busybox adduser
  Rhel,        // Fedora, CentOS, RHEL/UBI, Rocky, Alma, Amazon, Oracle (yum/dnf/microdnf)
  Suse,        // openSUSE/SLES (zypper)
  Distroless,  // gcr.io/distroless/*, chainguard static images: no shell, user `nonroot` (65532)
  Scratch,     // FROM scratch: nothing at all
  Windows,
};

[[nodiscard]] std::string_view to_string(Distro distro);

// The family of an image from its name and tag alone (Unknown when they do not tell).
[[nodiscard]] Distro image_distro(std::string_view text);

// The family of stage `stage`: its base stage's family, the image's, or (for an
// unknown image) the package manager its RUNs use.
[[nodiscard]] Distro stage_distro(const Analysis& analysis, const syntax::Stage& stage);

// Whether the image `text` itself ships `tool` (a program name: curl, wget, git,
// gcc, make, bash, sh, …): the full official language images built on
// buildpack-deps carry curl, wget, git and a compiler; slim and alpine ones do not
// (alpine's busybox has wget).
[[nodiscard]] bool image_has_tool(std::string_view text, std::string_view tool);

// Whether `tool` exists in the stage of instruction `index` just before it: the
// base image (or base stage) has it, or an earlier RUN of the stage installed a
// package that provides it.
[[nodiscard]] bool stage_has_tool(const Analysis& analysis, std::size_t index,
                                  std::string_view tool);

// Like stage_has_tool, and the tool was not removed again by a later RUN of the
// stage before `index`: `apt-get purge curl`, `apk del curl`, or `apk del .deps`
// after `apk add --virtual .deps curl`, `yum remove curl`, … (the last install or
// removal of a providing package wins).
[[nodiscard]] bool stage_keeps_tool(const Analysis& analysis, std::size_t index,
                                    std::string_view tool);

// The packages installed (apt-get/apt, apk, yum/dnf/microdnf, zypper) by the RUNs
// of the stage of `index` (and its base stages) before `index`, versions stripped.
[[nodiscard]] std::vector<std::string> installed_packages(const Analysis& analysis,
                                                          std::size_t index);

// The packages that provide `tool` in any of the families (curl → curl; gcc → gcc,
// build-essential, build-base, gcc-c++, …).
[[nodiscard]] std::vector<std::string_view> packages_providing(std::string_view tool);

// The Debian/Ubuntu packages to apt-get install for `tool` (curl → curl,
// ca-certificates; gpg → gnupg, dirmngr; gcc → gcc, libc6-dev; xz → xz-utils; …).
[[nodiscard]] std::vector<std::string_view> apt_packages_for(std::string_view tool);

// A FROM reference with its `$NAME` / `${NAME}` replaced by the defaults of the
// ARGs declared before the first FROM (`ARG BASE=python:3.12`); nullopt when a
// variable has no default there or uses a modifier (`${NAME:-x}`). A reference
// without variables comes back as it is.
[[nodiscard]] std::optional<std::string> expand_meta_args(const Analysis& analysis,
                                                          std::string_view ref);

// The packages that `packages` only recommend but cannot work without, as an
// apt install with --no-install-recommends would leave them out: ca-certificates
// for curl, wget and git (HTTPS), libc6-dev for gcc and clang (the C headers).
// Those already in `packages` are not repeated.
[[nodiscard]] std::vector<std::string_view> needed_recommendations(
    const std::vector<std::string_view>& packages);

}  // namespace dfopt::transforms
