package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

var update = flag.Bool("update", false, "rewrite testdata/crafted from the builders in crafted_test.go")

// pdfObj is one numbered object of a hand-built PDF.
type pdfObj struct {
	num  int
	body string
}

// writeObjects writes the header and the objects, and returns each
// object's offset and the highest object number.
func writeObjects(b *bytes.Buffer, version string, objs []pdfObj) (map[int]int, int) {
	b.WriteString("%PDF-" + version + "\n")
	offs := map[int]int{}
	max := 0
	for _, o := range objs {
		offs[o.num] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
		if o.num > max {
			max = o.num
		}
	}
	return offs, max
}

// classicPDF lays out objects with a classic cross-reference table.
// xrefStart, when not 0, numbers the table from there (a lie the reader
// must survive); trailerExtra is added to the trailer.
func classicPDF(objs []pdfObj, xrefStart int64, trailerExtra string) []byte {
	var b bytes.Buffer
	offs, max := writeObjects(&b, "1.4", objs)
	xref := b.Len()
	if xrefStart != 0 {
		fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \n", xrefStart, offs[1])
	} else {
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", max+1)
		for i := 1; i <= max; i++ {
			fmt.Fprintf(&b, "%010d 00000 n \n", offs[i])
		}
	}
	trailer := strings.ReplaceAll(trailerExtra, "SELF", fmt.Sprint(xref))
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", max+1, trailer, xref)
	return b.Bytes()
}

