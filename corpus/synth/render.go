package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/sirlearn/sirlearn/corpus"
)

type lineKind int

const (
	lineTitle lineKind = iota
	lineHeading
	linePara
	lineRow
)

// rline is one rendered unit, format-neutral.
type rline struct {
	kind  lineKind
	text  string
	cells []string
}

// layout turns a plan into rendered lines and fills the truth sections with
// headings as written and offsets into the plain text.
func layout(p *plan) []rline {
	var out []rline
	out = append(out, rline{kind: lineTitle, text: p.title})
	for _, kv := range p.keyDates {
		out = append(out, rline{kind: lineRow, text: kv[0] + ": " + kv[1], cells: []string{kv[0], kv[1]}})
	}
	offset := 0
	for _, l := range out {
		offset += len(l.text) + 2
	}
	p.truth.Sections = nil
	for si, s := range p.sections {
		h := s.heading
		switch p.style {
		case StyleNumbered:
			h = fmt.Sprintf("%d. %s", si+1, h)
		case StyleParts:
			h = fmt.Sprintf("PART %c: %s", 'A'+si, h)
		}
		ts := TruthSection{Heading: h, Kind: s.kind, Start: offset}
		if h != "" {
			out = append(out, rline{kind: lineHeading, text: h})
			offset += len(h) + 2
		}
		for pi, pa := range s.paras {
			text := strings.Join(pa.sentences, " ")
			if p.style == StyleNumbered && pi > 0 {
				text = fmt.Sprintf("%d.%d %s", si+1, pi, text)
			}
			if ts.First == "" && len(pa.sentences) > 0 {
				ts.First = pa.sentences[0]
			}
			out = append(out, rline{kind: linePara, text: text})
			offset += len(text) + 2
		}
		p.truth.Sections = append(p.truth.Sections, ts)
	}
	return out
}

func render(p *plan) ([]byte, error) {
	lines := layout(p)
	switch p.truth.Format {
	case corpus.FormatPDF:
		return renderPDF(p, lines)
	case corpus.FormatDOCX:
		return renderDOCX(p, lines)
	case corpus.FormatODT:
		return renderODT(p, lines)
	case corpus.FormatMarkdown:
		return renderText(p, lines, true), nil
	default:
		return renderText(p, lines, false), nil
	}
}

func renderText(p *plan, lines []rline, md bool) []byte {
	var b strings.Builder
	if p.marking != "" && !md {
		b.WriteString(p.marking + "\n\n")
	}
	tableOpen := false
	for _, l := range lines {
		if l.kind != lineRow && tableOpen {
			b.WriteString("\n")
			tableOpen = false
		}
		switch l.kind {
		case lineTitle:
			if md {
				b.WriteString("# " + l.text + "\n\n")
			} else {
				b.WriteString(strings.ToUpper(l.text) + "\n\n")
			}
		case lineHeading:
			if md || p.style == StyleMarkdown {
				b.WriteString("## " + l.text + "\n\n")
			} else {
				b.WriteString(l.text + "\n\n")
			}
		case lineRow:
			if md {
				if !tableOpen {
					b.WriteString("| Key dates | |\n|---|---|\n")
				}
				b.WriteString("| " + strings.Join(l.cells, " | ") + " |\n")
			} else {
				b.WriteString(l.cells[0] + ": " + l.cells[1] + "\n")
			}
			tableOpen = true
		case linePara:
			b.WriteString(wrap(l.text, 90) + "\n\n")
		}
	}
	return []byte(b.String())
}

// wrap breaks text at spaces to the width, as text exports do.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if n+1+len(w) > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// latin1 maps the few non-Latin-1 characters the generator writes, for the
// core PDF fonts.
func latin1(s string) string {
	return strings.NewReplacer("–", "-", "’", "'", "“", "\"", "”", "\"").Replace(s)
}

