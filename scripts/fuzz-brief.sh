#!/usr/bin/env bash
# Run each fuzz target briefly. New crashers are written under
# testdata/fuzz/ by go test and fail the run.
#
# Budgets are counts of executions, about ten seconds each on a 2-core
# machine, not wall time: with a duration (-fuzztime=10s) Go 1.26's fuzzing
# coordinator can fail a clean run with "context deadline exceeded" when the
# deadline meets a busy worker (go.dev/issue/75804, fixed in Go 1.27); a
# count has no deadline to race. FUZZMULT scales every budget (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
m="${FUZZMULT:-1}"
run() { # package target executions
  go test "$1" -run='^$' -fuzz="^$2\$" -fuzztime="$(($3 * m))x" -fuzzminimizetime=50x
}
run ./ingest FuzzReadPDF 60000
run ./ingest FuzzReadZip 160000
run ./ingest FuzzReadText 70000
run ./index/internal/engine FuzzEnglishAnalyzer 40000
run ./extract FuzzClassifySentence 100000
run ./extract FuzzNegFinder 40000
run ./extract FuzzPlainCue 40000
run ./extract FuzzCueForms 40000
run ./extract FuzzDocumentKind 30000
run ./extract FuzzRedact 15000
run ./index FuzzParseText 30000
