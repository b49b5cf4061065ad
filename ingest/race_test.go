//go:build race

package ingest

// raceBuild: the race detector's builds run reader workers without their
// memory limit, and slower, so a memory bomb ends on the time limit.
const raceBuild = true
