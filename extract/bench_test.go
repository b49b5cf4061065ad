package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/ingest"
)

// sampleDocs reads a generated corpus of n reviews once.
func sampleDocs(b *testing.B, n int) ([]*corpus.Document, int64) {
	b.Helper()
	dir := b.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: n, Seed: 5}); err != nil {
		b.Fatal(err)
	}
	truth, err := synth.ReadTruth(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var docs []*corpus.Document
	var size int64
	for _, t := range truth {
		d, err := ingest.ReadFile(context.Background(), filepath.Join(dir, t.File), ingest.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		size += int64(len(d.Text()))
	}
	os.RemoveAll(dir)
	return docs, size
}

// BenchmarkExtract measures each stage on generated reviews: MB/s is text
// bytes per second on one core (run with -cpu 1), allocs/op is per review.
func BenchmarkExtract(b *testing.B) {
	docs, size := sampleDocs(b, 100)
	ex, err := extract.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	per := size / int64(len(docs))
	stages := []struct {
		name string
		run  func(d *corpus.Document)
	}{
		{"metadata", func(d *corpus.Document) { ex.Metadata(d) }},
		{"sections", func(d *corpus.Document) { ex.Sections(d) }},
		{"themes", func(d *corpus.Document) { ex.Themes(ex.Sections(d)) }},
		{"all", func(d *corpus.Document) { ex.Extract(d) }},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.SetBytes(per)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				st.run(docs[i%len(docs)])
			}
		})
	}
}

// BenchmarkExtractUnpunctuated measures extraction of text without a
// sentence stop (a table or list read as one run): its cost per byte
// should stay that of ordinary text, whatever the run's length.
func BenchmarkExtractUnpunctuated(b *testing.B) {
	ex, err := extract.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		text := "Serious incident review\n\nAnalysis\n\n" + strings.Repeat("the plan was not reviewed and the police were not told and the worker did not visit ", n)
		doc, err := ingest.Read(context.Background(), "run.txt", []byte(text), ingest.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				ex.Extract(doc)
			}
		})
	}
}

// BenchmarkRedactReview measures making the researcher view, beside
// extraction of the same reviews (BenchmarkExtract): MB/s is text.
func BenchmarkRedactReview(b *testing.B) {
	docs, size := sampleDocs(b, 40)
	tax, err := extract.LoadTaxonomy("")
	if err != nil {
		b.Fatal(err)
	}
	ex, err := extract.New(tax)
	if err != nil {
		b.Fatal(err)
	}
	revs := make([]*corpus.Review, len(docs))
	for i, d := range docs {
		revs[i] = ex.Extract(d)
	}
	red := extract.NewRedactor()
	red.Redact("Tariq was seen.") // loads the recogniser's model
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range revs {
			red.RedactReview(r)
		}
	}
}

// BenchmarkLoad times what a one-file command pays before its first
// review: compiling the default taxonomy and loading the sentence model.
func BenchmarkLoad(b *testing.B) {
	b.Run("taxonomy", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := extract.DefaultTaxonomy(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sentence-model", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := extract.NewSegmenter(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
