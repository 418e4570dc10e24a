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
    for (Finding& f : found) {
      if (!suppressions.suppressed(*t, f.span.begin)) all.push_back(std::move(f));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) { return a.span.begin < b.span.begin; });
  return all;
}

// Whether an edit changes an instruction: overlaps its lines, or inserts inside
// them or right at the end of its text (appending to its last line).
bool touches(const Span& edit, const syntax::Instruction& ins) {
  const Span& lines = ins.line_span;
  if (edit.empty()) return edit.begin > lines.begin && (edit.begin < lines.end || edit.begin == ins.span.end);
  return edit.begin < lines.end && edit.end > lines.begin;
}

std::size_t opaque_runs(const syntax::Document& doc) {
  std::size_t n = 0;
  for (const syntax::Instruction& ins : doc.instructions) {
    const syntax::Instruction& run = ins.trigger ? *ins.trigger : ins;
    if (run.keyword == syntax::Keyword::Run && run.form == syntax::ArgForm::Shell) {
      n += shell::parse(run.rest_text()).status == shell::ParseStatus::Opaque ? 1 : 0;
    }
  }
  return n;
}

// Why `candidate` (the text after `edits`) must not be written, or "" when it may.
// It must parse, pass BuildKit's typed checks, keep what BuildKit sees in every
// instruction the edits did not touch (in order), and not make a RUN unparsable.
std::string guard(const syntax::Document& before, const std::vector<const TextEdit*>& edits,
                  std::shared_ptr<const SourceBuffer> candidate) {
  auto after = syntax::parse(candidate);
  if (!after) return "the result does not parse: " + after.error().message;
  if (auto err = syntax::check_instructions(*after)) return "the result is rejected by BuildKit: " + err->message;
  std::vector<std::string> kept;
  for (const syntax::Instruction& ins : before.instructions) {
    const bool touched = std::any_of(edits.begin(), edits.end(), [&](const TextEdit* e) { return touches(e->span, ins); });
    if (!touched) kept.push_back(syntax::dump_buildkit(ins, before.text()));
  }
  std::size_t k = 0;
  for (const syntax::Instruction& ins : after->instructions) {
    if (k < kept.size() && syntax::dump_buildkit(ins, after->text()) == kept[k]) ++k;
  }
  if (k != kept.size()) return "an instruction the fix did not target changed meaning: " + kept[k];
  if (opaque_runs(*after) > opaque_runs(before)) return "a RUN no longer parses as shell";
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

FileOutcome run_passes(std::shared_ptr<const SourceBuffer> source, const PassOptions& options) {
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
  if (!options.fix) {
    out.findings = std::move(findings);
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
      if (!f.fix || f.fix->safety() < options.min_safety || f.fix->safety() == Safety::DisplayOnly) continue;
      if (f.new_file && out.new_files.count(f.new_file->first) != 0) continue;
      if (rejected.count(std::string(f.rule) + '\0' + f.fix->title()) != 0) continue;
      if (set.try_add(*f.fix)) picked.push_back(&f);
    }
    if (picked.empty()) break;

    std::string text = set.apply(current->text());
    auto candidate = with_text(*source, text);
    if (!guard(*current, edits_of(set.fixes()), candidate).empty()) {
      // Find the culprits one by one; keep the fixes that pass alone.
      EditSet good;
      std::vector<const Finding*> kept;
      for (const Finding* f : picked) {
        EditSet single;
        single.try_add(*f->fix);
        const std::string why = guard(*current, edits_of(single.fixes()), with_text(*source, single.apply(current->text())));
        if (why.empty()) {
          good.try_add(*f->fix);
          kept.push_back(f);
        } else {
          rejected.insert(std::string(f->rule) + '\0' + f->fix->title());
          out.internal_errors.push_back(fmt::format("{}: fix \"{}\" dropped: {}", f->rule, f->fix->title(), why));
        }
      }
      if (kept.empty()) continue;  // re-pick without the refused fixes
      text = good.apply(current->text());
      candidate = with_text(*source, text);
      if (!guard(*current, edits_of(good.fixes()), candidate).empty()) {
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
    auto next = syntax::parse(candidate);
    current = std::make_unique<syntax::Document>(std::move(*next));
    out.result = candidate;
    findings = collect(*current, options);
  }
  if (out.rounds == options.max_rounds) {
    out.not_converged.assign(last_round_rules.begin(), last_round_rules.end());
  }
  out.findings = std::move(findings);
  out.text_changed = out.result->text() != out.original->text();
  return out;
}

}  // namespace dfopt
