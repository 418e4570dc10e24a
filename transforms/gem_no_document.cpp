#include <array>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Adds `--no-document` to `gem install`.

## Why is this bad?
By default RubyGems generates ri and RDoc documentation for every gem it
installs: slow to build, and megabytes of files nobody reads in a container.

## Example
```dockerfile
RUN gem install bundler
```

Use instead:
```dockerfile
RUN gem install --no-document bundler
```

Already fine: `-N`, `--no-document`, `--no-ri` with `--no-rdoc`, or an explicit
`--document=…`. It does not fire when an earlier RUN of the stage writes
`gem: --no-document` (or `install: --no-document`) to a gemrc, nor on the
official `ruby` images, whose `/usr/local/etc/gemrc` already turns
documentation off.

## Fix safety
Safe: the same gems are installed, without their generated documentation.
`--no-document` needs RubyGems 2.0 (2013) or newer, so the fix is Unsafe in
stages built from releases that package an older one (Ubuntu 14.04 and older,
Debian 7 and older, CentOS 6 and older); use `--no-ri --no-rdoc` there.
)";

constexpr std::array<std::string_view, 14> kGemValueFlags = {
    "-v",       "--version", "-i",           "--install-dir", "-n", "--bindir", "-s",
    "--source", "-p",        "--http-proxy", "--platform",    "-g", "--file",   "--build-root"};

bool documents_off(const shell::CommandView& v) {
  if (shell::has_flag(v, {"no-document", "N", "document"}, kGemValueFlags)) return true;
  return shell::has_flag(v, {"no-ri"}, kGemValueFlags) &&
         shell::has_flag(v, {"no-rdoc"}, kGemValueFlags);
}

// The official ruby image (ruby, ruby:3.3-slim, docker.io/library/ruby:…), whose
// /usr/local/etc/gemrc sets `install: --no-document`.
bool official_ruby(std::string_view image) {
  image = image.substr(0, image.find_first_of(":@"));
  for (const std::string_view prefix : {"docker.io/library/", "docker.io/", "library/"}) {
    if (image.starts_with(prefix)) {
      image.remove_prefix(prefix.size());
      break;
    }
  }
  return image == "ruby";
}

// Documentation turned off for the stage of `index` (or a stage it is built FROM):
// by the base image or by a RUN that writes a gemrc setting.
bool configured(const Analysis& analysis, std::size_t index) {
  const syntax::StageView& stages = analysis.stages();
  std::size_t limit = index;
  for (const syntax::Stage* stage = stages.stage_of(index); stage != nullptr;) {
    if (!stage->base_stage && official_ruby(stage->base)) return true;
    for (std::size_t i = stage->from + 1; i < limit; ++i) {
      const syntax::Instruction* run = analysis.run(i);
      if (run == nullptr) continue;
      const std::string_view body = analysis.text().substr(run->span.begin, run->span.size());
      for (const std::string_view setting :
           {"gem: --no-document", "install: --no-document", "gem: --no-ri"}) {
        if (body.find(setting) != std::string_view::npos) return true;
      }
    }
    stage = stage->base_stage ? &stages.stages[*stage->base_stage] : nullptr;
    if (stage != nullptr) limit = stage->end;
  }
  return false;
}

bool installs(const shell::CommandView& v) {
  return shell::is(v, {"gem"}, "install", kGemValueFlags) ||
         shell::is(v, {"gem"}, "i", kGemValueFlags);
}

void check(Context& ctx) {
  for (const RunCommand& cmd : run_commands(ctx.analysis())) {
    // Only installs generate documentation here.
    if (!installs(cmd.view)) continue;
    // Already off (or chosen explicitly) on the command line.
    if (documents_off(cmd.view)) continue;
    // Off for the whole stage.
    if (configured(ctx.analysis(), cmd.index)) continue;
    const std::string message = "gem install without --no-document generates documentation";
    const auto edit = add_flag_after_subcommand(cmd, "--no-document", kGemValueFlags);
    if (!edit) {
      ctx.report(cmd.command->span, message);
      continue;
    }
    // Old releases package a RubyGems that may not know the flag.
    const Safety safety =
        built_from_old_release(ctx.analysis(), cmd.index) ? Safety::Unsafe : Safety::Safe;
    ctx.report(cmd.command->span, message, safety, "add --no-document", {*edit});
  }
}

}  // namespace

const Transform& gem_no_document() {
  static const Transform t{"gem-no-document",
                           Category::Packages,
                           Safety::Safe,
                           "add --no-document to gem install",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
