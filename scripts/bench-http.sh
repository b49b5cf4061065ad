#!/usr/bin/env bash
# Load test of GET /api/search with wrk on generated reviews (default 10,000),
# 16 connections, then the same while an upload batch runs through the API.
# Prints requests/s and latency percentiles from wrk. Traffic stays on
# loopback. Needs: wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
dur="${DURATION:-20s}"
out="bench-out/http-$n"
mkdir -p "$out"
go build -o "$out/sirlearn" ./cmd/sirlearn
bin="$PWD/$out/sirlearn"
if [ ! -f "$out/corpus/truth.jsonl" ]; then
  "$bin" corpus generate --out "$out/corpus" --reviews "$n" --formats txt >/dev/null 2>&1
fi
if [ ! -d "$out/index/bleve" ]; then
  "$bin" index --index "$out/index" --log-level warn "$out/corpus" 2>&1 | tail -1
fi
tok="bench-inspector-token-0123456789"
cat > "$out/sirlearn.yaml" <<YAML
serve:
  tokens:
    - {name: bench, token: $tok, role: inspector}
YAML
port=18181
"$bin" serve --config "$out/sirlearn.yaml" --index "$out/index" --addr "127.0.0.1:$port" --log-level warn 2>"$out/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
cat > "$out/search.lua" <<LUA
local queries = {"visit", "plan", "%22home+visit%22", "assessment", "accommodation&authority=Fife", "breach&theme=enforcement",
  "mappa&from=2019-01-01&to=2020-12-31", "alcohol", "children&incident_type=serious_violence", "caseload"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1], {["Authorization"] = "Bearer $tok"})
end
LUA
# Warm up: the first answers to each query are computed, later ones cached.
wrk -t2 -c16 -d3s -s "$out/search.lua" "http://127.0.0.1:$port" >/dev/null
echo "== GET /api/search, 16 connections, $dur, $n reviews"
wrk -t2 -c16 -d"$dur" --latency -s "$out/search.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
echo "== the same while an upload batch runs"
rm -rf "$out/upload"
"$bin" corpus generate --out "$out/upload" --reviews 300 --seed "$(date +%s)" --formats txt,docx,pdf >/dev/null 2>&1
( sleep 1; "$bin" index --config "$out/sirlearn.yaml" --index "$out/index" --log-level warn "$out/upload" 2>&1 | tail -1 ) &
up=$!
wrk -t2 -c16 -d"$dur" --latency -s "$out/search.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
wait $up
echo "== GET /api/search with varied queries (few repeats, so the result cache rarely helps)"
cat > "$out/varied.lua" <<LUA
local words = {"visit","plan","assessment","accommodation","breach","recall","alcohol","children","partner","mappa","lockdown","caseload",
  "chronology","interpreter","hostel","overdose","curiosity","caledonian","vacancies","police","licence","release","housing","prison",
  "contact","review","risk","worker","manager","supervision","programme","referral","health","drug","victim","address","court","order"}
local auths = {"", "&authority=Fife", "&authority=Glasgow+City", "&authority=Highland", "&theme=substance_use", "&section=assessment"}
math.randomseed(os.time())
request = function()
  local q = words[math.random(#words)] .. "&size=" .. math.random(100) .. "&page=" .. math.random(5) .. auths[math.random(#auths)]
  return wrk.format("GET", "/api/search?q=" .. q, {["Authorization"] = "Bearer $tok"})
end
LUA
wrk -t2 -c16 -d"$dur" --latency -s "$out/varied.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
