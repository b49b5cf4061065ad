// Command sirlearn ingests, extracts, indexes and serves serious incident
// reviews. Each subcommand lives in its own file; this file wires logging,
// configuration and signals.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/sirlearn/sirlearn/ingest"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == ingest.WorkerArg {
		// A reader worker of a parent sirlearn: nothing else of the
		// command is set up.
		os.Exit(ingest.RunWorker(os.Args[2:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks the command to stop at its next safe point;
	// a second one ends the process at once, as if no handler were set.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries a process exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// run executes the command line and returns the exit status: 0 success,
// 1 failure, 2 partial success where a command says so.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	cmd := app.rootCommand()
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if app.stopProfile != nil {
		if perr := app.stopProfile(); perr != nil && err == nil {
			err = fmt.Errorf("cpu profile: %w", perr)
		}
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "sirlearn:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "sirlearn:", err)
	return 1
}
