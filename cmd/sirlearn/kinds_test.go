package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
	"github.com/sirlearn/sirlearn/internal/testpdf"
)

// TestGroundTruthUploadRefused: the sample corpus's truth.jsonl, uploaded
// by mistake, is refused as no review instead of indexed as one.
func TestGroundTruthUploadRefused(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: 3, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(context.Background(), filepath.Join(dir, "ix"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ex, err := extract.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ingest.One(context.Background(), nil, "upload/truth.jsonl", data, ix, ex, ingest.Limits{})
	if !errors.Is(err, corpus.ErrNotAReview) || !strings.Contains(err.Error(), "upload/truth.jsonl") || !strings.Contains(err.Error(), "JSON") {
		t.Fatalf("upload of truth.jsonl: %v; want a refusal naming the file and saying it is JSON data", err)
	}
	if n, _ := ix.Count(context.Background()); n != 0 {
		t.Errorf("%d documents indexed, want none", n)
	}
}

// TestTemplateCasesEval: on a generated corpus of 2022-process cases, the
// kinds, the case links and the national counts come out of extraction as
// the truth has them. A smoke test: the same team wrote the generator.
func TestTemplateCasesEval(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: 10, Cases: 40, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	code, out, errs := sirlearn(t, "eval", "--min-kind-accuracy", "0.98", "--min-case-f1", "0.98", dir)
	if code != 0 {
		t.Fatalf("eval exit %d: %s\n%s", code, errs, out)
	}
	if !strings.Contains(out, "== documents and cases") {
		t.Errorf("eval output lacks the case report:\n%s", out)
	}
	truth, err := synth.ReadTruth(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cases, reviewed := map[string]bool{}, map[string]bool{}
	for _, tr := range truth {
		cases[tr.Case] = true
		if tr.Kind.IsReview() {
			reviewed[tr.Case] = true
		}
	}
	ixPath := filepath.Join(t.TempDir(), "ix")
	if code, _, errs := sirlearn(t, "index", "--index", ixPath, dir); code != 0 {
		t.Fatalf("index exit %d: %s", code, errs)
	}
	code, out, errs = sirlearn(t, "themes", "--index", ixPath, "--format", "json")
	if code != 0 {
		t.Fatalf("themes exit %d: %s", code, errs)
	}
	var tab corpus.ThemeTable
	if err := json.Unmarshal([]byte(out), &tab); err != nil {
		t.Fatal(err)
	}
	if tab.TotalNotifications != len(cases) || tab.TotalReviews != len(reviewed) {
		t.Errorf("index counts %d notifications and %d reviewed cases, truth %d and %d", tab.TotalNotifications, tab.TotalReviews, len(cases), len(reviewed))
	}

	// The CLI lists cases, and an inspector removes a wrong upload and
	// splits a document off, each recorded.
	code, out, errs = sirlearn(t, "cases", "list", "--index", ixPath, "--json", "--size", "500")
	if code != 0 {
		t.Fatalf("cases list exit %d: %s", code, errs)
	}
	var listed struct {
		Total int           `json:"total"`
		Cases []corpus.Case `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil || listed.Total != len(cases) {
		t.Fatalf("cases list = %d cases (%v), want %d", listed.Total, err, len(cases))
	}
	var three *corpus.Case
	for i, c := range listed.Cases {
		if len(c.Documents) == 3 {
			three = &listed.Cases[i]
			break
		}
	}
	if three == nil {
		t.Fatal("no case with three documents")
	}
	if code, _, errs := sirlearn(t, "cases", "split", "--index", ixPath, "--as", "tester", three.Documents[2].ID); code != 0 {
		t.Fatalf("cases split exit %d: %s", code, errs)
	}
	if code, out, errs := sirlearn(t, "remove", "--index", ixPath, "--as", "tester", "--reason", "wrong file", three.Documents[0].ID); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("remove exit %d: %s %s", code, out, errs)
	}
	code, out, _ = sirlearn(t, "cases", "show", "--index", ixPath, "--json", three.Documents[1].ID)
	var left corpus.Case
	if code != 0 || json.Unmarshal([]byte(out), &left) != nil || len(left.Documents) != 1 {
		t.Errorf("after a split and a removal, the case of the middle document = %s", out)
	}
	journal, err := os.ReadFile(filepath.Join(ixPath, "audit.jsonl"))
	if err != nil || strings.Count(string(journal), `"who":"tester"`) != 2 {
		t.Errorf("audit journal = %q, %v; want the split and the removal", journal, err)
	}
	ix, err := index.Open(context.Background(), ixPath, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Verify(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestExtractScannedThroughWorker: a scanned PDF read by the isolated
// reader worker comes back OCR'd and marked as such, and with
// ingest.ocr: off it is refused with the reason.
func TestExtractScannedThroughWorker(t *testing.T) {
	if ok, why := ingest.OCRAvailable(); !ok {
		if os.Getenv("SIRLEARN_TEST_REQUIRE_OCR") != "" {
			t.Fatalf("OCR tests required (SIRLEARN_TEST_REQUIRE_OCR), but %s", why)
		}
		t.Skipf("OCR not available here (%s); .ci/run installs tesseract-ocr and poppler-utils", why)
	}
	src, err := testpdf.Text("Serious Incident Review. Mr B was subject to a Community Payback Order. The risk assessment was not reviewed after his relationship ended.")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	scan, err := testpdf.Scanned(dir, src, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(path, scan, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := sirlearn(t, "extract", path)
	if code != 0 {
		t.Fatalf("extract exit %d: %s", code, errs)
	}
	var r corpus.Review
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.OCRPages) != 1 || !strings.Contains(strings.ToLower(r.Sections[len(r.Sections)-1].Text+r.Title), "relationship") {
		t.Errorf("review = %+v; want page 1 read by OCR", r)
	}
	t.Setenv("SIRLEARN_INGEST_OCR", "off")
	code, _, errs = sirlearn(t, "extract", path)
	if code == 0 || !strings.Contains(errs, "ingest.ocr is off") {
		t.Errorf("with OCR off: exit %d, %s", code, errs)
	}
}

// TestMisspeltFilterIsAnError: a filter value that names nothing stops the
// command with the nearest valid values, instead of answering 0.
func TestMisspeltFilterIsAnError(t *testing.T) {
	code, _, errs := sirlearn(t, "search", "--index", t.TempDir(), "--theme", "substanse_use", "visit")
	if code == 0 || !strings.Contains(errs, `did you mean "substance_use"`) {
		t.Errorf("exit %d: %s", code, errs)
	}
	code, _, errs = sirlearn(t, "themes", "--index", t.TempDir(), "--authority", "Fiffe")
	if code == 0 || !strings.Contains(errs, `"Fife"`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}
