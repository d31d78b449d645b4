#!/usr/bin/env bash
# The hosted server's cost, several binaries alternated in one run: per round and binary,
# `squall serve` headless, then the playground hosting the same server with the log streaming
# (tmux, 120x40), each under `wrk -t1 -c20` for SECONDS. Prints requests/s, the process's CPU
# time per request (user + system, from /proc) and hosted/headless, then the medians.
# Usage: Benchmarks/playground-hosting.sh ROUNDS SECONDS BIN...   (needs tmux, wrk; loopback only)
# BINs are release `squall` binaries (`swift build -c release --product squall --static-swift-stdlib`),
# e.g. copies made before and after a change.
set -euo pipefail
rounds=${1:?rounds}
seconds=${2:?seconds}
shift 2
[ $# -gt 0 ] || { echo "name at least one squall binary" >&2; exit 2; }
command -v wrk >/dev/null && command -v tmux >/dev/null || { echo "needs wrk and tmux" >&2; exit 2; }
port=19050
ticks=$(getconf CLK_TCK)
results=$(mktemp)
headless="" state="" sock=""
cleanup() {
  [ -n "$headless" ] && kill "$headless" 2>/dev/null
  [ -n "$sock" ] && tmux -S "$sock" kill-server 2>/dev/null
  [ -n "$state" ] && rm -rf "$state"
  rm -f "$results"
}
trap cleanup EXIT
# The process's user + system time in clock ticks (fields 14 and 15 after the name in parentheses).
cpu() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# Waits (at most 10 s) until something answers at URL.
ready() {
  for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
  echo "nothing answered at $1" >&2
  exit 1
}
# wrk against PID's server at URL: "requests/s cpu-µs-per-request"
load() {
  local before after out
  before=$(cpu "$1")
  out=$(wrk -t1 -c20 -d"${seconds}s" "$2")
  after=$(cpu "$1")
  echo "$out" | awk -v b="$before" -v a="$after" -v t="$ticks" '
    /requests in/ { n = $1 } /Requests\/sec/ { r = $2 }
    END { if (n == 0) { print "wrk got no answer" > "/dev/stderr"; exit 1 } printf "%.0f %.2f\n", r, (a - b) / t * 1e6 / n }'
}
for round in $(seq "$rounds"); do
  for bin in "$@"; do
    port=$((port + 2))
    "$bin" serve --port $((port + 1)) --quiet >/dev/null &
    headless=$!
    ready "http://127.0.0.1:$((port + 1))/"
    alone=$(load $headless "http://127.0.0.1:$((port + 1))/")
    kill $headless
    wait $headless 2>/dev/null || true
    headless=""
    state=$(mktemp -d)
    sock="$state/tmux.sock"
    tmux -S "$sock" new-session -d -x 120 -y 40 \
      "env XDG_STATE_HOME='$state' TERM=tmux-256color '$bin' --port $port; sleep 30"
    ready "http://127.0.0.1:$port/"
    # The playground: the child of the pane's shell (env replaced itself with it).
    playground=$(pgrep -n -P "$(tmux -S "$sock" display -p '#{pane_pid}')")
    hosted=$(load "$playground" "http://127.0.0.1:$port/")
    tmux -S "$sock" kill-server
    for _ in $(seq 50); do kill -0 "$playground" 2>/dev/null || break; sleep 0.1; done  # gone before the next
    rm -rf "$state"
    state="" sock=""
    echo "$bin $alone $hosted" | tee -a "$results" | awk '{ printf "round '"$round"' %s: headless %s req/s %s µs/req, hosted %s req/s %s µs/req: %.3f\n", $1, $2, $3, $4, $5, $4 / $2 }'
  done
done
echo "medians of the rounds:"
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for name in dict.fromkeys(row[0] for row in rows):
    mine = [[float(x) for x in row[1:]] for row in rows if row[0] == name]
    print("%s: hosted/headless %.3f, hosted %.0f req/s, CPU per request headless %.1f µs, hosted %.1f µs" % (
        name, statistics.median(r[2] / r[0] for r in mine), statistics.median(r[2] for r in mine),
        statistics.median(r[1] for r in mine), statistics.median(r[3] for r in mine)))
PY
