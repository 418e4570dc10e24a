// The span-annotated IR of a Dockerfile. Built once by parse(), immutable
// afterwards. Every node knows its byte span in the original SourceBuffer, so
// emitting the file with no edits is copying the items in order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/logical_text.hpp"
#include "base/source.hpp"
#include "base/span.hpp"

namespace dfopt::syntax {

enum class Keyword : std::uint8_t {
  Add,
  Arg,
  Cmd,
  Copy,
  Entrypoint,
  Env,
  Expose,
  From,
  Healthcheck,
  Label,
  Maintainer,
  Onbuild,
  Run,
  Shell,
  Stopsignal,
  User,
  Volume,
  Workdir,
  Unknown,
};

[[nodiscard]] Keyword keyword_from(std::string_view word);  // case-insensitive
[[nodiscard]] std::string_view keyword_name(Keyword k);     // upper case, "" for Unknown

// One argument as BuildKit's parser sees it: `value` is its node value (what
// `--dump=buildkit` prints), `span` the source bytes it came from.
struct Word {
  std::string value;
  Span span;
};

// `--name` or `--name=value` before the arguments of an instruction.
struct Flag {
  std::string text;  // BuildKit's flag string: quotes and escapes processed
  std::string name;  // without the leading "--"
  std::optional<std::string> value;
  Span span;
};

// ENV / LABEL `key=value` (or the legacy `ENV key value`).
struct KeyValue {
  Word key;
  Word value;
  bool legacy = false;  // `KEY name value` form
};

struct Heredoc {
  std::string name;  // the terminator word, quotes removed
  std::uint32_t fd = 0;
  bool chomp = false;  // <<-
  bool expand = true;  // false when any part of the name was quoted
  Span marker;         // the `<<EOF` word on the instruction line
  Span body;           // the content lines, through the newline before the terminator
  Span terminator;     // the terminator line, without its line ending
};

enum class ArgForm : std::uint8_t {
  None,       // no arguments
  Json,       // exec form: a JSON array of strings
  Shell,      // one string (RUN/CMD/ENTRYPOINT/SHELL shell form, USER, WORKDIR, …)
  List,       // whitespace-separated words (FROM, EXPOSE, ADD/COPY/VOLUME shell form)
  Words,      // ARG: words split BuildKit's way, quotes kept
  KeyValues,  // ENV, LABEL
  Sub,        // ONBUILD
};

struct Instruction {
  Keyword keyword = Keyword::Unknown;
  Span keyword_span;
  Span span;       // keyword through the end of the last line (heredocs included), no line ending
  Span line_span;  // the physical lines: first line start through the final line ending
  std::uint32_t first_line = 0;  // 1-based
  std::uint32_t last_line = 0;

  LogicalText logical;  // the joined logical line, as BuildKit assembles it
  std::vector<Flag> flags;
  std::string rest;               // arguments after the flags (BuildKit's args string)
  std::uint32_t rest_offset = 0;  // where `rest` starts in `logical`
  Span rest_span;
  ArgForm form = ArgForm::None;
  std::vector<Word> args;  // BuildKit's argument nodes (not for KeyValues / Sub)
  std::vector<KeyValue> pairs;
  std::vector<Heredoc> heredocs;
  std::unique_ptr<Instruction> trigger;  // ONBUILD's instruction
  std::vector<Span> inner_comments;      // comment lines inside the continuation
  std::vector<Span> inner_blanks;        // empty lines inside the continuation

  [[nodiscard]] bool is_json() const { return form == ArgForm::Json; }
  [[nodiscard]] std::string_view keyword_text(std::string_view source) const {
    return source.substr(keyword_span.begin, keyword_span.size());
  }
  [[nodiscard]] const Flag* flag(std::string_view name) const;
  // The logical text of the arguments (for shell-form RUN: what /bin/sh -c receives).
  [[nodiscard]] LogicalText rest_text() const;
};

struct Directive {
  std::string name;  // lower case: syntax, escape, check
  std::string value;
  Span span;  // the whole line, without its line ending
};

// The file as a partition into items; concatenating their spans gives the file back.
enum class ItemKind : std::uint8_t { Bom, Directive, Comment, Blank, Instruction };

struct Item {
  ItemKind kind = ItemKind::Blank;
  Span span;                // including the line ending
  std::uint32_t index = 0;  // into instructions / directives / comments
};

struct Comment {
  Span span;  // from `#` to the end of the line, no line ending
  std::string_view text(std::string_view source) const {
    return source.substr(span.begin, span.size());
  }
};

struct Document {
  std::shared_ptr<const SourceBuffer> source;
  char escape = '\\';
  bool has_bom = false;
  bool crlf = false;  // most line endings are CRLF
  std::vector<Directive> directives;
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;  // comment lines outside instructions
  std::vector<Item> items;

  [[nodiscard]] std::string_view text() const { return source->text(); }
  [[nodiscard]] const Directive* directive(std::string_view name) const;
};

}  // namespace dfopt::syntax
