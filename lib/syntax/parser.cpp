#include "syntax/parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/unicode.hpp"
#include "syntax/dockerfile.hpp"
#include "syntax/lines.hpp"

namespace dfopt::syntax {

namespace {

constexpr std::array<std::string_view, 18> keyword_names{
    "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
    "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
    "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};

bool is_list_space(char c) { return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' '; }

// Accepts any JSON value: used only to tell "valid JSON that is not an array of
// strings" (an error in BuildKit) from "not JSON" (shell form).
struct JsonAcceptor : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool /*val*/) override { return true; }
  bool number_integer(number_integer_t /*val*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*val*/) override { return true; }
  bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return true; }
  bool string(string_t& /*val*/) override { return true; }
  bool binary(binary_t& /*val*/) override { return true; }
  bool start_object(std::size_t /*n*/) override { return true; }
  bool key(string_t& /*val*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*n*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t /*pos*/, const std::string& /*tok*/,
                   const nlohmann::detail::exception& /*ex*/) override {
    return false;
  }
};

bool is_json_value(std::string_view text) {
  JsonAcceptor acceptor;
  return nlohmann::json::sax_parse(text.begin(), text.end(), &acceptor,
                                   nlohmann::json::input_format_t::json, /*strict=*/true);
}

// Removes quotes and escapes from a flag word, as BuildKit's extractBuilderFlags does.
std::string unquote_flag(std::string_view raw) {
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (quote == 0 && (c == '\'' || c == '"')) {
      quote = c;
    } else if (quote != 0 && c == quote) {
      quote = 0;
    } else if (c == '\\') {
      if (i + 1 < raw.size()) out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}

// BuildKit's parseWords keeps quotes and escapes, but drops an escape token that
// is the last byte of the arguments.
std::string word_value(std::string_view raw, char escape, bool at_end) {
  if (!at_end || raw.empty() || raw.back() != escape) return std::string(raw);
  char quote = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (quote == 0 && (c == '\'' || c == '"')) {
      quote = c;
    } else if (quote != 0 && c == quote) {
      quote = 0;
    } else if (c == escape && quote != '\'') {
      if (i + 1 == raw.size()) return std::string(raw.substr(0, i));
      ++i;
    }
  }
  return std::string(raw);
}

// The shell lexer's unquoting (BuildKit's ProcessWords without RawQuotes/RawEscapes).
std::string unquote_shell(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\'') {
      const std::size_t close = raw.find('\'', i + 1);
      const std::size_t stop = close == std::string_view::npos ? raw.size() : close;
      out.append(raw.substr(i + 1, stop - i - 1));
      i = stop;
    } else if (c == '"') {
      for (++i; i < raw.size() && raw[i] != '"'; ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() &&
            (raw[i + 1] == '"' || raw[i + 1] == '$' || raw[i + 1] == '\\')) {
          ++i;
        }
        out += raw[i];
      }
    } else if (c == '\\') {
      if (i + 1 < raw.size()) out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}

std::size_t count_quotes(std::string_view s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\'') +
                                  std::count(s.begin(), s.end(), '"'));
}

class Parser {
 public:
  explicit Parser(std::shared_ptr<const SourceBuffer> source)
      : text_(source->text()), lines_(split_lines(text_)) {
    doc_.source = std::move(source);
  }

  Expected<Document> run();

 private:
  std::string_view content(const PhysicalLine& line) const {
    return text_.substr(line.begin, line.content_end - line.begin);
  }
  std::optional<Diagnostic> check_encoding();
  std::optional<Diagnostic> directive(std::size_t index, std::string_view line, std::uint32_t at);
  void add_item(ItemKind kind, std::uint32_t begin, std::uint32_t end, std::uint32_t index = 0) {
    doc_.items.push_back(Item{kind, Span{begin, end}, index});
  }
  std::optional<Diagnostic> instruction(Instruction& ins, const LogicalText& line);
  std::optional<Diagnostic> arguments(Instruction& ins, std::uint32_t rest_at);
  std::optional<Diagnostic> heredocs(Instruction& ins, std::size_t& next_line);
  Word word_at(const Instruction& ins, std::uint32_t first, std::uint32_t last,
               std::string value) const {
    return Word{std::move(value), ins.logical.to_source(Span{first, last})};
  }

  std::string_view text_;
  std::vector<PhysicalLine> lines_;
  Document doc_;
  bool directives_done_ = false;
};

