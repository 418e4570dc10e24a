#include "driver/discover.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include <dirent.h>
#include <sys/stat.h>

namespace dfopt::driver {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 10> skipped_dirs = {
    ".git",        ".hg",   ".svn", "node_modules", "vendor",
    "third_party", ".venv", "venv", "__pycache__",  ".tox"};

std::string error_text(const std::error_code& ec) { return ec.message(); }

struct IgnoreFile {
  fs::path dir;
  std::vector<PathPattern> patterns;
};

std::vector<PathPattern> read_gitignore(const fs::path& file) {
  std::vector<PathPattern> out;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (auto pattern = PathPattern::parse(line, true)) out.push_back(std::move(*pattern));
  }
  return out;
}

std::vector<PathPattern> parse_globs(const std::vector<std::string>& globs) {
  std::vector<PathPattern> out;
  for (const auto& glob : globs) {
    if (auto pattern = PathPattern::parse(glob, false)) out.push_back(std::move(*pattern));
  }
  return out;
}

bool any_matches(const std::vector<PathPattern>& patterns, const fs::path& base,
                 const fs::path& path, bool is_dir) {
  if (patterns.empty()) return false;
  const auto relative = relative_to(path, base);
  if (!relative) return false;
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const PathPattern& p) { return p.matches(*relative, is_dir); });
}

// One entry of a directory worth a look: a real directory, or a regular file or a symbolic
// link to one. `key` is the name, with a `/` after a directory's: sorting by it visits the
// paths of a tree in sorted order.
struct Entry {
  std::string key;
  bool dir = false;
  bool link = false;  // a symbolic link to a regular file
  [[nodiscard]] std::string_view name() const {
    return dir ? std::string_view(key).substr(0, key.size() - 1) : std::string_view(key);
  }
};

struct Found {
  std::string path;  // normalised
  // It may be reached under another name too: a symbolic link, a file argument, a file
  // under a nested directory argument.
  bool shared = false;
};

// A depth-first walk of one directory argument, yielding its files in sorted order. It holds
// the listings of the directories on the current branch only.
class Walker {
 public:
  Walker(const Excludes& excludes, const std::vector<PathPattern>& cli_patterns,
         std::vector<DiscoverError>* errors)
      : excludes_(excludes), cli_patterns_(cli_patterns), errors_(errors) {}

  void start(const fs::path& dir) { enter(dir); }

