// libFuzzer target. The Dockerfile front end: parse, emit, dumps, typed checks, stages.
// The invariants live in fuzz_checks.hpp; a broken one prints what broke and aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const dfopt::fuzz::Failures failures = dfopt::fuzz::check_dockerfile(bytes);
  if (failures.empty()) return 0;
  std::fputs(dfopt::fuzz::join(failures).c_str(), stderr);
  std::abort();
}
