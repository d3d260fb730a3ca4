-- wrk: rotate through the distinct queries SearchBench wrote (one a line), each connection from its own place in the
-- list. Usage: wrk ... -s queries.lua http://host:port -- queries.txt
local queries = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    queries[#queries + 1] = (line:gsub(" ", "+"))
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#queries)
end

request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search/products?q=" .. queries[(i % #queries) + 1])
end