  std::optional<Found> next() {
    while (!stack_.empty()) {
      Frame& frame = stack_.back();
      if (frame.next == frame.entries.size()) {
        if (frame.gitignore) gitignores_.pop_back();
        stack_.pop_back();
        continue;
      }
      const Entry& entry = frame.entries[frame.next++];
      fs::path path = frame.dir / entry.name();
      if (excluded(path, entry.dir) ||
          (frame.config_patterns != nullptr &&
           any_matches(*frame.config_patterns, frame.config_dir, path, entry.dir))) {
        continue;
      }
      if (entry.dir) {
        enter(path);  // invalidates `frame` and `entry`
      } else {
        return Found{path.lexically_normal().string(), entry.link};
      }
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    fs::path dir;
    std::vector<Entry> entries;
    std::size_t next = 0;
    bool gitignore = false;
    const std::vector<PathPattern>* config_patterns = nullptr;
    fs::path config_dir;
  };

  void enter(const fs::path& dir) {
    Frame frame;
    frame.dir = dir;
    frame.gitignore = push_gitignore(dir);
    if (excludes_.config_for) {
      if (auto config = excludes_.config_for(dir)) {
        frame.config_patterns = &patterns_of(*config);
        frame.config_dir = config->dir;
      }
    }
    frame.entries = list(dir);
    stack_.push_back(std::move(frame));
  }

  static bool is_skipped_dir(std::string_view name) {
    return std::find(skipped_dirs.begin(), skipped_dirs.end(), name) != skipped_dirs.end();
  }

  // The entries of `dir` that can lead to a Dockerfile, sorted by key. The type comes from
  // the directory entry (no stat) where the file system gives it. Errors are reported and
  // end the listing.
  std::vector<Entry> list(const fs::path& dir) {
    std::vector<Entry> entries;
    const std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.c_str()), ::closedir);
    int error = handle ? 0 : errno;
    while (handle) {
      errno = 0;
      const dirent* d = ::readdir(handle.get());
      if (d == nullptr) {
        error = errno;
        break;
      }
      std::string name = d->d_name;
      if (name == "." || name == "..") continue;
      const fs::path path = dir / name;
      fs::file_type type = type_of(*d, path);
      const bool link = type == fs::file_type::symlink;
      if (link) {
        // Followed only to a regular file; a link to a directory could make a loop.
        if (!is_dockerfile_name(name)) continue;
        std::error_code ec;
        type = fs::status(path, ec).type();
        if (type != fs::file_type::regular) continue;
      }
      if (type == fs::file_type::directory) {
        if (is_skipped_dir(name)) continue;
        name += '/';
        entries.push_back({std::move(name), true, false});
      } else if (type == fs::file_type::regular && is_dockerfile_name(name)) {
        entries.push_back({std::move(name), false, link});
      }
    }
    if (error != 0 && errors_ != nullptr) {
      errors_->push_back({dir.lexically_normal().string(), std::generic_category().message(error)});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.key < b.key; });
    return entries;
  }

  static fs::file_type type_of(const dirent& d, const fs::path& path) {
    switch (d.d_type) {
      case DT_DIR:
        return fs::file_type::directory;
      case DT_REG:
        return fs::file_type::regular;
      case DT_LNK:
        return fs::file_type::symlink;
      case DT_UNKNOWN: {
        std::error_code ec;
        return fs::symlink_status(path, ec).type();
      }
      default:
        return fs::file_type::unknown;
    }
  }

  bool push_gitignore(const fs::path& dir) {
    if (!excludes_.respect_gitignore) return false;
    std::error_code ec;
    const fs::path file = dir / ".gitignore";
    if (!fs::is_regular_file(file, ec)) return false;
    gitignores_.push_back({dir, read_gitignore(file)});
    return true;
  }

  bool excluded(const fs::path& path, bool is_dir) const {
    if (any_matches(cli_patterns_, excludes_.base, path, is_dir)) return true;
    bool ignored = false;
    for (const auto& file : gitignores_) {
      const auto relative = relative_to(path, file.dir);
      if (!relative) continue;
      for (const auto& pattern : file.patterns) {
        if (pattern.matches(*relative, is_dir)) ignored = !pattern.negated;
      }
    }
    return ignored;
  }

  const std::vector<PathPattern>& patterns_of(const Config& config) {
    auto [it, inserted] = config_patterns_.try_emplace(&config);
    if (inserted) it->second = parse_globs(config.exclude);
    return it->second;
  }

  const Excludes& excludes_;
  const std::vector<PathPattern>& cli_patterns_;
  std::vector<DiscoverError>* errors_;  // null: errors are not reported (the second pass)
  std::vector<Frame> stack_;
  std::vector<IgnoreFile> gitignores_;
  std::map<const Config*, std::vector<PathPattern>> config_patterns_;
};

struct Identity {
  dev_t device;
  ino_t inode;
  bool operator<(const Identity& other) const {
    return std::tie(device, inode) < std::tie(other.device, other.inode);
  }
};

std::optional<Identity> identity_of(const std::string& path, nlink_t* links = nullptr) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  if (links != nullptr) *links = st.st_nlink;
  return Identity{st.st_dev, st.st_ino};
}

// A command-line path, as walked.
struct Argument {
  std::string path;  // normalised
  std::string key;   // `path`, with a `/` after a directory's
  bool dir = false;
  bool nested = false;  // a directory inside, around or equal to an earlier directory argument
};

}  // namespace

