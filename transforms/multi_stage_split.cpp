#include <fmt/format.h>

#include "transforms/list.hpp"
#include "transforms/support/stage_split.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Reports a final stage that installs build tools (gcc, build-essential, golang,
cargo, maven, a JDK, python3-dev, …) or compiles (`go build`, `cargo build`,
`make`, `cmake`, `mvn`, `gradle`, `javac`, `npm run build`, `pip install`
with compilers), and splits it: the stage becomes a `builder` stage (its
`FROM` gets ` AS builder`; a stage that already has a name keeps it), and a
new runtime stage after the last RUN of the build copies only the artifact.

The runtime stage gets, in order: `FROM <runtime image>`; the ARGs it uses,
re-declared; the SHELL and ENV of the stage; a RUN installing the run-time
packages (apt-get or apk); RUNs of the stage that only create users; the
WORKDIR of the build; the stage's LABEL, EXPOSE, VOLUME, STOPSIGNAL,
HEALTHCHECK; `COPY --from=builder <artifact> <same path>`; COPYs of the
context to places outside the build directory (configuration, scripts);
CMD/ENTRYPOINT and USER; then every instruction that followed the build, moved
as written.

Handles:
- Go: `go build -o X` (or `go build` without `-o` when the CMD names a file in
  the build directory, or `go install` → `$GOBIN`, `$GOPATH/bin`, `/go/bin`):
  the build gets `CGO_ENABLED=0` and the binary goes into `scratch`; the CA
  bundle is copied when the builder has it (golang images, ca-certificates
  installed), `/usr/share/zoneinfo` when tzdata is installed; a plain-word
  shell-form CMD becomes the exec form with the absolute program path.
- Rust: `cargo build [--release] [--target T] [--target-dir D]` → the CMD's
  `target/release/<bin>`; `cargo install` → `<root>/bin/<bin>`; a bare CMD
  name that is not on the runtime's PATH is copied to `/usr/local/bin`.
- C/C++: `make install` / `cmake --install` / `ninja install` (`PREFIX=`,
  `-DCMAKE_INSTALL_PREFIX=`, `--prefix`; `/usr/local` by default) → `<prefix>/bin/<CMD>`;
  a plain `make`/`cmake --build` → the file the CMD names under the build directory.
- Java (maven, gradle, javac + jar): `java -jar X.jar` (or `-cp X.jar`) → the jar,
  into `eclipse-temurin:<N>-jre` for maven/gradle/openjdk/eclipse-temurin
  builders, or the slim image of the builder's distribution with the JDK
  package mapped to its JRE (`default-jdk` → `default-jre-headless`).
- Node: `npm ci`/`npm install` + `npm run build`, CMD `node dist/x.js` (or `npm start`
  whose package.json start script is `node <file>`): the runtime copies
  `package*.json`, runs `npm ci --omit=dev` and copies the build output
  directory (the top directory of the script).
- Python: `pip install` in a stage that installs compilers or `-dev` packages
  (gcc, build-essential, python3-dev, libpq-dev, …): `ENV
  PATH="/opt/venv/bin:$PATH"` and `RUN python -m venv /opt/venv` go above
  the COPYs that feed the first pip install (so a source edit does not
  rebuild the venv; when the same RUN installs Python, the venv is made in it
  right before pip), so every pip install of the
  build goes into the venv; the runtime copies `/opt/venv` and the app
  directory (the WORKDIR of the build) and sets the same PATH. On the official
  `python` image the runtime is its slim variant (`python:3.12` →
  `python:3.12-slim`; slim and alpine tags stay); on Debian/Ubuntu with
  python3 from apt the venv is made with `--system-site-packages` (apt's
  python3-* modules stay visible and are installed in the runtime),
  `python3-venv` is added to the builder's install, and the runtime is the
  slim image of the same release with python3 and the run-time libraries.
- Files copied by `cp`/`install`/`mv` in the build RUNs count as outputs.
- Runtime images: `debian:<suite>` → `debian:<suite>-slim`, `ubuntu:X` → itself,
  official language images → the slim image of their Debian release
  (`debian:stable-slim` when the tag names none), alpine → the same alpine
  release, `node:X` → `node:X-slim`. Run-time packages are the builder's with
  build tools dropped and `-dev` libraries mapped to their libraries
  (libssl-dev → libssl3/libssl1.1 by release, zlib1g-dev → zlib1g, libpq-dev →
  libpq5, …).

Refuses (reported without a fix, the message says why):
- no recognised build step (only build tools installed), several ecosystems
  built in one stage;
- Python: an app built in `/` or a shared directory (`/usr/local`, `/opt`,
  `/root`, …); a build RUN that runs anything but package installs, pip,
  clean-up, users and directories (`python setup.py`, `manage.py`, curl, …:
  what they make would be missing); `pip install --user`/`--target`/
  `--prefix`/`--root`, or pip/python named by an absolute path; a first pip
  install after `||` or inside a pipeline in the RUN that installs Python; an interpreter that is neither the
  official python image nor apt's python3; a CMD naming an absolute program
  outside the app directory (`/usr/local/bin/gunicorn` is in the venv now);
- the artifact cannot be determined: no CMD/ENTRYPOINT, a program the build
  does not produce, `go build` without `-o` and a bare CMD name, a glob jar,
  `npm start` without the context's package.json, an entry point outside a
  build output directory (`node server.js`), yarn or pnpm installs;
