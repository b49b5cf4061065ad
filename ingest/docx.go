package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// docxStyle is what the reader needs from a paragraph style.
type docxStyle struct {
	name    string
	basedOn string
	outline int // 1-based heading level, 0 when none
	bold    bool
	size    float64
}

// parseDocxStyles reads word/styles.xml into a map by style id.
func parseDocxStyles(data []byte) (map[string]*docxStyle, float64) {
	styles := map[string]*docxStyle{}
	defSize := 0.0
	dec := newXMLDecoder(data)
	var cur *docxStyle
	inDefaults := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				if attr(t, "type") == "paragraph" {
					cur = &docxStyle{}
					styles[attr(t, "styleId")] = cur
				}
			case "name":
				if cur != nil {
					cur.name = attr(t, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "outlineLvl":
				if cur != nil {
					if n, err := strconv.Atoi(attr(t, "val")); err == nil && n < 9 {
						cur.outline = n + 1
					}
				}
			case "b":
				if cur != nil {
					cur.bold = onOff(t)
				}
			case "sz":
				if n, err := strconv.ParseFloat(attr(t, "val"), 64); err == nil {
					if cur != nil {
						cur.size = n / 2
					} else if inDefaults {
						defSize = n / 2
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "style":
				cur = nil
			case "docDefaults":
				inDefaults = false
			}
		}
	}
	return styles, defSize
}

// resolve follows basedOn to fill inherited heading level, bold and size.
func resolveStyle(styles map[string]*docxStyle, id string) docxStyle {
	var out docxStyle
	for i := 0; i < 16 && id != ""; i++ {
		s, ok := styles[id]
		if !ok {
			break
		}
		if out.name == "" {
			out.name = s.name
		}
		if out.outline == 0 {
			out.outline = s.outline
		}
		if out.size == 0 {
			out.size = s.size
		}
		out.bold = out.bold || s.bold
		id = s.basedOn
	}
	if out.outline == 0 {
		out.outline = headingLevelFromName(out.name)
	}
	return out
}

// headingLevelFromName reads "heading 2", "Heading2", "Title".
func headingLevelFromName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, "_20_", " "))
	if n == "title" {
		return 1
	}
	if rest, ok := strings.CutPrefix(n, "heading"); ok {
		if l, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && l > 0 && l < 10 {
			return l
		}
	}
	return 0
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads a WordprocessingML toggle such as <w:b/> or <w:b w:val="0"/>.
func onOff(t xml.StartElement) bool {
	switch attr(t, "val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

func readDOCX(ctx context.Context, data []byte, lim Limits) (*corpus.Document, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	body, err := z.read("word/document.xml")
	if errors.Is(err, errNoPart) {
		return nil, fmt.Errorf("%w: Word file without its main part word/document.xml", corpus.ErrMalformed)
	}
	if err != nil {
		return nil, err
	}
	styles := map[string]*docxStyle{}
	defSize := 0.0
	if sd, err := z.read("word/styles.xml"); err == nil {
		styles, defSize = parseDocxStyles(sd)
	} else if !errors.Is(err, errNoPart) {
		return nil, err
	}
	doc := &corpus.Document{}
	if core, err := z.read("docProps/core.xml"); err == nil {
		doc.Title = xmlElementText(core, "title")
	}
	p := &docxParser{ctx: ctx, styles: styles, defSize: defSize, doc: doc}
	if err := p.parse(body); err != nil {
		return nil, err
	}
	if err := readDocxHeaders(ctx, z, styles, defSize, doc); err != nil {
		return nil, err
	}
	doc.BodyFontSize = defSize
	if doc.BodyFontSize == 0 {
		doc.BodyFontSize = 11
	}
	return doc, nil
}

// headerMarkingRE matches a protective marking or a page number line.
var headerMarkingRE = regexp.MustCompile(`(?i)^\W*(official|protect|restricted|confidential|secret|not protectively marked|page \d)`)

// readDocxHeaders puts the labelled fields of the page headers before the
// body: forms carry their reference, authority or dates in a header table.
// Markings, titles and page numbers there are left out (the body has the
// title; a marking is no content).
func readDocxHeaders(ctx context.Context, z *zipParts, styles map[string]*docxStyle, defSize float64, doc *corpus.Document) error {
	var extra []corpus.Block
	seen := map[string]bool{}
	for i := 1; i <= 3; i++ {
		data, err := z.read(fmt.Sprintf("word/header%d.xml", i))
		if errors.Is(err, errNoPart) {
			continue
		}
		if err != nil {
			return err
		}
		hd := &corpus.Document{}
		hp := &docxParser{ctx: ctx, styles: styles, defSize: defSize, doc: hd}
		if err := hp.parse(data); err != nil {
			return fmt.Errorf("word/header%d.xml: %w", i, err)
		}
		for _, b := range hd.Blocks {
			field := b.Type == corpus.BlockTableRow || labelLineRE.MatchString(b.Text)
			if !field || seen[b.Text] || headerMarkingRE.MatchString(b.Text) {
				continue
			}
			seen[b.Text] = true
			extra = append(extra, b)
		}
	}
	if len(extra) > 0 {
		doc.Blocks = append(extra, doc.Blocks...)
	}
	return nil
}

// xmlElementText returns the text of the first element with the local name.
func xmlElementText(data []byte, local string) string {
	dec := newXMLDecoder(data)
	in := false
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return strings.TrimSpace(b.String())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == local
		case xml.CharData:
			if in {
				b.Write(t)
			}
		case xml.EndElement:
			if in && t.Name.Local == local {
				return strings.TrimSpace(b.String())
			}
		}
	}
}

