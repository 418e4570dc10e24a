// The command-line options of dfopt, as data: the one list that `dfopt --help`
// (tools/dfopt/main.cpp) and the man page (tools/gen-man) are both made from.
#pragma once

#include <array>
#include <string_view>

namespace dfopt::cli {

struct OptionDoc {
  std::string_view name;        // as Boost.Program_options spells it: "jobs,j"
  std::string_view value_name;  // empty for a flag
  std::string_view help;        // one sentence, no final period
};

inline constexpr std::string_view usage = "dfopt [OPTIONS] [PATH...]";

inline constexpr std::string_view description =
    "Finds what makes Docker images big, slow to rebuild and unsafe, and rewrites the\n"
    "Dockerfiles. PATH may be a file, a directory (searched for Dockerfiles) or - (stdin).";

inline constexpr std::string_view exit_status_summary =
    "Exit status: 0 nothing to report, 1 findings remain (or --check/--diff would change "
    "files), 2 usage, configuration, I/O or parse errors.";

// In the order `dfopt --help` prints them.
inline constexpr std::array options{
    OptionDoc{"fix", "", "apply the fixes (Safe ones; add --unsafe-fixes for the others) in place"},
    OptionDoc{"diff", "", "print the fixes as a unified diff instead of writing them"},
    OptionDoc{"check", "", "exit 1 when a fix would change a file or findings remain (for CI)"},
    OptionDoc{"unsafe-fixes", "",
              "also apply fixes that may change what the image contains or does"},
    OptionDoc{"no-unsafe-fixes", "",
              "do not apply unsafe fixes, even if the configuration says so"},
    OptionDoc{"select", "IDS", "only these rules (ids or categories, comma-separated)"},
    OptionDoc{"extend-select", "IDS", "add these rules to the selection"},
    OptionDoc{"ignore", "IDS", "skip these rules (ids or categories)"},
    OptionDoc{"format", "FMT", "output: text, json, sarif or github"},
    OptionDoc{"config", "FILE", "use this .dfopt.toml instead of the nearest one"},
    OptionDoc{"jobs,j", "N", "files processed in parallel (default: cores)"},
    OptionDoc{"exclude", "GLOB", "skip paths matching GLOB when walking directories"},
    OptionDoc{"stdin-filename", "NAME",
              "the path of the file read from - (for configuration and messages)"},
    OptionDoc{"explain", "ID", "print the documentation of a rule"},
    OptionDoc{"list-rules", "", "list every rule: id, category, fix safety, equivalents, summary"},
    OptionDoc{"color", "WHEN", "auto, always or never"},
    OptionDoc{"quiet,q", "", "print findings only, no summary"},
    OptionDoc{"verbose,v", "", "more detail: notes per finding, files without findings"},
    OptionDoc{"dump", "KIND",
              "print the parse of each file: buildkit (BuildKit's AST dump), ir (dfopt's IR), "
              "shell (RUN ASTs)"},
    OptionDoc{"version,V", "", "print the version and exit"},
    OptionDoc{"help,h", "", "print this help and exit"},
};

// "jobs,j" → "jobs"
[[nodiscard]] constexpr std::string_view long_name(const OptionDoc& o) {
  return o.name.substr(0, o.name.find(','));
}

// "jobs,j" → 'j'; 0 when there is no short name
[[nodiscard]] constexpr char short_name(const OptionDoc& o) {
  const std::size_t comma = o.name.find(',');
  return comma == std::string_view::npos ? '\0' : o.name[comma + 1];
}

}  // namespace dfopt::cli
