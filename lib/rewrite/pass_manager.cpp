#include "rewrite/pass_manager.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "rewrite/analysis.hpp"
#include "rewrite/suppressions.hpp"
#include "shell/shell.hpp"
#include "syntax/buildkit_dump.hpp"
#include "syntax/instructions.hpp"
#include "syntax/parser.hpp"

namespace dfopt {

namespace {

const nlohmann::json& settings_for(const PassOptions& options, std::string_view id) {
  static const nlohmann::json empty = nlohmann::json::object();
  const auto it = options.settings.find(std::string(id));
  return it != options.settings.end() && it->is_object() ? *it : empty;
}

std::vector<Finding> collect(const syntax::Document& doc, const PassOptions& options) {
  const Analysis analysis(doc, options.directory);
  const Suppressions suppressions = Suppressions::of(doc);
  std::vector<Finding> all;
  for (const Transform* t : options.transforms) {
    std::vector<Finding> found;
    Context ctx(analysis, *t, settings_for(options, t->id), found);
    t->check(ctx);
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return a.span.begin < b.span.begin;
    });
    for (Finding& f : found) {
      if (!suppressions.suppressed(*t, f.span.begin)) all.push_back(std::move(f));
    }
  }
  return all;  // by transform, then position: the order fixes are picked in
}

// Whether an edit changes an instruction: overlaps its lines, or inserts inside
// them or right at the end of its text (appending to its last line).
bool touches(const Span& edit, const syntax::Instruction& ins) {
  const Span& lines = ins.line_span;
  if (edit.empty())
    return edit.begin > lines.begin && (edit.begin < lines.end || edit.begin == ins.span.end);
  return edit.begin < lines.end && edit.end > lines.begin;
}

// Whether `ins` is a shell-form RUN (or ONBUILD RUN) whose body does not parse as shell.
bool opaque_run(const syntax::Instruction& ins) {
  const syntax::Instruction& run = ins.trigger ? *ins.trigger : ins;
  return run.keyword == syntax::Keyword::Run && run.form == syntax::ArgForm::Shell &&
         shell::parse(run.rest_text()).status == shell::ParseStatus::Opaque;
}

// Whether two instructions mean the same to BuildKit: the same text (with the same
// escape token) says so without a dump.
bool same_meaning(const syntax::Instruction& a, const syntax::Document& a_doc,
                  const syntax::Instruction& b, const syntax::Document& b_doc) {
  if (a_doc.escape == b_doc.escape && a_doc.text().substr(a.span.begin, a.span.size()) ==
                                          b_doc.text().substr(b.span.begin, b.span.size()))
    return true;
  // Different instructions (a new one in the kept one's place) without dumping either.
  if (a.keyword != b.keyword || a.form != b.form || a.args.size() != b.args.size()) return false;
  return syntax::dump_buildkit(a, a_doc.text()) == syntax::dump_buildkit(b, b_doc.text());
}

// Why `candidate` (the text after `edits`) must not be written, or "" when it may.
// It must parse, pass BuildKit's typed checks, keep what BuildKit sees in every
// instruction the edits did not touch (in order), and not make a RUN unparsable.
// On success `parsed` (when given) receives the candidate's document.
std::string guard(const syntax::Document& before, const std::vector<const TextEdit*>& edits,
                  std::shared_ptr<const SourceBuffer> candidate,
                  std::unique_ptr<syntax::Document>* parsed = nullptr) {
  auto after = syntax::parse(std::move(candidate));
  if (!after) return "the result does not parse: " + after.error().message;
  if (auto err = syntax::check_instructions(*after))
    return "the result is rejected by BuildKit: " + err->message;
  // Untouched instructions must reappear in order with the same meaning; only the
  // others (touched before, new or changed after) are parsed as shell.
  std::vector<const syntax::Instruction*> kept;
  std::size_t opaque_before = 0;
  for (const syntax::Instruction& ins : before.instructions) {
    const bool touched = std::any_of(edits.begin(), edits.end(),
                                     [&](const TextEdit* e) { return touches(e->span, ins); });
    if (touched) {
      opaque_before += opaque_run(ins) ? 1 : 0;
    } else {
      kept.push_back(&ins);
    }
  }
  std::size_t k = 0;
  std::size_t opaque_after = 0;
  for (const syntax::Instruction& ins : after->instructions) {
    if (k < kept.size() && same_meaning(*kept[k], before, ins, *after)) {
      ++k;
    } else {
      opaque_after += opaque_run(ins) ? 1 : 0;
    }
  }
  if (k != kept.size())
    return "an instruction the fix did not target changed meaning: " +
           syntax::dump_buildkit(*kept[k], before.text());
  if (opaque_after > opaque_before) return "a RUN no longer parses as shell";
  if (parsed != nullptr) *parsed = std::make_unique<syntax::Document>(std::move(*after));
  return {};
}

