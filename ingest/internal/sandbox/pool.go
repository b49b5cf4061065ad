package sandbox

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"time"
)

// Defaults for Options.
const (
	defaultMaxFrame     = 1 << 30
	defaultRecycleAfter = 2000
)

// Options configure a Pool.
type Options struct {
	// Command is the program to run and its leading arguments; Arg and the
	// limits are appended. Default: this program (os.Executable).
	Command []string
	// Size is the number of children at most (default 1).
	Size int
	// MaxMemory caps each child's heap in bytes (0: no cap).
	MaxMemory int64
	// CPUSeconds caps each request's CPU time in the child (0: no cap).
	CPUSeconds int64
	// MaxFrame bounds a request or reply (default 1 GiB).
	MaxFrame int64
	// RecycleAfter retires a child after this many requests (default
	// 2000), so nothing one document left behind lasts. A child whose
	// resident memory has grown past a quarter of MaxMemory is retired at
	// once. Starting a child costs about 15 ms of CPU.
	RecycleAfter int
	// Env is added to the child's environment.
	Env []string
	Log *slog.Logger
}

// Stats count what a pool did.
type Stats struct {
	Started  int   // children started
	Crashed  int   // requests that ended without a reply
	Requests int   // requests answered
	PeakRSS  int64 // the largest peak resident memory of a child that exited, in bytes
	// CPU is the CPU time (user and system) of the children that exited.
	CPU time.Duration
}

// Pool runs requests in child processes, at most Size at once.
type Pool struct {
	opts  Options
	slots chan struct{}
	log   *slog.Logger

	mu     sync.Mutex
	idle   []*child
	closed bool
	stats  Stats
}

// ErrClosed is returned by Do after Close.
var ErrClosed = errors.New("sandbox pool closed")

// NewPool returns a pool; children start on first use.
func NewPool(opts Options) (*Pool, error) {
	if opts.Size <= 0 {
		opts.Size = 1
	}
	if opts.MaxFrame <= 0 {
		opts.MaxFrame = defaultMaxFrame
	}
	if opts.RecycleAfter <= 0 {
		opts.RecycleAfter = defaultRecycleAfter
	}
	if len(opts.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("sandbox: find this program: %w", err)
		}
		opts.Command = []string{exe}
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Pool{opts: opts, slots: make(chan struct{}, opts.Size), log: log}, nil
}

// child is one running child process.
type child struct {
	cmd    *exec.Cmd
	req    *os.File // the parent's end of the request pipe
	rep    *os.File // the parent's end of the reply pipe
	repBuf *bufio.Reader
	stderr *headBuffer
	served int
	done   chan struct{} // closed when the process has been waited for
	state  *os.ProcessState
}

func (p *Pool) start() (*child, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("request pipe: %w", err)
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("reply pipe: %w", err)
	}
	lim := childLimits{memory: p.opts.MaxMemory, cpuSeconds: p.opts.CPUSeconds, maxFrame: p.opts.MaxFrame}
	args := append(append(append([]string{}, p.opts.Command[1:]...), Arg), lim.args()...)
	cmd := exec.Command(p.opts.Command[0], args...)
	cmd.Env = append(os.Environ(), p.opts.Env...)
	cmd.ExtraFiles = []*os.File{reqR, repW} // fds 3 and 4
	c := &child{cmd: cmd, req: reqW, rep: repR, repBuf: bufio.NewReaderSize(repR, 64<<10), stderr: &headBuffer{max: 16 << 10}, done: make(chan struct{})}
	cmd.Stderr = c.stderr
	cmd.SysProcAttr = sysProcAttr()
	err = cmd.Start()
	reqR.Close()
	repW.Close()
	if err != nil {
		reqW.Close()
		repR.Close()
		return nil, fmt.Errorf("start %s: %w", p.opts.Command[0], err)
	}
	go func() {
		_ = cmd.Wait()
		c.state = cmd.ProcessState
		close(c.done)
	}()
	p.mu.Lock()
	p.stats.Started++
	p.mu.Unlock()
	return c, nil
}