// streamPDF lays out objects with an uncompressed cross-reference stream.
// inStream maps an object number to the object stream said to hold it.
func streamPDF(objs []pdfObj, inStream map[int]int, size string) []byte {
	var b bytes.Buffer
	offs, max := writeObjects(&b, "1.5", objs)
	for n := range inStream {
		if n > max {
			max = n
		}
	}
	xrefNum := max + 1
	var rows []byte
	for i := 0; i <= xrefNum; i++ {
		switch {
		case i == 0:
			rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
		case inStream[i] != 0:
			s := inStream[i]
			rows = append(rows, 2, byte(s>>24), byte(s>>16), byte(s>>8), byte(s), 0, 0)
		case i == xrefNum:
			o := b.Len()
			rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
		default:
			o := offs[i]
			rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
		}
	}
	if size == "" {
		size = fmt.Sprint(xrefNum + 1)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %s /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", xrefNum, size, len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// onePage is a minimal readable PDF body: catalog, pages, a page, its
// content and font.
func onePage(content string) []pdfObj {
	return []pdfObj{
		{1, "<< /Type /Catalog /Pages 2 0 R >>"},
		{2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"},
		{4, stream("", content)},
		{5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	}
}

const pageText = "BT /F1 12 Tf 72 700 Td (The case management plan was not reviewed after release.) Tj ET"

func nestedSpansODT() []byte {
	var body strings.Builder
	body.WriteString(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>`)
	for i := 0; i < 15000; i++ {
		body.WriteString(`<text:span text:style-name="T1">x`)
	}
	for i := 0; i < 15000; i++ {
		body.WriteString(`</text:span>`)
	}
	body.WriteString(`</text:p></office:text></office:body></office:document-content>`)
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.text"))
	w, _ = z.Create("content.xml")
	w.Write([]byte(body.String()))
	z.Close()
	return b.Bytes()
}

// bigParagraphDOCX is a DOCX of one paragraph of 200 MB of text: within
// the decompression limit, and compressed to a few hundred KB, but reading
// it takes several times its size in memory.
func bigParagraphDOCX() []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`))
	w, _ = z.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("risk "), 1<<16)
	for i := 0; i < 200<<20/len(chunk); i++ {
		w.Write(chunk)
	}
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	return b.Bytes()
}

func utf16Text() []byte {
	s := "Background\n\nMr A was subject to a Community Payback Order. The risk assessment was not reviewed.\n"
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// crafted lists every hand-made hostile or odd file: its name, how to make
// it, and what reading it must give (an error containing want, or a
// document containing want's text when ok).
//
// wantOf gives the expected text for this build: race builds lift the
// memory limit, so the memory bomb ends on the time limit there.
var crafted = []struct {
	name string
	make func() []byte
	ok   bool
	want string
}{
	{"objstm-self.pdf", func() []byte {
		objs := onePage(pageText)
		objs[1] = pdfObj{2, stream("/Type /ObjStm /N 1 /First 4", "2 0 << /Type /Pages /Kids [3 0 R] /Count 1 >>")}
		return streamPDF(objs, map[int]int{2: 2}, "")
	}, false, "reader crashed: stack overflow"},
	{"objstm-mutual.pdf", func() []byte {
		objs := onePage(pageText)
		objs = append(objs, pdfObj{6, stream("/Type /ObjStm /N 1 /First 4", "7 0 << >>")}, pdfObj{7, stream("/Type /ObjStm /N 1 /First 4", "6 0 << >>")})
		objs[1] = pdfObj{2, "<< /Type /Pages /Kids [8 0 R] /Count 1 >>"}
		return streamPDF(objs, map[int]int{6: 7, 7: 6, 8: 6}, "")
	}, false, "reader crashed: stack overflow"},
	{"objstm-extends-cycle.pdf", func() []byte {
		objs := onePage(pageText)
		objs = append(objs, pdfObj{6, stream("/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", "9 0 << >>")}, pdfObj{7, stream("/Type /ObjStm /N 1 /First 4 /Extends 6 0 R", "9 0 << >>")})
		objs[1] = pdfObj{2, "<< /Type /Pages /Kids [8 0 R] /Count 1 >>"}
		return streamPDF(objs, map[int]int{8: 6}, "")
	}, false, "reader timed out after"},
	{"xref-start-1500000000.pdf", func() []byte { return classicPDF(onePage(pageText), 1_500_000_000, "") }, false, "cross-reference section numbering"},
	{"xref-start-200000000.pdf", func() []byte { return classicPDF(onePage(pageText), 200_000_000, "") }, false, "cross-reference section numbering"},
	{"xrefstm-size-1e9.pdf", func() []byte { return streamPDF(onePage(pageText), nil, "1000000000") }, false, "cross-reference /Size"},
	{"xrefstm-size-1e12.pdf", func() []byte { return streamPDF(onePage(pageText), nil, "1000000000000") }, false, "cross-reference /Size"},
	{"xref-prev-cycle.pdf", func() []byte { return classicPDF(onePage(pageText), 0, "/Prev SELF") }, false, "/Prev chain loops"},
	{"hex-unterminated.pdf", func() []byte {
		return classicPDF(onePage("BT /F1 12 Tf 72 700 Td (Risk was not reviewed.) Tj <41"), 0, "")
	}, false, "reader timed out after"},
	{"nested-spans.odt", nestedSpansODT, false, "nested deeper than"},
	{"big-paragraph.docx", bigParagraphDOCX, false, "reader exceeded 512 MiB (ingest.max_memory)"},
	{"junk-before-header.pdf", func() []byte {
		return append([]byte("Content-Type: application/pdf\r\nX-Mailer: intake\r\n\r\n"), classicPDF(onePage(pageText), 0, "")...)
	}, true, "case management plan was not reviewed"},
	{"page-tree-cycle.pdf", func() []byte {
		objs := onePage(pageText)
		objs[1] = pdfObj{2, "<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 1 >>"}
		objs = append(objs, pdfObj{6, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"})
		return classicPDF(objs, 0, "")
	}, true, "case management plan was not reviewed"},
	{"utf16-bom.txt", utf16Text, true, "risk assessment was not reviewed"},
}

// wantIn reports whether an error message says what want does. The
// memory bomb may also end on the time limit first: always in race builds
// (no memory limit), and on a loaded machine.
func wantIn(msg, want string) bool {
	if strings.HasPrefix(want, "reader exceeded") && strings.Contains(msg, "reader timed out after") {
		return true
	}
	return strings.Contains(msg, want)
}

func TestCraftedFilesUpToDate(t *testing.T) {
	for _, c := range crafted {
		path := filepath.Join("testdata", "crafted", c.name)
		want := c.make()
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./ingest -run TestCrafted -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its builder (run go test ./ingest -run TestCrafted -update)", path)
		}
	}
}

// TestCraftedFilesInSandbox reads every crafted file through the worker
// boundary: each hostile one is a named rejection, this process survives,
// and the odd but honest ones are read.
func TestCraftedFilesInSandbox(t *testing.T) {
	sb := testSandbox(t, 2)
	lim := Limits{Timeout: 3 * time.Second}
	for _, c := range crafted {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "crafted", c.name))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := sb.Read(context.Background(), c.name, data, lim)
			if c.ok {
				if err != nil {
					t.Fatalf("Read(%s) = %v, want a document", c.name, err)
				}
				if !strings.Contains(doc.Text(), c.want) {
					t.Fatalf("Read(%s) text %q, want %q in it", c.name, doc.Text(), c.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Read(%s) = a document, want an error with %q", c.name, c.want)
			}
			if !strings.HasPrefix(err.Error(), c.name+": ") || !wantIn(err.Error(), c.want) {
				t.Fatalf("Read(%s) = %q, want the file named and %q", c.name, err, c.want)
			}
			if !IsInputError(err) {
				t.Fatalf("Read(%s) = %q: not an input error, so a batch would stop", c.name, err)
			}
		})
	}
}

// TestMissingEOFMessage: the reader's message for a PDF without its end
// marker names the marker as PDFs write it.
func TestMissingEOFMessage(t *testing.T) {
	_, err := Read(context.Background(), "cut.pdf", []byte("%PDF-1.4\ngarbage"), Limits{})
	if err == nil || !strings.Contains(err.Error(), "missing %EOF") || strings.Contains(err.Error(), "%%") {
		t.Errorf("error %v: want it to say missing %%EOF, once", err)
	}
}
