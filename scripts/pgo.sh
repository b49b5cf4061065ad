#!/usr/bin/env bash
# Regenerates cmd/sirlearn/default.pgo, the CPU profile that `go build`
# optimises sirlearn with (profile-guided optimisation, on by default for a
# main package that holds one). The profile covers sirlearn's heavy work:
# extracting and indexing a generated sample in all five formats
# (`sirlearn index`), loading 10,000 extracted reviews in batches
# (`bench load-bleve`) and the benchmark's query shapes (`bench index
# --reuse`). Measured on loading 10,000 reviews: about 3% less CPU.
# Rerun it after large changes to the indexing or extraction code.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench-out/pgo
rm -rf "$out"
mkdir -p "$out"
go build -pgo=off -o "$out/sirlearn" ./cmd/sirlearn
bin="$PWD/$out/sirlearn"
"$bin" corpus generate --out "$out/corpus" --reviews 300 --log-level warn >/dev/null
"$bin" --cpu-profile "$out/index.pprof" index --index "$out/index" --log-level warn "$out/corpus" >/dev/null
# Extracted reviews and both engines' indexes for the load and the queries.
"$bin" bench index --reviews 10000 --queries 20 --keep --dir "$out/bench" >/dev/null
"$bin" --cpu-profile "$out/load.pprof" bench load-bleve "$out/bench/reviews.gob" "$out/load-index" 200 >/dev/null
"$bin" --cpu-profile "$out/query.pprof" bench index --reuse --queries 200 --dir "$out/bench" >/dev/null
go tool pprof -proto "$out/index.pprof" "$out/load.pprof" "$out/query.pprof" > cmd/sirlearn/default.pgo
echo "wrote cmd/sirlearn/default.pgo ($(wc -c < cmd/sirlearn/default.pgo) bytes)"
