# Sourced by interleaved.sh and ab.sh: one round of one server, started fresh, loaded, stopped.
# load_round PORT SECONDS COMMAND... starts `COMMAND... PORT`, waits for its first answer, runs
# wrk (hello world, keep-alive, 50 connections; on core 1 when `pin_wrk` says so), stops the
# server and sets `rps` and `p99` (wrk's figures). It runs in the caller's shell, not a subshell,
# so that `pid` is the caller's, for its EXIT trap.
load_round() {
  local port=$1 seconds=$2 out
  shift 2
  "$@" "$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.05; done
  out=$(${pin_wrk[@]+"${pin_wrk[@]}"} wrk -t1 -c50 -d"${seconds}s" --latency "http://127.0.0.1:$port/")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '/ 99%/ {print $2}' <<<"$out")
}

# set_pinning: with PIN=1, each server on core 0 and wrk on core 1 (`taskset`), the per-core
# figure; sets `pin_server` and `pin_wrk` (empty without PIN) in the caller's shell.
set_pinning() {
  pin_server=()
  pin_wrk=()
  if [ "${PIN:-0}" = 1 ]; then
    pin_server=(taskset -c 0)
    pin_wrk=(taskset -c 1)
    echo "pinned: servers on core 0, wrk on core 1"
  fi
}