std::vector<const TextEdit*> edits_of(const std::vector<Fix>& fixes) {
  std::vector<const TextEdit*> out;
  for (const Fix& f : fixes) {
    for (const TextEdit& e : f.edits()) out.push_back(&e);
  }
  return out;
}

std::shared_ptr<const SourceBuffer> with_text(const SourceBuffer& like, std::string text) {
  return std::make_shared<const SourceBuffer>(like.path(), std::move(text));
}

}  // namespace

FileOutcome run_passes(const std::shared_ptr<const SourceBuffer>& source,
                       const PassOptions& options) {
  FileOutcome out;
  out.original = source;
  out.result = source;
  auto doc = syntax::parse(source);
  if (!doc) {
    out.error = doc.error();
    return out;
  }
  if (auto err = syntax::check_instructions(*doc)) {
    out.error = *err;
    return out;
  }
  std::vector<Finding> findings = collect(*doc, options);
  const auto by_position = [](std::vector<Finding>& v) {
    std::stable_sort(v.begin(), v.end(), [](const Finding& a, const Finding& b) {
      return a.span.begin < b.span.begin;
    });
  };
  if (!options.fix) {
    out.findings = std::move(findings);
    by_position(out.findings);
    return out;
  }

  std::set<std::string> rejected;  // "rule\0title" of fixes the guard refused
  std::set<std::string> last_round_rules;
  auto current = std::make_unique<syntax::Document>(std::move(*doc));
  for (out.rounds = 0; out.rounds < options.max_rounds; ++out.rounds) {
    // Pick the fixes to try: allowed safety, not refused before, not overlapping.
    EditSet set;
    std::vector<const Finding*> picked;
    for (const Finding& f : findings) {
      if (!f.fix || f.fix->safety() < options.min_safety || f.fix->safety() == Safety::DisplayOnly)
        continue;
      if (f.new_file && out.new_files.contains(f.new_file->first)) continue;
      if (rejected.contains(std::string(f.rule) + '\0' + f.fix->title())) continue;
      if (set.try_add(*f.fix)) picked.push_back(&f);
    }
    if (picked.empty()) break;

    std::string text = set.apply(current->text());
    auto candidate = with_text(*source, text);
    std::unique_ptr<syntax::Document> accepted;  // the candidate, parsed by a guard that passed it
    if (!guard(*current, edits_of(set.fixes()), candidate, &accepted).empty()) {
      // Find the culprits one by one; keep the fixes that pass alone.
      EditSet good;
      std::vector<const Finding*> kept;
      for (const Finding* f : picked) {
        EditSet single;
        single.try_add(*f->fix);
        const std::string why = guard(*current, edits_of(single.fixes()),
                                      with_text(*source, single.apply(current->text())));
        if (why.empty()) {
          good.try_add(*f->fix);
          kept.push_back(f);
        } else {
          rejected.insert(std::string(f->rule) + '\0' + f->fix->title());
          out.internal_errors.push_back(
              fmt::format("{}: fix \"{}\" dropped: {}", f->rule, f->fix->title(), why));
        }
      }
      if (kept.empty()) continue;  // re-pick without the refused fixes
      text = good.apply(current->text());
      candidate = with_text(*source, text);
      if (!guard(*current, edits_of(good.fixes()), candidate, &accepted).empty()) {
        // Fixes that pass alone but not together: apply only the first this round.
        EditSet first;
        first.try_add(*kept.front()->fix);
        text = first.apply(current->text());
        candidate = with_text(*source, text);
        kept.resize(1);
      }
      picked = std::move(kept);
    }
    last_round_rules.clear();
    for (const Finding* f : picked) {
      out.applied.push_back(AppliedFix{std::string(f->rule), f->fix->safety(), f->fix->title()});
      last_round_rules.insert(std::string(f->rule));
      if (f->new_file) out.new_files.insert(*f->new_file);
    }
    if (accepted == nullptr || accepted->text() != candidate->text()) {
      accepted = std::make_unique<syntax::Document>(std::move(*syntax::parse(candidate)));
    }
    current = std::move(accepted);
    out.result = candidate;
    findings = collect(*current, options);
  }
  if (out.rounds == options.max_rounds) {
    out.not_converged.assign(last_round_rules.begin(), last_round_rules.end());
  }
  // A finding whose file was created is fixed (the file is not on disk yet, so it is found again).
  std::erase_if(findings, [&](const Finding& f) {
    return f.new_file && out.new_files.contains(f.new_file->first);
  });
  out.findings = std::move(findings);
  by_position(out.findings);
  out.text_changed = out.result->text() != out.original->text();
  return out;
}

}  // namespace dfopt
