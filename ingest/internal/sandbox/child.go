package sandbox

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
)

// Arg is the first argument that makes a program a sandbox child: the
// program calls Main when os.Args[1] == Arg, before anything else.
const Arg = "__sirlearn-sandbox-child"

// Handler answers one request frame with one reply frame. It runs in the
// child; a panic or fatal error inside it ends the child, which the parent
// reports as a crash.
type Handler func(req []byte) []byte

// The child's file descriptors for the protocol, as the parent passes them
// in ExtraFiles: requests on 3, replies on 4.
const (
	fdRequests = 3
	fdReplies  = 4
)

// Exit statuses of a child that stops itself.
const (
	exitUsage    = 64 // bad arguments
	exitCPULimit = 65 // the CPU-time limit was reached
	exitProtocol = 66 // the request stream was broken
)

// cpuLimitMessage is what a child writes to its standard error when it
// stops on its CPU-time limit.
const cpuLimitMessage = "sandbox: CPU-time limit reached"

// Main is the child's whole life: set its limits, then answer requests
// until the parent closes the request pipe. It returns the exit status.
// args are the arguments after Arg, as the parent wrote them.
func Main(args []string, h Handler) int {
	lim, err := parseChildArgs(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		return exitUsage
	}
	// Anything the handler prints goes to standard error, never into the
	// protocol.
	os.Stdout = os.Stderr
	if lim.memory > 0 {
		if !raceEnabled {
			if err := limitMemory(lim.memory); err != nil {
				fmt.Fprintln(os.Stderr, "sandbox: memory limit:", err)
			}
		}
		// Collect well before the hard limit, and stop runaway recursion long
		// before it could use the limit up.
		debug.SetMemoryLimit(lim.memory * 3 / 4)
		stack := lim.memory / 16
		if stack > 64<<20 {
			stack = 64 << 20
		}
		debug.SetMaxStack(int(stack))
	}
	xcpu := make(chan os.Signal, 1)
	if sig := cpuSignal(); sig != nil {
		signal.Notify(xcpu, sig)
		go func() {
			<-xcpu
			fmt.Fprintln(os.Stderr, cpuLimitMessage)
			os.Exit(exitCPULimit)
		}()
	}
	inFile := os.NewFile(fdRequests, "requests")
	out := os.NewFile(fdReplies, "replies")
	if inFile == nil || out == nil {
		fmt.Fprintln(os.Stderr, "sandbox: no protocol pipes (fds 3 and 4)")
		return exitUsage
	}
	in := bufio.NewReaderSize(inFile, 64<<10)
	for {
		req, err := readFrame(in, lim.maxFrame)
		if errors.Is(err, io.EOF) {
			return 0
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "sandbox:", err)
			return exitProtocol
		}
		if lim.cpuSeconds > 0 {
			if err := limitCPU(lim.cpuSeconds); err != nil {
				fmt.Fprintln(os.Stderr, "sandbox: CPU limit:", err)
			}
		}
		rep := h(req)
		if err := writeFrame(out, rep); err != nil {
			fmt.Fprintln(os.Stderr, "sandbox:", err)
			return exitProtocol
		}
	}
}

// childLimits are what the parent passes on the child's command line.
type childLimits struct {
	memory     int64 // bytes; 0 for none
	cpuSeconds int64 // per request; 0 for none
	maxFrame   int64
}

func (l childLimits) args() []string {
	return []string{
		"-memory", strconv.FormatInt(l.memory, 10),
		"-cpu", strconv.FormatInt(l.cpuSeconds, 10),
		"-frame", strconv.FormatInt(l.maxFrame, 10),
	}
}

func parseChildArgs(args []string) (childLimits, error) {
	var l childLimits
	if len(args)%2 != 0 {
		return l, fmt.Errorf("arguments %q: want pairs", args)
	}
	for i := 0; i < len(args); i += 2 {
		v, err := strconv.ParseInt(args[i+1], 10, 64)
		if err != nil || v < 0 {
			return l, fmt.Errorf("argument %s %q: want a number", args[i], args[i+1])
		}
		switch args[i] {
		case "-memory":
			l.memory = v
		case "-cpu":
			l.cpuSeconds = v
		case "-frame":
			l.maxFrame = v
		default:
			return l, fmt.Errorf("unknown argument %q", args[i])
		}
	}
	if l.maxFrame <= 0 {
		l.maxFrame = defaultMaxFrame
	}
	return l, nil
}
