-- The soak's mixed load for wrk: residents opening their personal link and sending answers (which
-- replace earlier ones), visitors reading the public pages and the wijkthermometer, staff scripts
-- reading results through the API, and the stylesheet. Proportions are those of a busy survey week.
--
-- wrk -s scripts/lib/soak-mixed.lua URL -- LINKS_FILE API_TOKEN
--   LINKS_FILE: one personal-link path (/s/<token>) per line; API_TOKEN: an admin Bearer token.

local links = {}
local token = ""
local answer = "wekelijks_gft=ja"
local survey = "peiling-afvalinzameling"

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then links[#links + 1] = line end
  end
  token = args[2] or ""
  math.randomseed(seed or os.time())
end

local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  local roll = math.random(100)
  local link = links[math.random(#links)]
  if roll <= 30 then
    return wrk.format("GET", link)
  elseif roll <= 50 then
    return wrk.format("POST", link, form, answer)
  elseif roll <= 60 then
    return wrk.format("GET", "/")
  elseif roll <= 70 then
    return wrk.format("GET", "/wijken/oost")
  elseif roll <= 76 then
    return wrk.format("GET", "/wijken")
  elseif roll <= 82 then
    return wrk.format("GET", "/open-data/budget.json")
  elseif roll <= 92 then
    return wrk.format("GET", "/api/v1/surveys/" .. survey .. "/results", { ["Authorization"] = "Bearer " .. token })
  else
    return wrk.format("GET", "/static/draagvlak.css")
  end
end

function done(summary, latency, requests)
  io.write(string.format("soak: %d requests, %d non-2xx/3xx, socket errors connect %d read %d write %d timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
  io.write(string.format("soak: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
