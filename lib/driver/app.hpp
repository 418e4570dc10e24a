// The dfopt run: find the Dockerfiles, resolve each one's configuration, run the
// passes in parallel, write fixes atomically, and print reports, diffs and the
// summary in a stable order. tools/dfopt/main.cpp only parses the command line.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace dfopt::driver {

struct AppOptions {
  enum class Mode { Report, Fix, Diff, Check };
  enum class Format { Text, Json, Sarif, Github };
  enum class Color { Auto, Always, Never };

  std::vector<std::string> paths;  // files, directories, or "-" for standard input
  Mode mode = Mode::Report;
  Format format = Format::Text;
  Color color = Color::Auto;
  std::optional<bool> unsafe_fixes;
  std::optional<std::vector<std::string>> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  std::optional<std::string> config;          // --config FILE
  std::vector<std::string> exclude;           // --exclude GLOB
  std::optional<std::string> stdin_filename;  // the name of "-"
  unsigned jobs = 0;                          // 0: one per core
  bool quiet = false;
  bool verbose = false;
  bool show_progress = true;  // on a terminal, for long runs
};

// Exit codes, as documented in the README.
inline constexpr int exit_clean = 0;     // nothing left to report
inline constexpr int exit_findings = 1;  // findings remain, or --check / --diff would change files
inline constexpr int exit_error = 2;     // usage, configuration, I/O or parse errors
inline constexpr int exit_interrupted = 130;

int run_app(const AppOptions& options, std::ostream& out, std::ostream& err);

}  // namespace dfopt::driver
