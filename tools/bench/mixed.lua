-- wrk script for tools/bench/all: what residents do through the gateway.
--   wrk ... -s tools/bench/mixed.lua -- mixed RESIDENTS_FILE POINTS_FILE DOSSIERS PER_BATCH BILLS
--   wrk ... -s tools/bench/mixed.lua -- feedback RESIDENTS_FILE POINTS_FILE 0 0 0 QUOTA_PER_THREAD
-- mixed:    70% lookups (a third each: a dossier by code and verifier, a
--           bill by customer code, the collection schedule at a point),
--           20% inbox reads, 9% 1022 reports, 1% Zalo sign-ins.
-- feedback: reports only, until each thread has QUOTA_PER_THREAD answers
--           (to load the demo's reports before the measurement).
-- RESIDENTS_FILE: "sessionToken zaloAccessToken" per line; POINTS_FILE: "lat lng" per line.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

local mode, residents, access, points = nil, {}, {}, {}
local dossiers, per_batch, bills, quota
local sent, answered, run = 0, 0, ""

local categories = {"road-damage", "street-light", "other", "road-damage", "other"}
local descriptions = {
  "Ổ gà lớn giữa đường, xe máy dễ té khi trời mưa.",
  "Đèn đường trước nhà không sáng mấy hôm nay.",
  "Rác để trên vỉa hè chưa được thu gom.",
  "Mặt đường lún sâu trước trường học.",
  "Quán karaoke hát lớn sau 22 giờ.",
}

function init(args)
  mode = args[1]
  for line in io.lines(args[2]) do
    local session, zalo = line:match("^(%S+)%s+(%S+)$")
    if session then
      residents[#residents + 1] = session
      access[#access + 1] = zalo
    end
  end
  for line in io.lines(args[3]) do
    local lat, lng = line:match("^(%S+)%s+(%S+)$")
    if lat then points[#points + 1] = {lat, lng} end
  end
  dossiers = tonumber(args[4]) or 0
  per_batch = tonumber(args[5]) or 1
  bills = tonumber(args[6]) or 0
  quota = tonumber(args[7]) or 0
  math.randomseed(os.time() * 100 + tid)
  run = os.time() .. "-" .. math.random(1000000)  -- keys unique across runs (the warm-up too)
end

local function bearer(i)
  return {["Authorization"] = "Bearer " .. residents[i]}
end

local function dossier_lookup()
  -- tools/bench/lib.sh bench_dossier_batch: batches numbered from 1, verifier 09<k:8>.
  local n = math.random(0, dossiers - 1)
  local b, i = math.floor(n / per_batch) + 1, n % per_batch
  local path = string.format("/v1/dossiers/H15.50.05.13-261102-%03d%04d?verifier=09%08d", b, i, b * per_batch + i)
  return wrk.format("GET", path)
end

local function bill_lookup()
  -- laso demo bills: every fifth customer is water (nuoc-longan), the rest electricity.
  local i = math.random(0, bills - 1)
  local path
  if i % 5 == 4 then
    path = string.format("/v1/bill-lookup?provider=nuoc-longan&customerCode=LA%08d", i)
  else
    path = string.format("/v1/bill-lookup?provider=evn-longan&customerCode=PB060%d%07d", 1 + i % 7, i)
  end
  return wrk.format("GET", path)
end

local function schedule()
  local p = points[math.random(#points)]
  return wrk.format("GET", "/v1/waste/schedule?lat=" .. p[1] .. "&lng=" .. p[2])
end

local function inbox()
  return wrk.format("GET", "/v1/me/notifications?pageSize=20", bearer(math.random(#residents)))
end

local function report()
  sent = sent + 1
  local p = points[math.random(#points)]
  local k = math.random(#categories)
  local headers = bearer(math.random(#residents))
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. sent
  local answers = ""
  if categories[k] == "road-damage" then answers = ',"answers":[{"question":"size","values":["medium"]}]' end
  local body = string.format(
      '{"categoryCode":"%s","description":"%s","location":{"latitude":%s,"longitude":%s}%s}',
      categories[k], descriptions[k], p[1], p[2], answers)
  return wrk.format("POST", "/v1/feedback", headers, body)
end

local function sign_in()
  local body = '{"accessToken":"' .. access[math.random(#access)] .. '"}'
  return wrk.format("POST", "/v1/auth/zalo", {["Content-Type"] = "application/json"}, body)
end

function request()
  if mode == "feedback" then return report() end
  local r = math.random(100)
  if r <= 70 then
    local kind = r % 3
    if kind == 0 then return dossier_lookup() elseif kind == 1 then return bill_lookup() end
    return schedule()
  elseif r <= 90 then
    return inbox()
  elseif r <= 99 then
    return report()
  end
  return sign_in()
end

failures, failed = "", 0  -- globals: done() reads them from each thread

function response(status, headers, body)
  if status >= 300 then
    failed = failed + 1
    if failed <= 3 then failures = failures .. "  " .. status .. " " .. body:sub(1, 300) .. "\n" end
  end
  if mode ~= "feedback" then return end
  answered = answered + 1
  if answered >= quota then wrk.thread:stop() end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local text = thread:get("failures")
    if text ~= nil and text ~= "" then io.write("failed answers (first three of thread ", thread:get("tid"), "):\n", text) end
  end
end