type docxParser struct {
	ctx     context.Context
	styles  map[string]*docxStyle
	defSize float64
	doc     *corpus.Document

	// paragraph state
	text      strings.Builder
	styleID   string
	outline   int
	numbered  bool
	runBold   bool
	runSize   float64
	allBold   bool
	anyRun    bool
	maxSize   float64
	pBold     bool // paragraph mark bold from pPr/rPr
	inRPr     bool
	inPPr     bool
	inText    bool
	skipDepth int // inside deleted text, fallback content or comments

	// table state
	tblDepth  int
	cells     []string
	cell      strings.Builder
	cellParas [][]corpus.Block // each cell's paragraphs, as blocks
	curParas  []corpus.Block

	// text boxes: the paragraph a box interrupts, resumed after it
	boxes []savedPara
}

// savedPara is the state of a paragraph that a text box interrupted.
type savedPara struct {
	text                             string
	styleID                          string
	outline                          int
	numbered, allBold, anyRun, pBold bool
	maxSize                          float64
}

func (p *docxParser) parse(body []byte) error {
	dec := newXMLDecoder(body)
	depth := 0
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, corpus.ErrMalformed) {
				return fmt.Errorf("word/document.xml: %w", err)
			}
			return fmt.Errorf("%w: word/document.xml: %v", corpus.ErrMalformed, err)
		}
		if n++; n&0xfff == 0 && p.ctx.Err() != nil {
			return corpus.ErrTimeout
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if p.skipDepth > 0 {
				p.skipDepth++
				continue
			}
			p.start(t)
		case xml.EndElement:
			depth--
			if p.skipDepth > 0 {
				p.skipDepth--
				continue
			}
			p.end(t)
		case xml.CharData:
			if p.skipDepth == 0 && p.inText {
				p.text.Write(t)
			}
		}
	}
}

func (p *docxParser) start(t xml.StartElement) {
	switch t.Name.Local {
	case "del", "moveFrom", "Fallback", "instrText", "delText":
		p.skipDepth = 1
	case "tbl":
		p.tblDepth++
	case "tr":
		if p.tblDepth == 1 {
			p.cells, p.cellParas = nil, nil
		}
	case "tc":
		if p.tblDepth == 1 {
			p.cell.Reset()
			p.curParas = nil
		}
	case "txbxContent":
		// A text box's paragraphs sit inside a paragraph of the body.
		p.boxes = append(p.boxes, savedPara{text: p.text.String(), styleID: p.styleID, outline: p.outline,
			numbered: p.numbered, allBold: p.allBold, anyRun: p.anyRun, pBold: p.pBold, maxSize: p.maxSize})
	case "p":
		p.text.Reset()
		p.styleID, p.outline, p.numbered = "", 0, false
		p.allBold, p.anyRun, p.maxSize, p.pBold = true, false, 0, false
	case "pPr":
		p.inPPr = true
	case "pStyle":
		if p.inPPr {
			p.styleID = attr(t, "val")
		}
	case "outlineLvl":
		if p.inPPr {
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n < 9 {
				p.outline = n + 1
			}
		}
	case "numPr":
		if p.inPPr {
			p.numbered = true
		}
	case "r":
		p.runBold, p.runSize = false, 0
	case "rPr":
		p.inRPr = true
	case "b":
		if p.inRPr {
			if p.inPPr {
				p.pBold = onOff(t)
			} else {
				p.runBold = onOff(t)
			}
		}
	case "sz":
		if p.inRPr && !p.inPPr {
			if n, err := strconv.ParseFloat(attr(t, "val"), 64); err == nil {
				p.runSize = n / 2
			}
		}
	case "t":
		p.inText = true
		p.markRun()
	case "tab":
		if !p.inPPr {
			p.text.WriteByte(' ')
		}
	case "br", "cr":
		p.text.WriteByte(' ')
	}
}

