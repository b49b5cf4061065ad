package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want corpus.Format
		err  error
	}{
		{"a.pdf", readTestdata(t, "groff-ps2pdf.pdf"), corpus.FormatPDF, nil},
		{"a.bin", readTestdata(t, "sample.docx"), corpus.FormatDOCX, nil},
		{"a.docx", readTestdata(t, "sample.odt"), corpus.FormatODT, nil},
		{"a.txt", readTestdata(t, "sample.txt"), corpus.FormatText, nil},
		{"a.md", []byte("# Title\n\nText."), corpus.FormatMarkdown, nil},
		{"a.txt", []byte("## Heading\n\nText."), corpus.FormatMarkdown, nil},
		{"a.html", []byte("<!DOCTYPE html><html><body><p>x</p></body></html>"), corpus.FormatHTML, nil},
		{"a.txt", []byte("<div><p>A fragment of a web page.</p></div>"), corpus.FormatHTML, nil},
		{"a.htm", []byte("<section><h2>Findings</h2></section>"), corpus.FormatHTML, nil},
		{"a.txt", []byte("<section>an unknown tag, named .txt</section>"), corpus.FormatText, nil},
		{"a.html", []byte("<?xml version=\"1.0\"?><doc/>"), corpus.FormatText, nil},
		{"a.pdf", []byte("plain words, named .pdf"), corpus.FormatText, nil},
		{"a.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), "", corpus.ErrUnsupportedFormat},
		{"a.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", corpus.ErrUnsupportedFormat},
		{"a.txt", nil, "", corpus.ErrEmpty},
		{"a.zip", zipOf(t, map[string]string{"x.txt": "hello"}), "", corpus.ErrUnsupportedFormat},
	} {
		got, err := Detect(tt.name, tt.data)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Detect(%s) = %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.err)
		}
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadErrors(t *testing.T) {
	pdf := readTestdata(t, "groff-ps2pdf.pdf")
	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("[Content_Types].xml")
		w.Write([]byte("<Types/>"))
		w, _ = zw.Create("word/document.xml")
		w.Write(bytes.Repeat([]byte(" "), 8<<20)) // 8 MiB of spaces deflates to a few KiB
		zw.Close()
		return buf.Bytes()
	}()
	for _, tt := range []struct {
		name string
		data []byte
		lim  Limits
		want error
		msg  string
	}{
		{"empty.pdf", nil, Limits{}, corpus.ErrEmpty, "no bytes"},
		{"truncated.pdf", pdf[:len(pdf)/2], Limits{}, corpus.ErrMalformed, ""},
		{"encrypted.pdf", readTestdata(t, "encrypted.pdf"), Limits{}, corpus.ErrEncrypted, "password"},
		{"scan.pdf", readTestdata(t, "scan-no-text.pdf"), Limits{}, corpus.ErrNoTextLayer, "OCR"},
		{"big.pdf", pdf, Limits{MaxBytes: 1000}, corpus.ErrTooLarge, "ingest.max_bytes"},
		{"bomb.docx", bomb, Limits{MaxDecompressed: 1 << 20}, corpus.ErrTooLarge, "inflates"},
		{"nomain.docx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/styles.xml": "<x/>"}), Limits{}, corpus.ErrMalformed, "word/document.xml"},
		{"badxml.docx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:body><w:p>"}), Limits{}, corpus.ErrMalformed, ""},
		{"corrupt.docx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 200)...), Limits{}, corpus.ErrMalformed, "zip"},
		{"blank.txt", []byte("   \n\n\t\n"), Limits{}, corpus.ErrEmpty, ""},
		{"notpdf.pdf", []byte("%PDF-1.4\nnot really a pdf"), Limits{}, corpus.ErrMalformed, ""},
	} {
		_, err := Read(context.Background(), tt.name, tt.data, tt.lim)
		if !errors.Is(err, tt.want) {
			t.Errorf("Read(%s) error = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.name+": ") || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Read(%s) error %q: want the file name and %q", tt.name, err, tt.msg)
		}
	}
}

func TestReadTimeout(t *testing.T) {
	// A large text read with a tiny timeout: the error says so.
	big := bytes.Repeat([]byte("The plan was reviewed. "), 400000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, "slow.txt", big, Limits{Timeout: time.Nanosecond})
	if err == nil {
		t.Fatal("Read with a cancelled context succeeded")
	}
}

