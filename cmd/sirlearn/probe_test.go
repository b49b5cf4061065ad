package main

import (
	"context"
	"os/exec"
	"syscall"
	"testing"
)

// TestProbeReportsChildOwnPeak holds 256 MiB in the test process and runs
// a small command twice: straight, its rusage peak is the parent's (the
// fault the go-between exists for); through the go-between, its own.
func TestProbeReportsChildOwnPeak(t *testing.T) {
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
	straight := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	u, _, err := childUsage(context.Background(), nil, "sh", "-c", "true")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sh straight: %d KiB; through the go-between: %d KiB (floor %d KiB)", straight, u.MaxRSSKiB, u.FloorKiB)
	if straight < 200<<10 {
		t.Logf("this kernel does not pass the parent's peak on (straight %d KiB)", straight)
	}
	if u.MaxRSSKiB <= 0 || u.MaxRSSKiB > 64<<10 || u.FloorKiB <= 0 || u.Wall <= 0 {
		t.Errorf("through the go-between: %+v; want a small positive peak", u)
	}
	if ballast[12345] != byte(12345%256) {
		t.Fatal("ballast changed")
	}
	if _, _, err := childUsage(context.Background(), nil, "sh", "-c", "exit 3"); err == nil {
		t.Error("a failing command reported no error")
	}
}
