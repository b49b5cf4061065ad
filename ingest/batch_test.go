package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// TestRunBatchSandboxMixed: good files and every crafted file in one
// batch through the sandbox. Each hostile file is a named rejection, every
// good one is indexed, and this process lives on.
func TestRunBatchSandboxMixed(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 30; i++ {
		body := fmt.Sprintf("REVIEW %d\n\nThe case management plan was not reviewed after the change of address.\n", i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("good-%02d.txt", i)), []byte(body), 0o644)
	}
	hostile := map[string]string{}
	good := 30
	for _, c := range crafted {
		data, err := os.ReadFile(filepath.Join("testdata", "crafted", c.name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, c.name), data, 0o644)
		if c.ok {
			good++
		} else {
			hostile[c.name] = c.want
		}
	}
	ix := &memIndex{reviews: map[string]*corpus.Review{}}
	opts := BatchOptions{Workers: 2, BatchSize: 7, Reader: testSandbox(t, 2), Limits: Limits{Timeout: 3 * time.Second}}
	sum, err := RunBatch(context.Background(), []string{dir}, ix, titleExtractor{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != good || len(ix.reviews) != good {
		t.Errorf("indexed %d (%d in the index), want %d", sum.Indexed, len(ix.reviews), good)
	}
	if sum.Rejected != len(hostile) {
		t.Errorf("rejected %d, want %d: %+v", sum.Rejected, len(hostile), sum.Rejects)
	}
	for _, r := range sum.Rejects {
		name := filepath.Base(string(r.File))
		want, ok := hostile[name]
		if !ok || !wantIn(r.Reason, want) {
			t.Errorf("reject %s: %q, want %q", name, r.Reason, want)
		}
	}
}

// TestRunBatchJournal: a file an earlier run died on is read after the
// others; a file two runs in a row died on is rejected once, with the
// reason, and read again by the run after.
func TestRunBatchJournal(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.txt": "REVIEW\n\nFirst review text.", "b.txt": "REVIEW\n\nSecond review text.", "c.txt": "REVIEW\n\nThird."}
	for name, body := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	a, victim := HashBytes([]byte(files["a.txt"])), HashBytes([]byte(files["b.txt"]))
	for _, tt := range []struct {
		name     string
		left     string // the journal a dead run left, its last line cut
		rejected bool
	}{
		{"one death", `{"op":"start","id":"` + victim + `","file":"b"}`, false},
		{"two deaths", `{"op":"start","id":"` + victim + `","file":"b","strikes":1}`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			jpath := filepath.Join(t.TempDir(), "index.journal")
			os.WriteFile(jpath, []byte(`{"op":"start","id":"`+a+`","file":"a"}`+"\n"+`{"op":"done","id":"`+a+`"}`+"\n"+
				tt.left+"\n"+`{"op":"sta`), 0o644)
			ix := &memIndex{reviews: map[string]*corpus.Review{}}
			rec := &recordingReader{}
			run := func() Summary {
				t.Helper()
				j, err := OpenJournal(jpath)
				if err != nil {
					t.Fatal(err)
				}
				sum, err := RunBatch(context.Background(), []string{dir}, ix, titleExtractor{}, BatchOptions{Journal: j, Workers: 1, BatchSize: 1, Reader: rec})
				if err != nil {
					t.Fatal(err)
				}
				if err := j.Close(); err != nil {
					t.Fatal(err)
				}
				if _, err := os.Stat(jpath); !os.IsNotExist(err) {
					t.Fatalf("journal left after a clean run: %v", err)
				}
				return sum
			}
			sum := run()
			if !tt.rejected {
				if sum.Indexed != 3 || sum.Rejected != 0 {
					t.Fatalf("first run: %+v", sum)
				}
				if last := rec.names[len(rec.names)-1]; filepath.Base(last) != "b.txt" {
					t.Fatalf("read %v: the file a run died on must go last", rec.names)
				}
				return
			}
			if sum.Indexed != 2 || sum.Rejected != 1 || !strings.Contains(sum.Rejects[0].Reason, "crashed the reader last time") ||
				filepath.Base(string(sum.Rejects[0].File)) != "b.txt" {
				t.Fatalf("first run: %+v", sum)
			}
			sum = run()
			if sum.Indexed != 1 || sum.Unchanged != 2 || sum.Rejected != 0 {
				t.Fatalf("second run: %+v", sum)
			}
		})
	}
}

// recordingReader reads in this process and notes the order.
type recordingReader struct {
	mu    sync.Mutex
	names []string
}

func (r *recordingReader) Read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error) {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
	return Read(ctx, name, data, lim)
}

func TestPathJSON(t *testing.T) {
	for _, name := range []string{"plain.pdf", "caf\xe9.pdf", "new\nline.pdf"} {
		b, err := Path(name).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Path
		if err := back.UnmarshalJSON(b); err != nil || string(back) != name {
			t.Errorf("Path(%q) -> %s -> %q, %v", name, b, back, err)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"plain.pdf", "plain.pdf"},
		{"a b.pdf", "a b.pdf"},
		{"x\nrejected: y.pdf", `"x\nrejected: y.pdf"`},
		{"\x1b[31mred.pdf", `"\x1b[31mred.pdf"`},
		{"caf\xe9.pdf", `"caf\xe9.pdf"`},
	} {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestRunBatchReread: a second run finds nothing to read; with Reread it
// reads every file again and replaces each review in place.
func TestRunBatchReread(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		body := fmt.Sprintf("REVIEW %d\n\nThe plan was not reviewed.\n", i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r-%d.txt", i)), []byte(body), 0o644)
	}
	ix := &memIndex{reviews: map[string]*corpus.Review{}}
	ctx := context.Background()
	for _, tt := range []struct {
		reread             bool
		indexed, unchanged int
	}{{false, 3, 0}, {false, 0, 3}, {true, 3, 0}} {
		sum, err := RunBatch(ctx, []string{dir}, ix, titleExtractor{}, BatchOptions{Workers: 2, Reread: tt.reread})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Indexed != tt.indexed || sum.Unchanged != tt.unchanged || sum.Replaced != 0 || len(ix.reviews) != 3 {
			t.Errorf("reread %v: indexed %d, unchanged %d, replaced %d, %d in the index; want %d, %d, 0, 3", tt.reread, sum.Indexed, sum.Unchanged, sum.Replaced, len(ix.reviews), tt.indexed, tt.unchanged)
		}
	}
}
