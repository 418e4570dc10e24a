// dfopt: the command line. Parses options and hands over to lib/: the run
// itself is driver::run_app; the dumps and rule docs are printed from here.
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include "base/diagnostic.hpp"
#include "driver/app.hpp"
#include "options.hpp"
#include "shell/shell.hpp"
#include "shell/shell_dump.hpp"
#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/ir_dump.hpp"
#include "syntax/parser.hpp"
#include "transforms/registry.hpp"

namespace po = boost::program_options;
using dfopt::driver::AppOptions;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_error = 2;

std::string read_input(const std::string& path, std::string& error) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: error: cannot read: {}", path, std::strerror(errno));
    return {};
  }
  ss << in.rdbuf();
  return ss.str();
}

std::string dump_shell(const dfopt::syntax::Document& doc) {
  using dfopt::syntax::Instruction;
  std::string out;
  const auto one = [&](const Instruction& ins) {
    if (ins.keyword != dfopt::syntax::Keyword::Run || ins.form != dfopt::syntax::ArgForm::Shell)
      return;
    out += fmt::format("RUN line {}\n", ins.first_line);
    out += dfopt::shell::dump_shell(dfopt::shell::parse(ins.rest_text()), doc.text());
  };
  for (const Instruction& ins : doc.instructions) {
    one(ins);
    if (ins.trigger) one(*ins.trigger);
  }
  return out;
}

// --dump=KIND: the parse of each file. A file BuildKit's typed parse rejects still
// gets its parse dump, then the error and exit code 2.
int dump(const std::string& kind, const std::vector<std::string>& paths) {
  int rc = exit_ok;
  for (const std::string& path : paths) {
    std::string error;
    std::string bytes = read_input(path, error);
    if (!error.empty()) {
      std::cerr << error << '\n';
      rc = exit_error;
      continue;
    }
    auto source = std::make_shared<const dfopt::SourceBuffer>(path, std::move(bytes));
    auto doc = dfopt::syntax::parse(source);
    if (!doc) {
      std::cerr << dfopt::format_diagnostic(*source, doc.error());
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
      std::cerr << dfopt::format_diagnostic(*source, *err);
      rc = exit_error;
    }
  }
  return rc;
}

std::string equivalents(const dfopt::Transform& t) {
  std::string out;
  for (const std::string_view e : t.equivalents) out += (out.empty() ? "" : ", ") + std::string(e);
  return out.empty() ? "-" : out;
}

int list_rules() {
  std::cout << fmt::format("{:<28} {:<9} {:<13} {:<7} {:<40} {}\n", "ID", "CATEGORY", "SAFETY",
                           "DEFAULT", "EQUIVALENTS", "SUMMARY");
  for (const dfopt::Transform* t : dfopt::transforms::all()) {
    std::cout << fmt::format("{:<28} {:<9} {:<13} {:<7} {:<40} {}\n", t->id,
                             dfopt::to_string(t->category), dfopt::to_string(t->safety),
                             t->enabled_by_default ? "on" : "off", equivalents(*t), t->summary);
  }
  return exit_ok;
}

int explain(const std::string& id) {
  const dfopt::Transform* t = dfopt::transforms::find(id);
  if (t == nullptr) {
    std::cerr << "dfopt: error: no rule '" << id << "' (see dfopt --list-rules)\n";
    return exit_error;
  }
  std::cout << fmt::format(
      "# {}\n\n{}.\n\nCategory: {} · Fix safety: {} · Enabled by default: {} · "
      "Equivalents: {}\n\n{}",
      t->id, t->summary, dfopt::to_string(t->category), dfopt::to_string(t->safety),
      t->enabled_by_default ? "yes" : "no", equivalents(*t), t->doc);
  return exit_ok;
}

// "a,b" "c" → {a, b, c}
std::vector<std::string> split_lists(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::string_view rest = v;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = rest.substr(0, comma);
      if (!item.empty()) out.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return out;
}

}  // namespace

