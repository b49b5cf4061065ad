package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads each testdata file; compare PDF producers with
// scripts/bench-pdf.sh, which also times pdftotext on the same files.
func BenchmarkRead(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, _ = Read(context.Background(), f, data, Limits{})
			}
		})
	}
}
