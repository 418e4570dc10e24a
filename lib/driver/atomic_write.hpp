// Writing fixed Dockerfiles back without ever leaving a half-written file.
//
// The new content goes to a temporary file `.<name>.dfopt-XXXXXX` in the target's directory,
// which is flushed to disk, given the target's mode (and owner and group when running as root)
// and renamed over the target; then the directory is flushed. On any failure the temporary
// file is removed and the target is left as it was. Because the target is replaced by a new
// file, other hard links to it keep the old content, and extended attributes and ACLs are not
// carried over.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace dfopt::driver {

// Replaces the content of `path` (a symbolic link is written through: the link stays, its
// target gets the new content). Refuses when the file no longer holds `expected_current`
// ("changed since it was read"), when it has no write permission bit or the user may not
// write it ("read-only"), when it vanished or is not a regular file. Returns an error message
// (naming the path), or nullopt on success.
[[nodiscard]] std::optional<std::string> write_atomically(const std::filesystem::path& path,
                                                          std::string_view expected_current,
                                                          std::string_view new_content);

// Creates `path` with `content` (mode 0666 less the umask), atomically: readers see either no
// file or the whole content. Fails when `path` already exists (also as a dangling link).
[[nodiscard]] std::optional<std::string> create_new_file(const std::filesystem::path& path,
                                                         std::string_view content);

}  // namespace dfopt::driver
