-- wrk script: what the page sends while someone types (partial=1, a half-typed last word or
-- code) and after they pick a product (product=, which counts facets in a second pass).
local queries = {
  "q=authen&partial=1", "q=outlook%20pas&partial=1", "q=0x8007&partial=1", "q=teams%20sign%20in%20ca&partial=1",
  "q=onedrive%20sy&partial=1", "q=5001&partial=1", "q=pasword%20res&partial=1",
  "q=password&product=Microsoft%20365%20and%20Office%20%7C%20Outlook",
  "q=sign%20in&product=Microsoft%20365%20and%20Office%20%7C%20Teams",
  "q=activation%20error&product=Windows%20%7C%20Windows%2011",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?" .. queries[i] .. "&limit=10")
end
