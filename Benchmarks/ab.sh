#!/usr/bin/env bash
# Two or more server binaries (each taking its port as first argument) under the same load,
# interleaved in rotating order, for an A/B of one change: hello world, keep-alive, 50
# connections. Prints each run and the median of each binary's ratio to the last one given.
# Usage: [PIN=1] Benchmarks/ab.sh ROUNDS SECONDS BIN... (loopback only; stops what it starts)
# Example: build squall-bench-server before and after a change, copy both, and run
#   Benchmarks/ab.sh 6 5 /tmp/squall-after /tmp/squall-before /tmp/raw-nio-server
set -euo pipefail
# shellcheck source=load-round.sh
source "$(dirname "$0")/load-round.sh"
rounds=$1 seconds=$2
shift 2
servers=("$@")
set_pinning
port=18990
results=$(mktemp)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
  shift_by=$(((round - 1) % ${#servers[@]}))
  for server in "${servers[@]:shift_by}" "${servers[@]:0:shift_by}"; do
    load_round $port "$seconds" ${pin_server[@]+"${pin_server[@]}"} "$server"
    echo "round $round  $server  $rps req/s"
    echo "$round $server $rps" >>"$results"
    port=$((port + 1))
  done
done
python3 - "$results" "${servers[-1]}" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
base = sys.argv[2]
by = {}
for r, server, rps in rows: by.setdefault(r, {})[server] = float(rps)
for server in dict.fromkeys(s for _, s, _ in rows):
    if server == base: continue
    ratios = [v[server] / v[base] for v in by.values() if server in v and base in v]
    print(f"{server}: median {statistics.median(ratios):.3f} of {base} over {len(ratios)} rounds")
PY
