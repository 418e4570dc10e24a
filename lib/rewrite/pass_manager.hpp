// The pass manager: parse → run the selected transforms → drop suppressed
// findings → apply the non-overlapping fixes of the allowed safety → re-parse →
// repeat until nothing changes (bounded). A fix whose result does not parse, or
// that changes what BuildKit sees in an instruction it did not touch, is dropped
// and reported as an internal error; the file is never written with it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.hpp"
#include "base/source.hpp"
#include "rewrite/transform.hpp"

namespace dfopt {

struct PassOptions {
  std::vector<const Transform*>
      transforms;                    // in registry order: overlapping fixes are picked in it
  bool fix = false;                  // apply fixes (for --fix, --diff, --check)
  Safety min_safety = Safety::Safe;  // apply fixes at least this safe (Unsafe with --unsafe-fixes)
  int max_rounds = 12;
  nlohmann::json settings = nlohmann::json::object();  // rule id → its settings object
  std::filesystem::path
      directory;  // the Dockerfile's directory (its build context); empty when unknown
};

struct AppliedFix {
  std::string rule;
  Safety safety = Safety::Safe;
  std::string title;
};

struct FileOutcome {
  std::shared_ptr<const SourceBuffer> original;
  std::optional<Diagnostic> error;  // the input is not a valid Dockerfile (exit 2)
  std::shared_ptr<const SourceBuffer>
      result;                     // the text after the applied fixes (== original when none)
  std::vector<Finding> findings;  // what remains, located in `result`
  std::vector<AppliedFix> applied;
  std::map<std::string, std::string> new_files;  // relative path → content, from applied fixes
  std::vector<std::string> internal_errors;      // dropped fixes, "rule: why"
  std::vector<std::string> not_converged;        // rule ids still changing when the rounds ran out
  int rounds = 0;
  bool text_changed = false;  // result differs from original

  [[nodiscard]] bool changed() const { return text_changed || !new_files.empty(); }
};

[[nodiscard]] FileOutcome run_passes(const std::shared_ptr<const SourceBuffer>& source,
                                     const PassOptions& options);

}  // namespace dfopt
