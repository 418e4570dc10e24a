// The slim variants of official images (python:3.12 → python:3.12-slim,
// node:20 → node:20-slim, debian:bookworm → debian:bookworm-slim, openjdk and
// eclipse-temurin JDKs → JREs): the table of the slim-base-image rule, which
// multi-stage-split also uses for its runtime images.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dfopt::transforms {

// The fields of `s` separated by `sep` (tag parts, mount options); none for "".
[[nodiscard]] std::vector<std::string_view> split_fields(std::string_view s, char sep);

// The built-in slim reference for an official image reference (no digest, no
// variables); "" when the table has none (already slim, alpine, unknown tags,
// releases older than the image's first slim tags).
[[nodiscard]] std::string builtin_slim(std::string_view text);

}  // namespace dfopt::transforms
