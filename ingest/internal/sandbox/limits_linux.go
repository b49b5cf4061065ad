package sandbox

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Supported reports whether this platform enforces the memory and CPU
// limits and kills children with their parent.
const Supported = true

// limitMemory caps the child's data segment (heap and anonymous mappings):
// past it an allocation fails and the Go runtime stops with "out of
// memory". RLIMIT_DATA rather than RLIMIT_AS, since the runtime reserves
// address space it never touches.
func limitMemory(bytes int64) error {
	lim := uint64(bytes)
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: lim, Max: lim})
}

// limitCPU sets the soft CPU-time limit to the time used so far plus
// seconds, so each request gets the same budget; the kernel then sends
// SIGXCPU.
func limitCPU(seconds int64) error {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	used := ru.Utime.Sec + ru.Stime.Sec + 1
	var cur syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_CPU, &cur); err != nil {
		return err
	}
	soft := uint64(used + seconds)
	if cur.Max != ^uint64(0) && soft > cur.Max {
		soft = cur.Max
	}
	return syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: soft, Max: cur.Max})
}

// cpuSignal is the signal the kernel sends at the soft CPU-time limit.
func cpuSignal() os.Signal { return syscall.SIGXCPU }

// sysProcAttr kills the child when the parent dies, so a killed parent
// leaves no reader running.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// signalled reports a child killed by a signal.
func signalled(state *os.ProcessState) *CrashError {
	if state == nil {
		return nil
	}
	ws, ok := state.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return nil
	}
	switch ws.Signal() {
	case syscall.SIGXCPU:
		return &CrashError{Cause: CauseCPU, Detail: ws.Signal().String()}
	case syscall.SIGKILL:
		// Killed from outside: the kernel's out-of-memory killer, most often.
		return &CrashError{Cause: CauseCrash, Detail: "killed (signal KILL)"}
	}
	return &CrashError{Cause: CauseCrash, Detail: "signal " + ws.Signal().String()}
}

// peakRSS is the child's own peak resident memory in bytes.
func peakRSS(state *os.ProcessState) int64 {
	if state == nil {
		return 0
	}
	ru, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}

// residentBytes is a running process's resident memory, or 0 when it
// cannot be read.
func residentBytes(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
