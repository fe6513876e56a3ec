#!/usr/bin/env bash
# Replaces the figures block of docs/benchmarks.md (between <!-- figures:begin --> and <!-- figures:end -->)
# with the machine description and the given per-scenario sections (bench/results/<run>.md, written by each run),
# and copies each run's JSON and HTML report to docs/benchmarks/.
#   bench/update-docs.sh bench/results/<run1>.md bench/results/<run2>.md ...
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DOC="$ROOT/docs/benchmarks.md"
[ $# -ge 1 ] || { echo "usage: $0 <section.md>..." >&2; exit 2; }
grep -q '<!-- figures:begin -->' "$DOC" && grep -q '<!-- figures:end -->' "$DOC" || { echo "$DOC has no figures markers" >&2; exit 1; }

# The JSON and HTML of each section go next to the doc, so the figures can be checked from the repository.
mkdir -p "$ROOT/docs/benchmarks"
rm -f "$ROOT/docs/benchmarks/"*.json "$ROOT/docs/benchmarks/"*.html
for section in "$@"; do
  cp "${section%.md}.json" "${section%.md}.html" "$ROOT/docs/benchmarks/"
done

block="$(mktemp)"
{
  echo '<!-- figures:begin -->'
  echo "## Figures ($(date '+%Y-%m-%d'))"
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)," \
    "$(dotnet --version | sed 's/^/.NET SDK /'), node $(node --version), open-file limit $(ulimit -Hn)."
  echo "Server pinned to CPU 0 (unless a section says unpinned) and generator to CPU 1 with taskset, both at nice -20. Each section names the command"
  echo "that produced it (\`bench/run.sh all\` runs them all) and links its JSON and HTML report (charts)."
  echo
  for section in "$@"; do
    # A restart run gets its own heading; its targets are in its command line.
    heading=""
    case "$section" in *-restart.md) heading=" (restart)" ;; esac
    # A fan-out run with --batch N publishes bursts of N events per request: the coalescing case.
    burst="$(grep -m1 -oE -- '--batch [0-9]+' "$section" | cut -d' ' -f2 || true)"
    [ -n "$burst" ] && [ "$burst" -gt 1 ] && heading=" (bursts of $burst)"
    # A steady run is named by its size; --server-cpus '' ran the server on every core.
    clients="$(grep -m1 -oE -- '--clients [0-9]+' "$section" | cut -d' ' -f2 || true)"
    case "$section" in *-steady.md) heading=" ($clients subscribers)" ;; esac
    if grep -q -- "--server-cpus ''" "$section"; then
      if [ -n "$heading" ]; then heading="${heading%)}, server unpinned)"; else heading=" (server unpinned)"; fi
    fi
    sed -E -e 's#results `bench/results/([^`]*)\.json`#[JSON](benchmarks/\1.json), [HTML report](benchmarks/\1.html)#' \
      -e "1s/^(### [a-z]+)\$/\1$heading/" "$section"
  done
  echo '<!-- figures:end -->'
} >"$block"

out="$(mktemp)"
awk -v block="$block" '
  /<!-- figures:begin -->/ { while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- figures:end -->/ { skip = 0; next }
  !skip { print }
' "$DOC" >"$out"
mv "$out" "$DOC"
rm -f "$block"
echo "updated $DOC with $# section(s)"
