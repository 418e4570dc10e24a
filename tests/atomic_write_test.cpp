#include "driver/atomic_write.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace fs = std::filesystem;
using dfopt::driver::create_new_file;
using dfopt::driver::write_atomically;
using dfopt::test::read_bytes;
using dfopt::test::write_bytes;

using dfopt::test::TempDir;

namespace {

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

const std::string before = "FROM debian\r\nRUN apt-get install -y curl\r\n";
const std::string after = "FROM debian\r\nRUN apt-get install -y --no-install-recommends curl\r\n";

}  // namespace

TEST_CASE("write_atomically replaces the content and keeps the mode") {
  TempDir tmp;
  const fs::path file = tmp.write("Dockerfile", before);
  ::chmod(file.c_str(), 0640);
  struct stat old_st {};
  REQUIRE(::stat(file.c_str(), &old_st) == 0);

  CHECK_FALSE(write_atomically(file, before, after));
  CHECK(read_bytes(file) == after);
  CHECK(mode_of(file) == 0640);
  struct stat new_st {};
  REQUIRE(::stat(file.c_str(), &new_st) == 0);
  CHECK(new_st.st_uid == old_st.st_uid);
  CHECK(new_st.st_gid == old_st.st_gid);
  CHECK(tmp.names() == std::vector<std::string>{"Dockerfile"});

  // An executable file (odd, but its mode is its own) stays executable.
  ::chmod(file.c_str(), 0755);
  CHECK_FALSE(write_atomically(file, after, before));
  CHECK(mode_of(file) == 0755);
}

TEST_CASE("write_atomically keeps the owner when running as root") {
  if (::geteuid() != 0) {
    MESSAGE("not root: owner preservation not checked");
    return;
  }
  TempDir tmp;
  const fs::path file = tmp.write("Dockerfile", before);
  REQUIRE(::chown(file.c_str(), 12345, 23456) == 0);
  CHECK_FALSE(write_atomically(file, before, after));
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK(st.st_uid == 12345U);
  CHECK(st.st_gid == 23456U);
}

TEST_CASE("write_atomically refuses a file that changed since it was read") {
  TempDir tmp;
  const fs::path file = tmp.write("Dockerfile", before + "# edited meanwhile\n");
  const auto error = write_atomically(file, before, after);
  REQUIRE(error);
  CHECK(*error == file.string() + ": changed since it was read; not written");
  CHECK(read_bytes(file) == before + "# edited meanwhile\n");
  CHECK(tmp.names() == std::vector<std::string>{"Dockerfile"});
}

TEST_CASE("write_atomically refuses a read-only file, even as root") {
  TempDir tmp;
  const fs::path file = tmp.write("Dockerfile", before);
  ::chmod(file.c_str(), 0444);
  const auto error = write_atomically(file, before, after);
  REQUIRE(error);
  CHECK(*error == file.string() + ": read-only (no write permission)");
  CHECK(read_bytes(file) == before);
  CHECK(tmp.names() == std::vector<std::string>{"Dockerfile"});
}

TEST_CASE("write_atomically writes through a symbolic link") {
  TempDir tmp;
  fs::create_directory(tmp.path() / "real");
  const fs::path target = tmp.path() / "real" / "Dockerfile";
  write_bytes(target, before);
  ::chmod(target.c_str(), 0600);
  const fs::path link = tmp.path() / "Dockerfile";
  fs::create_symlink(fs::path("real") / "Dockerfile", link);

  CHECK_FALSE(write_atomically(link, before, after));
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == fs::path("real") / "Dockerfile");
  CHECK(read_bytes(target) == after);
  CHECK(mode_of(target) == 0600);
  CHECK(tmp.names() == std::vector<std::string>{"Dockerfile", "real"});
}

