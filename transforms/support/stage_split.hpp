// Splitting a stage that builds its own program into a builder stage and a
// runtime stage that copies only the artifacts (the multi-stage-split rule):
// recognising the build, finding the artifact the image runs, choosing the
// runtime image and its packages, and writing the runtime stage. One small
// planning function per ecosystem lives in split_shapes.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewrite/analysis.hpp"
#include "rewrite/edit.hpp"
#include "transforms/support/base_images.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

enum class Ecosystem : std::uint8_t { Go, Rust, C, Java, Node, Python };

// The key of the ecosystem in settings ("go", "rust", "c", "java", "node", "python").
[[nodiscard]] std::string_view ecosystem_key(Ecosystem eco);
// The name in messages ("Go", "Rust", "C/C++", "Java", "Node", "Python").
[[nodiscard]] std::string_view ecosystem_name(Ecosystem eco);

// What a stage builds: compile commands, the build tools it installs, the last
// RUN that belongs to the build (compiles, tests, installs the result).
struct BuildFacts {
  std::vector<Ecosystem> ecosystems;       // of the compile commands, in order of appearance
  std::vector<std::string> compiles;       // "go build", "make", … (no duplicates)
  std::vector<std::string> tool_packages;  // build-tool packages the stage installs
  std::optional<std::size_t> last_build_run;
  bool heredoc = false;                        // a RUN with a heredoc (its commands are unseen)
  std::optional<std::size_t> last_script_run;  // the last RUN of a build script (runs_build_script)
};
[[nodiscard]] BuildFacts build_facts(const Analysis& analysis, const syntax::Stage& stage);

// The ecosystem a compile command belongs to (`go build`, `cargo build`, `make`, `mvn`,
// `javac`, `npm run build`, …); nullopt for other commands. `pip install` is Python.
[[nodiscard]] std::optional<Ecosystem> compile_ecosystem(const shell::CommandView& cmd);

// What the image runs: the ENTRYPOINT (or else the CMD) in effect at the end of the stage.
struct RuntimeCommand {
  std::size_t index = 0;           // the CMD/ENTRYPOINT instruction
  std::vector<std::string> words;  // its literal words (exec form, or the first simple command)
  bool exec = false;               // JSON exec form
  bool plain = false;              // shell form of plain literal words only
  std::string workdir;             // the WORKDIR in effect there ("" when it has variables)
};
[[nodiscard]] std::optional<RuntimeCommand> runtime_command(const Analysis& analysis,
                                                            const syntax::Stage& stage);

// One `COPY --from=<builder> from to` of the runtime stage.
struct Artifact {
  std::string from;
  std::string to;
};

// A line of the runtime stage: keyword (upper case) and arguments.
struct StageLine {
  std::string keyword;
  std::string args;
};

// What an ecosystem's planner gets.
struct ShapeInput {
  const Analysis& analysis;
  const syntax::Stage& stage;
  std::size_t build_end;  // the last RUN of the build
  const RuntimeCommand& command;
  std::string builder;                // the builder stage's name, for --from
  std::string image_override;         // runtime-images.<ecosystem>, "" when unset
  std::vector<std::string> packages;  // packages the stage installs before build_end
};

// The runtime stage a planner chose, or why it refuses.
struct RuntimePlan {
  std::string image;
  std::vector<std::string> packages;   // to install in the runtime (apt-get or apk)
  std::vector<StageLine> before_copy;  // after the packages, before the artifacts
  std::vector<Artifact> artifacts;
  std::vector<TextEdit> builder_edits;  // edits to the build (CGO_ENABLED=0, say)
  std::optional<std::string>
      program;          // the absolute program for an exec-form CMD on a runtime without a shell
  std::string refusal;  // non-empty: do not split, and why
};

[[nodiscard]] RuntimePlan plan_go(const ShapeInput& in);
[[nodiscard]] RuntimePlan plan_rust(const ShapeInput& in);
[[nodiscard]] RuntimePlan plan_c(const ShapeInput& in);
[[nodiscard]] RuntimePlan plan_java(const ShapeInput& in);
[[nodiscard]] RuntimePlan plan_node(const ShapeInput& in);
[[nodiscard]] RuntimePlan plan_python(const ShapeInput& in);

// ---- helpers the planners share ----

// The Debian/Ubuntu suite an image tag names ("bookworm", "jammy"; "" when unknown).
[[nodiscard]] std::string debian_suite(std::string_view image);

// The slim image of the same distribution as `image` (debian:bookworm →
// debian:bookworm-slim, ubuntu:22.04 → itself, rust:1-bookworm → debian:bookworm-slim,
// alpine-based → the same alpine release); nullopt when there is none known.
[[nodiscard]] std::optional<std::string> slim_runtime_image(std::string_view image);

// The runtime packages for the packages a builder installed: build tools dropped,
// JDKs → JREs, `-dev` libraries → their run-time library. `keep` names packages that
// stay although they are build tools (npm for Node). Unknown `-dev` packages give
// a refusal naming them.
struct PackageMap {
  std::vector<std::string> packages;
  std::string refusal;
};
[[nodiscard]] PackageMap runtime_packages(const std::vector<std::string>& installed, Distro distro,
                                          std::string_view suite, shell::Names keep = {});

// Whether `package` is a compiler, build system or other build-only tool.
[[nodiscard]] bool is_build_tool_package(std::string_view package);

// Where the build RUNs (stage.from … build_end) put files with cp/install/mv:
// destination paths (a directory destination gets the source's base name).
[[nodiscard]] std::vector<std::string> copied_outputs(const ShapeInput& in);

// The absolute path of the program `word` of the runtime command: resolved
// against its WORKDIR when it has a slash, else the candidate (a built output)
// with that base name in a directory on the default PATH. "" when unknown.
[[nodiscard]] std::string program_path(const ShapeInput& in, std::string_view word,
                                       const std::vector<std::string>& candidates);

// Whether the RUNs of the build before build_end run `cd` (relative outputs are then unknown).
[[nodiscard]] bool build_changes_directory(const ShapeInput& in);

// Whether every `cd` of the build RUNs goes into a literal relative subdirectory (no `..`).
[[nodiscard]] bool build_stays_below(const ShapeInput& in);

// A RUN of a build script from the context (`./build.sh`, `./scripts/build`): the
// ecosystem is then the one whose tools the stage installs.
[[nodiscard]] bool runs_build_script(const shell::CommandView& cmd);

// The commands of the build RUNs (stage.from … build_end).
[[nodiscard]] std::vector<RunCommand> build_commands(const ShapeInput& in);

// Reads a file of the build context (analysis.directory()); nullopt when unknown or unreadable.
[[nodiscard]] std::optional<std::string> context_file(const Analysis& analysis,
                                                      std::string_view name);

// The whole split of `stage` as edits, or a refusal.
struct SplitOutcome {
  std::string refusal;
  std::string runtime_image;
  std::vector<TextEdit> edits;
};
[[nodiscard]] SplitOutcome split_stage(
    const Analysis& analysis, const syntax::Stage& stage, Ecosystem eco, const BuildFacts& facts,
    std::string_view builder_name,
    const std::map<std::string, std::string, std::less<>>& runtime_images);

}  // namespace dfopt::transforms
