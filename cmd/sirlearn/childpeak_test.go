package main

import (
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestMeasuredIsChildOwnPeak holds 256 MiB in the test process and runs a
// small command twice: started plainly, its rusage peak is the parent's
// (the fault measured exists for); measured, its own.
func TestMeasuredIsChildOwnPeak(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	ballast := make([]byte, 256<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	c := exec.Command("sh", "-c", "true")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	plain := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	u, out, err := measured(context.Background(), strings.NewReader("in"), "sh", "-c", "cat; echo out")
	if err != nil {
		if strings.Contains(err.Error(), "ptrace") || strings.Contains(err.Error(), "operation not permitted") {
			t.Skipf("ptrace not allowed here: %v", err)
		}
		t.Fatal(err)
	}
	t.Logf("sh: plain rusage %d KiB; measured %d KiB, %s", plain, u.MaxRSSKiB, u.Wall)
	if u.MaxRSSKiB <= 0 || u.MaxRSSKiB > 32<<10 || u.Wall <= 0 || out != "inout\n" {
		t.Errorf("measured %+v, output %q; want a small positive peak and the output", u, out)
	}
	if ballast[12345] != byte(12345%256) {
		t.Fatal("ballast changed")
	}
	if _, _, err := measured(context.Background(), nil, "sh", "-c", "exit 3"); err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("a failing command: %v", err)
	}
}
