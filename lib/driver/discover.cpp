#include "driver/discover.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

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

class Walker {
 public:
  Walker(const Excludes& excludes, DiscoverResult& out)
      : excludes_(excludes), cli_patterns_(parse_globs(excludes.globs)), out_(out) {}

  void walk(const fs::path& dir) {
    const bool pushed = push_gitignore(dir);
    const std::vector<PathPattern>* config_patterns = nullptr;
    fs::path config_dir;
    if (excludes_.config_for) {
      if (auto config = excludes_.config_for(dir)) {
        config_patterns = &patterns_of(*config);
        config_dir = config->dir;
      }
    }
    for (const auto& [path, type] : list(dir)) {
      const bool is_dir = type == fs::file_type::directory;
      if (is_dir && is_skipped_dir(path.filename().string())) continue;
      if (!is_dir && !is_dockerfile_name(path.filename().string())) continue;
      if (excluded(path, is_dir) ||
          (config_patterns != nullptr && any_matches(*config_patterns, config_dir, path, is_dir))) {
        continue;
      }
      if (is_dir) {
        walk(path);
      } else {
        out_.files.push_back(path.lexically_normal().string());
      }
    }
    if (pushed) gitignores_.pop_back();
  }

 private:
  static bool is_skipped_dir(const std::string& name) {
    return std::find(skipped_dirs.begin(), skipped_dirs.end(), name) != skipped_dirs.end();
  }

  // The entries of `dir` worth a look: real directories, and regular files or symbolic links
  // to regular files. Errors are reported and end the listing.
  std::vector<std::pair<fs::path, fs::file_type>> list(const fs::path& dir) {
    std::vector<std::pair<fs::path, fs::file_type>> entries;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      fs::file_type type = it->symlink_status(type_ec).type();
      if (type == fs::file_type::symlink) {
        // Followed only to a regular file; a link to a directory could make a loop.
        type = it->status(type_ec).type();
        if (type != fs::file_type::regular) continue;
      }
      if (type == fs::file_type::directory || type == fs::file_type::regular) {
        entries.emplace_back(it->path(), type);
      }
    }
    if (ec) out_.errors.push_back({dir.lexically_normal().string(), error_text(ec)});
    return entries;
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
  std::vector<PathPattern> cli_patterns_;
  DiscoverResult& out_;
  std::vector<IgnoreFile> gitignores_;
  std::map<const Config*, std::vector<PathPattern>> config_patterns_;
};

// Sorts by path and keeps the first name of each file (a file is its device and inode, so a
// name reached through a symbolic link or a hard link counts once).
void sort_unique(std::vector<std::string>& files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  struct Identity {
    dev_t device;
    ino_t inode;
    std::size_t index;
  };
  std::vector<Identity> ids;
  ids.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    struct stat st {};
    if (::stat(files[i].c_str(), &st) == 0) ids.push_back({st.st_dev, st.st_ino, i});
  }
  std::sort(ids.begin(), ids.end(), [](const Identity& a, const Identity& b) {
    return std::tie(a.device, a.inode, a.index) < std::tie(b.device, b.inode, b.index);
  });
  std::vector<bool> duplicate(files.size(), false);
  for (std::size_t k = 1; k < ids.size(); ++k) {
    if (ids[k].device == ids[k - 1].device && ids[k].inode == ids[k - 1].inode)
      duplicate[ids[k].index] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (duplicate[i]) continue;
    if (kept != i) files[kept] = std::move(files[i]);
    ++kept;
  }
  files.resize(kept);
  files.shrink_to_fit();
}

}  // namespace

DiscoverResult discover(const std::vector<std::string>& paths, const Excludes& excludes) {
  DiscoverResult out;
  Walker walker(excludes, out);
  for (const auto& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || status.type() == fs::file_type::not_found) {
      out.errors.push_back({arg, ec ? error_text(ec) : "No such file or directory"});
    } else if (status.type() == fs::file_type::directory) {
      walker.walk(path);
    } else {
      out.files.push_back(path.lexically_normal().string());
    }
  }
  sort_unique(out.files);
  return out;
}

}  // namespace dfopt::driver
