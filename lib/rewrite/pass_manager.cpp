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

struct Collected {
  std::vector<Finding> findings;  // by transform, then position: the order fixes are picked in
  ScriptTable scripts;            // the shell ASTs the checks parsed, by instruction
};

// `parsed`: shell ASTs of `doc` known already (from the guard).
Collected collect(const syntax::Document& doc, const PassOptions& options,
                  ScriptTable parsed = {}) {
  Analysis analysis(doc, options.directory, std::move(parsed));
  const Suppressions suppressions = Suppressions::of(doc);
  Collected out;
  for (const Transform* t : options.transforms) {
    std::vector<Finding> found;
    Context ctx(analysis, *t, settings_for(options, t->id), found);
    t->check(ctx);
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return a.span.begin < b.span.begin;
    });
    for (Finding& f : found) {
      if (!suppressions.suppressed(*t, f.span.begin)) out.findings.push_back(std::move(f));
    }
  }
  out.scripts = std::move(analysis).take_scripts();
  return out;
}

// Whether an edit changes an instruction: overlaps its lines, or inserts inside
// them or right at the end of its text (appending to its last line).
bool touches(const Span& edit, const syntax::Instruction& ins) {
  const Span& lines = ins.line_span;
  if (edit.empty())
    return edit.begin > lines.begin && (edit.begin < lines.end || edit.begin == ins.span.end);
  return edit.begin < lines.end && edit.end > lines.begin;
}

// The shell-form RUN of `ins` (itself, or the trigger of ONBUILD RUN), or null.
const syntax::Instruction* shell_run(const syntax::Instruction& ins) {
  const syntax::Instruction& run = ins.trigger ? *ins.trigger : ins;
  return run.keyword == syntax::Keyword::Run && run.form == syntax::ArgForm::Shell ? &run : nullptr;
}

// Whether two instructions have the same source text, read with the same escape token.
bool same_text(const syntax::Instruction& a, const syntax::Document& a_doc,
               const syntax::Instruction& b, const syntax::Document& b_doc) {
  return a_doc.escape == b_doc.escape && a_doc.text().substr(a.span.begin, a.span.size()) ==
                                             b_doc.text().substr(b.span.begin, b.span.size());
}

// Whether two instructions mean the same to BuildKit: the same text (with the same
// escape token) says so without a dump.
bool same_meaning(const syntax::Instruction& a, const syntax::Document& a_doc,
                  const syntax::Instruction& b, const syntax::Document& b_doc) {
  if (same_text(a, a_doc, b, b_doc)) return true;
  // Different instructions (a new one in the kept one's place) without dumping either.
  if (a.keyword != b.keyword || a.form != b.form || a.args.size() != b.args.size()) return false;
  return syntax::dump_buildkit(a, a_doc.text()) == syntax::dump_buildkit(b, b_doc.text());
}

// A candidate the guard passed: its document and the shell ASTs of its RUNs the guard
// parsed or carried over (by instruction).
struct Accepted {
  std::unique_ptr<syntax::Document> doc;
  ScriptTable scripts;
};

