package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/internal/qdpx"
)

// codedStates lists every decided code of the index's reviews, as
// "source|sentence key|theme|status|by".
func codedStates(t *testing.T, ixPath string) []string {
	t.Helper()
	ix, err := index.Open(context.Background(), ixPath, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var out []string
	err = ix.EachReview(context.Background(), corpus.Filter{}, func(r *corpus.Review) error {
		for _, th := range r.Themes {
			for _, e := range th.Evidence {
				if e.Status != "" {
					out = append(out, strings.Join([]string{filepath.Base(r.Source), corpus.SentenceKey(e.Text), string(th.ID), e.Status, e.By}, "|"))
				}
			}
		}
		for _, e := range r.Rejected {
			out = append(out, strings.Join([]string{filepath.Base(r.Source), corpus.SentenceKey(e.Text), string(e.Theme), "rejected", e.By}, "|"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestQDPXRoundTrip: a coded index exports a project that validates
// against the QDA-XML schema; imported into a fresh index of the same
// files, its codings give back the same decisions.
func TestQDPXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 8, Cases: 3, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	ixA, ixB := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{ixA, ixB} {
		if code, _, errs := sirlearn(t, "index", "--index", p, docs); code != 0 {
			t.Fatalf("index: %s", errs)
		}
	}
	// Code in A: per review, reject its first suggestion, accept its
	// second, add a theme to its last section's first sentence.
	ix, err := index.Open(context.Background(), ixA, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var reviews []*corpus.Review
	ix.EachReview(context.Background(), corpus.Filter{}, func(r *corpus.Review) error { reviews = append(reviews, r); return nil })
	for _, r := range reviews {
		if len(r.Themes) < 2 || n >= 4 {
			continue
		}
		n++
		last := r.Sections[len(r.Sections)-1].Text
		if i := strings.Index(last, ". "); i > 0 {
			last = last[:i+1]
		}
		for _, d := range []corpus.Decision{
			{ReviewID: r.ID, Sentence: r.Themes[0].Evidence[0].Text, Theme: r.Themes[0].ID, Action: corpus.ActionReject, Who: "alice"},
			{ReviewID: r.ID, Sentence: r.Themes[1].Evidence[0].Text, Theme: r.Themes[1].ID, Action: corpus.ActionAccept, Who: "bob"},
			{ReviewID: r.ID, Sentence: last, Theme: corpus.ThemeEqualityDiversity, Polarity: corpus.Concern, Action: corpus.ActionAdd, Who: "alice"},
		} {
			if _, err := ix.Decide(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
	}
	ix.Close()
	if n == 0 {
		t.Fatal("no review to code")
	}
	want := codedStates(t, ixA)

	out := filepath.Join(dir, "project.qdpx")
	if code, _, errs := sirlearn(t, "export", "qdpx", "--index", ixA, "--out", out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	validateQDPX(t, out)

	code, report, errs := sirlearn(t, "import", "qdpx", "--index", ixB, out)
	if code != 0 {
		t.Fatalf("import: %s", errs)
	}
	var rep struct {
		SourcesMatched int `json:"sources_matched"`
		Sources        int `json:"sources"`
		Decisions      int `json:"decisions"`
		TextNotFound   int `json:"text_not_found"`
	}
	if err := json.Unmarshal([]byte(report), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.SourcesMatched != rep.Sources || rep.Decisions != 3*n || rep.TextNotFound != 0 {
		t.Errorf("import report %s", report)
	}
	if got := codedStates(t, ixB); !reflect.DeepEqual(got, want) {
		t.Errorf("after the round trip:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The dataset: a row per case, a column per theme, no text.
	code, csvOut, errs := sirlearn(t, "export", "dataset", "--index", ixB)
	if code != 0 {
		t.Fatalf("dataset: %s", errs)
	}
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "case" || !contains(rows[0], "equality_diversity_confirmed") {
		t.Errorf("dataset head %v", rows[0])
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// validateQDPX checks the archive's project.qde against the QDA-XML 1.0
// schema with xmllint.
func validateQDPX(t *testing.T, archive string) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("SIRLEARN_TEST_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint required (SIRLEARN_TEST_REQUIRE_XMLLINT) but not installed")
		}
		t.Skip("xmllint not installed (.ci/run installs libxml2-utils)")
	}
	dir := t.TempDir()
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	qde, err := qdpx.ProjectXML(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "project.qde"), qde, 0o644); err != nil {
		t.Fatal(err)
	}
	xsd := filepath.Join("..", "..", "internal", "qdpx", "testdata", "Project-mrt2019.xsd")
	if out, err := exec.Command("xmllint", "--noout", "--schema", xsd, filepath.Join(dir, "project.qde")).CombinedOutput(); err != nil {
		t.Fatalf("project.qde does not validate: %v\n%s", err, out)
	}
}
