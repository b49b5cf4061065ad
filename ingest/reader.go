package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/ingest/internal/sandbox"
)

// DocReader reads one document from its bytes: in this process (InProcess)
// or in a bounded child process (Sandbox).
type DocReader interface {
	Read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error)
}

// InProcess reads in the calling process. A fatal error inside a reader
// library (a stack overflow, running out of memory) ends the process: use
// it only for trusted files, tests and benchmarks of the readers alone.
type InProcess struct{}

// Read calls the package's Read.
func (InProcess) Read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error) {
	return Read(ctx, name, data, lim)
}

// WorkerArg is the first argument that makes a program a reader worker: a
// program using a Sandbox calls RunWorker when os.Args[1] == WorkerArg,
// before anything else.
const WorkerArg = sandbox.Arg

// DefaultMaxMemory caps each reader worker (ingest.max_memory).
const DefaultMaxMemory = 1 << 30

// SandboxOptions configure a Sandbox.
type SandboxOptions struct {
	// Workers is the number of reader processes at most (default 1).
	Workers int
	// MaxMemory caps each worker's heap (default 1 GiB); the worker's Go
	// runtime collects from three quarters of it.
	MaxMemory int64
	// CPUTime caps the CPU time of one read (default: the default
	// ingest.timeout); the wall-clock limit is the read's Limits.Timeout.
	CPUTime time.Duration
	// Command is the program to run as the worker and its leading
	// arguments (default: this program).
	Command []string
	// GCPercent is the workers' garbage-collector target (0: Go's default);
	// the memory limit still makes them collect before MaxMemory.
	GCPercent int
	Log       *slog.Logger
}

// Sandbox reads documents in child processes of this program, each under
// a memory limit and a CPU-time limit, killed at the read's timeout. A
// reader that crashes, runs out of memory or never ends costs a rejected
// file and a fresh worker, never the calling process.
type Sandbox struct {
	pool *sandbox.Pool
}

// NewSandbox returns a sandbox; workers start on first use.
func NewSandbox(opts SandboxOptions) (*Sandbox, error) {
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = DefaultMaxMemory
	}
	if opts.CPUTime <= 0 {
		opts.CPUTime = DefaultTimeout
	}
	// One thread of Go code per worker: a read is sequential, and idle
	// processors of several runtimes would spin against each other.
	env := []string{"GOMAXPROCS=1"}
	if opts.GCPercent > 0 {
		env = append(env, fmt.Sprintf("GOGC=%d", opts.GCPercent))
	}
	p, err := sandbox.NewPool(sandbox.Options{
		Env:     env,
		Command: opts.Command, Size: opts.Workers, MaxMemory: opts.MaxMemory,
		CPUSeconds: int64((opts.CPUTime + time.Second - 1) / time.Second),
		MaxFrame:   1 << 30, Log: opts.Log,
	})
	if err != nil {
		return nil, fmt.Errorf("reader sandbox: %w", err)
	}
	return &Sandbox{pool: p}, nil
}

// SandboxSupported reports whether this platform enforces the workers'
// memory and CPU limits (Linux does).
func SandboxSupported() bool { return sandbox.Supported }

// SandboxStats are what a sandbox's workers did.
type SandboxStats struct {
	Started, Crashed, Documents int
	// PeakRSS is the largest peak resident memory of a worker that has
	// exited, from its own resource usage, in bytes.
	PeakRSS int64
	// CPU is the CPU time of the workers that have exited.
	CPU time.Duration
}

// Stats returns the workers' counts so far.
func (s *Sandbox) Stats() SandboxStats {
	st := s.pool.Stats()
	return SandboxStats{Started: st.Started, Crashed: st.Crashed, Documents: st.Requests, PeakRSS: st.PeakRSS, CPU: st.CPU}
}

// Close stops the workers.
func (s *Sandbox) Close() error { return s.pool.Close() }

