#!/usr/bin/env bash
# Interleaved comparison of two builds' servers, each on its own index,
# with the same requests: for each round, a fresh server of A then of B,
# a 4 s warm-up, then DURATION (15s) of wrk with 16 connections as an
# inspector on the same stretch of generated requests for both. Prints
# req/s, p99, the server's CPU per request and its peak memory (VmHWM).
# Each folder is one that scripts/bench-http.sh made (bench-out/http-N of a
# checkout of the build): its sirlearn binary, index, queries.txt,
# replay.lua and sirlearn.yaml.
#
#   scripts/bench-http-pair.sh DIR_A DIR_B [ROUNDS]
set -euo pipefail
a=$1 b=$2 rounds=${3:-3}
dur="${DURATION:-15s}"
tok="bench-inspector-token-0123456789"
port=18191
tck=$(getconf CLK_TCK)
for d in "$a" "$b"; do
  for f in sirlearn index queries.txt replay.lua sirlearn.yaml; do
    [ -e "$d/$f" ] || { echo "$d/$f: missing; run scripts/bench-http.sh in that checkout first" >&2; exit 2; }
  done
done
for round in $(seq 1 "$rounds"); do
  for d in "$a" "$b"; do
    "$d/sirlearn" serve --config "$d/sirlearn.yaml" --index "$d/index" --addr "127.0.0.1:$port" --log-level warn 2>/dev/null &
    pid=$!
    for _ in $(seq 1 600); do
      h=$(curl -sf "http://127.0.0.1:$port/healthz" 2>/dev/null || true)
      [ -n "$h" ] && ! grep -q '"search_tables":"building"' <<<"$h" && break
      sleep 0.2
    done
    QUERIES="$d/queries.txt" FIRST=200001 COUNT=40000 TOKEN=$tok wrk -t2 -c16 -d4s -s "$d/replay.lua" "http://127.0.0.1:$port" >/dev/null
    c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    res=$(QUERIES="$d/queries.txt" FIRST=$((round * 40000 + 1)) COUNT=40000 TOKEN=$tok \
      wrk -t2 -c16 -d"$dur" --latency -s "$d/replay.lua" "http://127.0.0.1:$port")
    c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    reqs=$(awk '/requests in/ {print $1}' <<<"$res")
    printf 'round %s  %-40s %s  server CPU %s  %s  load %s\n' "$round" "$d" \
      "$(awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {printf "%9s req/s  p99 %8s", r, p}' <<<"$res")" \
      "$(awk -v c=$((c1 - c0)) -v t="$tck" -v n="$reqs" 'BEGIN {printf "%.2f ms/request", 1000 * c / t / n}')" \
      "$(awk '/VmHWM/ {printf "VmHWM %d MiB", $2 / 1024}' "/proc/$pid/status")" "$(cut -d' ' -f1 /proc/loadavg)"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
done
