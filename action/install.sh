#!/usr/bin/env bash
# Installs a released postmortem binary for this machine; used by the composite action
# (action.yml) and tested by .ci/action-test.sh.
#
#   install.sh VERSION BASE_URL DEST
#
# Downloads BASE_URL/vVERSION/postmortem-TARGET.tar.xz (.zip on Windows) and its .sha256
# (the release workflow, made by dist, publishes both), refuses the archive unless its
# SHA-256 is the one published (and, when POSTMORTEM_SHA256 is set, that one too), and puts
# the binary in DEST/bin. TARGET is chosen from RUNNER_OS and RUNNER_ARCH (GitHub's names),
# else from uname.
set -euo pipefail

version=$1 base=$2 dest=$3

fail() {
  echo "::error title=postmortem action::$*" >&2
  exit 1
}

[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  fail "version \`$version\` is not a release version like 0.1.0"

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os" in
  Linux) os=linux ;;
  macOS | Darwin) os=macos ;;
  Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) fail "no release binary for the operating system $os" ;;
esac
case "$arch" in
  X64 | x86_64 | amd64) arch=x86_64 ;;
  ARM64 | arm64 | aarch64) arch=aarch64 ;;
  *) fail "no release binary for the processor $arch" ;;
esac
case "$os-$arch" in
  linux-*) target=$arch-unknown-linux-musl ext=.tar.xz ;;
  macos-*) target=$arch-apple-darwin ext=.tar.xz ;;
  windows-x86_64) target=x86_64-pc-windows-msvc ext=.zip ;;
  *) fail "no release binary for $os on $arch" ;;
esac

archive=postmortem-$target$ext
url=$base/v$version/$archive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

curl --proto '=https,file' --tlsv1.2 --fail --silent --show-error --location --retry 3 \
  --output "$work/$archive" "$url" || fail "could not download $url"
curl --proto '=https,file' --tlsv1.2 --fail --silent --show-error --location --retry 3 \
  --output "$work/$archive.sha256" "$url.sha256" || fail "could not download $url.sha256"

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}
actual=$(sha256 "$work/$archive")
published=$(tr -d '\r' <"$work/$archive.sha256" | cut -d' ' -f1)
[[ $published =~ ^[0-9a-f]{64}$ ]] || fail "$url.sha256 holds no SHA-256"
[ "$actual" = "$published" ] ||
  fail "$archive: SHA-256 $actual is not the published $published; nothing was installed"
if [ -n "${POSTMORTEM_SHA256:-}" ] && [ "$actual" != "$POSTMORTEM_SHA256" ]; then
  fail "$archive: SHA-256 $actual is not the expected $POSTMORTEM_SHA256; nothing was installed"
fi

mkdir -p "$work/x" "$dest/bin"
case "$ext" in
  .zip)
    # Windows runners have 7-Zip; elsewhere unzip.
    if command -v unzip >/dev/null; then unzip -q "$work/$archive" -d "$work/x"; else 7z x -bd -o"$work/x" "$work/$archive" >/dev/null; fi
    cp "$work/x/postmortem.exe" "$dest/bin/"
    ;;
  *)
    tar -xJf "$work/$archive" -C "$work/x"
    cp "$work/x/postmortem-$target/postmortem" "$dest/bin/"
    chmod +x "$dest/bin/postmortem"
    ;;
esac
echo "installed postmortem $version ($target) in $dest/bin"
