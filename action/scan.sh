#!/usr/bin/env bash
# Runs the scan of the GitHub Action (action.yml): one blindspot run that
# writes the SARIF file, the annotations (stdout), the job summary and a
# JSON report for the outputs.
#
# Environment: BLINDSPOT (the binary), PATHS and ARGS (one per line; no
# word splitting), WORKING_DIRECTORY, FAIL_ON, FAIL_ON_INCOMPLETE,
# SARIF_FILE, ANNOTATIONS, CATEGORY, and the runner's GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_WORKFLOW, GITHUB_JOB, RUNNER_TEMP.
# Writes sarif-file, findings, exit-code and category to $GITHUB_OUTPUT.
set -uo pipefail

# Written for bash 3.2 too (macOS runners' /bin/bash).

truthy() { case "$1" in true | True | TRUE | yes | on | 1) return 0 ;; *) return 1 ;; esac; }

# lines TEXT: the non-empty lines of TEXT into the array LINES, each one
# argument as written (a trailing CR from a Windows checkout removed).
lines() {
  LINES=()
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*$ ]] && continue
    LINES+=("$line")
  done <<< "$1"
}

cd "${WORKING_DIRECTORY:-.}" || { echo "::error title=blindspot::working-directory ${WORKING_DIRECTORY} does not exist"; exit 2; }

lines "${PATHS:-}"
paths=(${LINES[@]+"${LINES[@]}"})
lines "${ARGS:-}"
args=(${LINES[@]+"${LINES[@]}"})
[ ${#paths[@]} -eq 0 ] && paths=(.)

sarif="${SARIF_FILE:-blindspot.sarif}"
# The directory as the operating system names it (Git Bash on Windows
# names it /d/a/..., which other steps cannot open).
here="$(pwd -W 2>/dev/null || pwd)"
case "$sarif" in /* | [A-Za-z]:[\\/]*) ;; *) sarif="$here/$sarif" ;; esac
work="$(mktemp -d "$RUNNER_TEMP/blindspot-scan.XXXXXX")"
json="$work/report.json"
text="$work/report.txt"
summary="$work/summary.md"

# The checkout is the scan root: what the scanned code names (modules,
# nested stacks, file()) is read only inside it.
flags=(--root . --format "sarif=$sarif" --format "json=$json" --format "summary=$summary" --fail-on "${FAIL_ON:-low}")
if truthy "${ANNOTATIONS:-true}"; then
  flags+=(--format github --format "text=$text")
else
  flags+=(--format text)
fi
truthy "${FAIL_ON_INCOMPLETE:-true}" && flags+=(--fail-on-incomplete)

"$BLINDSPOT" scan "${flags[@]}" ${args[@]+"${args[@]}"} -- "${paths[@]}"
code=$?
# The readable report goes to the log too.
[ -f "$text" ] && cat "$text"

findings=0
if [ -s "$json" ]; then
  findings="$(jq -r '.summary.findings' "$json")"
fi
if [ -s "$summary" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
fi

# The code scanning category: as given, or one per workflow, job and scan
# (working directory, paths, arguments), so that the jobs of a matrix that
# scan different things do not replace each other's results.
category="${CATEGORY:-}"
if [ -z "$category" ]; then
  key="$(printf '%s\n' "${WORKING_DIRECTORY:-.}" "${paths[@]}" -- ${args[@]+"${args[@]}"} | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-8)"
  category="blindspot/${GITHUB_WORKFLOW:-workflow}/${GITHUB_JOB:-job}/$key"
fi

{
  echo "sarif-file=$sarif"
  echo "findings=$findings"
  echo "exit-code=$code"
  echo "category=$category"
} >> "$GITHUB_OUTPUT"
rm -rf "$work"
exit 0