func (p *docxParser) markRun() {
	p.anyRun = true
	if !p.runBold {
		p.allBold = false
	}
	if p.runSize > p.maxSize {
		p.maxSize = p.runSize
	}
}

func (p *docxParser) end(t xml.EndElement) {
	switch t.Name.Local {
	case "t":
		p.inText = false
	case "pPr":
		p.inPPr = false
	case "rPr":
		p.inRPr = false
	case "p":
		p.endParagraph()
	case "txbxContent":
		if n := len(p.boxes); n > 0 {
			b := p.boxes[n-1]
			p.boxes = p.boxes[:n-1]
			p.text.Reset()
			p.text.WriteString(b.text)
			p.styleID, p.outline, p.numbered, p.allBold, p.anyRun, p.pBold, p.maxSize = b.styleID, b.outline, b.numbered, b.allBold, b.anyRun, b.pBold, b.maxSize
		}
	case "tc":
		if p.tblDepth == 1 {
			p.cells = append(p.cells, strings.Join(strings.Fields(p.cell.String()), " "))
			p.cellParas = append(p.cellParas, p.curParas)
		}
	case "tr":
		if p.tblDepth == 1 {
			p.endRow()
		}
	case "tbl":
		p.tblDepth--
	}
}

func (p *docxParser) endRow() {
	nonEmpty := 0
	for _, c := range p.cells {
		if c != "" {
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		return
	}
	if blocks := cellRowBlocks(p.cells, p.cellParas); blocks != nil {
		p.doc.Blocks = append(p.doc.Blocks, blocks...)
		return
	}
	p.doc.Blocks = append(p.doc.Blocks, corpus.Block{
		Type: corpus.BlockTableRow, Text: strings.Join(p.cells, " | "), Cells: p.cells,
	})
}

func (p *docxParser) endParagraph() {
	text := strings.Join(strings.Fields(p.text.String()), " ")
	if text == "" {
		return
	}
	blk := p.paragraphBlock(text)
	if p.tblDepth > 0 {
		if p.cell.Len() > 0 {
			p.cell.WriteByte(' ')
		}
		p.cell.WriteString(text)
		if p.tblDepth == 1 {
			p.curParas = append(p.curParas, blk)
		}
		return
	}
	p.doc.Blocks = append(p.doc.Blocks, blk)
}

// paragraphBlock makes the block of a paragraph from its style, runs and
// text.
func (p *docxParser) paragraphBlock(text string) corpus.Block {
	st := resolveStyle(p.styles, p.styleID)
	blk := corpus.Block{Text: text, Style: st.name}
	level := p.outline
	if level == 0 {
		level = st.outline
	}
	size := p.maxSize
	if size == 0 {
		size = st.size
	}
	if size == 0 {
		size = p.defSize
	}
	blk.FontSize = size
	blk.Bold = (p.anyRun && p.allBold) || (st.bold && p.maxSize == 0 && p.anyRun)
	switch {
	case level > 0:
		blk.Type, blk.Level = corpus.BlockHeading, level
	case p.numbered && !strings.Contains(strings.ToLower(st.name), "heading"):
		if looksLikeHeading(text, 1, blk.Bold, size > p.defSize+1 && p.defSize > 0) {
			blk.Type = corpus.BlockHeading
		} else {
			blk.Type = corpus.BlockListItem
		}
	case strings.Contains(strings.ToLower(st.name), "list"):
		blk.Type = corpus.BlockListItem
	default:
		blk.Type = classifyText(text, 1, blk.Bold, size, p.defSize)
	}
	return blk
}

// cellRowBlocks reads a table row that is a layout box rather than data:
// a row of one cell (a template's heading band, or its answer box), or a
// question cell beside a long answer. Their paragraphs become blocks of
// their own, headings included. It returns nil for a data row (a label and
// a value), which stays a table row.
func cellRowBlocks(cells []string, paras [][]corpus.Block) []corpus.Block {
	var filled []int
	for i, c := range cells {
		if c != "" {
			filled = append(filled, i)
		}
	}
	words := func(i int) int { return len(strings.Fields(cells[i])) }
	switch {
	case len(filled) == 1:
		i := filled[0]
		if len(paras[i]) == 1 && words(i) <= 15 && paras[i][0].Type != corpus.BlockHeading && !paras[i][0].Bold {
			return nil // a short note in a cell of its own stays data
		}
		return paras[i]
	case len(filled) == 2 && words(filled[1]) >= 30 && words(filled[0]) <= 15:
		q, a := paras[filled[0]], paras[filled[1]]
		head := corpus.Block{Type: corpus.BlockHeading, Text: cells[filled[0]], Bold: len(q) == 1 && q[0].Bold}
		if len(q) == 1 {
			head.Style, head.FontSize = q[0].Style, q[0].FontSize
		}
		return append([]corpus.Block{head}, a...)
	}
	return nil
}
