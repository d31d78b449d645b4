#!/usr/bin/env bash
# Frame times of the playground (release) with large bodies: the builder fetches a 10 MB text
# body, a 1 MB single-line body and a 10 MB JSON array from a loopback server
# (Benchmarks/big_bodies.py), scrolls through each, then the log pane expands the last one and
# scrolls it. `squall --stats` prints the frame-time histogram's p50/p99/max on exit.
# Usage: Benchmarks/playground-frames.sh   (needs tmux and python3; loopback only; ~30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
# The release binary as README builds it: the Swift runtime and Foundation linked in.
swift build -c release --product squall --static-swift-stdlib >/dev/null
bin=$(swift build -c release --show-bin-path)
state=$(mktemp -d)
sock="$state/tmux.sock"
mkfifo "$state/hold"
exec 3<>"$state/hold"
python3 Benchmarks/big_bodies.py <&3 >"$state/port" &
server=$!
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; kill $server 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 100); do grep -q ready "$state/port" && break; sleep 0.1; done
port=$(awk '/ready/ {print $2}' "$state/port")

tmux -S "$sock" new-session -d -x 120 -y 40 \
  "env XDG_STATE_HOME=$state XDG_DATA_HOME=$state TERM=tmux-256color $bin/squall --no-server --stats 2>$state/stats; sleep 30"
keys() { tmux -S "$sock" send-keys "$@"; sleep 0.05; }
screen_has() { for _ in $(seq 200); do tmux -S "$sock" capture-pane -p | grep -q "$1" && return 0; sleep 0.05; done; return 1; }
screen_has "F2 Request builder"
keys F2
for path in big line json; do
  keys u
  keys C-u "http://127.0.0.1:$port/$path" Enter
  screen_has "/$path → 200 OK" || { echo "no answer from /$path"; exit 1; }
  for _ in $(seq 30); do keys PgDn; done
  for _ in $(seq 10); do keys Down; done
  keys ]
  keys ]
  keys [
done
keys F3
keys Enter
for _ in $(seq 30); do keys PgDn; done
keys Escape
keys q
for _ in $(seq 100); do [ -s "$state/stats" ] && break; sleep 0.1; done
echo "frame times with 10 MB, 1 MB-line and 10 MB JSON responses (120x40):"
cat "$state/stats"
