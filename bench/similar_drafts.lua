-- wrk script: POST /api/similar with drafts a writer might paste (a title and a few sentences).
local drafts = {
  "Authenticator stopped showing codes after I got a new phone. Sign-in fails with error 500121 and I have no other method set up.",
  "OneDrive has said processing changes for days. New files never upload, the icon keeps spinning and pausing sync did not help.",
  "Outlook asks for my password again and again on Windows 11 even though I type it correctly, and the prompt comes back every hour.",
  "Excel cannot save to our network share. It says document not saved and shows 0x80070005 access denied, Word saves fine.",
  "I was charged twice for Microsoft 365 Family this month and the second charge does not show in my order history.",
  "Teams desktop will not sign in after the laptop was rebuilt and shows CAA20002. The web version works with the same account.",
}
local i = 0
request = function()
  i = i % #drafts + 1
  local body = '{"text": "' .. drafts[i] .. '", "limit": 10}'
  return wrk.format("POST", "/api/similar", {["Content-Type"] = "application/json"}, body)
end
