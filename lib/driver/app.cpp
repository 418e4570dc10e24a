#include "driver/app.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "driver/atomic_write.hpp"
#include "driver/config.hpp"
#include "driver/discover.hpp"
#include "emit/report.hpp"
#include "emit/unified_diff.hpp"
#include "rewrite/pass_manager.hpp"
#include "transforms/registry.hpp"

namespace dfopt::driver {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_sigint(int /*signal*/) { interrupted.store(true); }

std::vector<RuleInfo> rule_infos() {
  std::vector<RuleInfo> infos;
  for (const Transform* t : transforms::all()) {
    RuleInfo info{std::string(t->id), std::string(to_string(t->category)), t->enabled_by_default};
    for (const Option& o : t->options) info.options.emplace_back(o.key, to_string(o.type));
    infos.push_back(std::move(info));
  }
  return infos;
}

std::optional<std::string> read_file(const fs::path& path, std::string& bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fmt::format("{}: error: is a directory", path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("{}: error: cannot read: {}", path.string(), std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return fmt::format("{}: error: cannot read: {}", path.string(), std::strerror(errno));
  bytes = ss.str();
  return std::nullopt;
}

ReportOptions::Mode report_mode(AppOptions::Mode m) {
  switch (m) {
    case AppOptions::Mode::Report:
      return ReportOptions::Mode::Report;
    case AppOptions::Mode::Fix:
      return ReportOptions::Mode::Fix;
    case AppOptions::Mode::Diff:
      return ReportOptions::Mode::Diff;
    case AppOptions::Mode::Check:
      return ReportOptions::Mode::Check;
  }
  return ReportOptions::Mode::Report;
}

// One input and what became of it.
struct Job {
  fs::path path;
  std::string display;  // the path as printed
  FileOutcome outcome;
  std::vector<std::string> errors;  // I/O and configuration errors, printed as they are
  bool from_stdin = false;
  bool done = false;
};

class App {
 public:
  App(const AppOptions& options, std::ostream& out, std::ostream& err)
      : options_(options),
        out_(out),
        err_(err),
        infos_(rule_infos()),
        catalog_(catalog_of(infos_)),
        configs_(catalog_) {}

  int run();

 private:
  bool validate();
  void process(Job& job, const std::string* stdin_text);
  void print(const Job& job);
  void finish_job_output(const Job& job);
  int exit_code() const;
  [[nodiscard]] bool color() const;

  const AppOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<RuleInfo> infos_;
  RuleCatalog catalog_;
  ConfigCache configs_;
  std::optional<ConfigCache::Entry> forced_config_;
  ReportOptions report_;
  RuleLookup lookup_ = [](std::string_view id) { return transforms::find(id); };
  bool stdin_input_ = false;
  // The jobs in flight, slot i % size for input i: for streamed formats a window a few
  // times the number of workers (memory stays flat however many files), else every input
  // (JSON and SARIF print all outcomes at the end).
  std::vector<Job> slots_;
  bool had_error_ = false;
  // Files created beside Dockerfiles (a .dockerignore is shared by the Dockerfiles of a
  // directory): created and shown once per run.
  std::mutex new_files_mutex_;
  std::set<fs::path> new_files_created_;
  std::set<std::string> new_files_shown_;
  // Tallied as each file is printed, so streamed formats can drop the outcomes.
  Totals totals_;
  bool any_error_ = false;
  bool any_findings_ = false;
  bool any_changes_ = false;
};

bool App::color() const {
  if (options_.color == AppOptions::Color::Always) return true;
  if (options_.color == AppOptions::Color::Never) return false;
  return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
}

bool App::validate() {
  for (const auto* list :
       {options_.select ? &*options_.select : nullptr, &options_.extend_select, &options_.ignore}) {
    if (list == nullptr) continue;
    if (auto bad = check_selectors(*list, catalog_)) {
      err_ << "dfopt: error: " << *bad << "\n";
      return false;
    }
  }
  if (options_.config) {
    forced_config_ = configs_.load(*options_.config);
    if (const auto* e = std::get_if<ConfigError>(&*forced_config_)) {
      err_ << e->format();
      return false;
    }
  }
  return true;
}

void App::process(Job& job, const std::string* stdin_text) {
  std::string bytes;
  if (stdin_text != nullptr) {
    bytes = *stdin_text;
  } else if (auto e = read_file(job.path, bytes)) {
    job.errors.push_back(*e);
    return;
  }
  // The configuration: --config, or the nearest .dfopt.toml.
  const ConfigCache::Entry entry = forced_config_ ? *forced_config_ : configs_.for_file(job.path);
  if (const auto* e = std::get_if<ConfigError>(&entry)) {
    job.errors.push_back(e->format());
    return;
  }
  const Config* config = std::get<std::shared_ptr<const Config>>(entry).get();
  CliOverrides cli{options_.select, options_.extend_select, options_.ignore, options_.unsafe_fixes};
  const Selection selection = resolve(infos_, config, job.path, cli);

  PassOptions passes;
  for (const std::string& id : selection.rules) passes.transforms.push_back(transforms::find(id));
  passes.fix = options_.mode != AppOptions::Mode::Report;
  passes.min_safety = selection.unsafe_fixes ? Safety::Unsafe : Safety::Safe;
  passes.settings = selection.settings;
  if (!job.from_stdin || options_.stdin_filename) {
    passes.directory = job.path.has_parent_path() ? job.path.parent_path() : fs::path(".");
  }
  job.outcome =
      run_passes(std::make_shared<const SourceBuffer>(job.display, std::move(bytes)), passes);

  if (options_.mode != AppOptions::Mode::Fix || stdin_text != nullptr || job.outcome.error) return;
  if (job.outcome.result->text() != job.outcome.original->text()) {
    if (auto e =
            write_atomically(job.path, job.outcome.original->text(), job.outcome.result->text())) {
      job.errors.push_back(fmt::format("{}: error: not written: {}", job.display, *e));
      // Nothing was fixed: report the file as it still is.
      passes.fix = false;
      job.outcome = run_passes(job.outcome.original, passes);
      return;
    }
  }
  for (const auto& [name, content] : job.outcome.new_files) {
    {
      const std::lock_guard lock(new_files_mutex_);
      if (!new_files_created_.insert(job.path.parent_path() / name).second) continue;
    }
    if (auto e = create_new_file(job.path.parent_path() / name, content)) {
      job.errors.push_back(fmt::format("{}: error: {}", job.display, *e));
    }
  }
}

void App::print(const Job& job) {
  std::string text;
  for (const std::string& e : job.errors) err_ << e << "\n";
  if (!job.outcome.original) return;
  const bool changed = job.outcome.changed();
  switch (options_.format) {
    case AppOptions::Format::Text:
      if (options_.mode == AppOptions::Mode::Diff) {
        if (job.outcome.error) {
          err_ << format_diagnostic(*job.outcome.original, *job.outcome.error);
        } else if (changed) {
          const std::string& p = job.display;
          text += unified_diff(job.outcome.original->text(), job.outcome.result->text(), "a/" + p,
                               "b/" + p);
          for (const auto& [name, content] : job.outcome.new_files) {
            const std::string np = (fs::path(p).parent_path() / name).generic_string();
            if (!new_files_shown_.insert(np).second) continue;
            text += unified_diff("", content, "/dev/null", "b/" + np);
          }
        }
        break;
      }
      if (options_.mode == AppOptions::Mode::Fix && job.from_stdin) {
        // Fixing standard input: the fixed file goes to standard output, the report to stderr.
        std::string report;
        write_text(report, job.outcome, lookup_, report_);
        err_ << report;
        out_ << job.outcome.result->text();
        return;
      }
      write_text(text, job.outcome, lookup_, report_);
      break;
    case AppOptions::Format::Github:
      write_github(text, job.outcome);
      break;
    case AppOptions::Format::Json:
    case AppOptions::Format::Sarif:
      break;  // whole-run formats, printed at the end
  }
  out_ << text;
}

int App::exit_code() const {
  if (interrupted.load()) return exit_interrupted;
  const bool findings = any_findings_;
  const bool changes = any_changes_;
  if (had_error_ || any_error_) return exit_error;
  switch (options_.mode) {
    case AppOptions::Mode::Report:
    case AppOptions::Mode::Fix:
      return findings ? exit_findings : exit_clean;
    case AppOptions::Mode::Diff:
      return changes ? exit_findings : exit_clean;
    case AppOptions::Mode::Check:
      return changes || findings ? exit_findings : exit_clean;
  }
  return exit_clean;
}

int App::run() {
  if (!validate()) return exit_error;
  report_.color = color();
  report_.quiet = options_.quiet;
  report_.verbose = options_.verbose;
  report_.mode = report_mode(options_.mode);
  report_.tool_version = DFOPT_VERSION_STRING;
  report_.min_safety = options_.unsafe_fixes.value_or(false) ? Safety::Unsafe : Safety::Safe;

  std::optional<std::string> stdin_text;
  std::optional<Discovery> discovery;  // the walk, streamed
  std::vector<std::string> listed;     // or the inputs, known up front
  if (options_.paths.size() == 1 && options_.paths[0] == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    stdin_text = ss.str();
    listed.emplace_back(options_.stdin_filename.value_or("-"));
    stdin_input_ = true;
  } else {
    Excludes excludes;
    excludes.globs = options_.exclude;
    excludes.config_for = [this](const fs::path& dir) -> std::shared_ptr<const Config> {
      const ConfigCache::Entry e = forced_config_ ? *forced_config_ : configs_.for_directory(dir);
      const auto* c = std::get_if<std::shared_ptr<const Config>>(&e);
      return c != nullptr ? *c : nullptr;
    };
    discovery.emplace(options_.paths, excludes);
    for (const DiscoverError& e : discovery->errors()) {
      err_ << e.path << ": error: " << e.message << "\n";
      had_error_ = true;
    }
  }
  std::size_t expected = discovery ? discovery->expected() : listed.size();
  if (expected == 0 && !had_error_) {
    err_ << "dfopt: warning: no Dockerfiles found\n";
    return exit_clean;
  }
  const bool streamed =
      options_.format == AppOptions::Format::Text || options_.format == AppOptions::Format::Github;
  if (!streamed && discovery) {
    // JSON and SARIF keep every outcome: the inputs may as well be listed first.
    while (auto file = discovery->next()) listed.push_back(std::move(*file));
    discovery.reset();
    expected = listed.size();
  }
  std::size_t listed_next = 0;
  // The next input, or nothing when all are taken or the run was interrupted (called under
  // the lock when several workers share it).
  const auto next_input = [&]() -> std::optional<std::string> {
    if (interrupted.load()) return std::nullopt;
    if (discovery) return discovery->next();
    if (listed_next < listed.size()) return std::move(listed[listed_next++]);
    return std::nullopt;
  };

  // Workers take inputs in order, at most a window ahead of the printing; the main
  // thread prints each as soon as it and all before it are done, so the output order
  // is stable.
  const auto previous = std::signal(SIGINT, on_sigint);
  unsigned workers =
      options_.jobs != 0 ? options_.jobs : std::max(1U, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::clamp<std::size_t>(expected, 1, workers));
  slots_.resize(streamed ? std::clamp<std::size_t>(expected, 1, 8 * std::size_t{workers} + 8)
                         : std::max<std::size_t>(expected, 1));
  // Input i, read and processed into its slot.
  const auto work = [&](std::size_t i, std::string path) {
    Job& job = slots_[i % slots_.size()];
    job.path = fs::path(std::move(path));
    job.display = job.path.generic_string();
    if (job.display.rfind("./", 0) == 0) job.display.erase(0, 2);
    job.from_stdin = stdin_input_;
    if (!interrupted.load()) process(job, stdin_text ? &*stdin_text : nullptr);
  };
  const bool progress =
      options_.show_progress && isatty(STDERR_FILENO) != 0 && expected >= 50 && !options_.quiet;
  auto last_progress = std::chrono::steady_clock::now();
  // Input i, done: printed and counted, its slot freed for a later input.
  const auto finish = [&](std::size_t i) {
    Job& job = slots_[i % slots_.size()];
    if (progress &&
        std::chrono::steady_clock::now() - last_progress > std::chrono::milliseconds(100)) {
      err_ << fmt::format("\r\033[Kdfopt: {}/{} files", i + 1, std::max(expected, i + 1))
           << std::flush;
      last_progress = std::chrono::steady_clock::now();
    }
    if (progress) err_ << "\r\033[K";
    print(job);
    any_error_ = any_error_ || !job.errors.empty() || job.outcome.error.has_value() ||
                 !job.outcome.internal_errors.empty();
    any_findings_ = any_findings_ || !job.outcome.findings.empty();
    any_changes_ = any_changes_ || (job.outcome.original && job.outcome.changed());
    if (job.outcome.original) totals_.add(job.outcome, report_);
    // Streamed formats need nothing more of the file: its slot takes a later input.
    if (streamed) job = Job{};
  };
  if (workers <= 1) {
    // One worker: no thread to start (a one-file run is mostly start-up).
    for (std::size_t i = 0;; ++i) {
      auto path = next_input();
      if (!path) break;
      work(i, std::move(*path));
      finish(i);
    }
  } else {
    std::mutex input_mutex;            // taking an input (the walk runs under it)
    std::size_t taken = 0;             // inputs taken so far (guarded by input_mutex)
    std::mutex mutex;                  // the slots and the counts below
    std::condition_variable ready;     // a job is done, a slot became free, or the inputs ended
    std::size_t printed = 0;           // inputs printed so far
    std::optional<std::size_t> total;  // the number of inputs, once none is left
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        for (;;) {
          std::size_t i = 0;
          std::optional<std::string> path;
          {
            const std::lock_guard lock(input_mutex);
            path = next_input();
            i = taken;
            if (path) ++taken;
          }
          if (!path) {
            {
              const std::lock_guard lock(mutex);
              total = i;
            }
            ready.notify_all();
            break;
          }
          {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return i < printed + slots_.size(); });
          }
          work(i, std::move(*path));
          {
            const std::lock_guard lock(mutex);
            slots_[i % slots_.size()].done = true;
          }
          ready.notify_all();
        }
      });
    }
    for (std::size_t i = 0;; ++i) {
      {
        std::unique_lock lock(mutex);
        // A slot is done only for the input that took it: finish() resets a reused one.
        ready.wait(lock, [&] { return (total && i >= *total) || slots_[i % slots_.size()].done; });
        if (total && i >= *total) break;
      }
      // No worker touches the slot again before `printed` passes i.
      finish(i);
      {
        const std::lock_guard lock(mutex);
        printed = i + 1;
      }
      ready.notify_all();
    }
    for (std::thread& t : threads) t.join();
  }
  std::signal(SIGINT, previous);

  std::vector<const FileOutcome*> outcomes;
  if (!streamed) {
    for (const Job& job : slots_) {
      if (job.outcome.original) outcomes.push_back(&job.outcome);
    }
  }
  std::string tail;
  switch (options_.format) {
    case AppOptions::Format::Json:
      write_json(tail, outcomes, lookup_, report_);
      break;
    case AppOptions::Format::Sarif:
      write_sarif(tail, outcomes, lookup_, report_);
      break;
    case AppOptions::Format::Text:
    case AppOptions::Format::Github:
      break;
  }
  out_ << tail;
  if (!options_.quiet && options_.format == AppOptions::Format::Text) {
    std::string summary;
    write_summary(summary, totals_, lookup_, report_);
    // With --diff (or a fixed stdin) standard output carries the patch: the summary goes to stderr.
    const bool patch_on_stdout = options_.mode == AppOptions::Mode::Diff || stdin_text.has_value();
    (patch_on_stdout ? err_ : out_) << summary;
  }
  if (interrupted.load())
    err_ << "dfopt: interrupted; files not yet processed were left untouched\n";
  return exit_code();
}

}  // namespace

int run_app(const AppOptions& options, std::ostream& out, std::ostream& err) {
  return App(options, out, err).run();
}

}  // namespace dfopt::driver