std::optional<Diagnostic> Parser::check_encoding() {
  const auto starts = [&](std::string_view prefix) {
    return text_.substr(0, prefix.size()) == prefix;
  };
  if (starts(std::string_view("\xFF\xFE\x00\x00", 4)) ||
      starts(std::string_view("\x00\x00\xFE\xFF", 4))) {
    return error_at(0,
                    "the file is UTF-32 encoded (it starts with a UTF-32 byte order mark); "
                    "Dockerfiles must be UTF-8");
  }
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    return error_at(0,
                    "the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); "
                    "Dockerfiles must be UTF-8");
  }
  if (const void* nul = std::memchr(text_.data(), 0, text_.size()); nul != nullptr) {
    const auto at = static_cast<std::uint32_t>(static_cast<const char*>(nul) - text_.data());
    return error_at(at, "binary data: the file contains a NUL byte, so it is not a Dockerfile");
  }
  return std::nullopt;
}

// BuildKit reads `# name=value` directives until the first line that is not one.
std::optional<Diagnostic> Parser::directive(std::size_t index, std::string_view line,
                                            std::uint32_t at) {
  if (directives_done_) return std::nullopt;
  const auto token = grammar::parse_directive(line);
  static constexpr std::array<std::string_view, 3> known{"syntax", "escape", "check"};
  std::string name = token ? token->name : std::string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!token || std::find(known.begin(), known.end(), name) == known.end()) {
    directives_done_ = true;
    return std::nullopt;
  }
  for (const Directive& seen : doc_.directives) {
    if (seen.name == name)
      return error_at(at, fmt::format("only one {} parser directive can be used", name));
  }
  if (name == "escape") {
    if (token->value != "`" && token->value != "\\") {
      return error_at(
          at, fmt::format("invalid escape token '{}' does not match ` or \\", token->value));
    }
    doc_.escape = token->value[0];
  }
  const PhysicalLine& pl = lines_[index];
  doc_.directives.push_back(Directive{name, token->value, Span{at, pl.content_end}});
  return std::nullopt;
}

Expected<Document> Parser::run() {
  if (doc_.source->text().size() >= SourceBuffer::max_size) {
    return error_at(0, "the file is too large (1 GiB or more)");
  }
  if (auto err = check_encoding()) return *err;
  std::size_t crlf = 0;
  for (const PhysicalLine& pl : lines_)
    crlf += pl.end - pl.content_end >= 2 && text_[pl.end - 2] == '\r';
  doc_.crlf = crlf * 2 > lines_.size();

  for (std::size_t i = 0; i < lines_.size();) {
    const PhysicalLine& pl = lines_[i];
    std::uint32_t begin = pl.begin;
    if (i == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") {
      doc_.has_bom = true;
      add_item(ItemKind::Bom, 0, 3);
      begin = 3;
    }
    const std::string_view raw = text_.substr(begin, pl.content_end - begin);
    const std::size_t lead = space_prefix(raw);
    const auto at = static_cast<std::uint32_t>(begin + lead);
    const std::size_t directive_count = doc_.directives.size();
    if (auto err = directive(i, raw.substr(lead), at)) return *err;
    if (doc_.directives.size() != directive_count) {
      add_item(ItemKind::Directive, begin, pl.end, static_cast<std::uint32_t>(directive_count));
      ++i;
      continue;
    }
    if (lead < raw.size() && raw[lead] == '#') {
      add_item(ItemKind::Comment, begin, pl.end, static_cast<std::uint32_t>(doc_.comments.size()));
      doc_.comments.push_back(Comment{Span{at, pl.content_end}});
      ++i;
      continue;
    }
    std::string_view first = raw.substr(lead);
    const auto cut = continuation_cut(first, doc_.escape);
    if (!cut && first.empty()) {
      add_item(ItemKind::Blank, begin, pl.end);
      ++i;
      continue;
    }

    // An instruction: join continuation lines the way BuildKit does.
    Instruction ins;
    ins.first_line = static_cast<std::uint32_t>(i + 1);
    LogicalText logical;
    logical.append(first.substr(0, cut.value_or(static_cast<std::uint32_t>(first.size()))), at);
    bool more = cut.has_value();
    std::size_t next = i + 1;
    for (; more && next < lines_.size(); ++next) {
      const PhysicalLine& cl = lines_[next];
      const std::string_view line = content(cl);
      if (is_comment_line(line)) {
        ins.inner_comments.push_back(
            Span{cl.begin + static_cast<std::uint32_t>(space_prefix(line)), cl.content_end});
        continue;
      }
      if (is_blank_line(line)) {
        ins.inner_blanks.push_back(Span{cl.begin, cl.content_end});
        continue;
      }
      const auto c = continuation_cut(line, doc_.escape);
      logical.append(line.substr(0, c.value_or(static_cast<std::uint32_t>(line.size()))), cl.begin);
      more = c.has_value();
    }
    if (auto err = instruction(ins, logical)) return *err;
    if (auto err = heredocs(ins, next)) return *err;
    const PhysicalLine& last = lines_[next - 1];
    ins.span = Span{at, last.content_end};
    ins.line_span = Span{begin, last.end};
    ins.last_line = static_cast<std::uint32_t>(next);
    if (ins.trigger) {
      ins.trigger->span = Span{ins.trigger->keyword_span.begin, ins.span.end};
      ins.trigger->line_span = ins.line_span;
      ins.trigger->first_line = ins.first_line;
      ins.trigger->last_line = ins.last_line;
    }
    add_item(ItemKind::Instruction, begin, last.end,
             static_cast<std::uint32_t>(doc_.instructions.size()));
    doc_.instructions.push_back(std::move(ins));
    i = next;
  }
  if (doc_.instructions.empty()) {
    return error_at(doc_.source->size(), "file with no instructions");
  }
  return std::move(doc_);
}

