#include "syntax/instructions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "base/unicode.hpp"
#include "syntax/parser.hpp"

namespace dfopt::syntax {

namespace {

enum class FlagType { Bool, String, Strings };

struct FlagSpec {
  std::string_view name;
  FlagType type;
};

// Flags each instruction accepts (BuildKit's BFlags registrations).
std::vector<FlagSpec> flag_specs(Keyword k) {
  switch (k) {
    case Keyword::Add:
      return {{"chown", FlagType::String},    {"chmod", FlagType::String},
              {"link", FlagType::Bool},       {"keep-git-dir", FlagType::Bool},
              {"checksum", FlagType::String}, {"exclude", FlagType::Strings},
              {"unpack", FlagType::Bool}};
    case Keyword::Copy:
      return {{"chown", FlagType::String}, {"from", FlagType::String},
              {"chmod", FlagType::String}, {"link", FlagType::Bool},
              {"parents", FlagType::Bool}, {"exclude", FlagType::Strings}};
    case Keyword::From:
      return {{"platform", FlagType::String}};
    case Keyword::Healthcheck:
      return {{"interval", FlagType::String},
              {"timeout", FlagType::String},
              {"start-period", FlagType::String},
              {"start-interval", FlagType::String},
              {"retries", FlagType::String}};
    case Keyword::Run:
      return {{"mount", FlagType::Strings},
              {"network", FlagType::String},
              {"security", FlagType::String},
              {"device", FlagType::Strings}};
    default:
      return {};
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// BFlags.Parse: known flags, no duplicates, values where values are needed.
std::optional<Diagnostic> check_flags(const Instruction& ins) {
  const std::vector<FlagSpec> specs = flag_specs(ins.keyword);
  std::set<std::string_view> used;
  for (const Flag& flag : ins.flags) {
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const FlagSpec& s) { return s.name == flag.name; });
    if (spec == specs.end()) {
      return error_at(flag.span.begin, fmt::format("unknown flag: --{}", flag.name));
    }
    if (!used.insert(spec->name).second && spec->type != FlagType::Strings) {
      return error_at(flag.span.begin, fmt::format("duplicate flag specified: --{}", flag.name));
    }
    if (spec->type == FlagType::Bool) {
      if (flag.value && flag.value->empty()) {
        return error_at(flag.span.begin, fmt::format("missing a value on flag: --{}", flag.name));
      }
      const std::string v = lower(flag.value.value_or(""));
      if (v != "true" && v != "false" && !v.empty()) {
        return error_at(flag.span.begin, fmt::format("expecting boolean value for flag {}, not: {}",
                                                     flag.name, *flag.value));
      }
    } else if (!flag.value) {
      return error_at(flag.span.begin, fmt::format("missing a value on flag: --{}", flag.name));
    }
  }
  return std::nullopt;
}

// Go's time.ParseDuration, enough to tell valid from invalid and compare with 1ms.
std::optional<double> parse_duration_ns(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0.0;
  if (s.empty()) return std::nullopt;
  static constexpr std::array<std::pair<std::string_view, double>, 8> units{{{"ns", 1.0},
                                                                             {"us", 1e3},
                                                                             {"µs", 1e3},
                                                                             {"μs", 1e3},
                                                                             {"ms", 1e6},
                                                                             {"s", 1e9},
                                                                             {"m", 60e9},
                                                                             {"h", 3600e9}}};
  double total = 0;
  while (!s.empty()) {
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) != 0 || s[i] == '.'))
      ++i;
    const std::string_view number = s.substr(0, i);
    if (number.empty() || number == "." || std::count(number.begin(), number.end(), '.') > 1)
      return std::nullopt;
    s.remove_prefix(i);
    std::size_t u = 0;
    while (u < s.size() && s[u] != '.' && std::isdigit(static_cast<unsigned char>(s[u])) == 0) ++u;
    const std::string_view unit = s.substr(0, u);
    s.remove_prefix(u);
    const auto found =
        std::find_if(units.begin(), units.end(), [&](const auto& p) { return p.first == unit; });
    if (found == units.end()) return std::nullopt;
    total += std::stod(std::string(number)) * found->second;
  }
  return negative ? -total : total;
}

