package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReaders reads the testdata documents in this process and
// through a worker: the difference is the sandbox's cost per document.
func BenchmarkReaders(b *testing.B) {
	var files [][]byte
	var names []string
	for _, pat := range []string{"*.pdf", "*.docx", "*.odt", "*.txt", "*.md"} {
		m, _ := filepath.Glob(filepath.Join("testdata", pat))
		for _, f := range m {
			if filepath.Base(f) == "encrypted.pdf" || filepath.Base(f) == "scan-no-text.pdf" {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			files, names = append(files, data), append(names, f)
		}
	}
	for _, rd := range []struct {
		name string
		r    DocReader
	}{{"in-process", InProcess{}}, {"worker", testSandbox(b, 1)}} {
		b.Run(rd.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for j, data := range files {
					if _, err := rd.r.Read(context.Background(), names[j], data, Limits{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
