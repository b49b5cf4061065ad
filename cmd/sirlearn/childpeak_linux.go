package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// measured runs a command to its end and returns its own resource use:
// peak resident set, CPU and wall time, and what it wrote to stdout.
//
// The peak is the command's own memory (VmHWM), read as it exits under
// ptrace. Its rusage figure would not do: Linux starts a new process's
// ru_maxrss at the resident set of the process it was forked from, so run
// from a benchmark holding 90 MiB, pdftotext's 11 MiB peak read as 90.
func measured(ctx context.Context, stdin io.Reader, name string, args ...string) (usage, string, error) {
	out, err := os.CreateTemp("", "sirlearn-bench-out-")
	if err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	defer os.Remove(out.Name())
	defer out.Close()
	errf, err := os.CreateTemp("", "sirlearn-bench-err-")
	if err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	defer os.Remove(errf.Name())
	defer errf.Close()
	c := exec.Command(name, args...)
	c.Stdout, c.Stderr = out, errf // files, so that no copying goroutine needs Wait
	if stdin != nil {
		in, err := os.CreateTemp("", "sirlearn-bench-in-")
		if err != nil {
			return usage{}, "", fmt.Errorf("%s: %w", name, err)
		}
		defer os.Remove(in.Name())
		defer in.Close()
		if _, err := io.Copy(in, stdin); err != nil {
			return usage{}, "", fmt.Errorf("%s: input: %w", name, err)
		}
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return usage{}, "", fmt.Errorf("%s: input: %w", name, err)
		}
		c.Stdin = in
	}
	c.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}

	// Every ptrace request must come from the thread that started the child.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := time.Now()
	if err := c.Start(); err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	pid := c.Process.Pid
	defer c.Process.Release()
	stop := context.AfterFunc(ctx, func() { syscall.Kill(pid, syscall.SIGKILL) })
	defer stop()

	var ws syscall.WaitStatus
	var ru syscall.Rusage
	wait := func() error {
		for {
			_, err := syscall.Wait4(pid, &ws, 0, &ru)
			if err != syscall.EINTR {
				return err
			}
		}
	}
	if err := wait(); err != nil { // stopped at its exec
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	if ws.Stopped() {
		if err := syscall.PtraceSetOptions(pid, syscall.PTRACE_O_TRACEEXIT); err != nil {
			syscall.Kill(pid, syscall.SIGKILL)
			_ = wait()
			return usage{}, "", fmt.Errorf("%s: ptrace: %w", name, err)
		}
	}
	var u usage
	for !ws.Exited() && !ws.Signaled() {
		sig := 0
		switch {
		case ws.StopSignal() == syscall.SIGTRAP && ws.TrapCause() == syscall.PTRACE_EVENT_EXIT:
			u.MaxRSSKiB = hwmOf(pid) // the memory is still there
		case ws.StopSignal() != syscall.SIGTRAP:
			sig = int(ws.StopSignal()) // passed on
		}
		if err := syscall.PtraceCont(pid, sig); err != nil {
			return usage{}, "", fmt.Errorf("%s: ptrace: %w", name, err)
		}
		if err := wait(); err != nil {
			return usage{}, "", fmt.Errorf("%s: %w", name, err)
		}
	}
	u.Wall = time.Since(start)
	u.User = time.Duration(ru.Utime.Nano())
	u.Sys = time.Duration(ru.Stime.Nano())
	u.Exit = ws.ExitStatus()
	b, _ := os.ReadFile(out.Name())
	if ws.Signaled() {
		return u, string(b), fmt.Errorf("%s: killed by %v", name, ws.Signal())
	}
	if u.Exit != 0 {
		msg, _ := os.ReadFile(errf.Name())
		return u, string(b), fmt.Errorf("%s: exit status %d: %s", name, u.Exit, strings.TrimSpace(string(msg)))
	}
	return u, string(b), nil
}

// hwmOf returns a process's peak resident set in KiB, 0 if unknown.
func hwmOf(pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
