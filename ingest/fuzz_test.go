package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// seedFuzz adds every file under the folders whose name has one of the
// extensions to the fuzz corpus.
func seedFuzz(f *testing.F, dirs []string, exts ...string) {
	f.Helper()
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			for _, ext := range exts {
				// A crafted seed over 256 KiB (the memory bomb) belongs only
				// to the worker's tests.
				if info, err := e.Info(); err == nil && info.Size() > 256<<10 && dir != "testdata" {
					continue
				}
				if strings.HasSuffix(e.Name(), ext) {
					b, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						f.Fatal(err)
					}
					f.Add(b)
				}
			}
		}
	}
}

// fuzzSandbox is one sandbox per fuzzing process, its workers this test
// binary; they die with the process.
var fuzzSandbox = sync.OnceValues(func() (*Sandbox, error) {
	return NewSandbox(SandboxOptions{Workers: 1, MaxMemory: 512 << 20, CPUTime: 2 * time.Second, Command: []string{os.Args[0]}})
})

// checkRead asserts the reader's contract on arbitrary bytes: no panic, an
// error that wraps a sentinel and names the file, or a document with text.
func checkRead(t *testing.T, rd DocReader, name string, data []byte) error {
	if p := os.Getenv("FUZZ_LAST"); p != "" {
		_ = os.WriteFile(p, data, 0o644)
	}
	lim := Limits{Timeout: 500 * time.Millisecond, MaxDecompressed: 16 << 20, MaxPages: 200}
	d, err := rd.Read(context.Background(), name, data, lim)
	if err != nil {
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error %q does not name the file", err)
		}
		if !IsInputError(err) {
			t.Fatalf("error %q wraps no sentinel", err)
		}
		return err
	}
	if len(d.Blocks) == 0 {
		t.Fatal("no error and no blocks")
	}
	for _, b := range d.Blocks {
		if strings.TrimSpace(b.Text) == "" {
			t.Fatalf("empty block %+v", b)
		}
	}
	return nil
}

var seedDirs = []string{"testdata", filepath.Join("testdata", "crafted")}

// FuzzReadPDF reads each input through the worker boundary, as sirlearn
// does: the PDF library has fatal errors (stack overflows, runaway
// allocations) that no recover catches, and a hung read is killed rather
// than left spinning. An input the worker survived is then read in this
// process too, so the fuzzer sees the reader's coverage and mutates
// towards new paths. Seeds: real producers' files and every crafted class.
func FuzzReadPDF(f *testing.F) {
	seedFuzz(f, seedDirs, ".pdf")
	f.Fuzz(func(t *testing.T, data []byte) {
		sb, err := fuzzSandbox()
		if err != nil {
			t.Fatal(err)
		}
		var crash *readerCrash
		if err := checkRead(t, sb, "fuzz.pdf", data); errors.As(err, &crash) {
			return // fatal or endless in the library: only a worker may run it
		}
		checkRead(t, InProcess{}, "fuzz.pdf", data)
	})
}

// FuzzReadZip reads DOCX and ODT in this process: those readers are
// sirlearn's own code over the standard library.
func FuzzReadZip(f *testing.F) {
	seedFuzz(f, seedDirs, ".docx", ".odt")
	f.Fuzz(func(t *testing.T, data []byte) { _ = checkRead(t, InProcess{}, "fuzz.docx", data) })
}

func FuzzReadText(f *testing.F) {
	seedFuzz(f, seedDirs, ".txt", ".md", ".ms", ".html")
	f.Fuzz(func(t *testing.T, data []byte) { _ = checkRead(t, InProcess{}, "fuzz.txt", data) })
}
