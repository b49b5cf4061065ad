package main

import (
	"runtime"

	"github.com/sirlearn/sirlearn/ingest"
)

// readers starts the pool of reader workers: child processes of this
// program that parse untrusted files under ingest.max_memory and
// ingest.timeout. workers <= 0 means index.workers, else the number of CPUs.
func (a *app) readers(workers int) (*ingest.Sandbox, error) {
	if workers <= 0 {
		workers = a.v.GetInt("index.workers")
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if !ingest.SandboxSupported() {
		a.log.Warn("reader workers run without memory or CPU-time limits on this platform; a hostile file can exhaust memory (ingest.max_memory is not enforced)")
	}
	return ingest.NewSandbox(ingest.SandboxOptions{
		Workers: workers, MaxMemory: a.v.GetInt64("ingest.max_memory"),
		CPUTime: a.v.GetDuration("ingest.timeout"), Log: a.log,
	})
}
