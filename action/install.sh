#!/usr/bin/env bash
# Installs blindspot for the GitHub Action (action.yml).
#
# At a release tag (vMAJOR.MINOR.PATCH) it downloads that release's archive
# for the runner's system and verifies it against the release's
# checksums.txt; anything else (a branch, a commit, the action used from a
# local path) builds the action's own source. The Go toolchain used for
# that is never put on the caller's PATH.
#
# Environment: ACTION_REF (the action's ref), ACTION_PATH (its checkout),
# RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT; BLINDSPOT_RELEASES
# overrides the download URL (tests).
# Writes path=<binary> to $GITHUB_OUTPUT.
set -euo pipefail

releases="${BLINDSPOT_RELEASES:-https://github.com/blindspot-iac/blindspot/releases/download}"
dest="$RUNNER_TEMP/blindspot-bin"
mkdir -p "$dest"

case "$RUNNER_OS" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) echo "::error title=blindspot::unsupported runner OS $RUNNER_OS"; exit 1 ;;
esac
case "$RUNNER_ARCH" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) echo "::error title=blindspot::unsupported runner architecture $RUNNER_ARCH"; exit 1 ;;
esac
exe=blindspot
[ "$os" = windows ] && exe=blindspot.exe

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

download() { # url file
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"
}

if [[ "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  tag="$ACTION_REF"
  version="${tag#v}"
  archive="blindspot_${version}_${os}_${arch}.tar.gz"
  [ "$os" = windows ] && archive="blindspot_${version}_${os}_${arch}.zip"
  work="$(mktemp -d "$RUNNER_TEMP/blindspot-download.XXXXXX")"
  echo "Downloading blindspot $tag ($archive)"
  download "$releases/$tag/$archive" "$work/$archive"
  download "$releases/$tag/checksums.txt" "$work/checksums.txt"
  want="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$work/checksums.txt")"
  got="$(sha256 "$work/$archive")"
  if [ -z "$want" ]; then
    echo "::error title=blindspot::checksums.txt of $tag does not list $archive"
    exit 1
  fi
  if [ "$want" != "$got" ]; then
    echo "::error title=blindspot::checksum mismatch for $archive: checksums.txt says $want, the download is $got"
    exit 1
  fi
  echo "Checksum verified: $got"
  case "$archive" in
    *.zip) unzip -q -o "$work/$archive" "$exe" -d "$dest" ;;
    *) tar -xzf "$work/$archive" -C "$dest" "$exe" ;;
  esac
  rm -rf "$work"
else
  echo "The action is used at '${ACTION_REF:-a local path}', not a release tag: building blindspot from its source"
  cd "$ACTION_PATH"
  want_go="go$(awk '$1 == "go" { print $2; exit }' go.mod)"
  if command -v go >/dev/null 2>&1; then
    # A go command of 1.21 or later fetches the toolchain go.mod asks
    # for (verified against the checksum database) without touching PATH.
    go_cmd=(env GOTOOLCHAIN="$want_go+auto" go)
  else
    # No Go on the runner: unpack the toolchain under RUNNER_TEMP, checked
    # against the checksum go.dev publishes, and call it by its path.
    ext=tar.gz
    [ "$os" = windows ] && ext=zip
    file="$want_go.$os-$arch.$ext"
    work="$(mktemp -d "$RUNNER_TEMP/blindspot-go.XXXXXX")"
    download "https://go.dev/dl/?mode=json&include=all" "$work/index.json"
    want="$(jq -r --arg f "$file" '.[].files[] | select(.filename == $f) | .sha256' "$work/index.json")"
    download "https://go.dev/dl/$file" "$work/$file"
    got="$(sha256 "$work/$file")"
    if [ -z "$want" ] || [ "$want" != "$got" ]; then
      echo "::error title=blindspot::checksum mismatch for $file (go.dev says '${want}', the download is $got)"
      exit 1
    fi
    case "$ext" in
      zip) unzip -q "$work/$file" -d "$work" ;;
      *) tar -xzf "$work/$file" -C "$work" ;;
    esac
    go_cmd=(env GOTOOLCHAIN=local "$work/go/bin/go")
  fi
  ldflags=""
  if [[ "${ACTION_REF:-}" =~ ^[0-9a-f]{40}$ ]]; then
    ldflags="-X main.commit=$ACTION_REF"
  fi
  CGO_ENABLED=0 "${go_cmd[@]}" build -trimpath -ldflags "$ldflags" -o "$dest/$exe" ./cmd/blindspot
fi

"$dest/$exe" version
echo "path=$dest/$exe" >> "$GITHUB_OUTPUT"
