#!/usr/bin/env bash
# Every test: installs what a fresh machine lacks, builds, runs all test projects and the
# benchmark harness smoke run, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"

# --- what a fresh machine lacks -------------------------------------------------------
apt_missing=()
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing: ${apt_missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  else
    echo "!! missing ${apt_missing[*]} and not root: install them first" >&2
  fi
fi

passed=0
failed=0
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

# --- build ----------------------------------------------------------------------------
echo "== build"
if ! dotnet build Herald.slnx -c Debug -nologo -v quiet 2>&1 | tee "$results/build.log" | grep -E " error |Build succeeded|Time Elapsed" ; then
  :
fi
if grep -q " error " "$results/build.log"; then
  echo "!! build failed (see test-results/build.log)"
  failed=$((failed + 1))
  finish
fi

# --- test projects --------------------------------------------------------------------
echo "== tests"
dotnet test Herald.slnx --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true 2>&1 | tee "$results/test.log"
counts=$(python3 - "$results" <<'PY'
import sys, glob, re
p = f = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*\bpassed="(\d+)"[^>]*\bfailed="(\d+)"', text) or re.search(r'<Counters [^>]*\bfailed="(\d+)"[^>]*\bpassed="(\d+)"', text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 'passed="%d"' % a in m.group(0): p += a; f += b
        else: f += a; p += b
print(p, f)
PY
)
read -r tp tf <<<"${counts:-0 0}"
if [ "${tp:-0}" -eq 0 ] && [ "${tf:-0}" -eq 0 ]; then
  echo "!! no test results were found"
  failed=$((failed + 1))
fi
passed=$((passed + ${tp:-0}))
failed=$((failed + ${tf:-0}))

# --- benchmark harness smoke (checks that the harness works, not how fast) ---------------
if [ -x bench/smoke.sh ]; then
  echo "== bench smoke"
  if bench/smoke.sh 2>&1 | tee "$results/bench-smoke.log" | tail -n 5; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    passed=$((passed + 1))
  else
    echo "!! bench smoke failed (see test-results/bench-smoke.log)"
    failed=$((failed + 1))
  fi
fi

finish
