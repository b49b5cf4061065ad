package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/sirlearn/sirlearn/corpus"
)

// The PDF reader does not use the library's plain-text functions: they glue
// the last word of a line to the first word of the next and lose spaces that
// a producer expresses as positioning. It runs its own content-stream
// interpreter over pdf.Interpret, places every glyph with its real advance
// width (simple-font /Widths, CID-font /W, standard-14 metrics when a font
// has none), and rebuilds words, lines and paragraphs from those positions.
// The page tree is walked once, and every panic inside the library becomes
// an ErrMalformed error.

// glyph is one shown character in device space.
type glyph struct {
	x, y, w, size float64
	bold          bool
	s             string
}

// pdfFont caches what the interpreter needs from a font dictionary: object
// streams make every dictionary lookup in the library re-read the stream, so
// each font is resolved once per document.
type pdfFont struct {
	base    string
	bold    bool
	twoByte bool
	enc     pdf.TextEncoding
	first   int
	widths  []float64
	cidW    map[int]float64
	dw      float64
	decoded map[string]string
}

func newPDFFont(v pdf.Value) *pdfFont {
	f := &pdfFont{base: v.Key("BaseFont").Name(), decoded: map[string]string{}}
	if i := strings.IndexByte(f.base, '+'); i >= 0 {
		f.base = f.base[i+1:]
	}
	lb := strings.ToLower(f.base)
	f.bold = strings.Contains(lb, "bold") || strings.Contains(lb, "black") || strings.Contains(lb, "heavy") || strings.Contains(lb, "semibold")
	pf := pdf.Font{V: v}
	f.enc = pf.Encoder()
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		desc := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		if fd := desc.Key("FontDescriptor"); fd.Kind() == pdf.Dict {
			fl := strings.ToLower(fd.Key("FontName").Name())
			if strings.Contains(fl, "bold") || fd.Key("FontWeight").Float64() >= 600 {
				f.bold = true
			}
		}
		f.cidW = map[int]float64{}
		w := desc.Key("W")
		for i := 0; i < w.Len() && len(f.cidW) < 1<<16; {
			c := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len(); j++ {
					f.cidW[c+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			width := w.Index(i + 2).Float64()
			for c2 := c; c2 <= last && c2-c < 1<<16; c2++ {
				f.cidW[c2] = width
			}
			i += 3
		}
		return f
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths = append(f.widths, ws.Index(i).Float64())
	}
	if fd := v.Key("FontDescriptor"); fd.Kind() == pdf.Dict && fd.Key("FontWeight").Float64() >= 600 {
		f.bold = true
	}
	return f
}

func (f *pdfFont) decode(code string) string {
	if s, ok := f.decoded[code]; ok {
		return s
	}
	s := ""
	if f.enc != nil {
		s = f.enc.Decode(code)
	}
	s = normaliseGlyphText(s)
	f.decoded[code] = s
	return s
}

func (f *pdfFont) width(code int, text string) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	r := ' '
	for _, c := range text {
		r = c
		break
	}
	return standardWidth(f.base, r)
}

