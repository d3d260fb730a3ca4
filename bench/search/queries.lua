-- wrk: rotate through the distinct queries SearchBench wrote (one a line), each thread from its own place in the list
-- (thread k starts k × 0.618 of the way round, offset by the clock), so no two threads ask the same query moments apart,
-- which the one-second result cache would answer. Seeding math.random per thread did not do it: the threads' seeds
-- could coincide, and the threads then ran the list in step, every second request at c16 a cache hit.
-- Usage: wrk ... -s queries.lua http://host:port -- queries.txt
local started = 0

function setup(thread)
  started = started + 1
  thread:set("id", started)
end

function init(args)
  queries = {}
  for line in io.lines(args[1]) do
    queries[#queries + 1] = (line:gsub(" ", "+"))
  end
  i = math.floor((id - 1) * #queries * 0.618) + os.time() % #queries
end

request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search/products?q=" .. queries[(i % #queries) + 1])
end