// NOLINTNEXTLINE(bugprone-exception-escape): only bugs (logic_error, bad_alloc) escape; terminate.
int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f), a write must fail with EFBIG and be
  // reported, not kill the process and leave a temporary file behind.
  std::signal(SIGXFSZ, SIG_IGN);
  AppOptions app;
  std::string format = "text";
  std::string color = "auto";
  std::string dump_kind;
  std::string explain_id;
  std::vector<std::string> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  std::string config;
  std::string stdin_filename;
  po::options_description visible(
      fmt::format("Usage: {}\n\n{}\n\nOptions", dfopt::cli::usage, dfopt::cli::description));
  // Where the value of each option that takes one goes; flags have none.
  const auto semantic = [&](const dfopt::cli::OptionDoc& o) -> po::value_semantic* {
    const std::string value_name(o.value_name);
    const auto list = [&](std::vector<std::string>& v) {
      return po::value(&v)->composing()->value_name(value_name);
    };
    const auto text = [&](std::string& v) { return po::value(&v)->value_name(value_name); };
    const std::string_view name = dfopt::cli::long_name(o);
    if (name == "select") return list(select);
    if (name == "extend-select") return list(extend_select);
    if (name == "ignore") return list(ignore);
    if (name == "exclude") return list(app.exclude);
    if (name == "format") return text(format);
    if (name == "config") return text(config);
    if (name == "jobs") return po::value(&app.jobs)->value_name(value_name);
    if (name == "stdin-filename") return text(stdin_filename);
    if (name == "explain") return text(explain_id);
    if (name == "color") return text(color);
    if (name == "dump") return text(dump_kind);
    throw std::logic_error(fmt::format("option --{} takes a value but nothing stores it", name));
  };
  for (const dfopt::cli::OptionDoc& o : dfopt::cli::options) {
    const std::string name(o.name);
    const std::string help(o.help);
    if (o.value_name.empty()) {
      visible.add_options()(name.c_str(), help.c_str());
    } else {
      visible.add_options()(name.c_str(), semantic(o), help.c_str());
    }
  }
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(&app.paths)->composing(),
                       "inputs");
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
  const auto has = [&](const char* name) { return vm.count(name) != 0U; };
  if (has("help")) {
    std::cout << visible << '\n' << dfopt::cli::exit_status_summary << '\n';
    return exit_ok;
  }
  if (has("version")) {
    std::cout << "dfopt " << DFOPT_VERSION << '\n';
    return exit_ok;
  }
  if (has("list-rules")) return list_rules();
  if (has("explain")) return explain(explain_id);
  if (app.paths.empty()) {
    std::cerr << "dfopt: error: no input paths (use . for the current directory, - for stdin)\nTry "
                 "'dfopt --help'.\n";
    return exit_error;
  }
  if (!dump_kind.empty()) {
    if (dump_kind != "buildkit" && dump_kind != "ir" && dump_kind != "shell") {
      std::cerr << "dfopt: error: --dump takes buildkit, ir or shell, not '" << dump_kind << "'\n";
      return exit_error;
    }
    return dump(dump_kind, app.paths);
  }
  if (static_cast<int>(has("fix")) + static_cast<int>(has("diff")) +
          static_cast<int>(has("check")) >
      1) {
    std::cerr << "dfopt: error: --fix, --diff and --check exclude each other\n";
    return exit_error;
  }
  app.mode = has("fix")     ? AppOptions::Mode::Fix
             : has("diff")  ? AppOptions::Mode::Diff
             : has("check") ? AppOptions::Mode::Check
                            : AppOptions::Mode::Report;
  if (has("unsafe-fixes")) app.unsafe_fixes = true;
  if (has("no-unsafe-fixes")) app.unsafe_fixes = false;
  if (has("select")) app.select = split_lists(select);
  app.extend_select = split_lists(extend_select);
  app.ignore = split_lists(ignore);
  if (has("config")) app.config = config;
  if (has("stdin-filename")) app.stdin_filename = stdin_filename;
  app.quiet = has("quiet");
  app.verbose = has("verbose");
  if (format == "text") {
    app.format = AppOptions::Format::Text;
  } else if (format == "json") {
    app.format = AppOptions::Format::Json;
  } else if (format == "sarif") {
    app.format = AppOptions::Format::Sarif;
  } else if (format == "github") {
    app.format = AppOptions::Format::Github;
  } else {
    std::cerr << "dfopt: error: --format takes text, json, sarif or github, not '" << format
              << "'\n";
    return exit_error;
  }
  if (color == "auto") {
    app.color = AppOptions::Color::Auto;
  } else if (color == "always") {
    app.color = AppOptions::Color::Always;
  } else if (color == "never") {
    app.color = AppOptions::Color::Never;
  } else {
    std::cerr << "dfopt: error: --color takes auto, always or never, not '" << color << "'\n";
    return exit_error;
  }
  if (std::find(app.paths.begin(), app.paths.end(), "-") != app.paths.end() &&
      app.paths.size() > 1) {
    std::cerr << "dfopt: error: - (standard input) cannot be combined with other paths\n";
    return exit_error;
  }
  return dfopt::driver::run_app(app, std::cout, std::cerr);
}
