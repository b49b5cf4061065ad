package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCollect walks folders named directly and through links, follows
// links to files, and counts what it leaves out.
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(docs, "sub"), 0o755))
	must(os.MkdirAll(filepath.Join(docs, ".hidden"), 0o755))
	for _, f := range []string{"a.pdf", "sub/b.docx", "notes.xlsx", ".hidden/c.txt", ".d.txt"} {
		must(os.WriteFile(filepath.Join(docs, f), []byte("x"), 0o644))
	}
	elsewhere := filepath.Join(dir, "elsewhere.txt")
	must(os.WriteFile(elsewhere, []byte("x"), 0o644))
	must(os.Symlink(elsewhere, filepath.Join(docs, "linked.txt")))
	must(os.Symlink(filepath.Join(docs, "sub"), filepath.Join(docs, "loop")))
	must(os.Symlink(docs, filepath.Join(dir, "docs-link")))

	want := []string{filepath.Join(docs, "a.pdf"), filepath.Join(docs, "linked.txt"), filepath.Join(docs, "sub/b.docx")}
	tests := []struct {
		name  string
		paths []string
		want  []string
		skip  int
	}{
		{"folder", []string{docs}, want, 2},
		{"folder through a link", []string{filepath.Join(dir, "docs-link")}, want, 2},
		{"a file as given", []string{filepath.Join(docs, "notes.xlsx")}, []string{filepath.Join(docs, "notes.xlsx")}, 0},
		{"the same twice", []string{docs, docs}, want, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped, err := Collect(tt.paths)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || skipped != tt.skip {
				t.Errorf("Collect = %v, %d skipped; want %v, %d", got, skipped, tt.want, tt.skip)
			}
		})
	}
	if _, _, err := Collect([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing path gave no error")
	}
}