// splitCommand: the keyword, the flags, the arguments.
std::optional<Diagnostic> Parser::instruction(Instruction& ins, const LogicalText& line) {
  ins.logical = line;
  const std::string_view text = ins.logical.text();
  const auto end = static_cast<std::uint32_t>(text.size() - space_suffix(text));
  std::uint32_t kw_end = 0;
  while (kw_end < end && !is_list_space(text[kw_end])) ++kw_end;
  ins.keyword = keyword_from(text.substr(0, kw_end));
  ins.keyword_span = ins.logical.to_source(Span{0, kw_end});
  std::uint32_t rest_at = kw_end;
  while (rest_at < end && is_list_space(text[rest_at])) ++rest_at;
  const std::string_view after = text.substr(rest_at, end - rest_at);
  const grammar::FlagsResult flags = grammar::parse_flags(after);
  for (const grammar::TokenRange& r : flags.flags) {
    Flag flag;
    flag.text = unquote_flag(after.substr(r.first, r.last - r.first));
    const std::string_view body = std::string_view(flag.text).substr(2);
    const std::size_t eq = body.find('=');
    flag.name = std::string(body.substr(0, eq));
    if (eq != std::string_view::npos) flag.value = std::string(body.substr(eq + 1));
    flag.span = ins.logical.to_source(Span{rest_at + r.first, rest_at + r.last});
    ins.flags.push_back(std::move(flag));
  }
  std::uint32_t args_at = rest_at + flags.args_begin;
  while (args_at < end) {
    std::size_t w = 0;
    if (!is_space_rune(decode_rune(text, args_at, w))) break;
    args_at += static_cast<std::uint32_t>(w);
  }
  args_at = std::min(args_at, end);
  ins.rest = std::string(text.substr(args_at, end - args_at));
  ins.rest_offset = args_at;
  ins.rest_span = ins.logical.to_source(Span{args_at, end});
  return arguments(ins, args_at);
}

