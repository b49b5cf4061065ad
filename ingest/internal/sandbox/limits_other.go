//go:build !linux

package sandbox

import (
	"errors"
	"os"
	"syscall"
)

// Supported reports whether this platform enforces the memory and CPU
// limits and kills children with their parent.
const Supported = false

var errUnsupported = errors.New("not supported on this platform")

func limitMemory(int64) error { return errUnsupported }

func limitCPU(int64) error { return errUnsupported }

func cpuSignal() os.Signal { return nil }

func sysProcAttr() *syscall.SysProcAttr { return nil }

func signalled(*os.ProcessState) *CrashError { return nil }

func peakRSS(*os.ProcessState) int64 { return 0 }

func residentBytes(int) int64 { return 0 }
