#!/usr/bin/env bash
# Idle WebSockets on one event loop: Squall (`squall-bench-server --loops 1`), raw SwiftNIO
# (`raw-nio-ws-server`, NIOWebSocketServerUpgrader, one loop) and Tornado 6 (the echo app's
# EchoWebSocket, Tutorials/Python/echo_app.py), each echoing on `/ws`. Each round starts every
# server fresh on its own loopback port, opens CONNECTIONS idle WebSockets to it (`ws_idle.py`:
# the server's VmRSS before and after, then 200 echoes over one more connection while they are
# all open), closes them and stops the server; the order rotates from round to round. Prints
# each round, then a table of the medians, with the median of the per-round ratios to raw
# SwiftNIO. Loopback only; stops everything it starts; about 1 to 2 minutes for 10,000 × 3.
# Usage: Benchmarks/ws_idle.sh [CONNECTIONS] [ROUNDS]   (defaults 10000 and 3; needs
# `pip install tornado`, taskset, and about CONNECTIONS file descriptors: ulimit -Hn)
# The echo's latency depends on where the client and the server run: on this 2-core VM one
# round trip takes about 18 µs when both share a core and 40 to 50 µs across cores (the wake-up
# crosses CPUs), and unpinned runs land on either at random. So by default both are pinned to
# core 0 (PIN=same); PIN=split puts the server on core 0 and the client on core 1; PIN=none
# leaves it to the scheduler.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
connections=${1:-10000}
rounds=${2:-3}
python3 -c 'import tornado' || { echo "tornado is missing: pip install tornado" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is missing: apt-get install util-linux" >&2; exit 1; }

echo "Building (release)…" >&2
swift build -c release --product squall-bench-server >/dev/null
swift build -c release --product raw-nio-ws-server >/dev/null
bin=$(swift build -c release --show-bin-path)

pid=""
results=$(mktemp)
log=$(mktemp)  # the servers' stderr: shown when one does not start
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -f "$results" "$log"
}
trap cleanup EXIT
port=19620  # one port per server start, counting up (run.sh: 18820, interleaved.sh: 18870)

alive() { case $(ps -o stat= -p "$1" 2>/dev/null || true) in "" | Z*) return 1 ;; esac; }
start() { # start NAME: the server NAME on $port, waiting (bounded) until a handshake to /ws succeeds
  # A port still held (by a server left over from an earlier run) would answer the probe for
  # a server that failed to bind: refuse it instead.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken: $(ss -ltnpH "sport = :$port" 2>/dev/null)" >&2
    exit 1
  fi
  case $1 in
    Squall) ${pin_server[@]+"${pin_server[@]}"} "$bin/squall-bench-server" $port --loops 1 >/dev/null 2>"$log" & ;;
    raw-SwiftNIO) ${pin_server[@]+"${pin_server[@]}"} "$bin/raw-nio-ws-server" $port >/dev/null 2>"$log" & ;;
    Tornado) ${pin_server[@]+"${pin_server[@]}"} python3 ../Tutorials/Python/echo_app.py $port >/dev/null 2>"$log" & ;;
  esac
  pid=$!
  for _ in $(seq 100); do
    alive "$pid" || break
    python3 ws_idle.py --port $port --probe && alive "$pid" && return
    sleep 0.1
  done
  echo "$1 did not start on port $port:" >&2
  cat "$log" >&2
  exit 1
}
stop() { # SIGTERM, then (after 10 s) SIGKILL; a zombie counts as gone
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    alive "$pid" || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  port=$((port + 1))
}

case ${PIN:-same} in
  same) pin_server=(taskset -c 0) pin_client=(taskset -c 0) placement="server and client pinned to core 0" ;;
  split) pin_server=(taskset -c 0) pin_client=(taskset -c 1) placement="server on core 0, client on core 1" ;;
  none) pin_server=() pin_client=() placement="unpinned" ;;
  *) echo "PIN is same, split or none" >&2; exit 1 ;;
esac

tornado="Tornado $(python3 -c 'import tornado; print(tornado.version)')"
echo "## $connections idle WebSockets, one event loop, $(date -u +%Y-%m-%d), $(nproc) cores, loopback, $placement, $rounds rounds"
echo
servers=(Squall raw-SwiftNIO Tornado)
for round in $(seq "$rounds"); do
  shift_by=$(((round - 1) % ${#servers[@]}))
  for server in "${servers[@]:shift_by}" "${servers[@]:0:shift_by}"; do
    start $server
    line=$(${pin_client[@]+"${pin_client[@]}"} python3 ws_idle.py --port $port --pid "$pid" --connections "$connections") || true
    stop
    [ -n "$line" ] || { echo "round $round $server: ws_idle.py printed nothing" >&2; exit 1; }
    echo "round $round  $server  $line"
    echo "$round $server $line" >>"$results"
  done
done
python3 - "$results" "$connections" "$tornado" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_, server, data = line.split(" ", 2)
    rows.setdefault(server, {})[int(round_)] = json.loads(data)
wanted, tornado = int(sys.argv[2]), sys.argv[3]
names = {"Squall": "Squall", "raw-SwiftNIO": "raw SwiftNIO", "Tornado": tornado}
def med(server, key):
    return statistics.median(key(r) for r in rows[server].values())
kb = lambda r: r["kb_per_connection"]
p50 = lambda r: r["echo_us"]["p50"]
p99 = lambda r: r["echo_us"]["p99"]
def ratio(server, key):  # the median of the per-round ratios to raw SwiftNIO
    raw = rows["raw-SwiftNIO"]
    return statistics.median(key(r) / key(raw[n]) for n, r in rows[server].items())
print()
print(f"| server | connections | KB per connection | echo p50 µs | echo p99 µs | RSS with {wanted:,} open (MB) "
      "| KB per connection vs raw SwiftNIO | echo p50 vs raw SwiftNIO |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for server in ("Squall", "raw-SwiftNIO", "Tornado"):
    opened = min(r["opened"] for r in rows[server].values())
    print(f"| {names[server]} | {opened:,} | {med(server, kb):.1f} | {med(server, p50):.0f} | {med(server, p99):.0f} "
          f"| {med(server, lambda r: r['rss_after_kb']) / 1024:.0f} | {ratio(server, kb):.2f}× | {ratio(server, p50):.2f}× |")
print()
print("Medians of the rounds; KB per connection = (VmRSS with all open − VmRSS before) / connections opened;")
print("echo: 200 round trips of a 16-byte masked text frame over one more connection, all the others open.")
print("Echo p50 with nothing else open: " + ", ".join(
    f"{names[s]} {med(s, lambda r: r['echo_us_without_idle']['p50']):.0f} µs" for s in ("Squall", "raw-SwiftNIO", "Tornado")))
print("Seconds to open them all (100 handshakes at a time): " + ", ".join(
    f"{names[s]} {med(s, lambda r: r['open_seconds']):.1f}" for s in ("Squall", "raw-SwiftNIO", "Tornado")))
PY
