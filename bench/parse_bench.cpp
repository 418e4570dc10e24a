// parse_bench: front-end throughput over a set of Dockerfiles, single-threaded.
//
//   parse_bench [--min-seconds S] PATH...   (files or directories, searched recursively)
//
// All inputs are read into memory first; then the bench times, over the same
// bytes: a baseline pass (hashing every byte once, the least any parser must
// do), the Dockerfile parse alone, and parse + BuildKit typed checks + the shell
// grammar on every shell-form RUN. It prints MB/s, files/s, the ratio to the
// baseline, the share of RUN bodies the shell grammar parsed, and peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "shell/shell.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool looks_like_dockerfile(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.find("ockerfile") != std::string::npos ||
         name.find("ontainerfile") != std::string::npos;
}

std::vector<std::shared_ptr<const dfopt::SourceBuffer>> load(
    const std::vector<std::string>& roots) {
  std::vector<std::shared_ptr<const dfopt::SourceBuffer>> files;
  const auto add = [&](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back(std::make_shared<const dfopt::SourceBuffer>(p.string(), ss.str()));
  };
  for (const std::string& root : roots) {
    if (fs::is_directory(root)) {
      for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_regular_file() && looks_like_dockerfile(e.path())) add(e.path());
      }
    } else {
      add(root);
    }
  }
  return files;
}

struct Counts {
  std::size_t runs = 0;
  std::size_t runs_parsed = 0;
  std::size_t checksum = 0;
};

// Runs `pass` over all files repeatedly for at least `min_seconds`; returns seconds per pass.
template <typename Pass>
double time_passes(double min_seconds, Pass&& pass) {
  int rounds = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    pass();
    ++rounds;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  return elapsed / rounds;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 2.0;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--min-seconds") == 0 && i + 1 < argc) {
      min_seconds = std::stod(argv[++i]);
    } else {
      roots.emplace_back(argv[i]);
    }
  }
  if (roots.empty()) {
    std::cerr << "usage: parse_bench [--min-seconds S] PATH...\n";
    return 2;
  }
  const auto files = load(roots);
  std::size_t bytes = 0;
  for (const auto& f : files) bytes += f->size();
  if (files.empty()) {
    std::cerr << "parse_bench: no Dockerfiles found\n";
    return 2;
  }

  Counts counts;
  // The baseline reads every byte once (an FNV-1a hash, kept so the loop cannot be elided).
  const double baseline = time_passes(min_seconds, [&] {
    for (const auto& f : files) {
      std::uint64_t h = 1469598103934665603ULL;
      for (const char c : f->text()) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      counts.checksum += static_cast<std::size_t>(h);
    }
  });
  std::size_t parsed_ok = 0;
  const double parse_only = time_passes(min_seconds, [&] {
    parsed_ok = 0;
    for (const auto& f : files) parsed_ok += dfopt::syntax::parse(f).ok() ? 1 : 0;
  });
  const double full = time_passes(min_seconds, [&] {
    counts.runs = counts.runs_parsed = 0;
    for (const auto& f : files) {
      auto doc = dfopt::syntax::parse(f);
      if (!doc) continue;
      counts.checksum += dfopt::syntax::check_instructions(*doc).has_value() ? 1 : 0;
      for (const auto& ins : doc->instructions) {
        const auto& run = ins.trigger ? *ins.trigger : ins;
        if (run.keyword != dfopt::syntax::Keyword::Run || run.form != dfopt::syntax::ArgForm::Shell)
          continue;
        ++counts.runs;
        const dfopt::shell::Script script = dfopt::shell::parse(run.rest_text());
        counts.runs_parsed += script.status == dfopt::shell::ParseStatus::Opaque ? 0 : 1;
      }
    }
  });

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double mb = static_cast<double>(bytes) / 1e6;
  const auto line = [&](std::string_view what, double seconds) {
    std::cout << fmt::format("{:<34} {:>9.1f} MB/s {:>10.0f} files/s {:>8.3f}x baseline time\n",
                             what, mb / seconds, static_cast<double>(files.size()) / seconds,
                             seconds / baseline);
  };
  std::cout << fmt::format("inputs: {} files, {:.2f} MB ({} parsed)\n", files.size(), mb,
                           parsed_ok);
  line("baseline (hash every byte)", baseline);
  line("parse", parse_only);
  line("parse + typed checks + shell", full);
  std::cout << fmt::format(
      "RUN bodies parsed by the shell grammar: {}/{} ({:.2f}%)\n", counts.runs_parsed, counts.runs,
      counts.runs == 0
          ? 100.0
          : 100.0 * static_cast<double>(counts.runs_parsed) / static_cast<double>(counts.runs));
  std::cout << fmt::format("(checksum {})\n", counts.checksum % 1000);
  std::cout << fmt::format("peak RSS: {:.1f} MB (inputs held in memory: {:.1f} MB)\n",
                           static_cast<double>(usage.ru_maxrss) / 1024.0, mb);
  return 0;
}
