#include "rewrite/analysis.hpp"

#include "shell/shell.hpp"

namespace dfopt {

Analysis::Analysis(const syntax::Document& doc)
    : doc_(doc), scripts_(doc.instructions.size()), scripts_done_(doc.instructions.size(), false) {}

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

const shell::Script* Analysis::script(std::size_t index) const {
  const syntax::Instruction* ins = run(index);
  if (ins == nullptr || ins->form != syntax::ArgForm::Shell) return nullptr;
  if (!scripts_done_[index]) {
    scripts_[index] = std::make_unique<shell::Script>(shell::parse(ins->rest_text()));
    scripts_done_[index] = true;
  }
  return scripts_[index].get();
}

}  // namespace dfopt
