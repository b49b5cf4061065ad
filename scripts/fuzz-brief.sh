#!/usr/bin/env bash
# Run each fuzz target briefly (FUZZTIME, default 10s). New crashers are
# written under testdata/fuzz/ by go test and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
t="${FUZZTIME:-10s}"
for target in FuzzReadPDF FuzzReadZip FuzzReadText; do
  go test ./ingest -run='^$' -fuzz="^${target}\$" -fuzztime="$t" -fuzzminimizetime=50x
done
go test ./index/internal/engine -run='^$' -fuzz='^FuzzEnglishAnalyzer$' -fuzztime="$t" -fuzzminimizetime=50x
go test ./extract -run='^$' -fuzz='^FuzzClassifySentence$' -fuzztime="$t" -fuzzminimizetime=50x
