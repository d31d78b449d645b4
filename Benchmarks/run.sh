#!/usr/bin/env bash
# Squall vs a raw SwiftNIO server vs Tornado (server, wrk), and Squall's client vs raw
# async-http-client vs Tornado's AsyncHTTPClient, all on loopback in one run.
# Usage: Benchmarks/run.sh [SECONDS]   (needs wrk and `pip install tornado`)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
python3 -c 'import tornado' || { echo "tornado is missing: pip install tornado" >&2; exit 1; }

swift build -c release --product squall >/dev/null
swift build -c release --product raw-nio-server >/dev/null
swift build -c release --product client-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

"$bin/squall" serve --port 18801 --quiet >/dev/null & pids+=($!)
"$bin/raw-nio-server" 18802 >/dev/null & pids+=($!)
python3 Tutorials/Python/hello_server.py 18803 >/dev/null & pids+=($!)
for port in 18801 18802 18803; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
done

echo "## Server: wrk -t1 -c50 -d${seconds}s, hello world, keep-alive"
for entry in "Squall:18801" "raw SwiftNIO:18802" "Tornado $(python3 -c 'import tornado; print(tornado.version)'):18803"; do
  name=${entry%%:*}; port=${entry##*:}
  out=$(wrk -t1 -c50 -d"${seconds}s" --latency "http://127.0.0.1:$port/")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "| $name | $rps requests/s | p99 $p99 |"
done

echo "## Client: requests/s fetching the Squall server above for ${seconds}s"
for c in 1 50; do
  "$bin/client-bench" squall http://127.0.0.1:18801/ "$c" "$seconds"
  "$bin/client-bench" raw http://127.0.0.1:18801/ "$c" "$seconds"
  python3 Benchmarks/tornado_client_bench.py http://127.0.0.1:18801/ "$c" "$seconds"
done
