#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "transforms/list.hpp"

namespace dfopt::transforms {

namespace {

constexpr std::string_view doc = R"md(## What it does
Reports `ENV` and `ARG` instructions whose name looks like a secret
(`DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `API_KEY`, …) or whose
value looks like a credential (a GitHub or GitLab token, an AWS access key id, a
Slack token, a Stripe live key, a Google API key, a PEM private key).

## Why is this bad?
`ENV` values are stored in the image configuration: anyone who can pull the
image reads them with `docker inspect`. `ARG` values end up in the image
history of every `RUN` that sees them. A secret needed during the build belongs
in a secret mount, which is never stored; a secret needed at run time belongs in
the runtime environment (`docker run -e`, an orchestrator secret).

## Example
```dockerfile
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
```

Use instead:
```dockerfile
RUN --mount=type=secret,id=npm_token \
    NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci
```

Names are split at `_` into words, case-insensitively. A name is reported when
one of its words is a token of BuildKit's `SecretsUsedInArgOrEnv` (`apikey`,
`auth`, `credential`, `credentials`, `key`, `password`, `pword`, `passwd`,
`secret`, `token`) or `pass`, or when it contains `password`, `passwd`,
`secret`, `api_key`, `apikey`, `access_key`, `private_key` or `credential`
anywhere (`MYSQL_ROOTPASSWORD`; hadolint's DL3064 matches substrings too).
`TOKEN` must be a whole word: `TOKENIZERS_PARALLELISM` is not a secret.

Not reported: names with a word from BuildKit's allow-list (`public`, `file`,
`version`) or `path`, `dir`, `url`, `fingerprint`, `size`, `length`, `type`,
`mode`, `enable(d)`, `disable(d)`, which say where a secret is or how it is
used (`POSTGRES_PASSWORD_FILE`, `SSH_KEY_PATH`, `AUTH_URL`, `RSA_KEY_SIZE`,
`LDAP_AUTH_ENABLE`); and a
`KEY` next to `GPG` or `PGP` (`GPG_KEY` in the official `python` images),
which is a public key id. A value is reported, whatever its name, when it
contains a credential with a recognizable format. The message never repeats the
value.

## Fix safety
No fix: where the secret should come from depends on how the image is built and
run.
)md";

constexpr std::array<std::string_view, 11> kTokens = {
    "apikey",   "auth",  "credential", "credentials", "key",  "pass",
    "password", "pword", "passwd",     "secret",      "token"};
constexpr std::array<std::string_view, 8> kSubstrings = {
    "password", "passwd", "secret", "api_key", "apikey", "access_key", "private_key", "credential"};
constexpr std::array<std::string_view, 15> kAllowed = {
    "public", "file", "version", "path",   "dir",     "url",      "fingerprint", "size",
    "length", "type", "mode",    "enable", "enabled", "disabled", "disable"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool secret_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::vector<std::string_view> words;
  for (std::size_t b = 0; b <= lower.size();) {
    const std::size_t e = std::min(lower.find('_', b), lower.size());
    words.push_back(std::string_view(lower).substr(b, e - b));
    b = e + 1;
  }
  if (std::any_of(words.begin(), words.end(),
                  [](std::string_view w) { return contains(kAllowed, w); }))
    return false;
  const bool pgp = std::any_of(words.begin(), words.end(),
                               [](std::string_view w) { return w == "gpg" || w == "pgp"; });
  const bool token = std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return contains(kTokens, w) && !(pgp && w == "key");
  });
  return token || std::any_of(kSubstrings.begin(), kSubstrings.end(), [&](std::string_view s) {
           return lower.find(s) != std::string::npos;
         });
}

// At least `n` characters of `set` at `pos` of `s`.
bool run_of(std::string_view s, std::size_t pos, std::size_t n, bool (*set)(unsigned char),
            std::string_view extra = {}) {
  std::size_t k = pos;
  while (k < s.size() &&
         (set(static_cast<unsigned char>(s[k])) || extra.find(s[k]) != std::string_view::npos))
    ++k;
  return k - pos >= n;
}

bool alnum(unsigned char c) { return std::isalnum(c) != 0; }
bool upper_or_digit(unsigned char c) { return std::isupper(c) != 0 || std::isdigit(c) != 0; }

// What kind of credential `value` contains, or "" when it looks like none.
std::string_view credential_kind(std::string_view value) {
  if (value.size() < 15) return {};  // shorter than the shortest pattern below (xoxb- + 10)
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string_view at = value.substr(i);
    for (const std::string_view p : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
      if (at.starts_with(p) && run_of(value, i + 4, 36, alnum)) return "a GitHub token";
    }
    if (at.starts_with("github_pat_") && run_of(value, i + 11, 22, alnum, "_"))
      return "a GitHub token";
    if (at.starts_with("glpat-") && run_of(value, i + 6, 20, alnum, "_-")) return "a GitLab token";
    if ((at.starts_with("AKIA") || at.starts_with("ASIA")) &&
        run_of(value, i + 4, 16, upper_or_digit)) {
      return "an AWS access key id";
    }
    if (at.starts_with("xox") && at.size() > 4 &&
        std::string_view("abprs").find(at[3]) != std::string_view::npos && at[4] == '-' &&
        run_of(value, i + 5, 10, alnum, "-")) {
      return "a Slack token";
    }
    if ((at.starts_with("sk_live_") || at.starts_with("rk_live_")) &&
        run_of(value, i + 8, 16, alnum)) {
      return "a Stripe live key";
    }
    if (at.starts_with("AIza") && run_of(value, i + 4, 35, alnum, "_-")) return "a Google API key";
    if (at.starts_with("-----BEGIN") && at.find("PRIVATE KEY") != std::string_view::npos)
      return "a private key";
  }
  return {};
}

void report(Context& ctx, std::string_view keyword, const syntax::Word& key, std::string_view name,
            std::string_view value) {
  const std::string_view kind = credential_kind(value);
  if (kind.empty() && !secret_name(name)) return;
  std::string id(name);
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string advice = fmt::format("pass it with RUN --mount=type=secret,id={} instead", id);
  const std::string_view where =
      keyword == "ENV" ? "is stored in the image" : "is recorded in the image history";
  if (!kind.empty()) {
    ctx.report(key.span, fmt::format("the value of {} {} looks like {} and {}; {}", keyword, name,
                                     kind, where, advice));
  } else {
    ctx.report(key.span,
               fmt::format("{} {} looks like a secret and {}; {}", keyword, name, where, advice));
  }
}

void check(Context& ctx) {
  for (const syntax::Instruction& ins : ctx.doc().instructions) {
    if (ins.keyword == syntax::Keyword::Env) {
      for (const syntax::KeyValue& kv : ins.pairs)
        report(ctx, "ENV", kv.key, kv.key.value, kv.value.value);
    }
    if (ins.keyword != syntax::Keyword::Arg) continue;
    for (const syntax::Word& w : ins.args) {
      const std::size_t eq = w.value.find('=');
      const std::string_view name = std::string_view(w.value).substr(0, eq);
      report(ctx, "ARG", w, name,
             eq == std::string::npos ? "" : std::string_view(w.value).substr(eq + 1));
    }
  }
}

}  // namespace

const Transform& secrets_in_env() {
  static const Transform t{"secrets-in-env",
                           Category::Security,
                           Safety::DisplayOnly,
                           "report secrets set with ENV or ARG",
                           {"DL3064", "SecretsUsedInArgOrEnv", "DS031"},
                           doc,
                           true,
                           check};
  return t;
}

}  // namespace dfopt::transforms
