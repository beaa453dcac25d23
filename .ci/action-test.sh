#!/usr/bin/env bash
# Tests the composite action's scripts (action/install.sh, action/run.sh) against a release
# laid out as the release workflow publishes it (dist: postmortem-TARGET.tar.xz holding
# postmortem-TARGET/postmortem, and its .sha256 as `HASH *NAME`), served from a folder.
#   .ci/action-test.sh BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
pass=0

expect() { # expect NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    pass=$((pass + 1))
  else
    fails=$((fails + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3"
  fi
}

target=x86_64-unknown-linux-musl
archive=postmortem-$target.tar.xz
rel=$work/releases/v0.1.0
mkdir -p "$rel" "$work/pkg/postmortem-$target"
# A stripped copy, compressed fast: a debug binary is large, and xz's default is slow.
cp "$bin" "$work/pkg/postmortem-$target/postmortem"
strip "$work/pkg/postmortem-$target/postmortem"
bin=$work/pkg/postmortem-$target/postmortem
XZ_OPT=-0 tar -cJf "$rel/$archive" -C "$work/pkg" "postmortem-$target"
(cd "$rel" && sha256sum --binary "$archive" >"$archive.sha256")
hash=$(cut -d' ' -f1 "$rel/$archive.sha256")
export RUNNER_OS=Linux RUNNER_ARCH=X64

# 1. The published archive is installed, byte for byte.
out=$(bash action/install.sh 0.1.0 "file://$work/releases" "$work/ok" 2>&1)
expect "install: message" "installed postmortem 0.1.0 ($target) in $work/ok/bin" "$out"
cmp -s "$bin" "$work/ok/bin/postmortem" && pass=$((pass + 1)) || { fails=$((fails + 1)); echo "FAIL install: bytes differ"; }

# 2. An archive that is not the published one is refused and nothing is installed.
cp "$rel/$archive.sha256" "$work/good.sha256"
printf '%064d *%s\n' 0 "$archive" >"$rel/$archive.sha256"
set +e
out=$(bash action/install.sh 0.1.0 "file://$work/releases" "$work/bad" 2>&1)
code=$?
set -e
expect "tampered: exit" 1 "$code"
expect "tampered: message" "::error title=postmortem action::$archive: SHA-256 $hash is not the published $(printf '%064d' 0); nothing was installed" "$out"
[ ! -e "$work/bad/bin/postmortem" ] && pass=$((pass + 1)) || { fails=$((fails + 1)); echo "FAIL tampered: a binary was installed"; }
cp "$work/good.sha256" "$rel/$archive.sha256"

# 3. The optional expected SHA-256 (input `sha256`) is checked too.
set +e
out=$(POSTMORTEM_SHA256=$(printf '%064d' 1) bash action/install.sh 0.1.0 "file://$work/releases" "$work/bad2" 2>&1)
code=$?
set -e
expect "sha256 input: exit" 1 "$code"
expect "sha256 input: message" "::error title=postmortem action::$archive: SHA-256 $hash is not the expected $(printf '%064d' 1); nothing was installed" "$out"
out=$(POSTMORTEM_SHA256=$hash bash action/install.sh 0.1.0 "file://$work/releases" "$work/ok2" 2>&1)
expect "sha256 input: match" "installed postmortem 0.1.0 ($target) in $work/ok2/bin" "$out"

# 4. A version that is not a release, a release that does not exist, a runner with no binary.
set +e
out=$(bash action/install.sh latest "file://$work/releases" "$work/x" 2>&1)
expect "version: exit" 1 "$?"
expect "version: message" '::error title=postmortem action::version `latest` is not a release version like 0.1.0' "$out"
out=$(bash action/install.sh 9.9.9 "file://$work/releases" "$work/x" 2>/dev/null)
expect "missing release: exit" 1 "$?"
out=$(RUNNER_OS=Windows RUNNER_ARCH=ARM64 bash action/install.sh 0.1.0 "file://$work/releases" "$work/x" 2>&1)
expect "runner: exit" 1 "$?"
expect "runner: message" "::error title=postmortem action::no release binary for windows on aarch64" "$out"
set -e

# 5. run.sh: `check` reports as annotations; a bad record fails the step.
repo=$work/repo
"$bin" init "$repo" >/dev/null
export POSTMORTEM=$work/ok/bin/postmortem
out=$(cd "$repo" && bash "$OLDPWD/action/run.sh" check "" 2>&1)
expect "check: clean" "" "$out"
sed -i 's/^severity: .*/severity: huge/' "$repo/incidents/2025-01-15-example.yaml"
set +e
out=$(cd "$repo" && bash "$OLDPWD/action/run.sh" check "" 2>&1)
code=$?
set -e
expect "check: exit" 1 "$code"
case "$out" in
  "::error file=incidents/2025-01-15-example.yaml,line="*) pass=$((pass + 1)) ;;
  *) fails=$((fails + 1)); printf 'FAIL check: not an annotation:\n%s\n' "$out" ;;
esac
# An explicit --format is left alone.
fake=$work/fake-postmortem
printf '#!/bin/sh\necho "SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH-unset} args=$*"\n' >"$fake"
chmod +x "$fake"
expect "check: --format kept" "SOURCE_DATE_EPOCH=unset args=check --format json --strict" \
  "$(POSTMORTEM=$fake bash action/run.sh check "--format json --strict")"
expect "check: --format added" "SOURCE_DATE_EPOCH=unset args=check --format github --strict" \
  "$(POSTMORTEM=$fake bash action/run.sh check "--strict")"

# 6. run.sh: `build` pins now to the last commit's time, unless SOURCE_DATE_EPOCH is set.
git -C "$repo" init --quiet
git -C "$repo" add -A
GIT_COMMITTER_DATE=@1775779200 git -C "$repo" -c user.name=t -c user.email=t@t commit --quiet -m init
expect "build: epoch" "SOURCE_DATE_EPOCH=1775779200 args=build --out site" \
  "$(cd "$repo" && POSTMORTEM=$fake bash "$OLDPWD/action/run.sh" build "--out site")"
expect "build: epoch kept" "SOURCE_DATE_EPOCH=42 args=build" \
  "$(cd "$repo" && SOURCE_DATE_EPOCH=42 POSTMORTEM=$fake bash "$OLDPWD/action/run.sh" build "")"

echo "action: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
