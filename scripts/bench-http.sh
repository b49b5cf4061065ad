#!/usr/bin/env bash
# Load test of GET /api/search with wrk on generated reviews (default
# 10,000). The headline is varied traffic: distinct requests drawn from the
# corpus's own vocabulary by `sirlearn bench queries` (1-3 words or a
# phrase, filters, later pages), none repeated within a run and each run
# with its own share, so the result cache does not flatter the figures.
# Runs: inspector and researcher with 16 connections, each alone with one
# connection (latency and the server's CPU per request), inspector during an
# upload batch, and last the old ten repeated queries (cached) for
# comparison. The server's CPU comes from /proc/PID/stat, its peak memory
# from VmHWM. Traffic stays on loopback. Needs: wrk (apt-get install wrk).
#
#   scripts/bench-http.sh [REVIEWS]      DURATION=20s by default
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
# Incremental: unchanged files cost a lookup, so a kept index is reused.
"$bin" index --index "$out/index" --log-level warn "$out/corpus" 2>&1 | tail -1
"$bin" bench queries --n 240000 "$out/corpus" > "$out/queries.txt"
echo "$(wc -l < "$out/queries.txt") distinct requests generated"
tok="bench-inspector-token-0123456789"
rtok="bench-researcher-token-0123456789"
cat > "$out/sirlearn.yaml" <<YAML
serve:
  tokens:
    - {name: bench, token: $tok, role: inspector}
    - {name: bench-r, token: $rtok, role: researcher}
YAML
port=18181
"$bin" serve --config "$out/sirlearn.yaml" --index "$out/index" --addr "127.0.0.1:$port" --log-level warn 2>"$out/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
# The server builds its search tables in the background after it starts
# answering; the runs measure it once they are built (a server's steady
# state), and the wait is printed.
t0=$(date +%s)
for i in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/healthz" | grep -q '"search_tables":"building"' || break; sleep 0.5; done
echo "search tables ready $(( $(date +%s) - t0 )) s after the server first answered"
tck=$(getconf CLK_TCK)
# The server's anonymous memory (its heap) and its mapped index file pages
# (the page cache it maps), sampled every half second: VmHWM is their peak
# sum, and the two parts behave differently (file pages are clean and can
# be dropped by the kernel at any time).
( while kill -0 "$pid" 2>/dev/null; do
    awk '/RssAnon|RssFile/ {printf "%s %d\n", $1, $2}' "/proc/$pid/status" 2>/dev/null
    sleep 0.5
  done | awk '{if ($2 > m[$1]) m[$1] = $2} END {printf "%d %d\n", m["RssAnon:"] / 1024, m["RssFile:"] / 1024}' > "$out/rss-parts.txt" ) &
sampler=$!
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# replay.lua sends the lines of a request file from a starting line, each
# thread its own stretch.
cat > "$out/replay.lua" <<'LUA'
local paths = {}
local first = tonumber(os.getenv("FIRST") or "1")
local count = tonumber(os.getenv("COUNT") or "20000")
local token = os.getenv("TOKEN")
local i = 0
for line in io.lines(os.getenv("QUERIES")) do
  i = i + 1
  if i >= first and i < first + count then paths[#paths + 1] = line end
end
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  pos = tid * 1000003 % #paths
end
function request()
  pos = pos % #paths + 1
  return wrk.format("GET", paths[pos], {["Authorization"] = "Bearer " .. token})
end
LUA

share=0
# run NAME TOKEN CONNECTIONS: one wrk run on the next unused stretch of
# requests; prints req/s, latency percentiles and server CPU per request.
run() {
  local name=$1 token=$2 conns=$3 threads=2
  [ "$conns" -lt 2 ] && threads=1
  local c0 c1 res reqs
  c0=$(cpu_ticks)
  res=$(QUERIES="$out/queries.txt" FIRST=$((share * 40000 + 1)) COUNT=40000 TOKEN="$token" \
    wrk -t"$threads" -c"$conns" -d"$dur" --latency -s "$out/replay.lua" "http://127.0.0.1:$port")
  c1=$(cpu_ticks)
  share=$((share + 1))
  reqs=$(echo "$res" | awk '/requests in/ {print $1}')
  echo "$res" > "$out/wrk-$name.txt"
  awk -v name="$name" -v reqs="$reqs" -v cpu=$((c1 - c0)) -v tck="$tck" '
    /Requests\/sec/ {rps=$2}
    $1 == "Latency" && $2 ~ /^[0-9]/ {mean=$2}
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF}
    END {printf "%-34s %9s req/s  mean %8s  p50 %8s  p90 %8s  p99 %8s  server CPU %.2f ms/request%s\n",
      name, rps, mean, p50, p90, p99, 1000 * cpu / tck / (reqs > 0 ? reqs : 1), bad ? "  NON-2xx " bad : ""}' <<<"$res"
}

# Warm-up, not counted: the server's search tables, the page cache.
QUERIES="$out/queries.txt" FIRST=200001 COUNT=40000 TOKEN="$tok" wrk -t2 -c16 -d5s -s "$out/replay.lua" "http://127.0.0.1:$port" >/dev/null
echo "== GET /api/search, $n reviews, $dur per run, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- varied requests (headline)"
run "inspector, 16 connections" "$tok" 16
run "researcher, 16 connections" "$rtok" 16
run "inspector, 1 connection" "$tok" 1
run "researcher, 1 connection" "$rtok" 1
rm -rf "$out/upload"
"$bin" corpus generate --out "$out/upload" --reviews 300 --seed "$(date +%s)" --formats txt,docx,pdf >/dev/null 2>&1
( sleep 1; "$bin" index --config "$out/sirlearn.yaml" --index "$out/index" --log-level warn "$out/upload" > "$out/upload.log" 2>&1 ) &
up=$!
run "inspector, 16 conn., during upload" "$tok" 16
wait $up || { echo "upload failed:"; cat "$out/upload.log"; }
tail -1 "$out/upload.log"

echo "-- the ten repeated queries of earlier versions (answered from the cache)"
cat > "$out/search.lua" <<LUA
local queries = {"visit", "plan", "%22home+visit%22", "assessment", "accommodation&authority=Fife", "breach&theme=enforcement",
  "mappa&from=2019-01-01&to=2020-12-31", "alcohol", "children&incident_type=serious_violence", "caseload"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1], {["Authorization"] = "Bearer $tok"})
end
LUA
wrk -t2 -c16 -d3s -s "$out/search.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c16 -d"$dur" --latency -s "$out/search.lua" "http://127.0.0.1:$port" |
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {printf "%-34s %9s req/s  p99 %8s\n", "inspector, 16 conn., cached", rps, p99}'
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
wait $sampler 2>/dev/null || true
read -r anon file < "$out/rss-parts.txt" || true
echo "  of which, each at its own peak: anonymous (heap) ${anon:-?} MiB, mapped index files ${file:-?} MiB"