// normaliseGlyphText maps ligatures and odd spaces to plain text, as
// pdftotext does.
func normaliseGlyphText(s string) string {
	switch s {
	case "\ufb00":
		return "ff"
	case "\ufb01":
		return "fi"
	case "\ufb02":
		return "fl"
	case "\ufb03":
		return "ffi"
	case "\ufb04":
		return "ffl"
	case "\u00a0", "\u2002", "\u2003", "\u2009", "\t":
		return " "
	case "\u00ad":
		return "-"
	case "\ufffd", "\x00":
		return ""
	}
	return s
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type textState struct {
	tc, tw, th, tl, tfs, trise float64
	font                       *pdfFont
}

type gState struct {
	ctm matrix
	ts  textState
}

// errAbort is panicked from inside pdf.Interpret to stop on a deadline.
var errAbort = errors.New("aborted")

// pageInterp runs one page's content streams.
type pageInterp struct {
	ctx    context.Context
	lim    Limits
	fonts  map[string]*pdfFont // by resource name + base font, per document
	glyphs []glyph
	images int // image XObjects drawn
	ops    int
	budget *int64 // decompressed bytes left for the whole document
}

func (p *pageInterp) run(strm pdf.Value, res pdf.Value, g gState, depth int) {
	if depth > 8 {
		return
	}
	p.checkSize(strm)
	var (
		stack []gState
		tm    = identity
		tlm   = identity
		// Fonts by resource name for this stream's resources: every
		// dictionary lookup re-reads object streams, so look each up once.
		local = map[string]*pdfFont{}
	)
	show := func(raw string) {
		ts := &g.ts
		f := ts.font
		if f == nil {
			return
		}
		step := 1
		if f.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := raw[i : i+step]
			c := int(code[0])
			if step == 2 {
				c = c<<8 | int(code[1])
			}
			text := f.decode(code)
			w0 := f.width(c, text)
			trm := matrix{ts.tfs * ts.th, 0, 0, ts.tfs, 0, ts.trise}.mul(tm).mul(g.ctm)
			m := tm.mul(g.ctm)
			gw := w0 / 1000 * ts.tfs * ts.th
			tx := w0 / 1000 * ts.tfs
			tx += ts.tc
			if step == 1 && c == 32 {
				tx += ts.tw
			}
			tx *= ts.th
			size := math.Hypot(trm[2], trm[3])
			if text != "" && len(p.glyphs) < p.lim.maxGlyphs() {
				p.glyphs = append(p.glyphs, glyph{
					x: trm[4], y: trm[5], w: gw * math.Hypot(m[0], m[1]),
					size: size, bold: f.bold, s: text,
				})
			}
			tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
		}
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -g.ts.tl}.mul(tlm)
		tm = tlm
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		p.ops++
		if p.ops&0xfff == 0 && p.ctx.Err() != nil {
			panic(errAbort)
		}
		n := stk.Len()
		if n > 64 {
			n = 64
		}
		var argv [64]pdf.Value
		args := argv[:n]
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		for stk.Len() > 0 {
			stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack); k > 0 {
				g = stack[k-1]
				stack = stack[:k-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.ts.tc = num(0)
		case "Tw":
			g.ts.tw = num(0)
		case "Tz":
			g.ts.th = num(0) / 100
		case "TL":
			g.ts.tl = num(0)
		case "Ts":
			g.ts.trise = num(0)
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := local[name]
				if !ok {
					fv := res.Key("Font").Key(name)
					key := name + "\x00" + fv.Key("BaseFont").Name()
					if f, ok = p.fonts[key]; !ok {
						f = newPDFFont(fv)
						p.fonts[key] = f
					}
					local[name] = f
				}
				g.ts.font = f
				g.ts.tfs = num(1)
			}
		case "Td", "TD":
			if op == "TD" {
				g.ts.tl = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tlm = tm
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			nextLine()
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				g.ts.tw, g.ts.tc = num(0), num(1)
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					x := a.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
						continue
					}
					tx := -x.Float64() / 1000 * g.ts.tfs * g.ts.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}
		case "Do":
			if len(args) == 1 {
				xo := res.Key("XObject").Key(args[0].Name())
				if xo.Key("Subtype").Name() == "Image" {
					p.images++
				}
				if xo.Key("Subtype").Name() == "Form" {
					sub := g
					if mv := xo.Key("Matrix"); mv.Len() == 6 {
						var m matrix
						for i := range m {
							m[i] = mv.Index(i).Float64()
						}
						sub.ctm = m.mul(g.ctm)
					}
					r := xo.Key("Resources")
					if r.Kind() != pdf.Dict {
						r = res
					}
					p.run(xo, r, sub, depth+1)
				}
			}
		}
	})
}

// checkSize decompresses the stream (or array of streams) once into a
// counter, so a compression bomb is refused before it is interpreted.
func (p *pageInterp) checkSize(strm pdf.Value) {
	count := func(v pdf.Value) {
		n, _ := io.Copy(io.Discard, io.LimitReader(v.Reader(), *p.budget+1))
		*p.budget -= n
		if *p.budget < 0 {
			panic(fmt.Errorf("%w: decompressed content exceeds %d bytes", corpus.ErrTooLarge, p.lim.maxDecompressed()))
		}
	}
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len(); i++ {
			count(strm.Index(i))
		}
		return
	}
	count(strm)
}

// pdfPage is the raw material of one page.
type pdfPage struct {
	glyphs        []glyph
	height, width float64
	err           error
}

// collectPages walks the page tree once, depth-first, guarding against
// absurd trees; a cycle is cut where it closes, so the pages it leads to
// are still read, as poppler reads them.
func collectPages(r *pdf.Reader, maxPages int) (pages []pdf.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%w: page tree: %v", corpus.ErrMalformed, x)
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no page tree", corpus.ErrMalformed)
	}
	type item struct {
		v     pdf.Value
		depth int
	}
	stack := []item{{root, 0}}
	seen := map[string]bool{}
	visited := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		if visited > 4*maxPages+1000 || it.depth > 64 {
			return nil, fmt.Errorf("%w: page tree too deep or cyclic", corpus.ErrMalformed)
		}
		kids := it.v.Key("Kids")
		if it.v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && it.v.Key("Contents").Kind() != pdf.Null) {
			pages = append(pages, it.v)
			if len(pages) > maxPages {
				return nil, fmt.Errorf("%w: more than %d pages", corpus.ErrTooLarge, maxPages)
			}
			continue
		}
		// A node reached again is a cycle (or a shared subtree): its pages
		// are already listed. Dictionaries are told apart by what they say,
		// references unresolved.
		key := it.v.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		for i := kids.Len() - 1; i >= 0; i-- {
			stack = append(stack, item{kids.Index(i), it.depth + 1})
		}
	}
	return pages, nil
}

