package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
)

// TestMain lets the test binary act as the sirlearn command when
// SIRLEARN_AS_MAIN is set, so tests can run it as a real process (and kill
// it) without building it separately.
func TestMain(m *testing.M) {
	if os.Getenv("SIRLEARN_AS_MAIN") == "1" || len(os.Args) > 1 && os.Args[1] == ingest.WorkerArg {
		main() // exits
	}
	os.Exit(m.Run())
}

// sirlearn runs the command in-process and returns its status and output.
func sirlearn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.4\ngarbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join("..", "..", "ingest", "testdata", "groff-ps2pdf.pdf")
	code, out, errs := sirlearn(t, "extract", "--format", "json", bad, good)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "broken.pdf") || !strings.Contains(errs, "malformed") {
		t.Errorf("stderr %q does not name the file and reason", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line, got %d: %q", len(lines), out)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "id", "format", "title", "authority", "incident_date", "notification_date", "submitted_date",
		"incident_type", "order", "mappa", "notification_working_days", "notification_on_time", "review_on_time", "sections", "themes", "blocks", "pages"} {
		if _, ok := v[k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	if v["authority"] != "Fife" || v["submitted_date"] != nil {
		t.Errorf("authority %v, submitted %v", v["authority"], v["submitted_date"])
	}
	code, out, _ = sirlearn(t, "extract", "--format", "text", good)
	if code != 0 || !strings.Contains(out, "authority: Fife") {
		t.Errorf("text format: exit %d, %q", code, out)
	}
	if code, _, errs := sirlearn(t, "extract", "--format", "xml", good); code != 1 || !strings.Contains(errs, "xml") {
		t.Errorf("bad format: exit %d %q", code, errs)
	}
}

// TestEvalScores scores extraction on a fresh generated corpus and fails
// below floors a little under the measured figures, so a regression shows.
func TestEvalScores(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: 120, Seed: 42}); err != nil {
		t.Fatal(err)
	}
	code, out, errs := sirlearn(t, "eval", "--split", "all", "--min-theme-f1", "0.90", "--min-section-accuracy", "0.93",
		"--min-date-accuracy", "0.97", "--min-authority-accuracy", "1", dir)
	if code != 0 {
		t.Errorf("eval exit %d: %s\n%s", code, errs, out)
	}
	code, _, errs = sirlearn(t, "eval", "--min-theme-f1", "0.999", dir)
	if code != 1 || !strings.Contains(errs, "below the minimum") {
		t.Errorf("an impossible floor did not fail: exit %d %q", code, errs)
	}
}

func TestIndexSearchThemes(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 30, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(docs, "zz-empty.pdf")
	os.WriteFile(bad, nil, 0o644)
	ixPath := filepath.Join(dir, "ix")
	code, _, errs := sirlearn(t, "index", "--index", ixPath, docs)
	if code != 2 || !strings.Contains(errs, "indexed 30") || !strings.Contains(errs, "zz-empty.pdf") {
		t.Fatalf("index: exit %d, %s", code, errs)
	}
	ledger, err := os.ReadFile(ixPath + ".rejected.jsonl")
	if err != nil || !strings.Contains(string(ledger), "zz-empty.pdf") {
		t.Errorf("ledger = %q, %v", ledger, err)
	}
	os.Remove(bad)
	code, _, errs = sirlearn(t, "index", "--index", ixPath, docs)
	if code != 0 || !strings.Contains(errs, "indexed 0, unchanged 30") {
		t.Errorf("re-run: exit %d, %s", code, errs)
	}
	// Change one file, remove another: replaced and pruned.
	entries, _ := filepath.Glob(filepath.Join(docs, "*.txt"))
	if len(entries) < 1 {
		entries, _ = filepath.Glob(filepath.Join(docs, "*.md"))
	}
	f, _ := os.OpenFile(entries[0], os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n\nAn addendum was added after quality assurance.\n")
	f.Close()
	gone, _ := filepath.Glob(filepath.Join(docs, "*.docx"))
	os.Remove(gone[0])
	code, _, errs = sirlearn(t, "index", "--prune", "--index", ixPath, docs)
	if code != 0 || !strings.Contains(errs, "replaced 1") || !strings.Contains(errs, "pruned 1") || !strings.Contains(errs, "29 reviews") {
		t.Errorf("changed+pruned: exit %d, %s", code, errs)
	}
	code, out, errs := sirlearn(t, "search", "--index", ixPath, "--json", "plan")
	var res corpus.SearchResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 || len(res.Facets["authority"]) == 0 ||
		res.Group != corpus.GroupReview || len(res.Reviews) == 0 || res.TotalSections < res.Total {
		t.Errorf("search: exit %d %s %s", code, errs, out)
	}
	code, out, errs = sirlearn(t, "search", "--index", ixPath, "--group", "section", "plan")
	if code != 0 || !strings.HasPrefix(out, fmt.Sprintf("%d matching sections", res.TotalSections)) {
		t.Errorf("search by section: exit %d %s, want %d sections: %.200s", code, errs, res.TotalSections, out)
	}
	if code, _, errs := sirlearn(t, "search", "--index", ixPath, "*plan"); code != 1 || !strings.Contains(errs, "may not start with") {
		t.Errorf("bad query: exit %d %q", code, errs)
	}
	code, out, _ = sirlearn(t, "themes", "--index", ixPath, "--by", "year", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "theme,reviews,authorities,") {
		t.Errorf("themes csv: exit %d %q", code, out)
	}
}

// TestIndexKillNine kills a running `sirlearn index` with SIGKILL, checks
// that the index opens and holds whole reviews only, and that a re-run
// completes it.
func TestIndexKillNine(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	const n = 400
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: n, Seed: 9, Formats: nil}); err != nil {
		t.Fatal(err)
	}
	ixPath := filepath.Join(dir, "ix")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Early kills land while the index is being created.
	for _, delay := range []time.Duration{40 * time.Millisecond, 120 * time.Millisecond, 300 * time.Millisecond, 900 * time.Millisecond} {
		cmd := exec.Command(self, "index", "--index", ixPath, "--log-level", "error", docs)
		cmd.Env = append(os.Environ(), "SIRLEARN_AS_MAIN=1", "SIRLEARN_INDEX_BATCH_SIZE=20")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		ix, err := index.Open(context.Background(), ixPath, index.Options{})
		if err != nil {
			t.Fatalf("open after kill -9: %v", err)
		}
		got, err := ix.Verify(context.Background())
		ix.Close()
		if err != nil {
			t.Fatalf("after kill -9 at %s: %v", delay, err)
		}
		t.Logf("killed after %s with %d of %d reviews indexed", delay, got, n)
	}
	code, _, errs := sirlearn(t, "index", "--index", ixPath, docs)
	if code != 0 {
		t.Fatalf("re-run: exit %d %s", code, errs)
	}
	ix, err := index.Open(context.Background(), ixPath, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Verify(context.Background()); err != nil || got != n {
		t.Errorf("after re-run: %d reviews, %v; want %d", got, err, n)
	}
}

