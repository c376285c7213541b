-- The URL and headers given to wrk, unchanged (static files, the results JSON).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")
