#!/usr/bin/env bash
# Builds every fuzz harness with libFuzzer and AddressSanitizer and runs each for SECONDS
# (default 10) over its committed corpus (Fuzz/Corpus/NAME: every input that ever failed, and
# seeds). New inputs libFuzzer finds go to .build-fuzz/corpus/NAME, crashes and failed
# properties to .build-fuzz/crashes/. Exit status 1 when any harness fails.
#
#   Fuzz/run.sh            # 10 seconds each (CI runs 5)
#   Fuzz/run.sh 1800 json  # half an hour of the JSON harness alone
#   FUZZ_JOBS=2 Fuzz/run.sh 1800   # two harnesses at a time (one per core)
#   FUZZ_SEED=1 FUZZ_RUNS=20000 Fuzz/run.sh 60   # the same inputs every time (CI's smoke run)
#
# Each harness is one Swift file (Fuzz/Harnesses/NAME.swift) compiled with the package sources
# it checks into one module named Squall (from copies without their `import Squall…` lines, the
# files coming from several targets), so no package dependency is rebuilt with the sanitizers.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
only=${2:-}
jobs=${FUZZ_JOBS:-1}
# A seed and a number of inputs make a run repeatable: CI's smoke run must not find today what
# it did not find yesterday on the same code (a long run is for finding).
extra=()
[ -n "${FUZZ_SEED:-}" ] && extra+=("-seed=$FUZZ_SEED")
[ -n "${FUZZ_RUNS:-}" ] && extra+=("-runs=$FUZZ_RUNS")
out=.build-fuzz
mkdir -p "$out/bin" "$out/corpus" "$out/crashes" "$out/logs"

S=Sources/Squall
V=Sources/SquallValues
R=Sources/SquallRequests
# The request files' target with what it uses (the check grammar, the values it reads).
requests="$(ls Sources/SquallRequests/*.swift Sources/SquallRequests/*/*.swift Sources/SquallChecks/*/*.swift | tr '\n' ' ') $V/HTTPMethods.swift $V/JSONCheck.swift $V/JSONPaths.swift $V/URLCheck.swift $V/PlainHTTPURL.swift $V/TerminalSafe.swift $V/NumberOption.swift"
declare -A sources=(
  [url]="$V/URLCheck.swift $V/PlainHTTPURL.swift"
  [json]="$V/JSONCheck.swift $V/JSONReindent.swift $V/JSONPaths.swift"
  [shellwords]="$R/ShellWords.swift"
  [curl]="$requests"
  [query]="$R/QueryParameters.swift $R/RequestSpec.swift"
  [forms]="$S/HTTP/FormArguments.swift $S/HTTP/Multipart.swift $S/HTTP/CookieParser.swift $V/TerminalSafe.swift"
  [scanner]="$S/Server/RequestLineScanner.swift"
  [requestspec]="$requests"
  [lesson]="$(ls Sources/SquallLessons/*.swift Sources/SquallChecks/*/*.swift Sources/SquallRequests/*.swift Sources/SquallRequests/*/*.swift | tr '\n' ' ') $V/ExampleApp.swift $V/JSONCheck.swift $V/JSONPaths.swift $V/HTTPMethods.swift $V/URLCheck.swift $V/PlainHTTPURL.swift $V/TerminalSafe.swift $V/NumberOption.swift $V/WireFault.swift"
  [imports]="$requests"
  [checks]="$(ls Sources/SquallChecks/*/*.swift | tr '\n' ' ') $V/JSONCheck.swift $V/JSONPaths.swift"
  [har]="Sources/SquallPlaygroundCore/Panes/Log/HAR.swift Sources/SquallPlaygroundCore/Panes/Log/LogEntry.swift Sources/SquallPlaygroundCore/Panes/Log/LogDetails.swift Sources/SquallPlaygroundCore/Panes/Log/WebSocketLog.swift $V/JSONCheck.swift $V/TerminalSafe.swift $V/WebSocketNames.swift"
  [byterange]="$S/HTTP/ByteRange.swift $S/HTTP/Multipart.swift $S/HTTP/FormArguments.swift $V/TerminalSafe.swift"
  [keys]="Sources/SquallPlaygroundCore/Keys/Key.swift Sources/SquallPlaygroundCore/Keys/KeyDecoder.swift"
  [wiredump]="$V/WireDump.swift $V/TerminalSafe.swift"
  [websocket]="$S/WebSocket/WebSocketFrameValue.swift $S/WebSocket/WebSocketStateMachine.swift $S/WebSocket/WebSocketHandshake.swift $S/WebSocket/WebSocketURL.swift"
)
names=(url json shellwords curl query forms scanner requestspec lesson checks imports har byterange keys wiredump websocket)
[ -n "$only" ] && names=("$only")

