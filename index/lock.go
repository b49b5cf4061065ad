package index

// The index lock: one writer at a time, and who holds it.

import (
	"fmt"

	"github.com/sirlearn/sirlearn/corpus"
)

// LockInfo says which process holds an index.
type LockInfo struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`
	Addr    string `json:"addr,omitempty"`
	Inbox   string `json:"inbox,omitempty"`
	Since   string `json:"since"`
}

// LockedError is returned by Open when another process holds the index.
type LockedError struct {
	Path   string
	Holder LockInfo
}

func (e *LockedError) Error() string {
	h := e.Holder
	msg := fmt.Sprintf("index %s is held by another process (pid %d, %q since %s)", e.Path, h.PID, h.Command, h.Since)
	if h.Addr != "" {
		msg += fmt.Sprintf("; a server is running at %s: add files with POST %s/api/reviews", h.Addr, h.Addr)
		if h.Inbox != "" {
			msg += " or by copying them into its inbox " + h.Inbox
		}
	}
	return msg
}

func (e *LockedError) Unwrap() error { return corpus.ErrLocked }
