-- wrk: rotate through the same two-word queries as the in-process benchmark (SearchBench/Program.cs).
local queries = {
  "keripik+pedas", "kain+tenun", "tas+anyaman", "kopi+jahe", "madu+organik", "sambal+original", "teh+premium",
  "dompet+kulit", "kemeja+batik", "selendang+sutra", "vas+bambu", "piring+rotan", "topeng+kayu", "lukisan+tradisional",
  "gelang+rotan", "kalung+premium", "sandal+kulit", "dodol+pisang", "bolu+cokelat", "kerupuk+singkong",
  "keripik+tempe", "kopi+premium", "tas+rotan", "kain+batik", "madu+manis", "teh+jahe", "bolu+pisang",
  "dodol+apel", "kerupuk+pedas", "selendang+batik",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search/products?q=" .. queries[(i % #queries) + 1])
end
