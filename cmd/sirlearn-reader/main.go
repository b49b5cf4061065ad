// Command sirlearn-reader is sirlearn's reader worker on its own: the
// child process that parses untrusted review files under memory and
// CPU-time limits. It links only the readers, so it starts in a fraction of
// the time sirlearn itself takes (sirlearn links the search index, whose
// package start-up alone is several milliseconds). sirlearn runs it when it
// finds it beside its own executable, built from the same source (go
// install ./cmd/...); otherwise sirlearn runs itself as the worker. It is
// not meant to be run by hand.
package main

import (
	"fmt"
	"os"

	"github.com/sirlearn/sirlearn/ingest"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == ingest.WorkerArg {
		os.Exit(ingest.RunWorker(os.Args[2:]))
	}
	fmt.Fprintln(os.Stderr, "sirlearn-reader: sirlearn's reader worker; sirlearn starts it itself (see ingest.reader in sirlearn's README)")
	os.Exit(2)
}
