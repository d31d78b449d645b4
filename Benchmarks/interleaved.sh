#!/usr/bin/env bash
# Squall against raw SwiftNIO, Hummingbird 2 and Tornado (hello world, keep-alive, 50 connections),
# interleaved: each round starts each server fresh and runs the same wrk load, so a machine
# whose speed drifts (this VM's raw SwiftNIO varies from 41k to 63k requests/s between runs)
# moves all of them alike; the order rotates from round to round. Prints each round, then the
# medians and the median of the per-round ratios. Loopback only; stops everything it starts.
# Usage: Benchmarks/interleaved.sh [ROUNDS] [SECONDS]   (needs wrk, curl, `pip install tornado`;
# takes about ROUNDS × 4 × SECONDS)
# PIN=1 gives the per-core figure: each server pinned to core 0 and wrk to core 1 (`taskset`),
# so no server borrows the load generator's core and every event loop of every server shares
# one core (on this 2-core VM, the fairer comparison of work per request).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# shellcheck source=load-round.sh
source ./load-round.sh
rounds=${1:-6}
seconds=${2:-5}
swift build -c release --product squall-bench-server >/dev/null
swift build -c release --product raw-nio-server >/dev/null
swift build -c release --product hummingbird-server >/dev/null
bin=$(swift build -c release --show-bin-path)
set_pinning
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
port=18870
results=$(mktemp)
servers=(squall-bench-server raw-nio-server hummingbird-server tornado)
for round in $(seq "$rounds"); do
  # Each round starts with another server: on this VM the one run right after another runs
  # slower or faster by up to a fifth, so a fixed order would bias the ratios.
  shift_by=$(((round - 1) % ${#servers[@]}))
  for server in "${servers[@]:shift_by}" "${servers[@]:0:shift_by}"; do
    if [ $server = tornado ]; then
      load_round $port "$seconds" ${pin_server[@]+"${pin_server[@]}"} python3 tornado_server.py
    else
      load_round $port "$seconds" ${pin_server[@]+"${pin_server[@]}"} "$bin/$server"
    fi
    echo "round $round  $server  $rps req/s  p99 $p99"
    echo "$round $server $rps $p99" >>"$results"
    port=$((port + 1))
  done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def ms(text):  # wrk prints 812.00us, 2.10ms or 1.02s
    for unit, scale in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if text.endswith(unit): return float(text[: -len(unit)]) * scale
by = {}
for r, server, rps, p99 in rows:
    by.setdefault(int(r), {})[server] = (float(rps), ms(p99))
def median(server, i): return statistics.median(v[server][i] for v in by.values())
print()
for server in ("squall-bench-server", "raw-nio-server", "hummingbird-server", "tornado"):
    print(f"{server:20} median {median(server, 0):9.0f} req/s  p99 {median(server, 1):.2f} ms")
for other in ("raw-nio-server", "hummingbird-server", "tornado"):
    rate = statistics.median(v["squall-bench-server"][0] / v[other][0] for v in by.values())
    tail = statistics.median(v["squall-bench-server"][1] / v[other][1] for v in by.values())
    print(f"Squall / {other}: requests/s {rate:.2f}×, p99 {tail:.2f}× (medians of the per-round ratios)")
PY
rm -f "$results"

# The client the same way: Squall's AsyncHTTPClient and raw async-http-client, alternating,
# fetching raw SwiftNIO's hello world at concurrency 1 and 50.
swift build -c release --product client-bench >/dev/null
"$bin/raw-nio-server" $port >/dev/null 2>&1 & pid=$!
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.05; done
clients=$(mktemp)
for round in $(seq "$rounds"); do
  for c in 1 50; do
    # Alternating which goes first, for the same reason as the servers' rotation.
    order="squall raw"
    [ $((round % 2)) = 0 ] && order="raw squall"
    for client in $order; do
      echo "$round $c $client $("$bin/client-bench" $client "http://127.0.0.1:$port/" $c "$seconds" | awk '{print $3}')" >>"$clients"
    done
  done
done
kill $pid; wait $pid 2>/dev/null || true; pid=""
python3 - "$clients" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for c in ("1", "50"):
    pairs = {}
    for r, conc, client, rps in rows:
        if conc == c: pairs.setdefault(r, {})[client] = float(rps)
    ratio = statistics.median(v["squall"] / v["raw"] for v in pairs.values())
    print(f"client, concurrency {c}: Squall {statistics.median(v['squall'] for v in pairs.values()):.0f} req/s, "
          f"raw async-http-client {statistics.median(v['raw'] for v in pairs.values()):.0f}: {ratio:.2f}× (median of per-round ratios)")
PY
rm -f "$clients"
