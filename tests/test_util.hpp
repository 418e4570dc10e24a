// Helpers shared by the test programs: files, the testdata and shared/ folders.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "base/source.hpp"

namespace dfopt::test {

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline std::filesystem::path testdata_dir() { return DFOPT_TESTDATA_DIR; }

// ../shared beside the checkout (DFOPT_SHARED overrides); empty when absent.
inline std::filesystem::path shared_dir() {
  const char* env = std::getenv("DFOPT_SHARED");
  std::filesystem::path dir = env != nullptr ? std::filesystem::path(env) : std::filesystem::path(DFOPT_SHARED_DIR);
  std::error_code ec;
  return std::filesystem::is_directory(dir / "corpus" / "expected", ec) ? dir : std::filesystem::path();
}

inline bool update_golden() { return std::getenv("DFOPT_UPDATE_GOLDEN") != nullptr; }

inline std::shared_ptr<const SourceBuffer> source(std::string text, std::string path = "Dockerfile") {
  return std::make_shared<const SourceBuffer>(std::move(path), std::move(text));
}

}  // namespace dfopt::test
