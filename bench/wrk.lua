-- wrk's report as one line of JSON for bench/load.py: the median and 95th percentile latency
-- (milliseconds), the requests and seconds, and the errors (non-2xx/3xx answers included).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"p50": %.3f, "p95": %.3f, "requests": %d, "seconds": %.3f, "errors": %d, "status_errors": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests,
    summary.duration / 1e6, errors.connect + errors.read + errors.write + errors.timeout,
    errors.status))
end