func renderPDF(p *plan, lines []rline) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(latin1(p.title), false)
	pdf.SetCreator("sirlearn synthetic corpus", false)
	// Fixed dates and catalogue order keep the output the same for a seed.
	if sub, err := time.Parse(time.DateOnly, p.truth.SubmittedDate); err == nil {
		pdf.SetCreationDate(sub)
		pdf.SetModificationDate(sub)
	}
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	pdf.SetMargins(22, 25, 22)
	pdf.SetAutoPageBreak(true, 22)
	title := latin1(p.title)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetY(10)
		if p.marking != "" {
			pdf.CellFormat(0, 4, p.marking, "", 1, "C", false, 0, "")
		}
		pdf.CellFormat(0, 4, title, "", 1, "R", false, 0, "")
		pdf.SetY(25)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	boldHeadings := p.truth.Style != StyleMarkdown
	for _, l := range lines {
		switch l.kind {
		case lineTitle:
			pdf.SetFont("Helvetica", "B", 16)
			pdf.MultiCell(0, 7, latin1(l.text), "", "L", false)
			pdf.Ln(4)
		case lineHeading:
			pdf.Ln(2)
			if boldHeadings {
				pdf.SetFont("Helvetica", "B", 13)
			} else {
				pdf.SetFont("Helvetica", "", 12)
			}
			pdf.MultiCell(0, 6, latin1(l.text), "", "L", false)
			pdf.Ln(1)
		case lineRow:
			pdf.SetFont("Helvetica", "B", 10)
			pdf.CellFormat(80, 6, latin1(l.cells[0]), "1", 0, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10)
			pdf.CellFormat(0, 6, latin1(l.cells[1]), "1", 1, "L", false, 0, "")
		case linePara:
			pdf.SetFont("Times", "", 11)
			pdf.MultiCell(0, 5.2, latin1(l.text), "", "J", false)
			pdf.Ln(2.5)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xmlEsc(s string) string { return html.EscapeString(s) }

func renderDOCX(p *plan, lines []rline) ([]byte, error) {
	// Half the Word files use real heading styles; the rest use bold
	// Normal paragraphs, as many authorities' templates do.
	styled := len(p.truth.File)%2 == 0 || p.truth.Style == StyleNumbered
	var body strings.Builder
	para := func(style, text string, bold bool, size int) {
		body.WriteString("<w:p>")
		if style != "" {
			body.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		}
		body.WriteString("<w:r>")
		if bold || size > 0 {
			body.WriteString("<w:rPr>")
			if bold {
				body.WriteString("<w:b/>")
			}
			if size > 0 {
				fmt.Fprintf(&body, `<w:sz w:val="%d"/>`, size*2)
			}
			body.WriteString("</w:rPr>")
		}
		body.WriteString(`<w:t xml:space="preserve">` + xmlEsc(text) + "</w:t></w:r></w:p>")
	}
	// Template files put each question in a shaded band and its answer in
	// a box below: a table of one column, headings as bold runs in cells.
	boxed := p.truth.Style == StyleTemplate && fnv32(p.truth.File)%2 == 0
	boxOpen := false
	closeBox := func() {
		if boxOpen {
			body.WriteString("</w:tc></w:tr></w:tbl>")
			boxOpen = false
		}
	}
	tableOpen := false
	for _, l := range lines {
		if l.kind != lineRow && tableOpen {
			body.WriteString("</w:tbl>")
			tableOpen = false
		}
		if boxed && (l.kind == lineHeading || l.kind == linePara && boxOpen) {
			if l.kind == lineHeading {
				closeBox()
				body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tr><w:tc><w:tcPr><w:shd w:fill="D9E2F3"/></w:tcPr>`)
				para("", l.text, true, 0)
				body.WriteString("</w:tc></w:tr><w:tr><w:tc>")
				boxOpen = true
			} else {
				para("", l.text, false, 0)
			}
			continue
		}
		closeBox()
		switch l.kind {
		case lineTitle:
			if styled {
				para("Title", l.text, false, 0)
			} else {
				para("", l.text, true, 16)
			}
		case lineHeading:
			if styled {
				para("Heading1", l.text, false, 0)
			} else {
				para("", l.text, true, 0)
			}
		case lineRow:
			if !tableOpen {
				body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>`)
				tableOpen = true
			}
			body.WriteString("<w:tr>")
			for _, c := range l.cells {
				body.WriteString("<w:tc><w:p><w:r><w:t>" + xmlEsc(c) + "</w:t></w:r></w:p></w:tc>")
			}
			body.WriteString("</w:tr>")
		case linePara:
			para("", l.text, false, 0)
		}
	}
	closeBox()
	if tableOpen {
		body.WriteString("</w:tbl>")
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + ns + `><w:body>` + body.String() +
		`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/></w:sectPr></w:body></w:document>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>`
	hdr := func(tag, text string) string {
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:` + tag + ` xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>` + xmlEsc(text) + `</w:t></w:r></w:p></w:` + tag + `>`
	}
	marking := p.marking
	if marking == "" {
		marking = "OFFICIAL"
	}
	files := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`},
		{"word/document.xml", doc},
		{"word/styles.xml", styles},
		{"word/header1.xml", hdr("hdr", marking)},
		{"word/footer1.xml", hdr("ftr", "Serious incident review - "+p.truth.Authority)},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + xmlEsc(p.title) + `</dc:title></cp:coreProperties>`},
	}
	return zipFiles(files, "")
}

func zipFiles(files [][2]string, mimetype string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if mimetype != "" {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(mimetype)); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func renderODT(p *plan, lines []rline) ([]byte, error) {
	var body strings.Builder
	tableOpen := false
	for _, l := range lines {
		if l.kind != lineRow && tableOpen {
			body.WriteString("</table:table>")
			tableOpen = false
		}
		switch l.kind {
		case lineTitle:
			body.WriteString(`<text:p text:style-name="Title">` + xmlEsc(l.text) + `</text:p>`)
		case lineHeading:
			body.WriteString(`<text:h text:style-name="Heading_20_1" text:outline-level="1">` + xmlEsc(l.text) + `</text:h>`)
		case lineRow:
			if !tableOpen {
				body.WriteString(`<table:table table:name="KeyDates"><table:table-column table:number-columns-repeated="2"/>`)
				tableOpen = true
			}
			body.WriteString("<table:table-row>")
			for _, c := range l.cells {
				body.WriteString(`<table:table-cell office:value-type="string"><text:p>` + xmlEsc(c) + `</text:p></table:table-cell>`)
			}
			body.WriteString("</table:table-row>")
		case linePara:
			body.WriteString(`<text:p text:style-name="Standard">` + xmlEsc(l.text) + `</text:p>`)
		}
	}
	if tableOpen {
		body.WriteString("</table:table>")
	}
	const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"`
	content := `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + ns + ` office:version="1.3"><office:body><office:text>` + body.String() + `</office:text></office:body></office:document-content>`
	styles := `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ` + ns + ` office:version="1.3"><office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
</office:styles></office:document-styles>`
	meta := `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ` + ns + ` office:version="1.3"><office:meta><dc:title>` + xmlEsc(p.title) + `</dc:title></office:meta></office:document-meta>`
	manifest := `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`
	return zipFiles([][2]string{{"content.xml", content}, {"styles.xml", styles}, {"meta.xml", meta}, {"META-INF/manifest.xml", manifest}}, "application/vnd.oasis.opendocument.text")
}

// fnv32 hashes a name, to vary layouts deterministically.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
