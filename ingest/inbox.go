package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Inbox watches a folder for new review files and ingests each into the
// live index: a file is taken once its size has stopped changing between
// two polls, moved to .processing/ before it is read, then to .done/
// (indexed, or already there) or to .rejected/ with a .reason.txt beside
// it. A file found in .processing/ at start was being read when the
// process died: it is read once more (marked retry-); found there again,
// it is rejected, so the inbox never loops on a file that brings it down.
// Nothing is deleted.
type Inbox struct {
	Dir     string
	Index   Indexer
	Extract Extractor
	// Reader reads each file (default InProcess; a server passes its
	// Sandbox).
	Reader   DocReader
	Limits   Limits
	Interval time.Duration
	Log      *slog.Logger
}

// The inbox's folders.
const (
	inboxProcessing = ".processing"
	inboxDone       = ".done"
	inboxRejected   = ".rejected"
)

// Run polls until ctx ends.
func (in *Inbox) Run(ctx context.Context) error {
	for _, sub := range []string{inboxProcessing, inboxDone, inboxRejected} {
		if err := os.MkdirAll(filepath.Join(in.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("inbox %s: %w", in.Dir, err)
		}
	}
	in.recover(ctx)
	interval := in.Interval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	seen := map[string]int64{} // path -> size at the last poll
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		in.poll(ctx, seen)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// retryPrefix marks a file in .processing/ that an earlier run died on.
const retryPrefix = "retry-"

// recover deals with the files earlier runs left in .processing/: read
// once more after one death, rejected after two.
func (in *Inbox) recover(ctx context.Context) {
	dir := filepath.Join(in.Dir, inboxProcessing)
	entries, err := os.ReadDir(dir)
	if err != nil {
		in.Log.Error("inbox", "dir", Quote(dir), "err", err)
		return
	}
	for _, e := range entries {
		if e.IsDir() || ctx.Err() != nil {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if name, ok := strings.CutPrefix(e.Name(), retryPrefix); ok {
			in.reject(path, name, "crashed the reader last time: sirlearn stopped while reading it, twice; move it back into the inbox to try again")
			continue
		}
		retry := filepath.Join(dir, retryPrefix+e.Name())
		if err := os.Rename(path, retry); err != nil {
			in.Log.Error("inbox move", "file", Quote(path), "err", err)
			continue
		}
		in.Log.Warn("inbox: reading again a file sirlearn stopped on last time", "file", Quote(e.Name()))
		in.process(ctx, retry, e.Name())
	}
}

func (in *Inbox) poll(ctx context.Context, seen map[string]int64) {
	entries, err := os.ReadDir(in.Dir)
	if err != nil {
		in.Log.Error("inbox", "dir", Quote(in.Dir), "err", err)
		return
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			return
		}
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(in.Dir, name)
		fi, err := e.Info()
		if err != nil {
			continue
		}
		if prev, ok := seen[path]; !ok || prev != fi.Size() {
			seen[path] = fi.Size() // still being written, or new: wait a poll
			continue
		}
		delete(seen, path)
		in.take(ctx, path, name)
	}
}

func stamp() string { return time.Now().UTC().Format("20060102T150405Z") + "-" }

func (in *Inbox) take(ctx context.Context, path, name string) {
	// Out of the way first: if reading it takes the process down, the next
	// run finds it in .processing/, not in the inbox.
	work := filepath.Join(in.Dir, inboxProcessing, name)
	if err := os.Rename(path, work); err != nil {
		in.Log.Error("inbox move", "file", Quote(path), "err", err)
		return
	}
	in.process(ctx, work, name)
}

// process reads the file at work (in .processing/) and moves it on.
func (in *Inbox) process(ctx context.Context, work, name string) {
	path := filepath.Join(in.Dir, name)
	data, err := LoadFile(work, in.Limits)
	var created bool
	if err == nil {
		_, created, err = One(ctx, in.Reader, "inbox/"+name, data, in.Index, in.Extract, in.Limits)
	}
	if err != nil && !IsInputError(err) {
		// Not the file's fault (the index failed, or the server is
		// stopping): put it back for the next poll.
		if !errors.Is(err, context.Canceled) {
			in.Log.Error("inbox", "file", Quote(name), "err", err)
		}
		if mvErr := os.Rename(work, path); mvErr != nil {
			in.Log.Error("inbox move", "file", Quote(work), "err", mvErr)
		}
		return
	}
	if err != nil {
		reason := strings.TrimPrefix(strings.TrimPrefix(err.Error(), work+": "), "inbox/"+name+": ")
		in.reject(work, name, reason)
		return
	}
	if mvErr := os.Rename(work, filepath.Join(in.Dir, inboxDone, stamp()+name)); mvErr != nil {
		in.Log.Error("inbox move", "file", Quote(work), "err", mvErr)
	}
	in.Log.Info("inbox indexed", "file", Quote(name), "new", created)
}

// reject moves a file to .rejected/ with its reason beside it.
func (in *Inbox) reject(from, name, reason string) {
	dst := filepath.Join(in.Dir, inboxRejected, stamp()+name)
	if err := os.WriteFile(dst+".reason.txt", []byte(reason+"\n"), 0o644); err != nil {
		in.Log.Error("inbox reason", "file", Quote(dst), "err", err)
	}
	if err := os.Rename(from, dst); err != nil {
		in.Log.Error("inbox move", "file", Quote(from), "err", err)
	}
	in.Log.Warn("inbox rejected", "file", Quote(name), "reason", Quote(reason))
}
