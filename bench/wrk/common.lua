-- Shared by the wrk scripts of scripts/bench: each thread reads the requests it will send, starting
-- at its own offset so threads and connections spread over distinct members, and done() prints one
-- machine-readable line that bench/bench.py reads.

local threads = 0

function setup(thread)
   thread:set("thread_index", threads)
   threads = threads + 1
end

-- Lines of "<path>\t<urlencoded body>" (the body may be empty).
function read_lines(file)
   local lines = {}
   for line in io.lines(file) do
      local path, body = line:match("^([^\t]+)\t?(.*)$")
      if path then lines[#lines + 1] = { path = path, body = body } end
   end
   return lines
end

-- Pre-formatted requests sent round robin; formatting them once keeps wrk's Lua cost out of the figures.
function cycle(requests)
   local i = (thread_index or 0) * 997 % #requests
   request = function()
      i = i % #requests + 1
      return requests[i]
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
      '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
