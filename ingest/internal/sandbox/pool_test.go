package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain makes the test binary its own sandbox child.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == Arg {
		os.Exit(Main(os.Args[2:], testHandler))
	}
	os.Exit(m.Run())
}

var sink [][]byte

// recurse overflows the stack on purpose; depth says how far it may go,
// which is never reached.
func recurse(n, depth int) int {
	var pad [128]byte
	pad[n%128] = byte(n)
	if n >= depth {
		return int(pad[0])
	}
	return recurse(n+1, depth) + int(pad[0])
}

// testHandler misbehaves on request.
func testHandler(req []byte) []byte {
	switch string(req) {
	case "stack":
		return []byte(fmt.Sprint(recurse(0, 1<<40)))
	case "alloc":
		for {
			b := make([]byte, 32<<20)
			for i := range b {
				b[i] = 1
			}
			sink = append(sink, b)
		}
	case "hang":
		select {}
	case "spin":
		for x := 0; ; x++ {
			if x < 0 {
				return nil
			}
		}
	case "panic":
		panic("boom")
	case "exit":
		os.Exit(7)
	case "print":
		fmt.Println("stray output")
		return []byte("printed")
	}
	return append([]byte("echo:"), req...)
}

func newTestPool(t *testing.T, opts Options) *Pool {
	t.Helper()
	opts.Command = []string{os.Args[0]}
	p, err := NewPool(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestPoolCrashes(t *testing.T) {
	if !Supported {
		t.Skip("limits not enforced on this platform")
	}
	p := newTestPool(t, Options{Size: 1, MaxMemory: 256 << 20, CPUSeconds: 1})
	ctx := context.Background()
	for _, tt := range []struct {
		req     string
		timeout time.Duration
		cause   Cause
		message string
	}{
		{"stack", 20 * time.Second, CauseStack, "reader crashed: stack overflow"},
		{"alloc", 20 * time.Second, CauseMemory, "reader exceeded 256 MiB (ingest.max_memory)"},
		{"hang", 300 * time.Millisecond, CauseTimeout, "reader timed out after 300ms (ingest.timeout)"},
		{"spin", 20 * time.Second, CauseCPU, "reader used more than"},
		{"panic", 20 * time.Second, CauseCrash, "reader crashed: panic: boom"},
		{"exit", 20 * time.Second, CauseCrash, "reader crashed: exit status 7"},
	} {
		t.Run(tt.req, func(t *testing.T) {
			if tt.cause == CauseMemory && raceEnabled {
				t.Skip("race builds run children without the memory limit")
			}
			_, err := p.Do(ctx, []byte(tt.req), tt.timeout)
			var ce *CrashError
			if !errors.As(err, &ce) {
				t.Fatalf("Do(%q) = %v, want a CrashError", tt.req, err)
			}
			if ce.Cause != tt.cause || !strings.HasPrefix(ce.Error(), tt.message) {
				t.Fatalf("Do(%q) = cause %d %q, want cause %d %q", tt.req, ce.Cause, ce.Error(), tt.cause, tt.message)
			}
			// The pool carries on with a fresh child.
			b, err := p.Do(ctx, []byte("ok"), 10*time.Second)
			if err != nil || string(b) != "echo:ok" {
				t.Fatalf("after %s: Do(ok) = %q, %v", tt.req, b, err)
			}
		})
	}
	st := p.Stats()
	want := 6
	if raceEnabled {
		want = 5
	}
	if st.Crashed != want || st.Started != want+1 {
		t.Fatalf("stats %+v, want %d crashed and %d started", st, want, want+1)
	}
	if raceEnabled {
		return
	}
	if st.PeakRSS <= 0 || st.PeakRSS > 400<<20 {
		t.Fatalf("peak RSS %d, want within the 256 MiB limit and some slack", st.PeakRSS)
	}
}

func TestPoolReusesAndRecycles(t *testing.T) {
	p := newTestPool(t, Options{Size: 2, RecycleAfter: 5})
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req := fmt.Sprintf("r%d", i)
			b, err := p.Do(context.Background(), []byte(req), 10*time.Second)
			if err != nil || string(b) != "echo:"+req {
				errs <- fmt.Errorf("Do(%s) = %q, %v", req, b, err)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := p.Stats()
	if st.Requests != 40 || st.Started < 8 || st.Started > 10 {
		t.Fatalf("stats %+v: want 40 requests on 8 to 10 children (5 each)", st)
	}
}

func TestPoolStrayOutput(t *testing.T) {
	p := newTestPool(t, Options{})
	b, err := p.Do(context.Background(), []byte("print"), 10*time.Second)
	if err != nil || string(b) != "printed" {
		t.Fatalf("Do(print) = %q, %v: stray output must not reach the protocol", b, err)
	}
}

func TestPoolCancel(t *testing.T) {
	p := newTestPool(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := p.Do(ctx, []byte("hang"), time.Minute)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Do(hang) with a short context = %v, want the context's error", err)
	}
	if b, err := p.Do(context.Background(), []byte("ok"), 10*time.Second); err != nil || string(b) != "echo:ok" {
		t.Fatalf("after cancel: %q, %v", b, err)
	}
}

func TestPoolClosed(t *testing.T) {
	p := newTestPool(t, Options{})
	p.Close()
	if _, err := p.Do(context.Background(), []byte("x"), time.Second); !errors.Is(err, ErrClosed) {
		t.Fatalf("Do after Close = %v, want ErrClosed", err)
	}
}

func TestFrames(t *testing.T) {
	var buf strings.Builder
	for _, s := range []string{"", "a", strings.Repeat("x", 70000)} {
		if err := writeFrame(&buf, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	r := strings.NewReader(buf.String())
	for _, want := range []int{0, 1, 70000} {
		b, err := readFrame(r, 1<<20)
		if err != nil || len(b) != want {
			t.Fatalf("readFrame = %d bytes, %v; want %d", len(b), err, want)
		}
	}
	if _, err := readFrame(r, 1<<20); err == nil || err.Error() != "EOF" {
		t.Fatalf("readFrame at the end = %v, want EOF", err)
	}
	buf.Reset()
	_ = writeFrame(&buf, make([]byte, 100))
	if _, err := readFrame(strings.NewReader(buf.String()), 10); !errors.Is(err, errFrameTooLarge) {
		t.Fatalf("readFrame over the bound = %v", err)
	}
	if _, err := readFrame(strings.NewReader(buf.String()[:50]), 1000); err == nil {
		t.Fatal("readFrame of a cut frame: no error")
	}
}