std::optional<Diagnostic> check_healthcheck(const Instruction& ins) {
  const std::uint32_t at = ins.keyword_span.begin;
  if (ins.args.empty()) return error_at(at, "HEALTHCHECK requires at least one argument");
  const std::string type = upper(ins.args[0].value);
  if (type == "NONE") {
    if (ins.args.size() > 1)
      return error_at(ins.args[1].span.begin, "HEALTHCHECK NONE takes no arguments");
    return std::nullopt;
  }
  if (auto err = check_flags(ins)) return err;
  if (type != "CMD") {
    return error_at(ins.args[0].span.begin,
                    fmt::format("Unknown type {} in HEALTHCHECK (try CMD)", go_quote(type)));
  }
  if (ins.args.size() == 1)
    return error_at(ins.args[0].span.begin, "Missing command after HEALTHCHECK CMD");
  for (const Flag& flag : ins.flags) {
    if (!flag.value || flag.value->empty()) continue;
    if (flag.name == "retries") {
      long long retries = 0;
      const std::string& v = *flag.value;
      const auto [ptr, ec] =
          std::from_chars(v.data() + (v.front() == '+' ? 1 : 0), v.data() + v.size(), retries);
      if (ec != std::errc() || ptr != v.data() + v.size() || retries > INT32_MAX ||
          retries < INT32_MIN) {
        return error_at(flag.span.begin, fmt::format("invalid --retries value {}", go_quote(v)));
      }
      if (retries < 0) {
        return error_at(flag.span.begin, fmt::format("--retries cannot be negative ({})", retries));
      }
      continue;
    }
    const auto ns = parse_duration_ns(*flag.value);
    if (!ns) {
      return error_at(flag.span.begin,
                      fmt::format("time: invalid duration {}", go_quote(*flag.value)));
    }
    if (*ns != 0 && *ns < 1e6) {
      return error_at(flag.span.begin,
                      fmt::format("Interval \"{}\" cannot be less than 1ms", flag.name));
    }
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_run(const Instruction& ins) {
  if (auto err = check_flags(ins)) return err;
  static constexpr std::array<std::string_view, 5> mount_types{"bind", "cache", "tmpfs", "secret",
                                                               "ssh"};
  for (const Flag& flag : ins.flags) {
    const std::string value = flag.value.value_or("");
    if (flag.name == "mount") {
      // type=… may appear anywhere in the comma-separated list; bind is the default.
      std::string_view rest = value;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view field = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (lower(field.substr(0, 5)) != "type=") continue;
        const std::string type = lower(field.substr(5));
        if (std::find(mount_types.begin(), mount_types.end(), type) == mount_types.end()) {
          return error_at(flag.span.begin,
                          fmt::format("unsupported mount type {}", go_quote(type)));
        }
      }
    } else if (flag.name == "network" && value != "none" && value != "host" && value != "default") {
      return error_at(flag.span.begin, fmt::format("unsupported network mode {}", go_quote(value)));
    } else if (flag.name == "security" && value != "insecure" && value != "sandbox") {
      return error_at(flag.span.begin,
                      fmt::format("unsupported security mode {}", go_quote(value)));
    }
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_one(const Instruction& ins) {
  const std::uint32_t at = ins.keyword_span.begin;
  const std::string_view name = keyword_name(ins.keyword);
  const auto at_least_one = [&]() {
    return error_at(at, fmt::format("{} requires at least one argument", name));
  };
  const auto exactly_one = [&]() {
    return error_at(at, fmt::format("{} requires exactly one argument", name));
  };
  switch (ins.keyword) {
    case Keyword::Env:
    case Keyword::Label:
      if (auto err = check_flags(ins)) return err;
      if (ins.pairs.empty()) return at_least_one();
      for (const KeyValue& kv : ins.pairs) {
        if (kv.key.value.empty())
          return error_at(kv.key.span.begin, fmt::format("{} names can not be blank", name));
      }
      return std::nullopt;
    case Keyword::Maintainer:
      if (ins.args.size() != 1) return exactly_one();
      return check_flags(ins);
    case Keyword::Add:
    case Keyword::Copy: {
      if (ins.args.size() < 2) {
        return error_at(
            at, fmt::format("{} requires at least two arguments, but only one was provided. "
                            "Destination could not be determined",
                            name));
      }
      if (auto err = check_flags(ins)) return err;
      if (heredoc_marker(ins.args.back().value)) {
        return error_at(ins.args.back().span.begin,
                        fmt::format("{} cannot accept a heredoc as a destination", name));
      }
      return std::nullopt;
    }
    case Keyword::From: {
      const auto& a = ins.args;
      if (a.size() == 3 && lower(a[1].value) == "as") {
        const std::string stage = lower(a[2].value);
        const bool valid = std::isalpha(static_cast<unsigned char>(stage[0])) != 0 &&
                           std::all_of(stage.begin(), stage.end(), [](unsigned char c) {
                             return (std::islower(c) != 0) || (std::isdigit(c) != 0) || c == '-' ||
                                    c == '_' || c == '.';
                           });
        if (!valid) {
          return error_at(
              a[2].span.begin,
              fmt::format("invalid name for build stage: {}, name can't start with a number or "
                          "contain symbols",
                          go_quote(a[2].value)));
        }
      } else if (a.size() != 1) {
        return error_at(at, "FROM requires either one or three arguments");
      }
      return check_flags(ins);
    }
    case Keyword::Onbuild: {
      if (!ins.trigger) return at_least_one();
      if (auto err = check_flags(ins)) return err;
      const Keyword tk = ins.trigger->keyword;
      if (tk == Keyword::Onbuild)
        return error_at(ins.trigger->keyword_span.begin,
                        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (tk == Keyword::Maintainer || tk == Keyword::From) {
        return error_at(ins.trigger->keyword_span.begin,
                        fmt::format("{} isn't allowed as an ONBUILD trigger", keyword_name(tk)));
      }
      return std::nullopt;
    }
    case Keyword::Workdir:
    case Keyword::User:
      if (ins.args.size() != 1) return exactly_one();
      return check_flags(ins);
    case Keyword::Stopsignal:
      if (ins.args.size() != 1) return exactly_one();
      return std::nullopt;
    case Keyword::Run:
      return check_run(ins);
    case Keyword::Cmd:
    case Keyword::Entrypoint:
      return check_flags(ins);
    case Keyword::Healthcheck:
      return check_healthcheck(ins);
    case Keyword::Expose:
      if (ins.args.empty()) return at_least_one();
      return check_flags(ins);
    case Keyword::Volume:
      if (ins.args.empty()) return at_least_one();
      if (auto err = check_flags(ins)) return err;
      for (const Word& w : ins.args) {
        if (trim_space(w.value).empty())
          return error_at(w.span.begin, "VOLUME specified can not be an empty string");
      }
      return std::nullopt;
    case Keyword::Arg:
      if (ins.args.empty()) return at_least_one();
      for (const Word& w : ins.args) {
        if (!w.value.empty() && w.value.front() == '=')
          return error_at(w.span.begin, "ARG names can not be blank");
      }
      return std::nullopt;
    case Keyword::Shell:
      if (auto err = check_flags(ins)) return err;
      if (ins.args.empty() || (ins.is_json() && ins.args.empty())) return at_least_one();
      if (!ins.is_json())
        return error_at(ins.rest_span.begin, "SHELL requires the arguments to be in JSON form");
      return std::nullopt;
    case Keyword::Unknown:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Diagnostic> check_instructions(const Document& doc) {
  bool in_stage = false;
  for (const Instruction& ins : doc.instructions) {
    if (ins.keyword == Keyword::Unknown) {
      return error_at(ins.keyword_span.begin,
                      fmt::format("unknown instruction: {}", ins.keyword_text(doc.text())));
    }
    if (auto err = check_one(ins)) return err;
    if (ins.keyword == Keyword::From) in_stage = true;
    if (!in_stage && ins.keyword != Keyword::Arg) {
      return error_at(ins.keyword_span.begin,
                      "no build stage in current context: the first instruction "
                      "after ARGs must be FROM");
    }
  }
  return std::nullopt;
}

}  // namespace dfopt::syntax
