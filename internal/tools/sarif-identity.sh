#!/usr/bin/env bash
# sarif-identity.sh checks that a build of this checkout reports exactly what
# a reference build reports: SARIF and JSON (with --show-unknown), the
# diagnostics on stderr and the exit status, byte for byte, on the perf
# corpus and the real-world corpus, and the same again with --jobs 1.
# Optimisations must keep all of it identical; run it before committing a
# change on the hot path.
#
# Usage:
#   internal/tools/sarif-identity.sh [-ref REV | -bin BINARY] [DIR...]
#
#   -ref REV     build the reference from git revision REV (default HEAD, so
#                that uncommitted changes are compared with the last commit)
#   -bin BINARY  use an already built reference binary instead
#   DIR...       directories to scan (default: ../shared/corpus/perf and
#                each directory of ../shared/corpus/realworld)
#
# Exits 0 when everything is identical, 1 when something differs (the
# differing files are kept and named), 2 on a usage or build error.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
ref=HEAD
refbin=
while [ $# -gt 0 ]; do
  case "$1" in
    -ref) ref=$2; shift 2 ;;
    -bin) refbin=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) echo "sarif-identity: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  shared=$(cd "$repo/.." && pwd)/shared/corpus
  [ -d "$shared/perf" ] || { echo "sarif-identity: $shared/perf not found; name the directories to scan" >&2; exit 2; }
  dirs=("$shared/perf")
  for d in "$shared"/realworld/*/; do dirs+=("${d%/}"); done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sarif-identity.XXXXXX")
cleanup_worktree=
cleanup() {
  if [ -n "$cleanup_worktree" ]; then git -C "$repo" worktree remove --force "$cleanup_worktree" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "building this checkout" >&2
(cd "$repo" && go build -o "$work/new" ./cmd/blindspot) || exit 2
if [ -z "$refbin" ]; then
  echo "building the reference at $ref" >&2
  rev=$(git -C "$repo" rev-parse --verify "$ref^{commit}") || exit 2
  cleanup_worktree="$work/ref-src"
  git -C "$repo" worktree add --detach "$cleanup_worktree" "$rev" >/dev/null 2>&1 || { echo "sarif-identity: cannot check out $ref" >&2; exit 2; }
  (cd "$cleanup_worktree" && go build -o "$work/ref" ./cmd/blindspot) || exit 2
  cleanup
  cleanup_worktree=
  refbin="$work/ref"
fi

# scan BIN DIR OUT [ARGS...] writes OUT.sarif, OUT.json, OUT.stderr and
# OUT.code; the SARIF run's stderr and exit status are the ones kept.
scan() {
  local bin=$1 dir=$2 out=$3; shift 3
  local code=0
  (cd "$dir" && "$bin" scan . --format sarif --output "$out.sarif" --show-unknown "$@" 2>"$out.stderr") || code=$?
  echo "$code" >"$out.code"
  (cd "$dir" && "$bin" scan . --format json --output "$out.json" --show-unknown "$@" 2>/dev/null) || true
}

status=0
for dir in "${dirs[@]}"; do
  dir=$(cd "$dir" && pwd)
  name=$(basename "$dir")
  echo "scanning $dir" >&2
  scan "$refbin" "$dir" "$work/$name.ref"
  scan "$work/new" "$dir" "$work/$name.new"
  scan "$work/new" "$dir" "$work/$name.new-jobs1" --jobs 1
  for kind in sarif json stderr code; do
    for other in new new-jobs1; do
      if ! cmp -s "$work/$name.ref.$kind" "$work/$name.$other.$kind"; then
        echo "DIFFERENT: $name $kind ($other): $work/$name.ref.$kind $work/$name.$other.$kind" >&2
        status=1
      fi
    done
  done
done
if [ $status -eq 0 ]; then
  echo "identical: SARIF, JSON, diagnostics and exit status of ${#dirs[@]} directories, with the default jobs and --jobs 1" >&2
  rm -rf "$work"
else
  echo "outputs kept in $work" >&2
fi
exit $status
