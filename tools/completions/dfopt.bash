# bash completion for dfopt                                  -*- shell-script -*-
# Installed as share/bash-completion/completions/dfopt; or source it from ~/.bashrc.
# Rule ids come from `dfopt --list-rules` at completion time.

_dfopt_rule_ids() {
  "$1" --list-rules 2>/dev/null | awk 'NR > 1 { print $1 }'
}

_dfopt() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local opt=$prev dfopt=${COMP_WORDS[0]}
  dfopt=${dfopt/#\~/$HOME}
  # --opt=value: bash splits at '=' (it is in COMP_WORDBREAKS).
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
    opt=${COMP_WORDS[COMP_CWORD-2]}
  elif [[ $cur == --*=* ]]; then
    opt=${cur%%=*}
    cur=${cur#*=}
  fi
  COMPREPLY=()

  local words
  case $opt in
    --format) words="text json sarif github" ;;
    --color) words="auto always never" ;;
    --dump) words="buildkit ir shell" ;;
    --explain) words=$(_dfopt_rule_ids "$dfopt") ;;
    --select | --extend-select | --ignore)
      # A comma-separated list: complete its last item.
      local prefix=
      [[ $cur == *,* ]] && prefix=${cur%,*},
      words="$(_dfopt_rule_ids "$dfopt") packages layers cache stages security runtime context all"
      mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$words" -- "${cur##*,}")
      return 0
      ;;
    --config | --stdin-filename)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --jobs | -j | --exclude) return 0 ;;
  esac
  if [[ -n ${words+set} ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    return 0
  fi

  if [[ $cur == -* ]]; then
    words="--fix --diff --check --unsafe-fixes --no-unsafe-fixes --select --extend-select --ignore --format
      --config --jobs -j --exclude --stdin-filename --explain --list-rules --color --quiet -q --verbose -v
      --dump --version -V --help -h"
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    return 0
  fi
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _dfopt dfopt