build() {
  local name=$1
  local binary="$out/bin/$name"
  local inputs="Fuzz/Harnesses/Common.swift Fuzz/Harnesses/$name.swift ${sources[$name]}"
  # Rebuild only when a source changed.
  if [ -x "$binary" ] && [ -z "$(find $inputs -newer "$binary" 2>/dev/null)" ]; then return 0; fi
  # The files of several package targets become one module here: their imports of each other
  # (`import SquallValues`) are dropped from copies, and `package` access gets a package name.
  local copies="$out/src/$name"
  rm -rf "$copies" && mkdir -p "$copies"
  local compiled=()
  for input in $inputs; do
    local copy
    copy="$copies/$(echo "$input" | tr '/' '_')"
    sed -E '/^(@testable )?import Squall[A-Za-z]*$/d' "$input" >"$copy"
    compiled+=("$copy")
  done
  swiftc -sanitize=fuzzer,address -parse-as-library -module-name Squall -package-name squall -O -g \
    -suppress-warnings "${compiled[@]}" -o "$binary" 2>"$out/logs/$name.build"
}

run() {
  local name=$1
  mkdir -p "$out/corpus/$name" "Fuzz/Corpus/$name"
  local log="$out/logs/$name.log"
  # The Swift backtracer faults under ASan; libFuzzer reports the crash itself.
  if SWIFT_BACKTRACE=enable=no "$out/bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$name-" "${extra[@]}" \
    "$out/corpus/$name" "Fuzz/Corpus/$name" >"$log" 2>&1; then
    local runs
    # -a: a log another run wrote into at the same time may hold NULs.
    runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $name: ok, $runs inputs"
  else
    echo "fuzz $name: FAILED (log: $log; input: $(ls -t "$out/crashes/$name-"* 2>/dev/null | head -1))"
    grep -m3 -E 'property failed|ERROR: |Fatal error' "$log" || tail -5 "$log"
    return 1
  fi
}

# Builds run side by side, one per core (each swiftc is mostly one thread): on this 2-core
# machine that halves the smoke run's longest part.
build_jobs=${FUZZ_BUILD_JOBS:-$(nproc 2>/dev/null || echo 1)}
for name in "${names[@]}"; do
  [ -n "${sources[$name]:-}" ] || { echo "fuzz: no harness named '$name' (${!sources[*]})"; exit 2; }
done
building=()
for name in "${names[@]}"; do
  build "$name" &
  building+=("$!:$name")
  if [ "${#building[@]}" -ge "$build_jobs" ]; then
    first=${building[0]}
    building=("${building[@]:1}")
    wait "${first%%:*}" || { echo "fuzz ${first#*:}: build failed:"; cat "$out/logs/${first#*:}.build"; exit 1; }
  fi
done
for entry in "${building[@]}"; do
  wait "${entry%%:*}" || { echo "fuzz ${entry#*:}: build failed:"; cat "$out/logs/${entry#*:}.build"; exit 1; }
done

failed=0
running=0
for name in "${names[@]}"; do
  run "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" -eq 0 ] && echo "fuzz: ${#names[@]} passed, 0 failed" || echo "fuzz: some harness failed"
exit "$failed"
