#include "driver/atomic_write.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace dfopt::driver {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

// A temporary file beside the target; removed on destruction unless committed.
class TempFile {
 public:
  // Creates `.<name>.dfopt-XXXXXX` in `dir`; check fd() >= 0, else errno says why.
  TempFile(const fs::path& dir, const std::string& name) {
    const std::string pattern = (dir / ("." + name + ".dfopt-XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd_ >= 0) path_.assign(buffer.data());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    close();
    if (!committed_ && !path_.empty()) ::unlink(path_.c_str());
  }

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  void commit() { committed_ = true; }

  // Writes all of `content` and flushes it to disk; false with errno set on failure.
  // NOLINTNEXTLINE(readability-make-member-function-const): it writes the file it owns.
  bool write_and_sync(std::string_view content) {
    while (!content.empty()) {
      const ssize_t n = ::write(fd_, content.data(), content.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      content.remove_prefix(static_cast<std::size_t>(n));
    }
    return ::fsync(fd_) == 0;
  }

  bool close() {
    if (fd_ < 0) return true;
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_ = -1;
  std::string path_;
  bool committed_ = false;
};

// Reads the whole file at `path` into `out`; false with errno set on failure.
bool read_all(const std::string& path, std::string& out, struct stat& st) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fstat(fd, &st) == 0;
  std::array<char, 65536> buffer{};
  while (ok) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

bool same_file_state(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// Flushes a directory's entries; failures are ignored (some file systems refuse).
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The process's umask, read without changing it (umask(2) cannot, and other threads may be
// creating files): from /proc/self/status, else the usual 022.
mode_t current_umask() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("Umask:")) {
      return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    }
  }
  return 022;
}

fs::path directory_of(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// Checks that `target` is a regular file we may write; an error message when not.
std::optional<std::string> check_writable(const std::string& target, struct stat& st) {
  if (::stat(target.c_str(), &st) != 0) return errno_text(errno);
  if (S_ISDIR(st.st_mode)) return "is a directory";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  // Root may write anything; a file without any write bit is still treated as read-only.
  if ((st.st_mode & 0222) == 0) return "read-only (no write permission)";
  if (::access(target.c_str(), W_OK) != 0) {
    return errno == EROFS ? "read-only file system" : "read-only (" + errno_text(errno) + ")";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_atomically(const fs::path& path, std::string_view expected_current,
                                            std::string_view new_content) {
  const auto fail = [&](std::string_view why) { return fmt::format("{}: {}", path.string(), why); };
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);
  if (ec) {
    return fail(ec == std::errc::no_such_file_or_directory ? "file vanished before it was written"
                                                           : ec.message());
  }
  struct stat before {};
  if (auto error = check_writable(target.string(), before)) return fail(*error);

  std::string current;
  struct stat read_state {};
  if (!read_all(target.string(), current, read_state)) return fail(errno_text(errno));
  if (current != expected_current) return fail("changed since it was read; not written");

  TempFile temp(target.parent_path(), target.filename().string());
  if (temp.fd() < 0) {
    return fail(fmt::format("cannot create a temporary file in {}: {}",
                            target.parent_path().string(), errno_text(errno)));
  }
  if (!temp.write_and_sync(new_content)) return fail("cannot write: " + errno_text(errno));
  // Owner first: chown may clear the set-id bits that chmod then restores.
  if (::geteuid() == 0 && ::fchown(temp.fd(), read_state.st_uid, read_state.st_gid) != 0 &&
      errno != EPERM) {
    return fail("cannot set the owner: " + errno_text(errno));
  }
  if (::fchmod(temp.fd(), read_state.st_mode & 07777) != 0) {
    return fail("cannot set the mode: " + errno_text(errno));
  }
  if (!temp.close()) return fail("cannot write: " + errno_text(errno));

  // Narrow the window between the comparison above and the rename.
  struct stat now {};
  if (::stat(target.c_str(), &now) != 0 || !same_file_state(read_state, now)) {
    return fail("changed since it was read; not written");
  }
  if (::rename(temp.path().c_str(), target.c_str()) != 0) {
    return fail("cannot replace the file: " + errno_text(errno));
  }
  temp.commit();
  sync_directory(target.parent_path());
  return std::nullopt;
}

std::optional<std::string> create_new_file(const fs::path& path, std::string_view content) {
  const auto fail = [&](std::string_view why) { return fmt::format("{}: {}", path.string(), why); };
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return fail("already exists");
  const fs::path dir = directory_of(path);
  TempFile temp(dir, path.filename().string());
  if (temp.fd() < 0) {
    return fail(
        fmt::format("cannot create a temporary file in {}: {}", dir.string(), errno_text(errno)));
  }
  if (!temp.write_and_sync(content)) return fail("cannot write: " + errno_text(errno));
  if (::fchmod(temp.fd(), 0666 & ~current_umask()) != 0) {
    return fail("cannot set the mode: " + errno_text(errno));
  }
  if (!temp.close()) return fail("cannot write: " + errno_text(errno));
  // Move into place only if nothing is there; link(2) where renameat2 is not supported.
  if (::renameat2(AT_FDCWD, temp.path().c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
    temp.commit();
  } else if (errno == EEXIST) {
    return fail("already exists");
  } else if (errno != EINVAL && errno != ENOSYS) {
    return fail("cannot create the file: " + errno_text(errno));
  } else if (::link(temp.path().c_str(), path.c_str()) != 0) {
    return fail(errno == EEXIST ? std::string("already exists")
                                : "cannot create the file: " + errno_text(errno));
  }
  sync_directory(dir);
  return std::nullopt;
}

}  // namespace dfopt::driver