std::optional<Diagnostic> Parser::arguments(Instruction& ins, std::uint32_t rest_at) {
  const std::string_view rest = ins.rest;
  const std::uint32_t at = ins.logical.to_source(rest_at);
  // Exec form: `text` (at logical offset `text_at`) as a JSON array of strings.
  const auto maybe_json = [&](std::string_view text,
                              std::uint32_t text_at) -> std::optional<Diagnostic> {
    if (text.empty() || text.front() != '[') return std::nullopt;
    if (auto tokens = grammar::parse_json_strings(text)) {
      ins.form = ArgForm::Json;
      for (auto& t : *tokens) {
        ins.args.push_back(
            word_at(ins, text_at + t.range.first, text_at + t.range.last, std::move(t.value)));
      }
      return std::nullopt;
    }
    if (is_json_value(text)) {
      return error_at(at, "when using JSON array syntax, arrays must be comprised of strings only");
    }
    return std::nullopt;
  };
  const auto list = [&] {
    for (const auto& r : grammar::split_whitespace(rest)) {
      ins.args.push_back(word_at(ins, rest_at + r.first, rest_at + r.last,
                                 std::string(rest.substr(r.first, r.last - r.first))));
    }
    ins.form = ins.args.empty() ? ArgForm::None : ArgForm::List;
  };
  const auto whole = [&] {
    if (rest.empty()) return;
    ins.form = ArgForm::Shell;
    ins.args.push_back(word_at(ins, rest_at, rest_at + static_cast<std::uint32_t>(rest.size()),
                               std::string(rest)));
  };

  switch (ins.keyword) {
    case Keyword::Add:
    case Keyword::Copy:
    case Keyword::Volume:
      if (auto err = maybe_json(rest, rest_at)) return err;
      if (ins.form != ArgForm::Json) list();
      return std::nullopt;
    case Keyword::Cmd:
    case Keyword::Entrypoint:
    case Keyword::Run:
    case Keyword::Shell:
      if (auto err = maybe_json(rest, rest_at)) return err;
      if (ins.form != ArgForm::Json) whole();
      return std::nullopt;
    case Keyword::Expose:
    case Keyword::From:
      list();
      return std::nullopt;
    case Keyword::Maintainer:
    case Keyword::Stopsignal:
    case Keyword::User:
    case Keyword::Workdir:
      whole();
      return std::nullopt;
    case Keyword::Arg:
      for (const auto& r : grammar::split_words(rest, doc_.escape)) {
        ins.args.push_back(word_at(ins, rest_at + r.first, rest_at + r.last,
                                   word_value(rest.substr(r.first, r.last - r.first), doc_.escape,
                                              r.last == rest.size())));
      }
      ins.form = ins.args.empty() ? ArgForm::None : ArgForm::Words;
      return std::nullopt;
    case Keyword::Env:
    case Keyword::Label: {
      const auto words = grammar::split_words(rest, doc_.escape);
      if (words.empty()) return std::nullopt;
      ins.form = ArgForm::KeyValues;
      const std::string_view name = keyword_name(ins.keyword);
      if (rest.substr(words[0].first, words[0].last - words[0].first).find('=') ==
          std::string_view::npos) {
        // Legacy `ENV key value`: the value is the rest of the line after the key.
        std::uint32_t key_end = 0;
        while (key_end < rest.size() && !is_list_space(rest[key_end])) ++key_end;
        std::uint32_t value_at = key_end;
        while (value_at < rest.size() && is_list_space(rest[value_at])) ++value_at;
        if (key_end == rest.size()) {
          return error_at(at, fmt::format("{} must have two arguments", name));
        }
        const auto size = static_cast<std::uint32_t>(rest.size());
        ins.pairs.push_back(KeyValue{
            word_at(ins, rest_at, rest_at + key_end, std::string(rest.substr(0, key_end))),
            word_at(ins, rest_at + value_at, rest_at + size, std::string(rest.substr(value_at))),
            true});
        return std::nullopt;
      }
      for (const auto& r : words) {
        const std::string value =
            word_value(rest.substr(r.first, r.last - r.first), doc_.escape, r.last == rest.size());
        const std::size_t eq = value.find('=');
        if (eq == std::string::npos) {
          return error_at(
              ins.logical.to_source(rest_at + r.first),
              fmt::format("Syntax error - can't find = in {}. Must be of the form: name=value",
                          go_quote(value)));
        }
        const auto key_end = rest_at + r.first + static_cast<std::uint32_t>(eq);
        ins.pairs.push_back(
            KeyValue{word_at(ins, rest_at + r.first, key_end, value.substr(0, eq)),
                     word_at(ins, key_end + 1, rest_at + r.last, value.substr(eq + 1)), false});
      }
      return std::nullopt;
    }
    case Keyword::Healthcheck: {
      std::uint32_t sep = 0;
      while (sep < rest.size() && !is_space_byte(static_cast<unsigned char>(rest[sep]))) ++sep;
      if (sep == 0) return std::nullopt;
      std::uint32_t next = sep;
      while (next < rest.size() && is_space_byte(static_cast<unsigned char>(rest[next]))) ++next;
      ins.args.push_back(word_at(ins, rest_at, rest_at + sep, std::string(rest.substr(0, sep))));
      const std::string_view cmd = rest.substr(next);
      ins.form = ArgForm::Shell;
      if (auto err = maybe_json(cmd, rest_at + next)) return err;
      if (ins.form == ArgForm::Json) return std::nullopt;
      if (!cmd.empty()) {
        ins.args.push_back(word_at(ins, rest_at + next,
                                   rest_at + static_cast<std::uint32_t>(rest.size()),
                                   std::string(cmd)));
      }
      return std::nullopt;
    }
    case Keyword::Onbuild: {
      if (rest.empty()) return std::nullopt;
      ins.form = ArgForm::Sub;
      ins.trigger = std::make_unique<Instruction>();
      return instruction(*ins.trigger, ins.logical.sub(rest_at, ins.logical.size()));
    }
    case Keyword::Unknown:
      // BuildKit keeps unknown instructions with one empty argument; the typed
      // parse rejects them later.
      ins.form = ArgForm::Shell;
      ins.args.push_back(Word{"", Span{at, at}});
      return std::nullopt;
  }
  return std::nullopt;
}

