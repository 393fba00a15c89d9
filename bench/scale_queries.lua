-- wrk script for bench_scale.sh: cycles through the generated query file (kind<TAB>query lines,
-- path given after `--`), sending each as /api/search, with partial=1 for the partial kind.
-- Each wrk thread starts at its own offset so threads do not send the same query at once.
local threads_made = 0
function setup(thread)
  thread:set("thread_number", threads_made)
  threads_made = threads_made + 1
end

local paths = {}
local i = 0

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local file = assert(io.open(args[1], "r"), "scale_queries.lua: cannot read " .. tostring(args[1]))
  for line in file:lines() do
    local kind, query = line:match("^([^\t]+)\t(.+)$")
    if kind then
      local path = "/api/search?q=" .. encode(query) .. "&limit=10"
      if kind == "partial" then path = path .. "&partial=1" end
      paths[#paths + 1] = path
    end
  end
  file:close()
  assert(#paths > 0, "scale_queries.lua: no queries in " .. args[1])
  i = ((thread_number or 0) * 211) % #paths
end

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

-- Answers other than 2xx/3xx (wrk's own count): bench_scale.sh refuses figures with any.
done = function(summary, latency, requests)
  io.write(string.format("wrk_non_2xx %d\n", summary.errors.status))
end
