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
# Page tests (browser client, storage dashboard) drive Debian's Chromium; nothing downloads a browser.
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
# The storage tests start throwaway PostgreSQL servers (initdb, pg_ctl): on PATH or in Debian's own directory.
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt_missing+=(postgresql)
fi
# The Redis tests start throwaway redis-server processes of their own (own port, data directory, AOF on).
command -v redis-server >/dev/null 2>&1 || apt_missing+=(redis-server)
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

# --- browser client (clients/js): built before the server, which then ships it as /herald.js ---
js_built=0
if command -v npm >/dev/null 2>&1; then
  echo "== clients/js: npm ci && npm run build"
  if (cd clients/js && npm ci --no-audit --no-fund && npm run build) >"$results/js-build.log" 2>&1; then
    js_built=1
  else
    echo "!! clients/js build failed (see test-results/js-build.log)"
    failed=$((failed + 1))
  fi
else
  echo "!! npm is missing: the browser client is not built and /herald.js answers 404"
fi

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
    fp = ff = 0
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 'passed="%d"' % a in m.group(0): fp, ff = a, b
        else: fp, ff = b, a
    # A test host that crashed leaves a run marked Failed whose counters cover only the tests
    # before the crash, none of them failed: that run is a failure, not a smaller pass.
    summary = re.search(r'<ResultSummary outcome="(\w+)"', text)
    if summary and summary.group(1) not in ("Completed", "Passed") and ff == 0:
        print(f"!! {path}: the test run ended {summary.group(1)} with no failed test (a test host crash?)", file=sys.stderr)
        ff = 1
    p += fp; f += ff
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

# --- browser client tests: node --test against the built server, and one Chromium page -----
if [ "$js_built" = 1 ]; then
  echo "== clients/js: npm test"
  (cd clients/js && HERALD_SERVER_DLL="$root/src/Herald.Server/bin/Debug/net10.0/Herald.Server.dll" \
    HERALD_CLI_DLL="$root/src/Herald.Cli/bin/Debug/net10.0/herald.dll" npm test) >"$results/js-test.log" 2>&1
  js_pass=$(grep -E '^# pass [0-9]+$' "$results/js-test.log" | tail -n 1 | awk '{print $3}')
  js_fail=$(grep -E '^# fail [0-9]+$' "$results/js-test.log" | tail -n 1 | awk '{print $3}')
  # Tests skip only when Chromium or the CLI is missing, and this script provides both: a skip here is a failure.
  js_skip=$(grep -E '^# skipped [0-9]+$' "$results/js-test.log" | tail -n 1 | awk '{print $3}')
  js_fail=$(( ${js_fail:-0} + ${js_skip:-0} ))
  grep -E '^(not ok|# (pass|fail|skipped) )' "$results/js-test.log"
  if [ -z "$js_pass" ]; then
    echo "!! no node test results (see test-results/js-test.log)"
    failed=$((failed + 1))
  else
    passed=$((passed + js_pass))
    failed=$((failed + ${js_fail:-0}))
  fi
fi

# --- NuGet packages: pack the solution, then fresh apps install and run them ----------------
# One pass/fail each: the pack, and test/packages/run.sh (a fresh web app with Herald.AspNetCore
# and a fresh console app with Herald.Client, restored from the packed folder feed).
echo "== dotnet pack"
if dotnet pack Herald.slnx --no-build -c Debug -nologo -v quiet -o "$results/packages" >"$results/pack.log" 2>&1 \
    && ls "$results"/packages/Herald.*.nupkg >/dev/null 2>&1; then
  passed=$((passed + 1))
  echo "== packages in fresh apps"
  if test/packages/run.sh "$results/packages" "$results/package-apps" 2>&1 | tee "$results/package-apps.log" | tail -n 3; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    passed=$((passed + 1))
  else
    echo "!! the packed packages do not work in a fresh app (see test-results/package-apps.log)"
    failed=$((failed + 1))
  fi
else
  echo "!! dotnet pack failed (see test-results/pack.log)"
  failed=$((failed + 2))
fi

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
