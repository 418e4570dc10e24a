#!/usr/bin/env bash
# Packaging and integration checks (issue 8), run by ctest as `packaging`:
#   packaging_test.sh BUILD_DIR SOURCE_DIR
# - the generated man page is clean for groff -ww and documents every rule and option;
# - cmake --install puts the binary, the man page and the completions in place;
# - cpack builds dfopt_<version>_<arch>.deb whose Depends name the package of every
#   shared library the binary links, and whose extracted binary runs;
# - tools/docker/Dockerfile passes dfopt --check with every rule and installs those
#   runtime packages;
# - the completions parse, and the bash one completes options, values and rule ids.
# A part whose tool is missing (groff, dpkg-deb, dpkg-shlibdeps) is skipped; the test
# then exits 77, which ctest reports as skipped (SKIP_RETURN_CODE).
set -uo pipefail

build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
cmake=${CMAKE:-cmake}
cpack=${CPACK:-cpack}
dfopt=$build/tools/dfopt/dfopt
man_page=$build/tools/gen-man/dfopt.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
skipped=()
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
skip() {
  echo "SKIP: $*" >&2
  skipped+=("$1")
}
have() { command -v "$1" >/dev/null 2>&1; }

[ -x "$dfopt" ] || { echo "FAIL: $dfopt not built" >&2; exit 1; }
version=$("$dfopt" --version | awk '{ print $2 }')
mapfile -t rule_ids < <("$dfopt" --list-rules | awk 'NR > 1 { print $1 }')
[ ${#rule_ids[@]} -gt 0 ] || fail "dfopt --list-rules lists no rules"
# Long options as --help prints them ("-j [ --jobs ] N" → --jobs).
mapfile -t long_options < <("$dfopt" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u)

# The man page: built, clean for groff, every section, rule id and option.
check_man() {
  [ -s "$man_page" ] || { fail "man page $man_page not generated"; return; }
  if ! have groff; then
    skip groff "groff not installed (apt-get install groff-base): man page not rendered"
    return
  fi
  local warnings
  warnings=$(groff -man -ww -z "$man_page" 2>&1)
  [ -z "$warnings" ] || fail "groff -man -ww -z dfopt.1 warns:"$'\n'"$warnings"
  local text
  text=$(groff -man -Tascii -P-cbou "$man_page" 2>/dev/null)
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" FILES RULES SUPPRESSIONS EXAMPLES "SEE ALSO"; do
    grep -qx "$section" <<<"$text" || fail "man page has no $section section"
  done
  for id in "${rule_ids[@]}"; do
    grep -qE "^ +$id\$" <<<"$text" || fail "man page does not document rule $id"
  done
  for opt in "${long_options[@]}"; do
    grep -qE -- "(^| )$opt( |\$)" <<<"$text" || fail "man page does not document option $opt"
  done
  echo "ok: man page (${#rule_ids[@]} rules, ${#long_options[@]} options)"
}

# cmake --install into a temporary prefix.
check_install() {
  local prefix=$tmp/prefix
  if ! "$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
    fail "cmake --install failed:"$'\n'"$(cat "$tmp/install.log")"
    return
  fi
  local f
  for f in bin/dfopt share/man/man1/dfopt.1 share/bash-completion/completions/dfopt \
    share/zsh/vendor-completions/_dfopt share/fish/vendor_completions.d/dfopt.fish; do
    [ -f "$prefix/$f" ] || fail "cmake --install did not install $f"
  done
  [ "$("$prefix/bin/dfopt" --version 2>&1)" = "dfopt $version" ] || fail "installed dfopt --version"
  echo "ok: cmake --install"
}

# The package that ships exactly PATH ("libfoo1:amd64: /usr/lib/…" → libfoo1); dpkg -S
# also matches paths that merely contain PATH.
owner() {
  dpkg -S "$1" 2>/dev/null | awk -v path="$1" '{ i = index($0, ": "); if (substr($0, i + 2) == path) print substr($0, 1, i - 1) }' |
    head -n 1 | cut -d, -f1 | cut -d: -f1
}

# cpack -G DEB, then the package's fields and files, and its binary extracted with dpkg -x.
check_deb() {
  local tool
  for tool in dpkg-deb dpkg-shlibdeps dpkg; do
    if ! have "$tool"; then
      skip "$tool" "$tool not installed (apt-get install dpkg-dev): .deb not built"
      return
    fi
  done
  if ! (cd "$tmp" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb") >"$tmp/cpack.log" 2>&1; then
    fail "cpack -G DEB failed:"$'\n'"$(cat "$tmp/cpack.log")"
    return
  fi
  local deb
  deb=$tmp/deb/dfopt_${version}_$(dpkg --print-architecture).deb
  [ -f "$deb" ] || { fail "cpack did not build $(basename "$deb"): $(ls "$tmp/deb")"; return; }

  local field fields="Package Version Maintainer Description Homepage Section"
  # A static binary (the default build) needs no package; a dynamic one names its libraries.
  if ldd "$dfopt" 2>/dev/null | grep -q "=>"; then fields="$fields Depends"; fi
  for field in $fields; do
    [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail ".deb has no $field field"
  done
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail ".deb Version is not $version"
  local depends
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "    Depends: $depends"
  # Every shared library the binary links comes from a package the .deb depends on.
  local depend_names
  depend_names=$(tr '|,' '\n\n' <<<"$depends" | awk '{ print $1 }')
  local lib pkg
  while read -r lib; do
    pkg=$(owner "$(readlink -f "$lib")")
    [ -n "$pkg" ] || pkg=$(owner "$lib")
    [ -n "$pkg" ] || { fail "no Debian package owns $lib"; continue; }
    grep -qxF "$pkg" <<<"$depend_names" || fail ".deb Depends lacks $pkg (for $lib)"
  done < <(ldd "$dfopt" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')

  local contents
  contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
  local f
  for f in ./usr/bin/dfopt ./usr/share/man/man1/dfopt.1 ./usr/share/bash-completion/completions/dfopt \
    ./usr/share/zsh/vendor-completions/_dfopt ./usr/share/fish/vendor_completions.d/dfopt.fish; do
    grep -qx "$f" <<<"$contents" || fail ".deb does not contain $f"
  done
  dpkg-deb -x "$deb" "$tmp/root" || { fail "dpkg-deb -x failed"; return; }
  [ "$("$tmp/root/usr/bin/dfopt" --version 2>&1)" = "dfopt $version" ] || fail "the .deb's dfopt --version"
  echo "ok: $(basename "$deb")"
  deb_depends=$depends
}

# The image of dfopt itself: passes its own strictest check, and installs what the .deb depends on.
check_dockerfile() {
  local dockerfile=$src/tools/docker/Dockerfile
  if ! "$dfopt" --check --select all --unsafe-fixes --color never "$dockerfile" >"$tmp/check.log" 2>&1; then
    fail "dfopt --check --select all --unsafe-fixes tools/docker/Dockerfile:"$'\n'"$(cat "$tmp/check.log")"
  fi
  grep -q '^FROM debian:bookworm AS builder' "$dockerfile" || fail "Dockerfile: no builder stage"
  grep -q '^FROM debian:bookworm-slim' "$dockerfile" || fail "Dockerfile: no slim runtime stage"
  local user
  user=$(grep -E '^USER ' "$dockerfile" | tail -n 1 | awk '{ print $2 }')
  case ${user%%:*} in '' | root | 0) fail "Dockerfile: the last USER is not a non-root user: '$user'" ;; esac
  grep -qx 'ENTRYPOINT \["dfopt"\]' "$dockerfile" || fail "Dockerfile: no exec-form ENTRYPOINT"
  if [ -n "${deb_depends:-}" ]; then
    # The runtime stage installs every dependency that debian:bookworm-slim lacks.
    local runtime pkg
    runtime=$(sed -n '/^FROM debian:bookworm-slim/,$p' "$dockerfile")
    for pkg in $(tr ',' '\n' <<<"$deb_depends" | awk '{ print $1 }'); do
      case $pkg in libc6 | libgcc-s1 | libstdc++6) continue ;; esac  # in bookworm-slim
      grep -qwF -- "$pkg" <<<"$runtime" || fail "Dockerfile's runtime stage does not install $pkg"
    done
  fi
  echo "ok: tools/docker/Dockerfile"
}

check_completions() {
  local dir=$src/tools/completions
  bash -n "$dir/dfopt.bash" || fail "bash -n dfopt.bash"
  if have zsh; then zsh -n "$dir/_dfopt" || fail "zsh -n _dfopt"; fi
  if have fish; then fish -n "$dir/dfopt.fish" || fail "fish -n dfopt.fish"; fi
  # Complete a few command lines with the bash completion and the built dfopt.
  local out
  out=$(PATH="$(dirname "$dfopt"):$PATH" bash -c '
    source "$1"
    t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dfopt; echo "${COMPREPLY[*]}"; }
    t dfopt --format ""
    t dfopt --color = a
    t dfopt --select apt-clean-lists,'"${rule_ids[0]}"'
    t dfopt --explain '"${rule_ids[0]}"'
    t dfopt --unsafe' _ "$dir/dfopt.bash" 2>&1)
  local expected
  expected="text json sarif github
auto always
apt-clean-lists,${rule_ids[0]}
${rule_ids[0]}
--unsafe-fixes"
  [ "$out" = "$expected" ] || fail "bash completion: got"$'\n'"$out"$'\n'"expected"$'\n'"$expected"
  echo "ok: completions"
}

check_hooks() {
  local hooks=$src/.pre-commit-hooks.yaml
  grep -qx -- '- id: dfopt' "$hooks" || fail ".pre-commit-hooks.yaml: no dfopt hook"
  grep -qx -- '- id: dfopt-fix' "$hooks" || fail ".pre-commit-hooks.yaml: no dfopt-fix hook"
  [ "$(grep -c 'types: \[dockerfile\]' "$hooks")" = 2 ] || fail ".pre-commit-hooks.yaml: types: [dockerfile]"
  echo "ok: .pre-commit-hooks.yaml"
}

deb_depends=
check_man
check_install
check_deb
check_dockerfile
check_completions
check_hooks

if [ "$failures" -gt 0 ]; then
  echo "packaging: $failures failure(s)" >&2
  exit 1
fi
if [ ${#skipped[@]} -gt 0 ]; then
  echo "packaging: the other checks passed; skipped for want of: ${skipped[*]}" >&2
  exit 77
fi
echo "packaging: all checks passed"
