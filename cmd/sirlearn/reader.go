package main

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"github.com/sirlearn/sirlearn/ingest"
)

// indexWorkers is index.workers, or the number of CPUs.
func (a *app) indexWorkers() int {
	if w := a.v.GetInt("index.workers"); w > 0 {
		return w
	}
	return runtime.NumCPU()
}

// batchWorkers is how many files a batch reads and extracts at once: with
// reader workers, twice their number, so this process extracts one file
// while a worker reads the next (measured: 10,000 text files 11% faster
// than with as many as the workers).
func (a *app) batchWorkers(rd docReader) int {
	if _, ok := rd.(inProcess); ok {
		return a.indexWorkers()
	}
	return 2 * a.indexWorkers()
}

// docReader is how a command reads files: in reader workers (the
// default), or in this process when ingest.isolate is false. Close reports
// what the workers did.
type docReader interface {
	ingest.DocReader
	Close() error
}

// inProcess reads in this process (ingest.isolate: false).
type inProcess struct{ ingest.InProcess }

func (inProcess) Close() error { return nil }

// readers starts the reader workers: child processes of this program that
// parse untrusted files under ingest.max_memory and ingest.timeout.
// workers <= 0 means index.workers, else the number of CPUs.
func (a *app) readers(workers int) (docReader, error) {
	if !a.v.GetBool("ingest.isolate") {
		a.log.Warn("ingest.isolate is false: files are read inside this process, where a hostile file can crash it")
		return inProcess{}, nil
	}
	if workers <= 0 {
		workers = a.indexWorkers()
	}
	if !ingest.SandboxSupported() {
		a.log.Warn("reader workers run without memory or CPU-time limits on this platform; a hostile file can exhaust memory (ingest.max_memory is not enforced)")
	}
	command, err := a.readerCommand()
	if err != nil {
		return nil, err
	}
	sb, err := ingest.NewSandbox(ingest.SandboxOptions{
		Command: command, Workers: workers, MaxMemory: a.v.GetInt64("ingest.max_memory"),
		CPUTime: a.v.GetDuration("ingest.timeout"), GCPercent: a.v.GetInt("index.gc_percent"), Log: a.log,
	})
	if err != nil {
		return nil, err
	}
	// Start the workers now: their start-up overlaps the command's own
	// (loading the taxonomy, opening the index, hashing the files).
	for i := 0; i < workers; i++ {
		sb.Warm()
	}
	return &sandboxReader{sb, a}, nil
}

// sandboxReader logs the workers' figures when it closes.
type sandboxReader struct {
	*ingest.Sandbox
	a *app
}

func (s *sandboxReader) Close() error {
	err := s.Sandbox.Close()
	st := s.Stats()
	if st.Started > 0 {
		// A summary when workers died (each death was logged as it came),
		// else only with --log-level debug.
		level := slog.LevelDebug
		if st.Crashed > 0 {
			level = slog.LevelWarn
		}
		s.a.log.Log(context.Background(), level, "reader workers", "started", st.Started, "crashed", st.Crashed,
			"documents", st.Documents, "peak_rss_mib", st.PeakRSS>>20, "cpu", st.CPU.Round(time.Millisecond))
	}
	return err
}
