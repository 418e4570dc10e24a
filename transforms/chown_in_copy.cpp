#include <algorithm>
#include <array>
#include <cctype>

#include "transforms/list.hpp"
#include "transforms/support/commands.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"(## What it does
Moves a `chown` that directly follows a COPY/ADD into the COPY as
`--chown=user:group`, and drops the `chown` from the RUN (or the whole RUN
when it ran nothing else).

## Why is this bad?
Changing the owner of a file copies it into a new layer: after
`COPY app /app` and `RUN chown -R app:app /app` the image holds every byte of
`/app` twice. `COPY --chown` writes the files with the right owner once.

## Example
```dockerfile
COPY app /srv/app
RUN chown -R app:app /srv/app
```

Use instead:
```dockerfile
COPY --chown=app:app app /srv/app
```

The fix is offered when the next instruction of the stage is a RUN (without
flags) whose first command is `chown [-R] user[:group] path` with exactly one
path that is what the COPY wrote: the destination directory (with `-R`), or the
copied file for a single source that looks like a file (`start.sh`, `app.jar`).
The COPY destination and the path must be absolute literal paths and the owner
a literal name or number. A chown of a path above or below the destination, a
COPY that already has `--chown`, an ADD of an archive, a heredoc COPY, or a
chown later in the RUN (an earlier command may create the user or the files)
is reported without a fix.

## Fix safety
`COPY --chown` owns what the COPY writes, including directories it creates
(BuildKit also applies it to missing parent directories), while `chown -R`
changes the destination directory and whatever was already in it.
Safe for a single file whose parent directory surely exists (a standard
directory such as `/usr/local/bin` or `/etc`, or the WORKDIR in effect): the
results are identical. Unsafe otherwise — a destination directory that
existed before (or files already in it) keeps its old owner, and new parent
directories get the new owner.
)";

// Directories every Linux base image has.
constexpr std::array<std::string_view, 17> kStandardDirs = {"/",
                                                            "/bin",
                                                            "/etc",
                                                            "/home",
                                                            "/opt",
                                                            "/root",
                                                            "/sbin",
                                                            "/srv",
                                                            "/tmp",
                                                            "/usr",
                                                            "/usr/bin",
                                                            "/usr/local",
                                                            "/usr/local/bin",
                                                            "/usr/local/sbin",
                                                            "/usr/sbin",
                                                            "/usr/share",
                                                            "/var"};

bool plain_name(std::string_view s) {
  return !s.empty() && (std::isalnum(static_cast<unsigned char>(s[0])) != 0 || s[0] == '_') &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' ||
                  c == '.';
         });
}

// `user` or `user:group` that `COPY --chown` reads as chown does (not the legacy `user.group`).
bool plain_owner(std::string_view owner) {
  const std::size_t colon = owner.find(':');
  if (colon == std::string_view::npos)
    return plain_name(owner) && owner.find('.') == std::string_view::npos;
  return plain_name(owner.substr(0, colon)) && plain_name(owner.substr(colon + 1));
}

bool is_archive(std::string_view src) {
  constexpr std::array<std::string_view, 8> kArchives = {".tar",  ".tar.gz", ".tgz", ".tar.bz2",
                                                         ".tbz2", ".tar.xz", ".txz", ".tar.zst"};
  return std::ranges::any_of(kArchives, [&](std::string_view ext) { return src.ends_with(ext); });
}

void check(Context& ctx) {
  const Analysis& analysis = ctx.analysis();
  const auto& instructions = ctx.doc().instructions;
  for (const CopyFollowUp& f : copy_follow_ups(analysis, "chown")) {
    const syntax::Instruction& copy = instructions[f.copy];
    const syntax::Instruction& run = instructions[f.cmd.index];
    const std::string message =
        "chown after COPY duplicates the copied files in a new layer; use COPY --chown";
    const bool archive = copy.keyword == syntax::Keyword::Add &&
                         std::any_of(copy.args.begin(), copy.args.end() - 1,
                                     [](const syntax::Word& w) { return is_archive(w.value); });
    // The path must be exactly what was copied: a directory recursively, or the one file.
    const bool exact =
        f.paths.size() == 1 && f.paths[0] == f.copied.path && (f.copied.file || f.recursive);
    // An earlier command may create the user or more files; RUN flags (mounts) would be lost;
    // variables, relative paths and unknown chown options are not worth guessing about.
    if (!f.first || !exact || f.other_flags || !f.copied.absolute || !run.flags.empty() ||
        copy.flag("chown") != nullptr || archive || !plain_owner(f.setting)) {
      ctx.report(f.cmd.command->span, message);
      continue;
    }
    const auto removal = remove_command_or_run(analysis, f.cmd);
    if (!removal) {
      ctx.report(f.cmd.command->span, message);
      continue;
    }
    const std::string parent =
        f.copied.path.substr(0, std::max<std::size_t>(f.copied.path.rfind('/'), 1));
    const std::string workdir = analysis.environment(f.copy).workdir;
    const bool parent_exists =
        std::find(kStandardDirs.begin(), kStandardDirs.end(), parent) != kStandardDirs.end() ||
        (!workdir.empty() && resolve_path("/", workdir) == parent);
    // Removing the whole RUN would drop the comments inside it.
    const bool keeps_comments =
        removal->front().span != run.line_span || run.inner_comments.empty();
    const Safety safety =
        f.copied.file && parent_exists && keeps_comments ? Safety::Safe : Safety::Unsafe;
    std::vector<TextEdit> edits = *removal;
    edits.push_back(add_copy_flag(copy, "chown", f.setting));
    ctx.report(f.cmd.command->span, message, safety, "move the chown into COPY --chown",
               std::move(edits));
  }
}

}  // namespace

const Transform& chown_in_copy() {
  static const Transform t{"chown-in-copy",
                           Category::Layers,
                           Safety::Safe,
                           "move a chown after COPY into COPY --chown",
                           {},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