bool can_contain_heredoc(const Instruction& ins) {
  const Instruction& target = ins.keyword == Keyword::Onbuild && ins.trigger ? *ins.trigger : ins;
  if (target.keyword != Keyword::Run && target.keyword != Keyword::Copy &&
      target.keyword != Keyword::Add) {
    return false;
  }
  return !target.is_json();
}

// Heredoc markers on the instruction line, then their bodies from the following lines.
std::optional<Diagnostic> Parser::heredocs(Instruction& ins, std::size_t& next_line) {
  const std::string& line = ins.logical.text();
  if (!can_contain_heredoc(ins) || line.find("<<") == std::string::npos) return std::nullopt;
  const auto words = grammar::split_shell_words(line);
  if (!words) return std::nullopt;
  for (const auto& r : *words) {
    auto doc = heredoc_marker(std::string_view(line).substr(r.first, r.last - r.first));
    if (!doc) continue;
    doc->marker = ins.logical.to_source(Span{r.first, r.last});
    const std::uint32_t body_begin =
        next_line < lines_.size() ? lines_[next_line].begin : doc_.source->size();
    bool terminated = false;
    for (; next_line < lines_.size(); ++next_line) {
      const PhysicalLine& pl = lines_[next_line];
      std::string_view candidate = content(pl);
      if (doc->chomp)
        candidate.remove_prefix(std::min(candidate.find_first_not_of('\t'), candidate.size()));
      if (candidate == doc->name) {
        doc->body = Span{body_begin, pl.begin};
        doc->terminator = Span{pl.begin, pl.content_end};
        terminated = true;
        ++next_line;
        break;
      }
    }
    if (!terminated) {
      return error_at(doc->marker.begin,
                      fmt::format("unterminated heredoc: no line `{}` ends it", doc->name));
    }
    ins.heredocs.push_back(std::move(*doc));
  }
  return std::nullopt;
}

}  // namespace

// `^(\d*)<<(-?)([^<]*)$` on a raw shell word.
std::optional<Heredoc> heredoc_marker(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size() && word[i] >= '0' && word[i] <= '9') ++i;
  const std::string_view digits = word.substr(0, i);
  if (word.substr(i, 2) != "<<") return std::nullopt;
  i += 2;
  Heredoc doc;
  if (i < word.size() && word[i] == '-') {
    doc.chomp = true;
    ++i;
  }
  const std::string_view rest = word.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;
  doc.name = unquote_shell(rest);
  if (doc.name.empty()) return std::nullopt;
  doc.expand = count_quotes(doc.name) == count_quotes(rest);
  for (const char d : digits) doc.fd = doc.fd * 10 + static_cast<std::uint32_t>(d - '0');
  return doc;
}

Keyword keyword_from(std::string_view word) {
  for (std::size_t i = 0; i < keyword_names.size(); ++i) {
    const std::string_view name = keyword_names[i];
    if (name.size() == word.size() &&
        std::equal(name.begin(), name.end(), word.begin(), [](char a, char b) {
          return a == std::toupper(static_cast<unsigned char>(b));
        })) {
      return static_cast<Keyword>(i);
    }
  }
  return Keyword::Unknown;
}

std::string_view keyword_name(Keyword k) {
  const auto i = static_cast<std::size_t>(k);
  return i < keyword_names.size() ? keyword_names[i] : std::string_view();
}

const Flag* Instruction::flag(std::string_view name) const {
  for (const Flag& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

LogicalText Instruction::rest_text() const {
  return logical.sub(rest_offset, rest_offset + static_cast<std::uint32_t>(rest.size()));
}

const Directive* Document::directive(std::string_view name) const {
  for (const Directive& d : directives) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

Expected<Document> parse(std::shared_ptr<const SourceBuffer> source) {
  return Parser(std::move(source)).run();
}

std::string emit(const Document& doc) {
  std::string out;
  out.reserve(doc.text().size());
  for (const Item& item : doc.items)
    out.append(doc.text().substr(item.span.begin, item.span.size()));
  return out;
}

}  // namespace dfopt::syntax
