#!/usr/bin/env bash
# Runs postmortem for the composite action (action.yml); tested by .ci/action-test.sh.
#
#   run.sh COMMAND [ARGS]       ARGS is one string, split on spaces
#
# `check` reports in GitHub's annotation format unless ARGS names a --format. `build` pins
# "now" to the last commit's time (SOURCE_DATE_EPOCH) unless it is already set, so a rebuild
# of the same commit is byte-identical.
set -euo pipefail

command=$1 args=${2:-}
# shellcheck disable=SC2206 # the arguments are split on spaces, as documented
extra=($args)
case "$command" in
  check)
    case " $args " in
      *" --format"*) ;;
      *) extra=(--format github ${extra[@]+"${extra[@]}"}) ;;
    esac
    ;;
  build)
    if [ -z "${SOURCE_DATE_EPOCH:-}" ] && epoch=$(git log -1 --format=%ct 2>/dev/null); then
      export SOURCE_DATE_EPOCH=$epoch
    fi
    ;;
esac
# (The form of the expansion keeps bash 3.2, macOS's, from calling an empty array unbound.)
exec "${POSTMORTEM:-postmortem}" "$command" ${extra[@]+"${extra[@]}"}
