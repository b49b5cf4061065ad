package ingest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// memIndex is an in-memory Indexer.
type memIndex struct {
	mu      sync.Mutex
	reviews map[string]*corpus.Review
}

func (m *memIndex) Has(id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.reviews[id]
	return ok, nil
}

func (m *memIndex) Sources(context.Context) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]string{}
	for id, r := range m.reviews {
		out[r.Source] = id
	}
	return out, nil
}

func (m *memIndex) Apply(_ context.Context, put []*corpus.Review, del []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range del {
		delete(m.reviews, id)
	}
	for _, r := range put {
		m.reviews[r.ID] = r
	}
	return nil
}

type titleExtractor struct{}

func (titleExtractor) Extract(d *corpus.Document) *corpus.Review {
	return &corpus.Review{ID: d.ID, Source: d.Source, Format: d.Format}
}

func TestInbox(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("REVIEW\n\nNo home visit was undertaken."), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.pdf"), []byte("%PDF-1.4\nbroken"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("not taken"), 0o644)
	ix := &memIndex{reviews: map[string]*corpus.Review{}}
	in := &Inbox{Dir: dir, Index: ix, Extract: titleExtractor{}, Log: slog.New(slog.DiscardHandler)}
	for _, sub := range []string{".processing", ".done", ".rejected"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
	}
	seen := map[string]int64{}
	in.poll(context.Background(), seen) // first sight: wait for the size to settle
	if len(ix.reviews) != 0 {
		t.Fatal("a file was taken before its size settled")
	}
	in.poll(context.Background(), seen)
	if len(ix.reviews) != 1 {
		t.Fatalf("indexed %d reviews, want 1", len(ix.reviews))
	}
	for _, r := range ix.reviews {
		if r.Source != "inbox/good.txt" {
			t.Errorf("source %q", r.Source)
		}
	}
	done, _ := filepath.Glob(filepath.Join(dir, ".done", "*good.txt"))
	rejected, _ := filepath.Glob(filepath.Join(dir, ".rejected", "*bad.pdf"))
	if len(done) != 1 || len(rejected) != 1 {
		t.Fatalf("done %v, rejected %v", done, rejected)
	}
	reason, err := os.ReadFile(rejected[0] + ".reason.txt")
	if err != nil || !strings.Contains(string(reason), "malformed") {
		t.Errorf("reason = %q, %v", reason, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".hidden.txt")); err != nil {
		t.Error("a hidden file was moved")
	}
}

// TestInboxQuarantine: a file left in .processing/ by a run that died is
// read again, one left by two runs that died is rejected; a crafted file that crashes the
// reader goes through the sandbox to .rejected/ and the good one is indexed.
func TestInboxQuarantine(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".processing"), 0o755)
	// Left by one death: read again. Left by two: rejected.
	os.WriteFile(filepath.Join(dir, ".processing", "again.txt"), []byte("REVIEW\n\nRead again after a crash."), 0o644)
	os.WriteFile(filepath.Join(dir, ".processing", "retry-killer.pdf"), []byte("%PDF-1.4\nleft behind"), 0o644)
	crash, err := os.ReadFile(filepath.Join("testdata", "crafted", "objstm-self.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "crash.pdf"), crash, 0o644)
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("REVIEW\n\nNo home visit was undertaken."), 0o644)
	ix := &memIndex{reviews: map[string]*corpus.Review{}}
	in := &Inbox{Dir: dir, Index: ix, Extract: titleExtractor{}, Reader: testSandbox(t, 1), Log: slog.New(slog.DiscardHandler),
		Interval: 10 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- in.Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		r, _ := filepath.Glob(filepath.Join(dir, ".rejected", "*.pdf"))
		d, _ := filepath.Glob(filepath.Join(dir, ".done", "*.txt"))
		if len(r) == 2 && len(d) == 2 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"killer.pdf": "crashed the reader last time", "crash.pdf": "reader crashed: stack overflow"} {
		m, _ := filepath.Glob(filepath.Join(dir, ".rejected", "*"+name+".reason.txt"))
		if len(m) != 1 {
			t.Fatalf("%s: no reason file in .rejected", name)
		}
		reason, _ := os.ReadFile(m[0])
		if !strings.Contains(string(reason), want) {
			t.Errorf("%s: reason %q, want %q", name, reason, want)
		}
	}
	if len(ix.reviews) != 2 {
		t.Errorf("indexed %d reviews, want the good one and the one read again", len(ix.reviews))
	}
	if left, _ := os.ReadDir(filepath.Join(dir, ".processing")); len(left) != 0 {
		t.Errorf(".processing still holds %d files", len(left))
	}
}

func TestRunBatchWithMemIndex(t *testing.T) {
	dir := t.TempDir()
	for i, body := range []string{"one review text here", "two review text here", ""} {
		os.WriteFile(filepath.Join(dir, "f"+string(rune('a'+i))+".txt"), []byte(body), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("x,y"), 0o644)
	ix := &memIndex{reviews: map[string]*corpus.Review{}}
	sum, err := RunBatch(context.Background(), []string{dir}, ix, titleExtractor{}, BatchOptions{Workers: 2, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 2 || sum.Rejected != 1 || sum.Skipped != 1 || len(sum.Rejects) != 1 || !strings.HasSuffix(string(sum.Rejects[0].File), "fc.txt") {
		t.Errorf("summary = %+v", sum)
	}
	sum, _ = RunBatch(context.Background(), []string{dir}, ix, titleExtractor{}, BatchOptions{})
	if sum.Unchanged != 2 || sum.Indexed != 0 {
		t.Errorf("second run = %+v", sum)
	}
}
