package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// probeArg, as the first argument, makes sirlearn a go-between that runs
// one command and reports the command's own resource use on fd 3.
//
// Why a go-between: Linux gives a process, as the start of its peak
// resident set (ru_maxrss), the resident set of the process it was forked
// from, at the moment of exec. Run straight from a benchmark holding 90 MiB,
// pdftotext's 11 MiB peak reads as 90. Started from this small process
// instead, a command's figure is exact whenever its own peak is above the
// go-between's (reported as floor_kib).
const probeArg = "__sirlearn-rusage-probe"

// usage is what the go-between reports of its command.
type usage struct {
	MaxRSSKiB int64         `json:"max_rss_kib"`
	FloorKiB  int64         `json:"floor_kib"` // the go-between's own resident set at the start
	User      time.Duration `json:"user"`
	Sys       time.Duration `json:"sys"`
	Wall      time.Duration `json:"wall"`
	Exit      int           `json:"exit"`
}

// runProbe is the go-between's main: args are the command and its
// arguments; standard input, output and error pass through.
func runProbe(args []string) int {
	report := os.NewFile(3, "report")
	if len(args) == 0 || report == nil {
		fmt.Fprintln(os.Stderr, "sirlearn: rusage probe: no command, or no report pipe on fd 3")
		return 2
	}
	floor := selfHWM()
	c := exec.Command(args[0], args[1:]...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := c.Run()
	u := usage{Wall: time.Since(start), FloorKiB: floor}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, "sirlearn: rusage probe:", err)
		return 2
	}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.MaxRSSKiB = ru.Maxrss
		u.User = time.Duration(ru.Utime.Nano())
		u.Sys = time.Duration(ru.Stime.Nano())
	}
	u.Exit = c.ProcessState.ExitCode()
	if err := json.NewEncoder(report).Encode(u); err != nil {
		return 2
	}
	return 0
}

// selfHWM returns this process's peak resident set in KiB, 0 if unknown.
func selfHWM() int64 {
	f, err := os.Open("/proc/self/status")
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

// childUsage runs a command through the go-between and returns its own
// resource use and what it printed; stdin, when not nil, is its input.
func childUsage(ctx context.Context, stdin *strings.Reader, name string, args ...string) (usage, string, error) {
	self, err := os.Executable()
	if err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	defer r.Close()
	c := exec.CommandContext(ctx, self, append([]string{probeArg, name}, args...)...)
	c.Env = append(os.Environ(), "SIRLEARN_AS_MAIN=1") // a test binary acts as sirlearn
	c.ExtraFiles = []*os.File{w}
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if stdin != nil {
		c.Stdin = stdin
	}
	err = c.Start()
	w.Close()
	if err != nil {
		return usage{}, "", fmt.Errorf("%s: %w", name, err)
	}
	var u usage
	decErr := json.NewDecoder(r).Decode(&u)
	if err := c.Wait(); err != nil {
		return usage{}, "", fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(errb.String()))
	}
	if decErr != nil {
		return usage{}, "", fmt.Errorf("%s: no usage report: %w", name, decErr)
	}
	if u.Exit != 0 {
		return u, out.String(), fmt.Errorf("%s: exit status %d: %s", name, u.Exit, strings.TrimSpace(errb.String()))
	}
	return u, out.String(), nil
}