// inherited looks a page attribute up the parent chain.
func inherited(page pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && page.Kind() == pdf.Dict; i++ {
		if v := page.Key(key); v.Kind() != pdf.Null {
			return v
		}
		page = page.Key("Parent")
	}
	return pdf.Value{}
}

func readPDF(ctx context.Context, data []byte, lim Limits) (doc *corpus.Document, err error) {
	data = pdfBody(data)
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		// The library accepts only "%PDF-1.x" headers; PDF 2.0 files are
		// built the same way for what it reads.
		data = append([]byte("%PDF-1.7"), data[8:]...)
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return nil, fmt.Errorf("%w: PDF is password-protected", corpus.ErrEncrypted)
		}
		// The library doubles the % of "%%EOF" in one of its messages.
		return nil, fmt.Errorf("%w: %s", corpus.ErrMalformed, strings.ReplaceAll(err.Error(), "%%EOF", "%EOF"))
	}
	defer func() {
		if x := recover(); x != nil {
			doc = nil
			err = fmt.Errorf("%w: %v", corpus.ErrMalformed, x)
		}
	}()
	pageVals, err := collectPages(r, lim.maxPages())
	if err != nil {
		return nil, err
	}
	if len(pageVals) == 0 {
		return nil, fmt.Errorf("%w: PDF has no pages", corpus.ErrMalformed)
	}
	budget := lim.maxDecompressed()
	fonts := map[string]*pdfFont{}
	pages := make([]pdfPage, len(pageVals))
	nGlyphs, failed := 0, 0
	var firstErr error
	var warnings []string
	var scanned []int // pages drawn as images, with no text
	for i, pv := range pageVals {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%w after %d of %d pages", corpus.ErrTimeout, i, len(pageVals))
		}
		pg := &pages[i]
		pg.width, pg.height = 612, 792
		if mb := inherited(pv, "MediaBox"); mb.Len() == 4 {
			pg.width = mb.Index(2).Float64() - mb.Index(0).Float64()
			pg.height = mb.Index(3).Float64() - mb.Index(1).Float64()
		}
		pi := &pageInterp{ctx: ctx, lim: lim, fonts: fonts, budget: &budget}
		func() {
			defer func() {
				if x := recover(); x != nil {
					if x == errAbort {
						pg.err = corpus.ErrTimeout
						return
					}
					if e, ok := x.(error); ok && errors.Is(e, corpus.ErrTooLarge) {
						pg.err = e
						return
					}
					pg.err = fmt.Errorf("%w: page %d: %v", corpus.ErrMalformed, i+1, x)
				}
			}()
			res := inherited(pv, "Resources")
			if c := pv.Key("Contents"); c.Kind() != pdf.Null {
				pi.run(c, res, gState{ctm: identity, ts: textState{th: 1}}, 0)
			}
		}()
		pg.glyphs = pi.glyphs
		if pg.err != nil {
			if errors.Is(pg.err, corpus.ErrTimeout) {
				return nil, fmt.Errorf("%w after %d of %d pages", corpus.ErrTimeout, i, len(pageVals))
			}
			if errors.Is(pg.err, corpus.ErrTooLarge) {
				return nil, pg.err
			}
			failed++
			if firstErr == nil {
				firstErr = pg.err
			}
			warnings = append(warnings, fmt.Sprintf("page %d not read: %v", i+1, pg.err))
		}
		text := 0
		for _, g := range pi.glyphs {
			if strings.TrimSpace(g.s) != "" {
				text++
			}
		}
		nGlyphs += text
		if text == 0 && pi.images > 0 && pg.err == nil {
			scanned = append(scanned, i+1)
		}
	}
	if failed == len(pages) {
		return nil, firstErr
	}
	if nGlyphs == 0 {
		return nil, &scanError{pages: len(pages), scanned: scanned}
	}
	doc = layoutPDF(pages)
	doc.Warnings = warnings
	doc.ScannedPages = scanned
	doc.Format = corpus.FormatPDF
	doc.Pages = len(pages)
	if t := r.Trailer().Key("Info").Key("Title"); t.Kind() == pdf.String {
		doc.Title = strings.TrimSpace(t.Text())
	}
	return doc, nil
}
