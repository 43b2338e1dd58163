#!/usr/bin/env bash
# Makes sure the chart renderer exists: installs Debian's Go toolchain and packaged Sprig sources
# when they are missing, then builds tools/helm-render into tmp/helm-render (gitignored).
#
#   tools/helm-render/ensure-go.sh        # prints the binary's path on its last line
#
# Idempotent: with the packages present and the binary newer than its sources it returns in a few
# milliseconds. The first run on a fresh Debian machine runs `apt-get update` and installs
# golang-go + golang-github-masterminds-sprig-dev non-interactively (needs root, or password-less
# sudo). The build is offline: GOPATH mode against /usr/share/gocode, no module downloads.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out_dir="${HELM_RENDER_OUT_DIR:-$root/tmp}"
binary="$out_dir/helm-render"
gopath=/usr/share/gocode
sprig_src="$gopath/src/github.com/Masterminds/sprig"
yaml_src="$gopath/src/gopkg.in/yaml.v3"
packages=(golang-go golang-github-masterminds-sprig-dev)

say() { printf 'ensure-go: %s\n' "$*" >&2; }

have_toolchain() { command -v go >/dev/null 2>&1 && [ -d "$sprig_src" ] && [ -d "$yaml_src" ]; }

install_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get is not available on this machine, so Go and Sprig cannot be installed."
    say "Install them yourself (Debian/Ubuntu: apt-get install ${packages[*]}) and re-run, or run the chart tests on a Debian-based CI image."
    exit 1
  fi
  local run=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      run=(sudo -n)
    else
      say "installing ${packages[*]} needs root (or password-less sudo); run: apt-get install -y ${packages[*]}"
      exit 1
    fi
  fi
  say "installing ${packages[*]} with apt-get (first run only; about 90 MB of packages)"
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get update -qq >&2
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  if ! have_toolchain; then
    say "apt-get finished but go or the Sprig/yaml.v3 sources are still missing (expected $sprig_src and $yaml_src)"
    exit 1
  fi
}

up_to_date() {
  [ -x "$binary" ] || return 1
  local source
  for source in "$here/main.go" "$here/go.mod" "$here/ensure-go.sh"; do
    [ "$source" -nt "$binary" ] && return 1
  done
  return 0
}

if up_to_date && have_toolchain; then
  echo "$binary"
  exit 0
fi

mkdir -p "$out_dir"
# Several jest workers may call this at once: one installs and builds, the others wait and reuse.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$out_dir/.ensure-go.lock"
  flock 9
  if up_to_date && have_toolchain; then
    echo "$binary"
    exit 0
  fi
fi

have_toolchain || install_packages

say "building $binary ($(go version | awk '{print $3}'), GOPATH mode against $gopath)"
tmp_binary="$(mktemp "$out_dir/.helm-render.XXXXXX")"
trap 'rm -f "$tmp_binary"' EXIT
(
  cd "$here"
  GO111MODULE=off GOPATH="$gopath" GOFLAGS= GOPROXY=off GOCACHE="${GOCACHE:-$out_dir/go-build-cache}" \
    go build -o "$tmp_binary" .
)
mv -f "$tmp_binary" "$binary"
trap - EXIT
echo "$binary"
