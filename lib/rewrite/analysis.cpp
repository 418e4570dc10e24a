#include "rewrite/analysis.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "shell/shell.hpp"

namespace dfopt {

namespace {

bool is_posix(std::string_view executable) {
  static constexpr std::array<std::string_view, 8> shells{"sh",  "bash", "dash", "ash",
                                                          "zsh", "ksh",  "mksh", "busybox"};
  const std::size_t slash = executable.rfind('/');
  const std::string_view base = executable.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return std::find(shells.begin(), shells.end(), base) != shells.end();
}

bool windows_image(std::string_view image) {
  std::string lower(image);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("windows") != std::string::npos ||
         lower.find("nanoserver") != std::string::npos ||
         lower.find("servercore") != std::string::npos;
}

}  // namespace

Analysis::Analysis(const syntax::Document& doc, std::filesystem::path directory, ScriptTable parsed)
    : doc_(doc),
      directory_(std::move(directory)),
      scripts_(std::move(parsed)),
      scripts_done_(doc.instructions.size(), false) {
  scripts_.resize(doc.instructions.size());
  for (std::size_t i = 0; i < scripts_.size(); ++i) scripts_done_[i] = scripts_[i] != nullptr;
}

ScriptTable Analysis::take_scripts() && {
  commands_.reset();  // it points into the scripts
  return std::move(scripts_);
}

const syntax::StageView& Analysis::stages() const {
  if (!stages_) stages_ = syntax::stages(doc_);
  return *stages_;
}

const Style& Analysis::style() const {
  if (!style_) style_ = Style::of(doc_);
  return *style_;
}

const syntax::Instruction* Analysis::run(std::size_t index) const {
  if (index >= doc_.instructions.size()) return nullptr;
  const syntax::Instruction& ins = doc_.instructions[index];
  const syntax::Instruction& target = ins.trigger ? *ins.trigger : ins;
  return target.keyword == syntax::Keyword::Run ? &target : nullptr;
}

bool Analysis::posix_shell(std::size_t index) const {
  if (posix_.empty() && !doc_.instructions.empty()) {
    // One pass: each stage starts with its base stage's shell state, or the image default.
    const syntax::StageView& view = stages();
    std::vector<bool> stage_end(view.stages.size(), true);
    posix_.assign(doc_.instructions.size(), true);
    bool current = true;
    for (std::size_t i = 0; i < doc_.instructions.size(); ++i) {
      const syntax::Instruction& ins = doc_.instructions[i];
      if (ins.keyword == syntax::Keyword::From) {
        const syntax::Stage* stage = view.stage_of(i);
        current = stage != nullptr && stage->base_stage
                      ? stage_end[*stage->base_stage]
                      : stage == nullptr || !windows_image(stage->base);
      } else if (ins.keyword == syntax::Keyword::Shell && ins.is_json() && !ins.args.empty()) {
        current = is_posix(ins.args.front().value);
      }
      posix_[i] = current;
      if (const syntax::Stage* stage = view.stage_of(i)) stage_end[stage->index] = current;
    }
  }
  return index < posix_.size() && posix_[index];
}

const shell::Script* Analysis::script(std::size_t index) const {
  const syntax::Instruction* ins = run(index);
  if (ins == nullptr || ins->form != syntax::ArgForm::Shell || !posix_shell(index)) return nullptr;
  if (!scripts_done_[index]) {
    scripts_[index] = std::make_unique<shell::Script>(shell::parse(ins->rest_text()));
    scripts_done_[index] = true;
  }
  return scripts_[index].get();
}

const std::vector<RunCommand>& Analysis::commands() const {
  if (!commands_) {
    commands_.emplace();
    commands_begin_.assign(doc_.instructions.size() + 1, 0);
    for (std::size_t i = 0; i < doc_.instructions.size(); ++i) {
      commands_begin_[i] = commands_->size();
      const syntax::Instruction* ins = run(i);
      const shell::Script* parsed = ins != nullptr && ins->heredocs.empty() ? script(i) : nullptr;
      if (parsed == nullptr) continue;
      for (const shell::SimpleCommand* c : shell::commands(*parsed)) {
        commands_->push_back(RunCommand{i, ins, parsed, c, shell::view(*c)});
      }
    }
    commands_begin_.back() = commands_->size();
  }
  return *commands_;
}

std::span<const RunCommand> Analysis::commands(std::size_t index) const {
  const std::vector<RunCommand>& all = commands();
  if (index >= doc_.instructions.size()) return {};
  return std::span<const RunCommand>(all).subspan(
      commands_begin_[index], commands_begin_[index + 1] - commands_begin_[index]);
}

const syntax::Environment& Analysis::environment(std::size_t index) const {
  if (environments_.empty()) environments_.resize(doc_.instructions.size() + 1);
  if (index >= environments_.size()) index = environments_.size() - 1;
  if (!environments_[index]) {
    environments_[index] =
        std::make_unique<syntax::Environment>(syntax::environment_at(doc_, stages(), index));
  }
  return *environments_[index];
}

}  // namespace dfopt
