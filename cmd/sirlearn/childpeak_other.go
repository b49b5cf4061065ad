//go:build !linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"
)

// measured runs a command and returns its resource use from rusage. Off
// Linux the peak may include memory of the process it was started from.
func measured(ctx context.Context, stdin io.Reader, name string, args ...string) (usage, string, error) {
	c := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	c.Stdout, c.Stdin = &out, stdin
	start := time.Now()
	err := c.Run()
	u := usage{Wall: time.Since(start)}
	if c.ProcessState != nil {
		u.Exit = c.ProcessState.ExitCode()
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			u.MaxRSSKiB = int64(ru.Maxrss) >> 10 // bytes on the BSDs and macOS
			u.User, u.Sys = time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
		}
	}
	if err != nil {
		return u, out.String(), fmt.Errorf("%s: %w", name, err)
	}
	return u, out.String(), nil
}
