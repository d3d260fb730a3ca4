-- wrk script: POST /api/v1/booths/{id}/visits to a random booth of BOOTHS_FILE with a random anonymous visitor id,
-- so (nearly) every request is a counted visit: a store insert plus the counters. Usage:
--   wrk -t2 -c16 -d10s -s visits.lua http://host:port -- booths.txt [pace-ms]
-- With pace-ms, each connection waits that long before each visit (visits keep arriving at a bounded rate).
local booths = {}
local pace = 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  local first = true
  for line in file:lines() do
    if first then first = false else booths[#booths + 1] = line end
  end
  file:close()
  pace = tonumber(args[2] or "0")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function delay()
  return pace
end

function request()
  local booth = booths[math.random(#booths)]
  local body = string.format('{"visitorId":"bench-%d-%d"}', math.random(1, 1000000000), math.random(1, 1000000000))
  return wrk.format("POST", "/api/v1/booths/" .. booth .. "/visits", { ["Content-Type"] = "application/json" }, body)
end

local counts = {}
function response(status)
  counts[status] = (counts[status] or 0) + 1
end
