#include "syntax/stages.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dfopt::syntax {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A WORKDIR relative to the current one; absolute paths replace it.
std::string join_workdir(const std::string& current, std::string_view path) {
  if (!path.empty() && path.front() == '/') return std::string(path);
  std::string base = current.empty() ? "/" : current;
  if (base.back() != '/') base += '/';
  return base + std::string(path);
}

}  // namespace

const Stage* StageView::stage_of(std::size_t index) const {
  for (const Stage& s : stages) {
    if (index >= s.from && index < s.end) return &s;
  }
  return nullptr;
}

std::optional<std::size_t> StageView::find(std::string_view ref) const {
  const std::string name = lower(ref);
  for (const Stage& s : stages) {
    if (!s.name.empty() && s.name == name) return s.index;
  }
  std::size_t number = 0;
  const auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), number);
  if (ec == std::errc() && ptr == ref.data() + ref.size() && number < stages.size()) return number;
  return std::nullopt;
}

StageView stages(const Document& doc) {
  StageView view;
  for (std::size_t i = 0; i < doc.instructions.size(); ++i) {
    const Instruction& ins = doc.instructions[i];
    if (ins.keyword == Keyword::From) {
      if (!view.stages.empty()) view.stages.back().end = i;
      Stage stage;
      stage.index = view.stages.size();
      stage.from = i;
      stage.end = doc.instructions.size();
      if (!ins.args.empty()) stage.base = ins.args[0].value;
      if (ins.args.size() == 3) stage.name = lower(ins.args[2].value);
      if (const Flag* p = ins.flag("platform"); p != nullptr)
        stage.platform = p->value.value_or("");
      // FROM may name an earlier stage (stage names shadow images of the same name).
      for (const Stage& earlier : view.stages) {
        if (!earlier.name.empty() && earlier.name == lower(stage.base))
          stage.base_stage = earlier.index;
      }
      view.stages.push_back(std::move(stage));
      continue;
    }
    if (view.stages.empty()) {
      if (ins.keyword == Keyword::Arg) view.meta_args.push_back(i);
      continue;
    }
    const Flag* from = ins.keyword == Keyword::Copy ? ins.flag("from") : nullptr;
    if (from != nullptr && from->value) {
      Stage& current = view.stages.back();
      if (auto target = view.find(*from->value); target && *target < current.index) {
        if (std::find(current.copies_from.begin(), current.copies_from.end(), *target) ==
            current.copies_from.end()) {
          current.copies_from.push_back(*target);
        }
      }
    }
  }
  return view;
}

namespace {

// Applies SHELL/USER/WORKDIR/ARG/ENV of instructions [first, last) to `env`.
void fold(Environment& env, const Document& doc, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i) {
    const Instruction& ins = doc.instructions[i];
    switch (ins.keyword) {
      case Keyword::Shell:
        if (ins.is_json()) {
          env.shell.clear();
          for (const Word& w : ins.args) env.shell.push_back(w.value);
        }
        break;
      case Keyword::User:
        if (!ins.args.empty()) env.user = ins.args[0].value;
        break;
      case Keyword::Workdir:
        if (!ins.args.empty()) env.workdir = join_workdir(env.workdir, ins.args[0].value);
        break;
      case Keyword::Arg:
        for (const Word& w : ins.args) {
          const std::size_t eq = w.value.find('=');
          env.args[w.value.substr(0, eq)] =
              eq == std::string::npos ? std::string() : w.value.substr(eq + 1);
        }
        break;
      case Keyword::Env:
        for (const KeyValue& kv : ins.pairs) env.env[kv.key.value] = kv.value.value;
        break;
      default:
        break;
    }
  }
}

// What a stage starts with: the state at the end of its base stage, ARGs excepted.
Environment inherited(const Document& doc, const StageView& view, const Stage& stage) {
  Environment env;
  if (stage.base_stage) {
    const Stage& base = view.stages[*stage.base_stage];
    env = inherited(doc, view, base);
    fold(env, doc, base.from + 1, base.end);
    env.args.clear();  // ARGs are scoped to the stage that declares them
  }
  return env;
}

}  // namespace

Environment environment_at(const Document& doc, const StageView& view, std::size_t index) {
  const Stage* stage = view.stage_of(index);
  if (stage == nullptr) return {};
  Environment env = inherited(doc, view, *stage);
  fold(env, doc, stage->from + 1, std::min(index, stage->end));
  return env;
}

}  // namespace dfopt::syntax
