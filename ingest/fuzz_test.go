package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// seedFuzz adds every file under testdata whose name has one of the
// extensions to the fuzz corpus.
func seedFuzz(f *testing.F, exts ...string) {
	f.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, ext := range exts {
			if strings.HasSuffix(e.Name(), ext) {
				b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
	}
}

// checkRead asserts the reader's contract on arbitrary bytes: no panic, an
// error that wraps a sentinel and names the file, or a document with text.
func checkRead(t *testing.T, name string, data []byte) {
	if p := os.Getenv("FUZZ_LAST"); p != "" {
		_ = os.WriteFile(p, data, 0o644)
	}
	lim := Limits{Timeout: 2 * time.Second, MaxDecompressed: 16 << 20, MaxPages: 200}
	d, err := Read(context.Background(), name, data, lim)
	if err != nil {
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error %q does not name the file", err)
		}
		for _, s := range []error{corpus.ErrEmpty, corpus.ErrMalformed, corpus.ErrUnsupportedFormat, corpus.ErrTooLarge,
			corpus.ErrEncrypted, corpus.ErrNoTextLayer, corpus.ErrTimeout} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error %q wraps no sentinel", err)
	}
	if len(d.Blocks) == 0 {
		t.Fatal("no error and no blocks")
	}
	for _, b := range d.Blocks {
		if strings.TrimSpace(b.Text) == "" {
			t.Fatalf("empty block %+v", b)
		}
	}
}

func FuzzReadPDF(f *testing.F) {
	seedFuzz(f, ".pdf")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.pdf", data) })
}

func FuzzReadZip(f *testing.F) {
	seedFuzz(f, ".docx", ".odt")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.docx", data) })
}

func FuzzReadText(f *testing.F) {
	seedFuzz(f, ".txt", ".md", ".ms", ".html")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.txt", data) })
}
