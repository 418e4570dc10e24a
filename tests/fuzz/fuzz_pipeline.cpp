// libFuzzer target. Every transform, fixes applied (unsafe too): results parse, a second run is a
// no-op, the diff agrees. The invariants live in fuzz_checks.hpp; a broken one prints what broke
// and aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const dfopt::fuzz::Failures failures = dfopt::fuzz::check_pipeline(bytes);
  if (failures.empty()) return 0;
  std::fputs(dfopt::fuzz::join(failures).c_str(), stderr);
  std::abort();
}