func blockTexts(d *corpus.Document, typ corpus.BlockType) []string {
	var out []string
	for _, b := range d.Blocks {
		if typ == "" || b.Type == typ {
			out = append(out, b.Text)
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestReadFormats(t *testing.T) {
	for _, tt := range []struct {
		file     string
		format   corpus.Format
		headings []string
		text     []string // substrings of the joined text
		absent   []string
	}{
		{"groff-ps2pdf.pdf", corpus.FormatPDF, []string{"1. Introduction", "2. Risk assessment"},
			[]string{"This review was commissioned", "well outwith the expected timescale", "No home visit was undertaken during the first six months of the order. The risk"}, nil},
		{"qpdf-objstm.pdf", corpus.FormatPDF, []string{"1. Introduction"}, []string{"Inspectorate was notified on 25 March 2019"}, nil},
		{"fpdf.pdf", corpus.FormatPDF, nil, []string{"Page"}[:0], []string{"Page 1 of", "OFFICIAL - SENSITIVE"}},
		{"libreoffice.pdf", corpus.FormatPDF, nil, nil, nil},
		{"sample.docx", corpus.FormatDOCX, nil, nil, []string{"OFFICIAL"}},
		{"libreoffice.docx", corpus.FormatDOCX, nil, nil, nil},
		{"sample.odt", corpus.FormatODT, nil, nil, nil},
		{"sample.md", corpus.FormatMarkdown, []string{"Contact and compliance"}, nil, []string{"## "}},
		{"sample.txt", corpus.FormatText, nil, nil, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			d, err := ReadFile(context.Background(), filepath.Join("testdata", tt.file), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format {
				t.Errorf("format %s, want %s", d.Format, tt.format)
			}
			if len(d.ID) != 64 {
				t.Errorf("id %q is not a hex SHA-256", d.ID)
			}
			heads := blockTexts(d, corpus.BlockHeading)
			for _, h := range tt.headings {
				if !contains(heads, h) {
					t.Errorf("heading %q missing; headings: %q", h, heads)
				}
			}
			all := d.Text()
			for _, s := range tt.text {
				if !strings.Contains(all, s) {
					t.Errorf("text %q missing", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(all, s) {
					t.Errorf("text %q should have been removed", s)
				}
			}
			if len(d.Blocks) < 5 {
				t.Errorf("only %d blocks", len(d.Blocks))
			}
		})
	}
}

func TestDOCXSkipsDeletedAndComments(t *testing.T) {
	const doc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Risk assessment</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The plan was </w:t></w:r><w:del><w:r><w:delText>never </w:delText></w:r></w:del><w:ins><w:r><w:t>reviewed</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Case management plan</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Date of incident</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>14/03/2019</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>`
	const styles = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`
	data := zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": doc, "word/styles.xml": styles,
		"word/comments.xml": `<w:comments><w:comment><w:p><w:r><w:t>SECRET COMMENT</w:t></w:r></w:p></w:comment></w:comments>`})
	d, err := Read(context.Background(), "t.docx", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []corpus.Block{
		{Type: corpus.BlockHeading, Text: "Risk assessment", Level: 2, Style: "heading 2"},
		{Type: corpus.BlockParagraph, Text: "The plan was reviewed."},
		{Type: corpus.BlockHeading, Text: "Case management plan", Bold: true},
		{Type: corpus.BlockTableRow, Text: "Date of incident | 14/03/2019"},
	}
	if len(d.Blocks) != len(want) {
		t.Fatalf("blocks = %+v, want %d", d.Blocks, len(want))
	}
	for i, w := range want {
		g := d.Blocks[i]
		if g.Type != w.Type || g.Text != w.Text || g.Level != w.Level || g.Bold != w.Bold || w.Style != "" && g.Style != w.Style {
			t.Errorf("block %d = %+v, want %+v", i, g, w)
		}
	}
	if strings.Contains(d.Text(), "SECRET") || strings.Contains(d.Text(), "never") {
		t.Errorf("comments or deleted text leaked: %q", d.Text())
	}
}

func TestTextHeadingHints(t *testing.T) {
	in := "SERIOUS INCIDENT REVIEW\n\nDate of incident: 14 March 2019\nDate of notification: 21/03/2019\n\n3. Risk assessment\nThe LS/CMI was completed on time\nand reviewed later.\n\nPART B: THROUGHCARE\n\nWas the plan reviewed?\nYes, at eight weeks.\n\n- a list item\n"
	d, err := Read(context.Background(), "t.txt", []byte(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"SERIOUS INCIDENT REVIEW", "3. Risk assessment", "PART B: THROUGHCARE", "Was the plan reviewed?"} {
		if !contains(blockTexts(d, corpus.BlockHeading), h) {
			t.Errorf("heading %q missing: %+v", h, d.Blocks)
		}
	}
	for _, p := range []string{"The LS/CMI was completed on time and reviewed later.", "Date of incident: 14 March 2019", "Date of notification: 21/03/2019"} {
		if !contains(blockTexts(d, ""), p) {
			t.Errorf("block %q missing: %+v", p, d.Blocks)
		}
	}
	if !contains(blockTexts(d, corpus.BlockListItem), "a list item") {
		t.Errorf("list item missing: %+v", d.Blocks)
	}
}

// TestHeadingTypedWithoutBlankLine: a short label line straight above a
// sentence is a block of its own, so the section parser can take it as a
// heading, while a wrapped paragraph's short last line stays in it.
func TestHeadingTypedWithoutBlankLine(t *testing.T) {
	in := "Planning\nThe sentence plan contained no objectives about relationships.\n\nThe plan was reviewed in May and again\nin June\nafter his arrest.\n\nWhat went well\n- The release plan was shared ahead of liberation.\n"
	d, err := Read(context.Background(), "t.txt", []byte(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	texts := blockTexts(d, "")
	for _, want := range []string{"Planning", "The sentence plan contained no objectives about relationships.", "The plan was reviewed in May and again in June after his arrest.", "What went well", "The release plan was shared ahead of liberation."} {
		if !contains(texts, want) {
			t.Errorf("block %q missing: %+v", want, d.Blocks)
		}
	}
}

// TestNumberedFindingsAreNoHeadings: a numbered finding without its full
// stop states something, so it is text to tag, not a heading.
func TestNumberedFindingsAreNoHeadings(t *testing.T) {
	in := "Key findings\n\n1. No home visit was undertaken during the licence\n2. The plan was not reviewed after his arrest\n3. Home visits\n"
	d, err := Read(context.Background(), "t.md", []byte(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	heads := blockTexts(d, corpus.BlockHeading)
	for _, h := range heads {
		if strings.Contains(h, "was") {
			t.Errorf("finding %q read as a heading: %+v", h, d.Blocks)
		}
	}
	if !contains(heads, "3. Home visits") {
		t.Errorf("the topic line is no heading: %+v", d.Blocks)
	}
}

func TestPDFDehyphenAndFurniture(t *testing.T) {
	// groff justified the text with a hyphenated break ("Inspec-torate").
	d, err := ReadFile(context.Background(), filepath.Join("testdata", "groff-ps2pdf.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text(), "Care Inspectorate was notified") {
		t.Errorf("hyphenated break not mended: %q", d.Text())
	}
}

func TestRemoveFurniture(t *testing.T) {
	page := func(n int, body string) []pdfLine {
		return []pdfLine{
			{text: "OFFICIAL - SENSITIVE", size: 8},
			{text: "Review of Mr A - Fife Council", size: 8},
			{text: body, size: 11},
			{text: "Page " + string(rune('0'+n)) + " of 3", size: 8},
		}
	}
	pages := [][]pdfLine{page(1, "first"), page(2, "second"), page(3, "third")}
	out := removeFurniture(pages, 11)
	for i, p := range out {
		if len(p) != 1 {
			t.Errorf("page %d kept %d lines: %+v", i+1, len(p), p)
		}
	}
}

func TestPDF20Header(t *testing.T) {
	data := readTestdata(t, "groff-ps2pdf.pdf")
	v2 := append([]byte("%PDF-2.0"), data[8:]...)
	d, err := Read(context.Background(), "v2.pdf", v2, Limits{})
	if err != nil || !strings.Contains(d.Text(), "This review was commissioned") {
		t.Fatalf("PDF 2.0 header: %v", err)
	}
}

// TestReadDOCXBoxes: a template whose headings are bold runs in a text
// box, in a question cell beside its answer, and in a one-cell band keeps
// them as headings; a text box's fallback copy is not read twice, and the
// paragraph the box sits in keeps its own text.
func TestReadDOCXBoxes(t *testing.T) {
	doc, err := ReadFile(context.Background(), filepath.Join("testdata", "boxes.docx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, string(b.Type)+": "+b.Text)
	}
	want := []string{
		"heading: Serious Incident Review Part Two: Reflective Learning Review",
		"table_row: Case reference | SIR/ANG/22/007",
		"table_row: Local authority | Angus",
		"heading: What went well",
		"paragraph: The worker kept in close contact with the housing officer throughout the licence.",
		"paragraph: Anchor text before the box. Anchor text after the box.",
		"heading: What could have been done differently",
		"paragraph: The practitioners met weekly with the team leader and the case was discussed at each meeting, but the plan was not changed when his circumstances changed in the month before the incident.",
		"heading: What will change",
		"paragraph: Team leaders will check every plan after a change in circumstances.",
		"paragraph: Progress will be reported to the Chief Social Work Officer.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextTableRows: rows a plain-text export writes with " | " or tabs
// between cells are table rows, one each, not one paragraph.
func TestTextTableRows(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]string
	}{
		{"bars", "Issue | Evidence | Impact\nAlcohol | No alcohol work in the plan | Not addressed\n",
			[][]string{{"Issue", "Evidence", "Impact"}, {"Alcohol", "No alcohol work in the plan", "Not addressed"}}},
		{"tabs", "Issue\tEvidence\tImpact\nContact\tMonthly\tToo little\n",
			[][]string{{"Issue", "Evidence", "Impact"}, {"Contact", "Monthly", "Too little"}}},
		{"markdown", "| Issue | Impact |\n|---|---|\n| Plan | Out of date |\n",
			[][]string{{"Issue", "Impact"}, {"Plan", "Out of date"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(context.Background(), "t.txt", []byte(tt.in), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, b := range d.Blocks {
				if b.Type == corpus.BlockTableRow {
					got = append(got, b.Cells)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows = %q, want %q (blocks %+v)", got, tt.want, d.Blocks)
			}
		})
	}
}
