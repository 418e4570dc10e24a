# fish completion for dfopt. Installed as share/fish/vendor_completions.d/dfopt.fish.
# Rule ids come from `dfopt --list-rules` at completion time.

function __dfopt_rule_ids
    set -l cmd (commandline -opc)[1]
    command $cmd --list-rules 2>/dev/null | tail -n +2 | string replace -r '\s.*' ''
end

# The items of a comma-separated list: the token's text up to its last comma, then each id.
function __dfopt_rule_list
    set -l prefix (commandline -ct | string replace -r '^--?[^=]*=' '' | string replace -r '[^,]*$' '')
    for id in (__dfopt_rule_ids) packages layers cache stages security runtime context all
        echo $prefix$id
    end
end

complete -c dfopt -f
complete -c dfopt -F -n 'not string match -q -- "-*" (commandline -ct)'
complete -c dfopt -l fix -d 'Apply the fixes in place'
complete -c dfopt -l diff -d 'Print the fixes as a unified diff'
complete -c dfopt -l check -d 'Exit 1 when a fix would change a file or findings remain'
complete -c dfopt -l unsafe-fixes -d 'Also apply unsafe fixes'
complete -c dfopt -l no-unsafe-fixes -d 'Do not apply unsafe fixes'
complete -c dfopt -l select -x -a '(__dfopt_rule_list)' -d 'Only these rules'
complete -c dfopt -l extend-select -x -a '(__dfopt_rule_list)' -d 'Add these rules to the selection'
complete -c dfopt -l ignore -x -a '(__dfopt_rule_list)' -d 'Skip these rules'
complete -c dfopt -l format -x -a 'text json sarif github' -d 'Output format'
complete -c dfopt -l config -r -F -d 'Use this .dfopt.toml'
complete -c dfopt -s j -l jobs -x -d 'Files processed in parallel'
complete -c dfopt -l exclude -x -d 'Skip paths matching GLOB'
complete -c dfopt -l stdin-filename -r -F -d 'The path of the file read from -'
complete -c dfopt -l explain -x -a '(__dfopt_rule_ids)' -d 'Print the documentation of a rule'
complete -c dfopt -l list-rules -d 'List every rule'
complete -c dfopt -l color -x -a 'auto always never' -d 'When to color the output'
complete -c dfopt -s q -l quiet -d 'Print findings only, no summary'
complete -c dfopt -s v -l verbose -d 'More detail'
complete -c dfopt -l dump -x -a 'buildkit ir shell' -d 'Print the parse of each file'
complete -c dfopt -s V -l version -d 'Print the version and exit'
complete -c dfopt -s h -l help -d 'Print the help and exit'
