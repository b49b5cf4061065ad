package sandbox

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// Why a child failed a request.
type Cause int

// Causes of a crash.
const (
	CauseCrash     Cause = iota // a fatal error or panic other than these
	CauseStack                  // the stack overflowed
	CauseMemory                 // the memory limit was reached
	CauseTimeout                // the request ran past its time and was killed
	CauseCPU                    // the CPU-time limit was reached
	CauseCancelled              // the caller gave up; the child was killed
	CauseStart                  // the child could not be started or spoke out of turn
)

// CrashError reports a request that ended without a reply.
type CrashError struct {
	Cause Cause
	// Detail is the child's own last words (the fatal error line), or the
	// exit status.
	Detail string
	// Limit is the limit that was hit, for CauseMemory, CauseTimeout and
	// CauseCPU.
	Limit string
}

func (e *CrashError) Error() string {
	switch e.Cause {
	case CauseStack:
		return "reader crashed: stack overflow"
	case CauseMemory:
		return "reader exceeded " + e.Limit
	case CauseTimeout:
		return "reader timed out after " + e.Limit
	case CauseCPU:
		return "reader used more than " + e.Limit + " of CPU time"
	case CauseCancelled:
		return "reading was cancelled"
	case CauseStart:
		return "reader could not run: " + e.Detail
	}
	if e.Detail == "" {
		return "reader crashed"
	}
	return "reader crashed: " + e.Detail
}

// classify turns a dead child's exit state and standard error into a
// CrashError.
func classify(state *os.ProcessState, stderr string, memLimit int64) *CrashError {
	fatal := lastWords(stderr)
	switch {
	case strings.Contains(stderr, "stack overflow") || strings.Contains(stderr, "goroutine stack exceeds"):
		return &CrashError{Cause: CauseStack, Detail: fatal}
	case strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory"):
		return &CrashError{Cause: CauseMemory, Detail: fatal, Limit: FormatBytes(memLimit) + " (ingest.max_memory)"}
	case strings.Contains(stderr, cpuLimitMessage):
		return &CrashError{Cause: CauseCPU, Detail: fatal}
	case memLimit > 0 && peakRSS(state) >= memLimit/2 && (strings.Contains(stderr, "SIGSEGV") || strings.Contains(stderr, "unexpected signal")):
		// Under an address-space limit the Go runtime does not always
		// report that memory ran out: a failed mapping can fault first.
		// A child that faulted with half its limit resident ran out.
		return &CrashError{Cause: CauseMemory, Detail: fatal, Limit: FormatBytes(memLimit) + " (ingest.max_memory)"}
	}
	if ce := signalled(state); ce != nil {
		return ce
	}
	if fatal != "" {
		return &CrashError{Cause: CauseCrash, Detail: fatal}
	}
	if state != nil {
		return &CrashError{Cause: CauseCrash, Detail: state.String()}
	}
	return &CrashError{Cause: CauseCrash}
}

// lastWords picks the line that says why a Go program died: "fatal error:
// ..." or "panic: ...", else the first non-empty line.
func lastWords(stderr string) string {
	first := ""
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first == "" {
			first = line
		}
		for _, p := range []string{"fatal error: ", "panic: "} {
			if strings.HasPrefix(line, p) {
				return truncate(line, 200)
			}
		}
	}
	return truncate(first, 200)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// FormatBytes writes a byte count the way limits are configured: 1 GiB,
// 512 MiB.
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// formatDuration writes a time limit as configured: 30s, 1m30s.
func formatDuration(d time.Duration) string { return d.Round(time.Millisecond).String() }

// headBuffer keeps the first max bytes written to it, for a child's
// standard error: the fatal error line comes first, the goroutine dump
// after it can be long.
type headBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - h.buf.Len(); room > 0 {
		if len(p) > room {
			h.buf.Write(p[:room])
		} else {
			h.buf.Write(p)
		}
	}
	return len(p), nil
}

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.buf.String()
}

func (h *headBuffer) Reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buf.Reset()
}
