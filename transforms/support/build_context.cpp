#include "transforms/support/build_context.hpp"

#include <algorithm>
#include <array>
#include <atomic>

#include "transforms/support/dockerignore.hpp"

namespace dfopt::transforms {

namespace fs = std::filesystem;

namespace {

bool is_remote(std::string_view src) {
  return src.find("://") != std::string_view::npos || src.starts_with("git@") ||
         src.ends_with(".git") || src.find(".git#") != std::string_view::npos;
}

ContextSource source_of(std::size_t index, Span span, std::string_view text, bool mount) {
  ContextSource s{index, span, std::string(text), {}, false, mount};
  // A variable may name anything in the context.
  if (text.find('$') != std::string_view::npos) return s;
  std::string prefix;
  std::size_t start = 0;
  s.literal = true;
  while (start <= text.size()) {
    const std::size_t slash = std::min(text.find('/', start), text.size());
    const std::string_view element = text.substr(start, slash - start);
    if (element.find_first_of("*?[\\") != std::string_view::npos) {
      s.literal = false;
      break;
    }
    prefix.append(element).push_back('/');
    start = slash + 1;
  }
  s.path = clean_context_path(prefix);
  return s;
}

// The value of `key` in a --mount flag's comma-separated `key=value` list; `present`
// tells a key given without a value from an absent one.
std::string_view mount_field(std::string_view spec, std::string_view key, bool& present) {
  present = false;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string_view field = spec.substr(start, comma - start);
    const std::size_t eq = field.find('=');
    if (field.substr(0, eq) == key) {
      present = true;
      return eq == std::string_view::npos ? std::string_view{} : field.substr(eq + 1);
    }
    start = comma + 1;
  }
  return {};
}

void add_copy_sources(std::size_t index, const syntax::Instruction& ins,
                      std::vector<ContextSource>& out) {
  // Another stage or image: not the context.
  if (ins.flag("from") != nullptr || ins.args.size() < 2) return;
  for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
    const syntax::Word& w = ins.args[i];
    if (w.value.starts_with("<<")) continue;  // a heredoc
    if (ins.keyword == syntax::Keyword::Add && is_remote(w.value)) continue;
    out.push_back(source_of(index, w.span, w.value, false));
  }
}

void add_bind_mounts(std::size_t index, const syntax::Instruction& ins,
                     std::vector<ContextSource>& out) {
  for (const syntax::Flag& flag : ins.flags) {
    if (flag.name != "mount" || !flag.value) continue;
    bool present = false;
    const std::string_view type = mount_field(*flag.value, "type", present);
    if (present && type != "bind") continue;
    mount_field(*flag.value, "from", present);
    if (present) continue;
    std::string_view src = mount_field(*flag.value, "source", present);
    if (!present) src = mount_field(*flag.value, "src", present);
    out.push_back(source_of(index, flag.span, src.empty() ? std::string_view(".") : src, true));
  }
}

}  // namespace

std::vector<ContextSource> context_sources(const syntax::Document& doc) {
  std::vector<ContextSource> out;
  for (std::size_t i = 0; i < doc.instructions.size(); ++i) {
    const syntax::Instruction& ins = doc.instructions[i];
    if (ins.keyword == syntax::Keyword::Copy || ins.keyword == syntax::Keyword::Add)
      add_copy_sources(i, ins, out);
    if (ins.keyword == syntax::Keyword::Run) add_bind_mounts(i, ins, out);
  }
  return out;
}

ContextListing list_context(const fs::path& dir, std::size_t limit) {
  static std::atomic<std::uint64_t> listings{0};
  ContextListing out;
  out.id = ++listings;
  const auto walk = [&](const fs::path& d, const std::string& prefix, auto&& on_dir) {
    std::error_code ec;
    for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec)) {
      if (out.paths.size() >= limit) {
        out.complete = false;
        return;
      }
      const std::string name = it->path().filename().string();
      out.paths.push_back(prefix + name);
      std::error_code sec;
      if (it->is_directory(sec) && !it->is_symlink(sec)) on_dir(it->path(), prefix + name);
    }
    if (ec) out.complete = false;
  };
  std::vector<std::pair<fs::path, std::string>> subdirs;
  walk(dir, "", [&](const fs::path& p, const std::string& rel) {
    if (rel != ".git" && rel != "node_modules") subdirs.emplace_back(p, rel);
  });
  for (const auto& [path, rel] : subdirs)
    walk(path, rel + "/", [](const fs::path&, const std::string&) {});
  return out;
}

}  // namespace dfopt::transforms
