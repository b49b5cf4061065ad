package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/internal/testpdf"
)

const ocrSource = `Serious Incident Review Part One: Case Review. Mr B was subject to a Community Payback Order with supervision when the incident occurred. The justice social worker completed the risk assessment within the expected timescale, but it was not reviewed after his relationship ended. Information held by the police about call-outs to his address was not shared with the service before the incident.`

func textPDF(t *testing.T, pages ...string) []byte {
	t.Helper()
	b, err := testpdf.Text(pages...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func scannedPDF(t *testing.T, src []byte, pages int, keep map[int]bool) []byte {
	t.Helper()
	k := map[int]string{}
	for p := range keep {
		k[p] = "This page has a text layer. The review team interviewed the staff involved in the supervision of the order."
	}
	b, err := testpdf.Scanned(t.TempDir(), src, pages, k)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func needOCR(t *testing.T) {
	t.Helper()
	if ok, why := OCRAvailable(); !ok {
		if os.Getenv("SIRLEARN_TEST_REQUIRE_OCR") != "" {
			t.Fatalf("OCR tests required (SIRLEARN_TEST_REQUIRE_OCR), but %s", why)
		}
		t.Skipf("OCR not available here (%s); .ci/run installs tesseract-ocr and poppler-utils", why)
	}
}

// wordAgreement is the share of the source's words found in the OCR text
// (as a multiset, case and punctuation folded).
func wordAgreement(src, got string) float64 {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' })
	}
	have := map[string]int{}
	for _, w := range words(got) {
		have[w]++
	}
	want := words(src)
	hit := 0
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
			hit++
		}
	}
	return float64(hit) / float64(len(want))
}

func TestOCRScannedPDF(t *testing.T) {
	needOCR(t)
	data := scannedPDF(t, textPDF(t, ocrSource), 1, nil)
	ctx := context.Background()

	// Off: the clear error, naming the setting.
	_, err := Read(ctx, "scan.pdf", data, Limits{OCR: OCROff})
	if !errors.Is(err, corpus.ErrNoTextLayer) || !strings.Contains(err.Error(), "ingest.ocr") {
		t.Fatalf("OCR off: %v; want ErrNoTextLayer naming ingest.ocr", err)
	}
	// Auto: read, marked as OCR.
	doc, err := Read(ctx, "scan.pdf", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, b := range doc.Blocks {
		if !b.OCR || b.Page != 1 {
			t.Errorf("block %+v: want OCR text of page 1", b)
		}
		text.WriteString(b.Text + "\n")
	}
	if len(doc.OCRPages) != 1 || doc.OCRPages[0] != 1 {
		t.Errorf("OCRPages = %v, want [1]", doc.OCRPages)
	}
	agree := wordAgreement(ocrSource, text.String())
	t.Logf("OCR word agreement with the source: %.3f", agree)
	if agree < 0.95 {
		t.Errorf("OCR word agreement %.3f < 0.95:\n%s", agree, text.String())
	}
}

func TestOCRPartScannedPDF(t *testing.T) {
	needOCR(t)
	data := scannedPDF(t, textPDF(t, "First page.", ocrSource), 2, map[int]bool{1: true})
	ctx := context.Background()
	doc, err := Read(ctx, "part.pdf", data, Limits{OCR: OCROff})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.ScannedPages) != 1 || doc.ScannedPages[0] != 2 || len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], "pages 2 are scanned") {
		t.Errorf("OCR off: scanned %v, warnings %q; want page 2 named", doc.ScannedPages, doc.Warnings)
	}
	doc, err = Read(ctx, "part.pdf", data, Limits{OCR: OCRRequire})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[int]bool{}
	for _, b := range doc.Blocks {
		pages[b.Page] = true
		if b.OCR != (b.Page == 2) {
			t.Errorf("block on page %d OCR=%t", b.Page, b.OCR)
		}
	}
	if !pages[1] || !pages[2] || len(doc.Warnings) != 0 {
		t.Errorf("pages read %v, warnings %q; want both pages, no warning", pages, doc.Warnings)
	}
	// Page order holds: the text page's blocks come first.
	if doc.Blocks[0].Page != 1 {
		t.Errorf("first block on page %d", doc.Blocks[0].Page)
	}
}

func TestParseOCRMode(t *testing.T) {
	for in, want := range map[string]OCRMode{"": OCRAuto, "auto": OCRAuto, "OFF": OCROff, "require": OCRRequire} {
		if got, err := ParseOCRMode(in); err != nil || got != want {
			t.Errorf("ParseOCRMode(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseOCRMode("sometimes"); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("bad mode: %v", err)
	}
}
