// dfopt: the command-line interface, a thin shell over lib/.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "base/diagnostic.hpp"
#include "shell/shell.hpp"
#include "shell/shell_dump.hpp"
#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/ir_dump.hpp"
#include "syntax/parser.hpp"

namespace po = boost::program_options;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_error = 2;

struct ReadResult {
  std::shared_ptr<const dfopt::SourceBuffer> source;
  std::string error;
};

ReadResult read_file(const std::string& path) {
  std::error_code ec;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return {std::make_shared<dfopt::SourceBuffer>("-", ss.str()), {}};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return {nullptr, fmt::format("{}: error: cannot read: {}", path, std::strerror(errno))};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return {nullptr, fmt::format("{}: error: cannot read: {}", path, std::strerror(errno))};
  return {std::make_shared<dfopt::SourceBuffer>(path, ss.str()), {}};
}

std::string dump_shell(const dfopt::syntax::Document& doc) {
  using dfopt::syntax::Instruction;
  using dfopt::syntax::Keyword;
  std::string out;
  const auto one = [&](const Instruction& ins) {
    if (ins.keyword != Keyword::Run || ins.form != dfopt::syntax::ArgForm::Shell) return;
    out += fmt::format("RUN line {}\n", ins.first_line);
    out += dfopt::shell::dump_shell(dfopt::shell::parse(ins.rest_text()), doc.text());
  };
  for (const Instruction& ins : doc.instructions) {
    one(ins);
    if (ins.trigger) one(*ins.trigger);
  }
  return out;
}

// --dump=KIND: parse each file and print the chosen view. A file BuildKit's typed
// parse rejects still gets its parse dump, then the error and exit code 2.
int dump(const std::string& kind, const std::vector<std::string>& paths) {
  int rc = exit_ok;
  for (const std::string& path : paths) {
    ReadResult file = read_file(path);
    if (!file.source) {
      std::cerr << file.error << '\n';
      rc = exit_error;
      continue;
    }
    auto doc = dfopt::syntax::parse(file.source);
    if (!doc) {
      std::cerr << dfopt::format_diagnostic(*file.source, doc.error());
      rc = exit_error;
      continue;
    }
    if (kind == "buildkit") {
      std::cout << dfopt::syntax::dump_buildkit(*doc);
    } else if (kind == "ir") {
      std::cout << dfopt::syntax::dump_ir(*doc);
    } else {
      std::cout << dump_shell(*doc);
    }
    if (auto err = dfopt::syntax::check_instructions(*doc)) {
      std::cerr << dfopt::format_diagnostic(*file.source, *err);
      rc = exit_error;
    }
  }
  return rc;
}

// Without a mode: check that each file parses as BuildKit would accept it.
int check(const std::vector<std::string>& paths) {
  int rc = exit_ok;
  for (const std::string& path : paths) {
    ReadResult file = read_file(path);
    if (!file.source) {
      std::cerr << file.error << '\n';
      rc = exit_error;
      continue;
    }
    auto doc = dfopt::syntax::parse(file.source);
    std::optional<dfopt::Diagnostic> err;
    if (!doc) {
      err = doc.error();
    } else {
      err = dfopt::syntax::check_instructions(*doc);
    }
    if (err) {
      std::cerr << dfopt::format_diagnostic(*file.source, *err);
      rc = exit_error;
    }
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description visible("Usage: dfopt [OPTIONS] PATH...\n\nOptions");
  std::string dump_kind;
  visible.add_options()                                                  //
      ("help,h", "print this help and exit")                             //
      ("version", "print the version and exit")                          //
      ("dump", po::value<std::string>(&dump_kind)->value_name("KIND"),
       "print the parse of each file: buildkit (BuildKit's AST dump), ir (dfopt's IR), "
       "shell (the shell AST of each RUN)");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>()->composing(), "input files");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "dfopt: error: " << e.what() << "\nTry 'dfopt --help'.\n";
    return exit_error;
  }
  if (vm.count("help") != 0U) {
    std::cout << visible << '\n';
    return exit_ok;
  }
  if (vm.count("version") != 0U) {
    std::cout << "dfopt " << DFOPT_VERSION << '\n';
    return exit_ok;
  }
  const auto paths = vm.count("path") != 0U ? vm["path"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (paths.empty()) {
    std::cerr << "dfopt: error: no input files\nTry 'dfopt --help'.\n";
    return exit_error;
  }
  if (!dump_kind.empty()) {
    if (dump_kind != "buildkit" && dump_kind != "ir" && dump_kind != "shell") {
      std::cerr << "dfopt: error: --dump takes buildkit, ir or shell, not '" << dump_kind << "'\n";
      return exit_error;
    }
    return dump(dump_kind, paths);
  }
  return check(paths);
}