// Why `candidate` (the text after `edits`) must not be written, or "" when it may.
// It must parse, pass BuildKit's typed checks, keep what BuildKit sees in every
// instruction the edits did not touch (in order), and not make a RUN unparsable.
// `known`: shell ASTs of `before`'s RUNs parsed already (by instruction), used instead of
// parsing again. On success `accepted` (when given) receives the candidate's document and
// shell ASTs: those the guard parsed, and those of `known` for the instructions kept with
// the same text (moved out of `known`, their source spans shifted to the new offset).
std::string guard(const syntax::Document& before, ScriptTable& known,
                  const std::vector<const TextEdit*>& edits,
                  std::shared_ptr<const SourceBuffer> candidate, Accepted* accepted = nullptr) {
  auto after = syntax::parse(std::move(candidate));
  if (!after) return "the result does not parse: " + after.error().message;
  if (auto err = syntax::check_instructions(*after))
    return "the result is rejected by BuildKit: " + err->message;
  const auto opaque = [](const shell::Script& script) {
    return script.status == shell::ParseStatus::Opaque;
  };
  // Untouched instructions must reappear in order with the same meaning; only the
  // others (touched before, new or changed after) are parsed as shell.
  std::vector<std::size_t> kept;  // indexes in before.instructions
  std::size_t opaque_before = 0;
  for (std::size_t i = 0; i < before.instructions.size(); ++i) {
    const syntax::Instruction& ins = before.instructions[i];
    const bool touched = std::any_of(edits.begin(), edits.end(),
                                     [&](const TextEdit* e) { return touches(e->span, ins); });
    if (!touched) {
      kept.push_back(i);
    } else if (const syntax::Instruction* run = shell_run(ins)) {
      const bool is_known = i < known.size() && known[i] != nullptr;
      opaque_before +=
          (is_known ? opaque(*known[i]) : opaque(shell::parse(run->rest_text()))) ? 1 : 0;
    }
  }
  ScriptTable scripts(after->instructions.size());
  std::vector<std::pair<std::size_t, std::size_t>> carried;  // (after, before) indexes
  std::size_t k = 0;
  std::size_t opaque_after = 0;
  for (std::size_t j = 0; j < after->instructions.size(); ++j) {
    const syntax::Instruction& ins = after->instructions[j];
    if (k < kept.size() && same_meaning(before.instructions[kept[k]], before, ins, *after)) {
      const std::size_t i = kept[k++];
      if (i < known.size() && known[i] != nullptr &&
          same_text(before.instructions[i], before, ins, *after))
        carried.emplace_back(j, i);
    } else if (const syntax::Instruction* run = shell_run(ins)) {
      scripts[j] = std::make_unique<shell::Script>(shell::parse(run->rest_text()));
      opaque_after += opaque(*scripts[j]) ? 1 : 0;
    }
  }
  if (k != kept.size())
    return "an instruction the fix did not target changed meaning: " +
           syntax::dump_buildkit(before.instructions[kept[k]], before.text());
  if (opaque_after > opaque_before) return "a RUN no longer parses as shell";
  if (accepted != nullptr) {
    for (const auto& [j, i] : carried) {
      scripts[j] = std::move(known[i]);
      const auto delta = static_cast<std::int64_t>(after->instructions[j].span.begin) -
                         static_cast<std::int64_t>(before.instructions[i].span.begin);
      if (delta != 0) shell::shift_spans(*scripts[j], delta);
    }
    accepted->doc = std::make_unique<syntax::Document>(std::move(*after));
    accepted->scripts = std::move(scripts);
  }
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
  Collected collected = collect(*doc, options);
  std::vector<Finding> findings = std::move(collected.findings);
  ScriptTable scripts = std::move(collected.scripts);  // of `current`, by instruction
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
    Accepted accepted;  // the candidate, parsed by a guard that passed it
    if (!guard(*current, scripts, edits_of(set.fixes()), candidate, &accepted).empty()) {
      // Find the culprits one by one; keep the fixes that pass alone.
      EditSet good;
      std::vector<const Finding*> kept;
      for (const Finding* f : picked) {
        EditSet single;
        single.try_add(*f->fix);
        const std::string why = guard(*current, scripts, edits_of(single.fixes()),
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
      if (!guard(*current, scripts, edits_of(good.fixes()), candidate, &accepted).empty()) {
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
    if (accepted.doc == nullptr || accepted.doc->text() != candidate->text()) {
      accepted.doc = std::make_unique<syntax::Document>(std::move(*syntax::parse(candidate)));
      accepted.scripts.clear();
    }
    current = std::move(accepted.doc);
    out.result = candidate;
    collected = collect(*current, options, std::move(accepted.scripts));
    findings = std::move(collected.findings);
    scripts = std::move(collected.scripts);
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
