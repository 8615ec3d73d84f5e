-- wrk script for tests/load/run-load.sh. Arguments after "--": [ids-file path-prefix [path-suffix]].
-- With an ids file, each request picks one of the ids at random (so the load spreads over every seeded run);
-- without, the URL's own path is requested. Every response outside 2xx is counted (a 302 to the sign-in page
-- would mean the session was lost, so it counts too), and done() prints one machine-readable line.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  paths = {}
  if args[1] ~= nil then
    local prefix, suffix = args[2] or "", args[3] or ""
    for id in io.lines(args[1]) do
      if id ~= "" then table.insert(paths, prefix .. id .. suffix) end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  if #paths == 0 then return wrk.format() end
  return wrk.format(nil, paths[math.random(#paths)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
