package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
)

// Journal records which files are being read and extracted, so that a
// file in progress when the process died is known on the next run. Such a
// file is not to blame for certain (the process may have been killed from
// outside), so the next run reads it once more, after every other file; a
// file in progress at two deaths in a row is rejected with the reason, so
// a batch or a server can never loop on a file that takes it down.
//
// The journal is an append-only file of JSON lines beside the index; a run
// that ends cleanly removes it.
type Journal struct {
	path string
	mu   sync.Mutex
	f    *os.File
	// left are the files earlier runs left in progress, by content id.
	left map[string]JournalEntry
}

// MaxStrikes is how many deaths in a row a file may be in progress at
// before it is rejected instead of read.
const MaxStrikes = 2

// JournalEntry is one file in progress.
type JournalEntry struct {
	ID   string `json:"id"`
	File Path   `json:"file,omitempty"`
	// Strikes counts the runs that died while this file was in progress.
	Strikes int `json:"strikes,omitempty"`
}

type journalLine struct {
	// start: being read now; left: carried over from a run that died,
	// not being read; done: finished (or rejected).
	Op string `json:"op"`
	JournalEntry
}

// OpenJournal reads what earlier runs left at path and starts this run's
// journal there, carrying their unfinished entries over until this run has
// dealt with them.
func OpenJournal(path string) (*Journal, error) {
	j := &Journal{path: path, left: map[string]JournalEntry{}}
	if f, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var l journalLine
			if json.Unmarshal(sc.Bytes(), &l) != nil {
				continue // a line cut off by the crash
			}
			switch l.Op {
			case "start":
				// In progress when that run died.
				l.Strikes++
				j.left[l.ID] = l.JournalEntry
			case "left":
				j.left[l.ID] = l.JournalEntry
			case "done":
				delete(j.left, l.ID)
			}
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	j.f = f
	for _, e := range j.left {
		if err := j.write("left", e); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	return j, nil
}

func (j *Journal) write(op string, e JournalEntry) error {
	b, err := json.Marshal(journalLine{Op: op, JournalEntry: e})
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	return nil
}

// Strikes returns how many runs in a row died while the file with this
// content id was in progress (0 for a file no run died on).
func (j *Journal) Strikes(id string) int {
	if j == nil {
		return 0
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.left[id].Strikes
}

// Start records that a file is about to be read.
func (j *Journal) Start(id, file string) error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.write("start", JournalEntry{ID: id, File: Path(file), Strikes: j.left[id].Strikes})
}

// Done records that a file has been read and extracted, or rejected: the
// process did not die of it.
func (j *Journal) Done(id string) error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.left, id)
	return j.write("done", JournalEntry{ID: id})
}

// Close ends a run that finished: the journal is removed, unless it still
// carries earlier entries this run never met (their files were not in this
// run), which wait for a later one.
func (j *Journal) Close() error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Close(); err != nil {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	if len(j.left) > 0 {
		return nil
	}
	if err := os.Remove(j.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	return nil
}