// TestIndexHeldByAnotherProcess: a held index without a server address is
// an immediate, clear error, never a hang.
func TestIndexHeldByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	ixPath := filepath.Join(dir, "ix")
	ix, err := index.Open(context.Background(), ixPath, index.Options{Holder: index.LockInfo{Command: "sirlearn bench"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	done := make(chan struct{})
	var code int
	var errs string
	go func() {
		code, _, errs = sirlearn(t, "index", "--index", ixPath, dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("sirlearn index hung on a held index")
	}
	if code != 1 || !strings.Contains(errs, "held by another process") || !strings.Contains(errs, "sirlearn bench") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// TestIndexThroughServer: with a server holding the index, sirlearn index
// uploads through its API, and search and themes query it.
func TestIndexThroughServer(t *testing.T) {
	base, cfg, ixPath := startServerIn(t, 10)
	docs := filepath.Join(t.TempDir(), "more")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 6, Seed: 99}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "bad.pdf"), []byte("%PDF-1.4\nbroken"), 0o644)
	code, _, errs := sirlearn(t, "index", "--config", cfg, "--index", ixPath, docs)
	if code != 2 || !strings.Contains(errs, "indexed 6") || !strings.Contains(errs, base) || !strings.Contains(errs, "bad.pdf") {
		t.Fatalf("index through server: exit %d %s", code, errs)
	}
	code, _, errs = sirlearn(t, "index", "--config", cfg, "--index", ixPath, docs)
	if code != 2 || !strings.Contains(errs, "indexed 0, unchanged 6") {
		t.Errorf("second upload: exit %d %s", code, errs)
	}
	code, out, errs := sirlearn(t, "search", "--config", cfg, "--index", ixPath, "--json", "plan")
	var res corpus.SearchResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 || res.Group != corpus.GroupReview || len(res.Reviews) == 0 {
		t.Errorf("search through server: exit %d %s %s", code, errs, out)
	}
	code, out, _ = sirlearn(t, "themes", "--config", cfg, "--index", ixPath, "--format", "json")
	var tab corpus.ThemeTable
	if code != 0 || json.Unmarshal([]byte(out), &tab) != nil || tab.TotalReviews != 16 {
		t.Errorf("themes through server: exit %d %+v", code, tab)
	}
	if code, _, errs := sirlearn(t, "index", "--prune", "--config", cfg, "--index", ixPath, docs); code != 1 || !strings.Contains(errs, "--prune") {
		t.Errorf("prune through server: exit %d %s", code, errs)
	}
}

// TestServeSIGTERM sends SIGTERM while an upload is in flight: the upload
// completes, the server exits 0 and leaves an index that opens whole.
func TestServeSIGTERM(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 40, Seed: 5, Formats: []corpus.Format{corpus.FormatDOCX, corpus.FormatPDF}}); err != nil {
		t.Fatal(err)
	}
	ixPath := filepath.Join(dir, "ix")
	self, _ := os.Executable()
	cmd := exec.Command(self, "serve", "--index", ixPath, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "SIRLEARN_AS_MAIN=1", "SIRLEARN_SERVE_OPEN_ACCESS=true")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	base := ""
	for sc.Scan() {
		if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, stderr)
	if base == "" {
		t.Fatal("server did not start")
	}
	files, _, _ := ingest.Collect([]string{docs})
	c := &apiClient{base: base, http: &http.Client{Timeout: time.Minute}}
	type result struct {
		sum ingest.Summary
		err error
	}
	resc := make(chan result, 1)
	go func() {
		sum, err := c.upload(context.Background(), files, ingest.Limits{}, nil)
		resc <- result{sum, err}
	}()
	time.Sleep(150 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	res := <-resc
	waitErr := make(chan error, 1)
	go func() { waitErr <- cmd.Wait() }()
	select {
	case err := <-waitErr:
		if err != nil {
			t.Errorf("server exit: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("server did not stop on SIGTERM")
	}
	// Requests after the signal may be refused; the ones in flight finished.
	t.Logf("uploaded before shutdown: %d indexed (%v)", res.sum.Indexed, res.err)
	ix, err := index.Open(context.Background(), ixPath, index.Options{})
	if err != nil {
		t.Fatalf("index after SIGTERM: %v", err)
	}
	defer ix.Close()
	n, err := ix.Verify(context.Background())
	if err != nil || n < res.sum.Indexed {
		t.Errorf("after SIGTERM: %d whole reviews, %v; the client saw %d indexed", n, err, res.sum.Indexed)
	}
	if res.sum.Indexed == 0 {
		t.Error("the in-flight upload did not complete")
	}
}

// TestTaxonomyChangeRetags indexes reviews, then runs the index again
// with a changed taxonomy: the stored reviews are tagged again (the files
// are unchanged, so nothing else would touch them), and a run with the
// same taxonomy touches none.
func TestTaxonomyChangeRetags(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 12, Seed: 5, Formats: []corpus.Format{corpus.FormatText}}); err != nil {
		t.Fatal(err)
	}
	ixPath := filepath.Join(dir, "ix")
	if code, _, errs := sirlearn(t, "index", "--index", ixPath, docs); code != 0 {
		t.Fatalf("index: exit %d %s", code, errs)
	}
	themesOf := func(args ...string) map[string]int {
		t.Helper()
		code, out, errs := sirlearn(t, append([]string{"themes", "--index", ixPath, "--format", "json"}, args...)...)
		var tab corpus.ThemeTable
		if code != 0 || json.Unmarshal([]byte(out), &tab) != nil {
			t.Fatalf("themes: exit %d %s %s", code, errs, out)
		}
		m := map[string]int{}
		for _, r := range tab.Rows {
			m[r.Theme] = r.Reviews
		}
		return m
	}
	before := themesOf()
	if before["mappa"] == 0 {
		t.Skipf("no review raises mappa in this sample: %v", before)
	}
	// A taxonomy in which mappa can no longer be raised: no cue of its
	// own matches, and the learned model may not raise it.
	tax := string(extract.DefaultTaxonomyYAML())
	i := strings.Index(tax, "\n  mappa:\n")
	j := strings.Index(tax[i+1:], "\n  domestic_abuse:\n")
	if i < 0 || j < 0 {
		t.Fatal("taxonomy layout changed")
	}
	tax = tax[:i] + "\n  mappa:\n    no_model: true\n    concerns: [\"zzq never matches\"]" + tax[i+1+j:]
	taxPath := filepath.Join(dir, "taxonomy.yaml")
	os.WriteFile(taxPath, []byte(tax), 0o644)
	cfg := filepath.Join(dir, "sirlearn.yaml")
	os.WriteFile(cfg, []byte("taxonomy: "+taxPath+"\n"), 0o644)
	code, _, errs := sirlearn(t, "index", "--config", cfg, "--index", ixPath, "--log-level", "info", docs)
	if code != 0 || !strings.Contains(errs, "tagged_again=12") || !strings.Contains(errs, "unchanged 12") {
		t.Fatalf("index with a new taxonomy: exit %d %s", code, errs)
	}
	if after := themesOf(); after["mappa"] != 0 || after["substance_use"] != before["substance_use"] {
		t.Errorf("themes before %v, after %v: want mappa gone, the rest kept", before, after)
	}
	code, _, errs = sirlearn(t, "index", "--config", cfg, "--index", ixPath, "--log-level", "info", docs)
	if code != 0 || strings.Contains(errs, "tagged_again") {
		t.Errorf("the same taxonomy again: exit %d %s", code, errs)
	}
}