TEST_CASE("write_atomically reports what it cannot write") {
  TempDir tmp;
  SUBCASE("a vanished file") {
    const fs::path file = tmp.write("Dockerfile", before);
    fs::remove(file);
    const auto error = write_atomically(file, before, after);
    REQUIRE(error);
    CHECK(*error == file.string() + ": file vanished before it was written");
    CHECK(tmp.names().empty());
  }
  SUBCASE("a vanished directory") {
    fs::create_directory(tmp.path() / "gone");
    const fs::path file = tmp.path() / "gone" / "Dockerfile";
    write_bytes(file, before);
    fs::remove_all(tmp.path() / "gone");
    CHECK(write_atomically(file, before, after));
    CHECK(tmp.names().empty());
  }
  SUBCASE("a directory named Dockerfile") {
    fs::create_directory(tmp.path() / "Dockerfile");
    const auto error = write_atomically(tmp.path() / "Dockerfile", "", after);
    REQUIRE(error);
    CHECK(*error == (tmp.path() / "Dockerfile").string() + ": is a directory");
    CHECK(fs::is_empty(tmp.path() / "Dockerfile"));
  }
  SUBCASE("not a regular file") {
    const fs::path fifo = tmp.path() / "Dockerfile";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const auto error = write_atomically(fifo, "", after);
    REQUIRE(error);
    CHECK(*error == fifo.string() + ": not a regular file");
  }
  SUBCASE("a dangling symbolic link") {
    fs::create_symlink(tmp.path() / "nowhere", tmp.path() / "Dockerfile");
    CHECK(write_atomically(tmp.path() / "Dockerfile", before, after));
    CHECK(tmp.names() == std::vector<std::string>{"Dockerfile"});
  }
}

TEST_CASE("write_atomically leaves the original alone when the directory is not writable") {
  TempDir tmp;
  fs::create_directory(tmp.path() / "ro");
  const fs::path file = tmp.path() / "ro" / "Dockerfile";
  write_bytes(file, before);
  ::chmod((tmp.path() / "ro").c_str(), 0555);
  // Root may create files anyway; find out by trying.
  const fs::path probe = tmp.path() / "ro" / "probe";
  const int fd = ::open(probe.c_str(), O_CREAT | O_WRONLY, 0600);
  if (fd >= 0) {
    ::close(fd);
    ::unlink(probe.c_str());
    MESSAGE("the directory stays writable with these privileges: check skipped");
  } else {
    const auto error = write_atomically(file, before, after);
    REQUIRE(error);
    CHECK(error->find("cannot create a temporary file") != std::string::npos);
    CHECK(read_bytes(file) == before);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(tmp.path() / "ro"))
      names.push_back(e.path().filename());
    CHECK(names == std::vector<std::string>{"Dockerfile"});
  }
  ::chmod((tmp.path() / "ro").c_str(), 0755);
}

TEST_CASE("write_atomically handles empty content and large content") {
  TempDir tmp;
  const fs::path file = tmp.write("Dockerfile", before);
  CHECK_FALSE(write_atomically(file, before, ""));
  CHECK(read_bytes(file).empty());
  const std::string big(3 * 1024 * 1024 + 17, 'x');
  CHECK_FALSE(write_atomically(file, "", big));
  CHECK(read_bytes(file) == big);
}

TEST_CASE("create_new_file") {
  TempDir tmp;
  const fs::path file = tmp.path() / ".dockerignore";
  CHECK_FALSE(create_new_file(file, ".git\nnode_modules\n"));
  CHECK(read_bytes(file) == ".git\nnode_modules\n");
  CHECK((mode_of(file) & 0600) == 0600);
  CHECK((mode_of(file) & 0111) == 0);
  CHECK(tmp.names() == std::vector<std::string>{".dockerignore"});

  SUBCASE("refuses an existing file") {
    const auto error = create_new_file(file, "other\n");
    REQUIRE(error);
    CHECK(*error == file.string() + ": already exists");
    CHECK(read_bytes(file) == ".git\nnode_modules\n");
  }
  SUBCASE("refuses a dangling symbolic link") {
    const fs::path link = tmp.path() / "link";
    fs::create_symlink(tmp.path() / "nowhere", link);
    CHECK(create_new_file(link, "x"));
    CHECK_FALSE(fs::exists(tmp.path() / "nowhere"));
  }
  SUBCASE("a missing directory") {
    CHECK(create_new_file(tmp.path() / "no" / "such" / "file", "x"));
    CHECK(tmp.names() == std::vector<std::string>{".dockerignore"});
  }
  CHECK(tmp.names().size() <= 2);
  for (const auto& name : tmp.names()) CHECK(name.find(".dfopt-") == std::string::npos);
}
