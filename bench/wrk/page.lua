-- GET /s/<token>: the survey page, each request a different member. Args: the requests file.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

function init(args)
   local requests = {}
   for _, line in ipairs(read_lines(args[1])) do requests[#requests + 1] = wrk.format("GET", line.path) end
   cycle(requests)
end
