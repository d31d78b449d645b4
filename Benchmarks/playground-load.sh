#!/usr/bin/env bash
# The playground under load: time to first frame, how many exchanges the log pane takes in
# while wrk hammers the server it hosts, and the memory after that many exchanges.
# Usage: Benchmarks/playground-load.sh [SECONDS]   (needs tmux and wrk; loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
# The release binary as README builds it: the Swift runtime and Foundation linked in.
swift build -c release --product squall --static-swift-stdlib >/dev/null
bin=$(swift build -c release --show-bin-path)
port=18811
state=$(mktemp -d)
sock="$state/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$state"' EXIT

# The same server headless, for comparison.
"$bin/squall" serve --port $((port + 1)) --quiet >/dev/null & headless=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$((port + 1))/" >/dev/null && break; sleep 0.1; done
echo "headless squall serve:"
wrk -t1 -c20 -d"${seconds}s" "http://127.0.0.1:$((port + 1))/" | awk '/Requests\/sec/'
kill $headless

tmux -S "$sock" new-session -d -x 120 -y 40 \
  "env XDG_STATE_HOME=$state TERM=tmux-256color $bin/squall --port $port --stats 2>$state/stats; sleep 30"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
pid=$(pgrep -n -f "^$bin/squall --port $port")
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
echo "RSS at start: $(rss)"
echo "the playground's server, log pane streaming:"
# RSS against exchanges logged, sampled every 2 s from /proc and the log pane's title
# ("Log (2000 · N oldest dropped)": N + 2000 taken in).
(
  while sleep 2; do
    title=$(tmux -S "$sock" capture-pane -p | head -1 | grep -o 'Log ([^)]*)' || true)
    kept=$(echo "$title" | grep -o '(\([0-9]*\)' | tr -d '(')
    dropped=$(echo "$title" | grep -o '[0-9]* oldest dropped' | grep -o '^[0-9]*' || echo 0)
    echo "$(( ${kept:-0} + ${dropped:-0} )) $(rss)"
  done
) >"$state/trace" 2>/dev/null &
tracer=$!
wrk -t1 -c20 -d"${seconds}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec|requests in/'
kill $tracer 2>/dev/null || true
awk '$1 >= 100000 && !a { print "RSS at " $1 " exchanges logged: " $2 " " $3; a = 1 } END { print "RSS at " $1 " exchanges logged: " $2 " " $3 }' "$state/trace"
sleep 1.5
echo "RSS after the run: $(rss) (peak $(awk '/VmHWM/ {print $2 " " $3}' "/proc/$pid/status"))"
tmux -S "$sock" capture-pane -p | head -1 | grep -o 'Log ([^)]*)' || true
tmux -S "$sock" send-keys q
sleep 1
cat "$state/stats"
