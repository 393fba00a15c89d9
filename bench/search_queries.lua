-- wrk script: cycles through a fixed set of /api/search queries (moderator codes, user phrasing).
local queries = {
  "error%20500121%20authenticator", "outlook%20cannot%20connect%20to%20server", "0x80070005",
  "teams%20sign%20in%20caa70004", "onedrive%20sync%20pending", "windows%20activation%20after%20motherboard",
  "excel%20freezes%20copy%20paste", "card%20declined", "edge%20STATUS_ACCESS_VIOLATION",
  "%22verification%20code%22%20new%20phone", "passwrd%20outlook", "product:teams%20notifications",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?q=" .. queries[i] .. "&limit=10")
end
