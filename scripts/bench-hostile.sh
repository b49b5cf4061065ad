#!/usr/bin/env bash
# Upload good reviews and every crafted hostile file to a running server
# from two clients at once, and report the server's own peak resident
# memory (VmHWM) and what each client was told. Usage:
#   scripts/bench-hostile.sh [REVIEWS]        (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300}"
work=$(mktemp -d)
trap 'kill "${srv:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/sirlearn" ./cmd/sirlearn
"$work/sirlearn" corpus generate --out "$work/corpus" --reviews "$n" --seed 11 >/dev/null 2>&1
rm -f "$work/corpus/truth.jsonl"
mkdir -p "$work/up1" "$work/up2"
i=0
for f in "$work"/corpus/* ingest/testdata/crafted/*; do
  if [ $((i % 2)) = 0 ]; then cp "$f" "$work/up1/"; else cp "$f" "$work/up2/"; fi
  i=$((i + 1))
done
cat >"$work/sirlearn.yaml" <<YAML
serve:
  addr: 127.0.0.1:18091
  tokens:
    - {name: bench, token: "bench-inspector-secret-0123", role: inspector}
YAML
cd "$work"
./sirlearn serve --index "$work/ix" --log-level warn 2>"$work/serve.log" &
srv=$!
sleep 1
start=$(date +%s)
./sirlearn index --index "$work/ix" --log-level error up1 >"$work/c1.log" 2>&1 &
c1=$!
./sirlearn index --index "$work/ix" --log-level error up2 >"$work/c2.log" 2>&1 &
c2=$!
wait $c1 || true
wait $c2 || true
echo "uploads took $(( $(date +%s) - start )) s"
grep VmHWM "/proc/$srv/status" | sed 's/^/server peak resident memory: /'
for c in c1 c2; do grep -E '^indexed' "$work/$c.log" | sed "s/^/$c: /"; done
echo "rejected files and reasons:"
grep -h '^rejected: ' "$work"/c[12].log | sed 's|^rejected: .*/up[12]/||' | sort
kill -0 $srv && echo "server still running: yes"
