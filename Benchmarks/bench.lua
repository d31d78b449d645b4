-- wrk script for Benchmarks/run.sh: POST_BYTES=N makes every request a POST of N bytes;
-- at the end one line gives p50, p99 and p99.9 in microseconds and the error count.
local bytes = tonumber(os.getenv("POST_BYTES") or "")
if bytes then
  wrk.method = "POST"
  wrk.body = string.rep("x", bytes)
  wrk.headers["Content-Type"] = "application/octet-stream"
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %.3f\n", latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), errors, summary.requests / (summary.duration / 1e6)))
end