// get returns an idle child or a new one.
func (p *Pool) get() (*child, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return p.start()
}

// put returns a healthy child to the idle list, or retires it.
func (p *Pool) put(c *child) {
	bloated := p.opts.MaxMemory > 0 && residentBytes(c.cmd.Process.Pid) > p.opts.MaxMemory/4
	p.mu.Lock()
	if !p.closed && c.served < p.opts.RecycleAfter && !bloated {
		p.idle = append(p.idle, c)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	p.retire(c)
}

// retire ends a healthy child by closing its request pipe, and kills it if
// it does not exit soon.
func (p *Pool) retire(c *child) {
	c.req.Close()
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
	c.rep.Close()
	p.account(c)
}

// kill ends a child at once and waits for it.
func (p *Pool) kill(c *child) {
	_ = c.cmd.Process.Kill()
	<-c.done
	c.req.Close()
	c.rep.Close()
	p.account(c)
}

func (p *Pool) account(c *child) {
	rss := peakRSS(c.state)
	p.mu.Lock()
	if rss > p.stats.PeakRSS {
		p.stats.PeakRSS = rss
	}
	if c.state != nil {
		p.stats.CPU += c.state.UserTime() + c.state.SystemTime()
	}
	p.mu.Unlock()
}

// Do sends req to a child and returns its reply. A child that dies, breaks
// the protocol or runs past timeout is killed, and Do returns a
// *CrashError; the next request gets a fresh child. When ctx ends first the
// child is killed too and the error wraps ctx.Err().
func (p *Pool) Do(ctx context.Context, req []byte, timeout time.Duration) ([]byte, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a reader: %w", ctx.Err())
	}
	defer func() { <-p.slots }()
	c, err := p.get()
	if err != nil {
		if errors.Is(err, ErrClosed) {
			return nil, err
		}
		return nil, &CrashError{Cause: CauseStart, Detail: err.Error()}
	}
	c.stderr.Reset()
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 1)
	go func() {
		if err := writeFrame(c.req, req); err != nil {
			ch <- result{nil, err}
			return
		}
		b, err := readFrame(c.repBuf, p.opts.MaxFrame)
		ch <- result{b, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		if r.err == nil {
			c.served++
			p.mu.Lock()
			p.stats.Requests++
			p.mu.Unlock()
			p.put(c)
			return r.b, nil
		}
		// The child died (or wrote nonsense): wait for its last words.
		select {
		case <-c.done:
		case <-time.After(2 * time.Second):
		}
		p.kill(c)
		ce := classify(c.state, c.stderr.String(), p.opts.MaxMemory)
		if ce.Detail == "" || c.state == nil {
			ce.Detail = r.err.Error()
		}
		p.crashed(ce, c)
		return nil, ce
	case <-timer.C:
		p.kill(c)
		ce := &CrashError{Cause: CauseTimeout, Limit: formatDuration(timeout) + " (ingest.timeout)"}
		p.crashed(ce, c)
		return nil, ce
	case <-ctx.Done():
		p.kill(c)
		return nil, fmt.Errorf("reading cancelled: %w", ctx.Err())
	}
}

func (p *Pool) crashed(ce *CrashError, c *child) {
	p.mu.Lock()
	p.stats.Crashed++
	p.mu.Unlock()
	p.log.Warn("reader child stopped", "cause", ce.Error(), "detail", ce.Detail, "pid", c.cmd.Process.Pid)
}

// Warm starts a child now, in the background, so that its start-up
// overlaps the caller's own (a command's first file then waits less).
func (p *Pool) Warm() {
	go func() {
		c, err := p.start()
		if err != nil {
			p.log.Warn("reader child did not start", "err", err)
			return
		}
		p.put(c)
	}()
}

// Stats returns what the pool has done so far.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Close ends every idle child and refuses further requests; requests in
// flight finish first, their children retired as they return.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, c := range idle {
		p.retire(c)
	}
	return nil
}
