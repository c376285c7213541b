-- GET /s/<token> for tokens nobody was given (43 characters like real ones, all different).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

function init(args)
   local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
   math.randomseed(1000 + (thread_index or 0))
   local requests = {}
   for i = 1, 3000 do
      local token = {}
      for j = 1, 43 do
         local k = math.random(1, #alphabet)
         token[j] = alphabet:sub(k, k)
      end
      requests[i] = wrk.format("GET", "/s/" .. table.concat(token))
   end
   cycle(requests)
end