// Warm starts one worker now, so that its start-up overlaps the caller's.
func (s *Sandbox) Warm() { s.pool.Warm() }

// sentinels are the errors a reply can carry across the process boundary.
var sentinels = []error{corpus.ErrEmpty, corpus.ErrMalformed, corpus.ErrUnsupportedFormat, corpus.ErrTooLarge,
	corpus.ErrEncrypted, corpus.ErrNoTextLayer, corpus.ErrTimeout}

// remoteError is an error that happened in a worker: its message as the
// worker wrote it, wrapping the same sentinel.
type remoteError struct {
	msg  string
	kind error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.kind }

// Read reads one document in a worker. The same checks as Read come first
// in this process, with the cheap structural checks of PDFs, so most bad
// files never reach a worker.
func (s *Sandbox) Read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error) {
	if _, err := precheck(name, data, lim); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rep, err := s.pool.Do(ctx, append([]byte{requestOne}, encodeRequest(name, data, lim)...), lim.timeout())
	if err != nil {
		var ce *sandbox.CrashError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("%s: %w", name, crashError(ce))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s.decodeOne(name, rep, nil)
}

// decodeOne turns one reply into the document or the worker's error.
func (s *Sandbox) decodeOne(name string, rep []byte, err error) (*corpus.Document, error) {
	var doc *corpus.Document
	var msg string
	var kind int
	if err == nil {
		doc, msg, kind, err = decodeReply(rep)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: the reader's reply could not be decoded: %v", name, corpus.ErrMalformed, err)
	}
	if doc == nil {
		var sentinel error
		if kind > 0 && kind <= len(sentinels) {
			sentinel = sentinels[kind-1]
		}
		return nil, &remoteError{msg: msg, kind: sentinel}
	}
	return doc, nil
}

// readerCrash is a worker that died or was killed on a document: the
// message says why, and it wraps the sentinel that makes it the file's
// fault.
type readerCrash struct {
	ce   *sandbox.CrashError
	kind error
}

func (e *readerCrash) Error() string { return e.ce.Error() }
func (e *readerCrash) Unwrap() []error {
	if e.kind == nil {
		return []error{e.ce}
	}
	return []error{e.ce, e.kind}
}

func crashError(ce *sandbox.CrashError) error {
	var kind error
	switch ce.Cause {
	case sandbox.CauseTimeout, sandbox.CauseCPU:
		kind = corpus.ErrTimeout
	case sandbox.CauseMemory:
		kind = corpus.ErrTooLarge
	case sandbox.CauseCrash, sandbox.CauseStack:
		kind = corpus.ErrMalformed
	}
	// CauseStart is the system's fault, not the file's: no sentinel.
	return &readerCrash{ce: ce, kind: kind}
}

// RunWorker is a reader worker's whole life; args are os.Args[2:]. It
// returns the exit status.
func RunWorker(args []string) int {
	return sandbox.Main(args, serveRead)
}

// serveRead answers one request in the worker: one file, or a batch.
func serveRead(req []byte) []byte {
	if len(req) > 0 && req[0] == requestBatch {
		return serveBatch(req[1:])
	}
	if len(req) > 0 {
		req = req[1:]
	}
	return serveOne(req)
}

// serveOne reads one file in the worker.
func serveOne(req []byte) []byte {
	name, data, lim, err := decodeRequest(req)
	if err != nil {
		return encodeReply(nil, "reader request: "+err.Error(), 0)
	}
	// The parent kills the worker at the read's timeout; the worker's own
	// deadline is only a backstop.
	lim.Timeout = 2*lim.timeout() + time.Second
	doc, err := Read(context.Background(), name, data, lim)
	if err != nil {
		kind := 0
		for i, s := range sentinels {
			if errors.Is(err, s) {
				kind = i + 1
				break
			}
		}
		return encodeReply(nil, err.Error(), kind)
	}
	return encodeReply(doc, "", 0)
}
