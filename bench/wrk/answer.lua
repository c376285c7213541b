-- POST /s/<token> with valid answers, each request a different member. Args: the requests file.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

function init(args)
   local requests = {}
   local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
   for _, line in ipairs(read_lines(args[1])) do
      requests[#requests + 1] = wrk.format("POST", line.path, headers, line.body)
   end
   cycle(requests)
end