- a RUN after the build step, ONBUILD, heredoc RUNs, a final stage built FROM
  another stage, Windows images, WORKDIRs with variables;
- the image runs the toolchain (`go run`, `cargo run`, `mvn`, `gradle`, `make`, `gcc`, …);
- cgo (`CGO_ENABLED=1`, `-tags cgo`, C `-dev` libraries installed);
- scratch/distroless runtimes: a shell-form CMD with shell syntax, a
  HEALTHCHECK, SHELL, a USER name (not a numeric uid), packages other than
  CA certificates, tzdata and download tools;
- a USER name the runtime would not have (not created by a RUN of useradd/adduser
  that the runtime can repeat);
- a `-dev` package with no known run-time library (named in the message);
- a `gcc:X` builder compiling C++ (its libstdc++ is newer than any runtime's);
- a JDK image whose tag does not name the Java version.

## Why is this bad?
The toolchain — compilers, headers, SDKs, package caches, the sources — ships
in the image although the program needs none of it at run time: images are
hundreds of megabytes larger than needed, pull slower and carry more
vulnerable packages.

## Example
```dockerfile
FROM debian:bookworm
RUN apt-get update && apt-get install -y golang-go ca-certificates
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
EXPOSE 8080
CMD app
```

Use instead:
```dockerfile
FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y golang-go ca-certificates
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app .

FROM scratch
WORKDIR /src
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
EXPOSE 8080
CMD ["/usr/local/bin/app"]
```

## Fix safety
Unsafe: the runtime image only has the artifact. A program that reads other
files at run time (templates, static assets, data in the source tree,
libraries or data that `make install` put outside `<prefix>/bin`, a jar's
`Class-Path` dependencies, Node sources outside the build output) fails, and
tools the image used to carry (a shell on scratch, curl) are gone. Go binaries
are rebuilt without cgo. Python packages that pip compiled against a library
of the full image that the builder did not install by name (the official
`python` image ships many `-dev` packages) miss that library at run time. Check the runtime image before shipping it.

## Options
- `runtime-images`: a table of runtime images per ecosystem (`go`, `rust`, `c`,
  `java`, `node`, `python`), e.g. `go = "gcr.io/distroless/static-debian12"`.
- `builder-name`: the name given to the builder stage (default `builder`).
)";

// The ecosystem to split for, or a refusal.
std::optional<Ecosystem> choose(const BuildFacts& facts, std::string& why) {
  std::vector<Ecosystem> main;
  for (const Ecosystem e : facts.ecosystems) {
    if (e != Ecosystem::C && e != Ecosystem::Python) main.push_back(e);
  }
  if (main.size() > 1) {
    why = fmt::format("it builds with several ecosystems ({}, {})", ecosystem_name(main[0]),
                      ecosystem_name(main[1]));
    return std::nullopt;
  }
  if (main.size() == 1) return main.front();
  for (const Ecosystem e : {Ecosystem::C, Ecosystem::Python}) {
    if (std::find(facts.ecosystems.begin(), facts.ecosystems.end(), e) != facts.ecosystems.end())
      return e;
  }
  why = "no recognised build step";
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const auto& stages = analysis.stages().stages;
  if (stages.empty()) return;
  const syntax::Stage& stage = stages.back();
  const BuildFacts facts = build_facts(analysis, stage);
  if (facts.compiles.empty() && facts.tool_packages.empty()) return;
  std::string why;
  const std::optional<Ecosystem> eco = choose(facts, why);
  std::string what;
  if (eco) {
    what =
        fmt::format("the final stage builds {} ({})", ecosystem_name(*eco), join(facts.compiles));
  } else if (!facts.compiles.empty()) {
    what = fmt::format("the final stage compiles ({})", join(facts.compiles));
  } else {
    what = fmt::format("the final stage installs build tools ({})", join(facts.tool_packages));
  }
  what += " and ships its toolchain in the image";
  if (facts.heredoc) why = "a RUN with a heredoc (its commands cannot be checked)";
  const Span span = ctx.doc().instructions[stage.from].keyword_span;
  if (!eco || facts.heredoc) {
    ctx.report(span, what + "; not split: " + why);
    return;
  }
  std::map<std::string, std::string, std::less<>> images;
  for (auto& [key, value] : ctx.setting_table("runtime-images")) images[key] = value;
  const std::string builder = ctx.setting("builder-name", std::string_view("builder"));
  SplitOutcome outcome = split_stage(analysis, stage, *eco, facts, builder, images);
  if (!outcome.refusal.empty()) {
    ctx.report(span, what + "; not split: " + outcome.refusal);
    return;
  }
  ctx.report(span,
             fmt::format("{}: split into a build stage and a `{}` runtime stage", what,
                         outcome.runtime_image),
             Safety::Unsafe, "split into a builder stage and a runtime stage",
             std::move(outcome.edits));
}

}  // namespace

const Transform& multi_stage_split() {
  static const Transform t{
      "multi-stage-split",
      Category::Stages,
      Safety::Unsafe,
      "split a final stage that compiles into a builder stage and a runtime stage with only the "
      "artifacts",
      {},
      doc,
      true,
      check,
      {{"runtime-images", OptionType::StringTable,
        "runtime image per ecosystem (go, rust, c, java, node, python)"},
       {"builder-name", OptionType::String, "name of the builder stage (default builder)"}}};
  return t;
}

}  // namespace dfopt::transforms
