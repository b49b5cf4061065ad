package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Inbox watches a folder for new review files and ingests each into the
// live index: a file is taken once its size has stopped changing between
// two polls, then moved to .done/ (indexed, or already there) or to
// .rejected/ with a .reason.txt beside it. Nothing is deleted.
type Inbox struct {
	Dir      string
	Index    Indexer
	Extract  Extractor
	Limits   Limits
	Interval time.Duration
	Log      *slog.Logger
}

// Run polls until ctx ends.
func (in *Inbox) Run(ctx context.Context) error {
	for _, sub := range []string{".done", ".rejected"} {
		if err := os.MkdirAll(filepath.Join(in.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("inbox %s: %w", in.Dir, err)
		}
	}
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

func (in *Inbox) poll(ctx context.Context, seen map[string]int64) {
	entries, err := os.ReadDir(in.Dir)
	if err != nil {
		in.Log.Error("inbox", "dir", in.Dir, "err", err)
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

func (in *Inbox) take(ctx context.Context, path, name string) {
	data, err := LoadFile(path, in.Limits)
	var created bool
	if err == nil {
		_, created, err = One(ctx, "inbox/"+name, data, in.Index, in.Extract, in.Limits)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z") + "-"
	if err != nil && !IsInputError(err) {
		// Not the file's fault (the index failed): leave it for the next poll.
		in.Log.Error("inbox", "file", name, "err", err)
		return
	}
	if err != nil {
		dst := filepath.Join(in.Dir, ".rejected", stamp+name)
		reason := strings.TrimPrefix(strings.TrimPrefix(err.Error(), path+": "), "inbox/"+name+": ")
		if mvErr := os.Rename(path, dst); mvErr != nil {
			in.Log.Error("inbox move", "file", path, "err", mvErr)
		}
		_ = os.WriteFile(dst+".reason.txt", []byte(reason+"\n"), 0o644)
		in.Log.Warn("inbox rejected", "file", name, "reason", reason)
		return
	}
	if mvErr := os.Rename(path, filepath.Join(in.Dir, ".done", stamp+name)); mvErr != nil {
		in.Log.Error("inbox move", "file", path, "err", mvErr)
	}
	in.Log.Info("inbox indexed", "file", name, "new", created)
}