struct Discovery::State {
  explicit State(Excludes ex)
      : excludes(std::move(ex)), cli_patterns(parse_globs(excludes.globs)) {}

  Excludes excludes;  // a copy: the second pass outlives the caller's
  std::vector<PathPattern> cli_patterns;
  std::vector<Argument> arguments;
  std::vector<DiscoverError> errors;
  std::size_t expected = 0;
  std::set<Identity> suspects;  // the files that can be reached twice
  std::set<Identity> seen;      // the suspects yielded so far
  std::size_t argument = 0;     // the second pass: the argument being walked
  std::optional<Walker> walker;

  // The next file of the arguments, from `argument` on.
  std::optional<Found> next_found(std::vector<DiscoverError>* report) {
    while (argument < arguments.size()) {
      const Argument& arg = arguments[argument];
      if (!arg.dir) {
        ++argument;
        return Found{arg.path, true};
      }
      if (!walker) {
        walker.emplace(excludes, cli_patterns, report);
        walker->start(arg.path);
      }
      if (auto found = walker->next()) {
        found->shared = found->shared || arg.nested;
        return found;
      }
      walker.reset();
      ++argument;
    }
    return std::nullopt;
  }
};

Discovery::Discovery(const std::vector<std::string>& paths, const Excludes& excludes)
    : state_(std::make_unique<State>(excludes)) {
  State& st = *state_;
  for (const auto& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || status.type() == fs::file_type::not_found) {
      st.errors.push_back({arg, ec ? error_text(ec) : "No such file or directory"});
      continue;
    }
    Argument a;
    a.path = path.lexically_normal().string();
    a.dir = status.type() == fs::file_type::directory;
    a.key = a.path;
    if (a.dir && a.key.back() != '/') a.key += '/';
    st.arguments.push_back(std::move(a));
  }
  std::sort(st.arguments.begin(), st.arguments.end(),
            [](const Argument& a, const Argument& b) { return a.key < b.key; });
  // A directory inside (or around) an earlier one: its files may be reached twice.
  std::vector<std::string> canonical_dirs;
  for (Argument& a : st.arguments) {
    if (!a.dir) continue;
    std::error_code ec;
    std::string canonical = fs::canonical(a.path, ec).string();
    if (ec) canonical = a.path;
    if (canonical.back() != '/') canonical += '/';
    a.nested =
        std::any_of(canonical_dirs.begin(), canonical_dirs.end(), [&](const std::string& outer) {
          return canonical.compare(0, outer.size(), outer) == 0 ||
                 outer.compare(0, canonical.size(), canonical) == 0;
        });
    canonical_dirs.push_back(std::move(canonical));
  }
  // The first pass. A file with several hard links needs no note: every name of it shows
  // the link count.
  while (auto found = st.next_found(&st.errors)) {
    ++st.expected;
    if (!found->shared) continue;
    if (const auto id = identity_of(found->path)) st.suspects.insert(*id);
  }
  st.argument = 0;
}

Discovery::~Discovery() = default;

const std::vector<DiscoverError>& Discovery::errors() const { return state_->errors; }

std::size_t Discovery::expected() const { return state_->expected; }

std::optional<std::string> Discovery::next() {
  State& st = *state_;
  while (auto found = st.next_found(nullptr)) {
    nlink_t links = 1;
    const auto id = identity_of(found->path, &links);
    if (id && (links > 1 || st.suspects.contains(*id)) && !st.seen.insert(*id).second) continue;
    return std::move(found->path);
  }
  return std::nullopt;
}

DiscoverResult discover(const std::vector<std::string>& paths, const Excludes& excludes) {
  Discovery discovery(paths, excludes);
  DiscoverResult out;
  while (auto file = discovery.next()) out.files.push_back(std::move(*file));
  out.errors = discovery.errors();
  return out;
}

}  // namespace dfopt::driver
