-- wrk script for bench_load_during_change.sh: the scale benchmark's queries (kind<TAB>query lines,
-- path given after `--`) as /api/search, counting answers by class across all wrk threads, so the
-- run can say how many were 5xx and how many were not 2xx.
local threads = {}
function setup(thread)
  thread:set("thread_number", #threads)
  threads[#threads + 1] = thread
end

local paths = {}
local i = 0
non_2xx = 0
five_xx = 0

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local file = assert(io.open(args[1], "r"), "load_queries.lua: cannot read " .. tostring(args[1]))
  for line in file:lines() do
    local kind, query = line:match("^([^\t]+)\t(.+)$")
    if kind then
      local path = "/api/search?q=" .. encode(query) .. "&limit=10"
      if kind == "partial" then path = path .. "&partial=1" end
      paths[#paths + 1] = path
    end
  end
  file:close()
  assert(#paths > 0, "load_queries.lua: no queries in " .. args[1])
  i = ((thread_number or 0) * 211) % #paths
end

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

response = function(status, headers, body)
  if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
  if status >= 500 then five_xx = five_xx + 1 end
end

done = function(summary, latency, requests)
  local bad, fives = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non_2xx")
    fives = fives + thread:get("five_xx")
  end
  local e = summary.errors
  io.write(string.format("load requests %d socket_errors %d non_2xx %d five_xx %d p50_ms %.2f p99_ms %.2f\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, bad, fives,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
