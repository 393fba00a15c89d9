-- wrk script: what the page sends while someone types: completions (/api/suggest), searches with
-- a half-typed last word or code (partial=1), and searches after they pick a product (product=,
-- which counts facets in a second pass).
local queries = {
  "suggest?q=auth", "suggest?q=outlook%20pa", "suggest?q=0x80", "suggest?q=teams%20sig",
  "search?q=authen&partial=1", "search?q=outlook%20pas&partial=1", "search?q=0x8007&partial=1", "search?q=teams%20sign%20in%20ca&partial=1",
  "search?q=onedrive%20sy&partial=1", "search?q=5001&partial=1", "search?q=pasword%20res&partial=1",
  "search?q=password&product=Microsoft%20365%20and%20Office%20%7C%20Outlook",
  "search?q=sign%20in&product=Microsoft%20365%20and%20Office%20%7C%20Teams",
  "search?q=activation%20error&product=Windows%20%7C%20Windows%2011",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/" .. queries[i] .. "&limit=8")
end
