package ingest

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as its own reader worker.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == WorkerArg {
		os.Exit(RunWorker(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// testSandbox returns a sandbox whose workers are this test binary.
func testSandbox(t testing.TB, workers int) *Sandbox {
	t.Helper()
	sb, err := NewSandbox(SandboxOptions{Workers: workers, MaxMemory: 512 << 20, CPUTime: 10e9, Command: []string{os.Args[0]}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}
