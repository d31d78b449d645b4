#!/usr/bin/env bash
# Instructions per request of a server binary, counted by callgrind (not timed: the count is the
# same run after run, whatever else the machine does, so a change of a few per cent shows).
# Starts `BIN PORT` under callgrind with instrumentation off, warms it up with 2,000 keep-alive GETs,
# counts N more (CONN keep-alive connections, 10 unless set, `fixed_requests.py`), and prints
# instructions per request (Ir / N) and the callgrind file for `callgrind_annotate`. CONN=1 is
# ping-pong: the server's loop goes idle between requests, as in package-benchmark's loopback
# client. Loopback only; stops what it starts.
# Usage: [CONN=N] Benchmarks/callgrind.sh BIN [N] [PORT]
#   e.g. Benchmarks/callgrind.sh .build/release/squall-bench-server 20000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=$1 total=${2:-20000} port=${3:-18950} connections=${CONN:-10}
out=$(mktemp /tmp/callgrind.XXXXXX)
# Valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes ("Possibly corrupted debuginfo
# file"): it runs a copy without debug info (function names stay, from the symbol table).
copy="$out.$(basename "$bin")"
objcopy --strip-debug "$bin" "$copy"
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out" "$copy" "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
python3 "$here/fixed_requests.py" "$port" 2000 "$connections" >/dev/null
callgrind_control -i on "$pid" >/dev/null
python3 "$here/fixed_requests.py" "$port" "$total" "$connections" >/dev/null
callgrind_control -i off "$pid" >/dev/null
callgrind_control -d "$pid" >/dev/null
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT
rm -f "$copy"
# The dump holds the counted part; the file written at exit holds the rest (nothing counted).
dump=$(ls -t "$out".* 2>/dev/null | head -1)
ir=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$(basename "$bin"): $((ir / total)) instructions per request ($ir for $total; $dump)"
