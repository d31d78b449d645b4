#!/usr/bin/env bash
# One run, one table: Squall against raw SwiftNIO, Hummingbird 2 and Tornado 6 (the same three
# routes each), then Squall's client against raw async-http-client and Tornado's, Squall's
# start-up, and the playground under load. Loopback only; every server is started fresh for
# each load and stopped after it; well under 10 minutes.
# Usage: Benchmarks/run.sh [SECONDS]   (needs wrk, tmux, curl and `pip install tornado`)
# WS_IDLE=1 adds 10,000 idle WebSockets on one event loop (ws_idle.sh: memory per connection
# and one echo's latency among them, Squall against raw SwiftNIO and Tornado; about 2 minutes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seconds=${1:-5}
for tool in wrk tmux curl; do
  command -v $tool >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
done
python3 -c 'import tornado' || { echo "tornado is missing: pip install tornado" >&2; exit 1; }

echo "Building (release)…" >&2
(cd .. && swift build -c release --product squall --static-swift-stdlib >/dev/null)
swift build -c release --product squall-bench-server >/dev/null
swift build -c release --product raw-nio-server >/dev/null
swift build -c release --product hummingbird-server >/dev/null
swift build -c release --product client-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
squall=$(cd .. && swift build -c release --show-bin-path)/squall

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
port=18820

start() { # start NAME: the server NAME on $port, waiting (bounded) for its first answer
  case $1 in
    Squall) "$bin/squall-bench-server" $port >/dev/null & ;;
    "raw SwiftNIO") "$bin/raw-nio-server" $port >/dev/null & ;;
    "Hummingbird 2") "$bin/hummingbird-server" $port >/dev/null 2>&1 & ;;
    Tornado*) python3 tornado_server.py $port >/dev/null & ;;
  esac
  pid=$!
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/" >/dev/null && return; sleep 0.05; done
  echo "$1 did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; port=$((port + 1)); }

tornado="Tornado $(python3 -c 'import tornado; print(tornado.version)')"
servers=("Squall" "raw SwiftNIO" "Hummingbird 2" "$tornado")
loads=(
  "hello, keep-alive, 50 connections|-c50|/|"
  "hello, Connection: close, 50 connections|-c50 -H Connection:close|/|"
  "64 KB POST echoed, 50 connections|-c50|/echo|65536"
  "handler awaits 10 ms, 50 connections|-c50|/sleep|"
  "handler awaits 10 ms, 500 connections|-c500|/sleep|"
)
echo "# Squall benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t1 -d${seconds}s, loopback"
echo
echo "## Server"
for load in "${loads[@]}"; do
  IFS='|' read -r title flags path post <<<"$load"
  echo
  echo "### $title"
  echo "| server | requests/s | p50 | p99 | p99.9 | errors | peak RSS | vs Squall |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  squall_rps=""
  for server in "${servers[@]}"; do
    start "$server"
    # shellcheck disable=SC2086
    line=$(POST_BYTES=$post wrk -t1 $flags -d"${seconds}s" -s bench.lua "http://127.0.0.1:$port$path" | grep RESULT)
    rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")
    stop
    read -r _ p50 p99 p999 errors rps <<<"$line"
    [ -z "$squall_rps" ] && squall_rps=$rps
    ratio=$(awk -v a="$squall_rps" -v b="$rps" 'BEGIN { printf "%.2f×", a / b }')
    awk -v s="$server" -v r="$rps" -v a="$p50" -v b="$p99" -v c="$p999" -v e="$errors" -v m="$rss" -v x="$ratio" \
      'BEGIN { printf "| %s | %.0f | %.2f ms | %.2f ms | %.2f ms | %d | %s | %s |\n", s, r, a/1000, b/1000, c/1000, e, m, x }'
  done
done

echo
echo "## Client: requests/s fetching raw SwiftNIO's hello world for ${seconds}s"
start "raw SwiftNIO"
echo "| client | concurrency 1 | concurrency 50 |"
echo "|---|---:|---:|"
for client in squall raw tornado; do
  row=""
  for c in 1 50; do
    if [ $client = tornado ]; then
      out=$(python3 tornado_client_bench.py "http://127.0.0.1:$port/" $c "$seconds")
    else
      out=$("$bin/client-bench" $client "http://127.0.0.1:$port/" $c "$seconds")
    fi
    row="$row | $(awk '{print $3}' <<<"$out")"
  done
  case $client in squall) name="Squall AsyncHTTPClient" ;; raw) name="raw async-http-client" ;; *) name="$tornado AsyncHTTPClient" ;; esac
  echo "| $name$row |"
done
stop

echo
echo "## squall serve: from exec to the first 200, alternated with raw SwiftNIO"
swift build -c release --product raw-nio-server >/dev/null
python3 startup.py 9 $port -- "$bin/raw-nio-server" $port --- $((port + 1)) -- "$squall" serve --port $((port + 1)) --quiet
port=$((port + 2))

echo
echo "## The playground hosting the server, log pane streaming (playground-load.sh)"
bash playground-load.sh "$seconds"

if [ "${WS_IDLE:-0}" = 1 ]; then
  echo
  bash ws_idle.sh
fi
