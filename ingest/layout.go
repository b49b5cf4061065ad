package ingest

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sirlearn/sirlearn/corpus"
)

// pdfLine is one rebuilt line of text on a page.
type pdfLine struct {
	text  string
	cells []string // set when wide gaps split the line into columns
	// segs are the line's runs of words between gaps wider than a word
	// space (segGap): a table's cells on one line.
	segs   []lineSeg
	x0, x1 float64
	y      float64
	size   float64
	bold   bool
	page   int
}

// lineSeg is a run of words on a line, with where it starts and ends.
type lineSeg struct {
	x0, x1 float64
	text   string
}

// listMarkOnly reports whether a run is only a list mark: a bullet, a
// dash, or an item number ("2.", "(b)").
func listMarkOnly(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && utf8.RuneCountInString(s) <= 4 && listMarkRE.MatchString(s+" x")
}

// segGap is the gap, in font sizes, that parts two runs of words on a
// line: wider than a word space, narrower than cell padding and borders.
const segGap = 0.8

// buildLines groups a page's glyphs into lines and words by position.
func buildLines(glyphs []glyph, page int) []pdfLine {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]glyph, len(glyphs))
	copy(gs, glyphs)
	// Top to bottom; the stable sort keeps content order on a baseline.
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var lines []pdfLine
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			tol := 0.45 * math.Max(gs[i].size, gs[i-1].size)
			if tol < 1 {
				tol = 1
			}
			if gs[i-1].y-gs[i].y <= tol {
				continue
			}
		}
		if l, ok := makeLine(gs[start:i], page); ok {
			lines = append(lines, l)
		}
		start = i
	}
	return lines
}

func makeLine(gs []glyph, page int) (pdfLine, bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	var (
		b        strings.Builder
		cells    []string
		cellFrom int
		prev     *glyph
		sizes    = map[float64]int{}
		bold     = true
		any      bool
		ys       float64
		n        int
	)
	l := pdfLine{page: page, x0: math.Inf(1), x1: math.Inf(-1)}
	segFrom, segX0, segX1 := 0, math.Inf(1), 0.0
	endSeg := func() {
		if t := strings.TrimSpace(b.String()[segFrom:]); t != "" {
			l.segs = append(l.segs, lineSeg{x0: segX0, x1: segX1, text: t})
		}
		segFrom, segX0 = b.Len(), math.Inf(1)
	}
	for i := range gs {
		g := &gs[i]
		blank := strings.TrimSpace(g.s) == ""
		if prev != nil && !blank && g.s == prev.s && math.Abs(g.x-prev.x) < 0.3 && math.Abs(g.y-prev.y) < 0.3 {
			continue // overprinted glyph (fake bold or shadow)
		}
		if prev != nil {
			gap := g.x - (prev.x + prev.w)
			size := math.Max(g.size, 1)
			// A list mark and its text are one run: "•   the plan".
			if gap > segGap*size && !blank && !listMarkOnly(b.String()[segFrom:]) {
				endSeg()
			}
			switch {
			case gap > 3*size && b.Len() > 0:
				cells = append(cells, strings.TrimSpace(b.String()[cellFrom:]))
				b.WriteByte(' ')
				cellFrom = b.Len()
			case gap > 0.2*size && !endsSpace(&b) && !blank:
				b.WriteByte(' ')
			}
		}
		if blank {
			if b.Len() > 0 && !endsSpace(&b) {
				b.WriteByte(' ')
			}
		} else {
			b.WriteString(g.s)
			any = true
			sizes[math.Round(g.size*2)/2] += utf8.RuneCountInString(g.s)
			if !g.bold {
				bold = false
			}
			l.x0 = math.Min(l.x0, g.x)
			l.x1 = math.Max(l.x1, g.x+g.w)
			segX0 = math.Min(segX0, g.x)
			segX1 = math.Max(segX1, g.x+g.w)
			ys += g.y
			n++
		}
		prev = g
	}
	if !any {
		return l, false
	}
	endSeg()
	l.text = strings.TrimSpace(b.String())
	if len(cells) > 0 {
		cells = append(cells, strings.TrimSpace(b.String()[cellFrom:]))
		l.cells = cells
	}
	best := 0
	for s, c := range sizes {
		if c > best || (c == best && s > l.size) {
			best, l.size = c, s
		}
	}
	l.bold = bold
	l.y = ys / float64(n)
	return l, true
}

func endsSpace(b *strings.Builder) bool {
	s := b.String()
	return len(s) == 0 || s[len(s)-1] == ' '
}

var (
	pageNumberRE = regexp.MustCompile(`(?i)^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(of|/)\s*\d{1,4})?$`)
	digitsRE     = regexp.MustCompile(`\d+`)
	listMarkRE   = regexp.MustCompile(`^(\s*[•·▪◦●○■□–\-*]\s+|\(?[a-z0-9]{1,3}[.)]\s+)`)
	numberedRE   = regexp.MustCompile(`^(\d{1,2}(\.\d{1,2})*\.?|[A-Z][.)]|(?i:part|section|appendix)\s+[A-Z0-9]{1,3}[:.]?)\s+\S`)
)

// furnitureKey normalises a line for comparison across pages.
func furnitureKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(digitsRE.ReplaceAllString(s, "#"))), " ")
}

// removeFurniture drops running headers and footers (lines near the top or
// bottom of a page that repeat, digits aside, on at least half the pages) and
// bare page numbers.
func removeFurniture(pages [][]pdfLine, bodySize float64) [][]pdfLine {
	const edge = 3
	count := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for i, l := range lines {
			if i < edge || i >= len(lines)-edge {
				k := furnitureKey(l.text)
				if !seen[k] {
					seen[k] = true
					count[k]++
				}
			}
		}
	}
	minPages := (len(pages) + 1) / 2
	if minPages < 2 {
		minPages = 2
	}
	out := make([][]pdfLine, len(pages))
	for p, lines := range pages {
		for i, l := range lines {
			atEdge := i < edge || i >= len(lines)-edge
			if atEdge {
				if pageNumberRE.MatchString(l.text) {
					continue
				}
				if count[furnitureKey(l.text)] >= minPages && l.size <= bodySize+0.5 {
					continue
				}
			}
			out[p] = append(out[p], l)
		}
	}
	return out
}

// layoutPDF turns positioned glyphs into document blocks.
func layoutPDF(pages []pdfPage) *corpus.Document {
	sizeCount := map[float64]int{}
	lines := make([][]pdfLine, len(pages))
	for i, p := range pages {
		lines[i] = buildLines(p.glyphs, i+1)
		for _, l := range lines[i] {
			sizeCount[l.size] += len(l.text)
		}
	}
	body, best := 0.0, 0
	for s, c := range sizeCount {
		if c > best {
			body, best = s, c
		}
	}
	lines = removeFurniture(lines, body)
	for i := range lines {
		lines[i] = rebuildTables(lines[i])
	}
	doc := &corpus.Document{BodyFontSize: body}
	var cur []pdfLine
	flush := func() {
		if len(cur) > 0 {
			doc.Blocks = append(doc.Blocks, makeBlock(cur, body))
			cur = nil
		}
	}
	for p, pl := range lines {
		spacing := lineSpacing(pl)
		for i, l := range pl {
			if len(cur) == 0 {
				cur = append(cur, l)
				continue
			}
			prev := cur[len(cur)-1]
			if i == 0 {
				// First line of a page: continue the previous page's
				// paragraph only when it plainly runs on.
				if prev.page == p && continuesOnNextPage(prev, l) {
					cur = append(cur, l)
					continue
				}
				flush()
				cur = append(cur, l)
				continue
			}
			if newParagraph(prev, l, cur[0], spacing, pages[p].width) {
				flush()
			}
			cur = append(cur, l)
		}
	}
	flush()
	return doc
}

// lineSpacing is the baseline distance between the lines of a paragraph:
// the lower quartile of the distances between consecutive lines, not
// their median, which on a page of short paragraphs is the distance
// between paragraphs (browsers print them with a blank line's margin).
func lineSpacing(lines []pdfLine) float64 {
	var d []float64
	for i := 1; i < len(lines); i++ {
		if dy := lines[i-1].y - lines[i].y; dy > 0 {
			d = append(d, dy)
		}
	}
	if len(d) == 0 {
		return 0
	}
	sort.Float64s(d)
	return d[len(d)/4]
}

func continuesOnNextPage(prev, l pdfLine) bool {
	if prev.cells != nil || l.cells != nil || prev.bold != l.bold || math.Abs(prev.size-l.size) >= 1 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	first, _ := utf8.DecodeRuneInString(l.text)
	return !strings.ContainsRune(".:?!", last) && unicode.IsLower(first)
}

func newParagraph(prev, l, first pdfLine, spacing, width float64) bool {
	dy := prev.y - l.y
	switch {
	case prev.cells != nil || l.cells != nil:
		return true
	case math.Abs(prev.size-l.size) >= 1, prev.bold != l.bold:
		return true
	case dy < 0: // a new column or a jump back up the page
		return true
	case spacing > 0 && dy > 1.35*spacing && dy > 1.3*l.size:
		return true
	case spacing == 0 && dy > 1.7*l.size:
		return true
	case dy > 2.2*l.size:
		return true // a blank line's gap, whatever the page's spacing
	case listMarkRE.MatchString(l.text) || numberedRE.MatchString(l.text):
		return true
	case listMarkRE.MatchString(first.text) && l.x0 > first.x0 && l.x0 <= first.x0+4*l.size:
		return false // a list item's hanging indent
	case l.x0 > first.x0+1.5*l.size && l.x0 > prev.x0+1.5*l.size:
		return true // indented first line
	}
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	if strings.ContainsRune(".:?!", last) && prev.x1 < 0.75*width && prev.x1-first.x0 < 0.8*(width-2*first.x0) {
		return true // a short last line ends the paragraph
	}
	return false
}

// joinLines joins the lines of a paragraph, mending hyphenated breaks.
func joinLines(ls []pdfLine) string {
	texts := make([]string, len(ls))
	for i, l := range ls {
		texts[i] = l.text
	}
	return joinWrapped(texts)
}

// joinWrapped joins lines of text wrapped in a column, with a space, or
// without the hyphen of a word broken across them.
func joinWrapped(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		if i > 0 {
			s := b.String()
			first, _ := utf8.DecodeRuneInString(t)
			if strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLetter(rune(s[len(s)-2])) && unicode.IsLower(first) {
				// hyphenated line break: drop the hyphen
				b.Reset()
				b.WriteString(s[:len(s)-1])
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

func makeBlock(ls []pdfLine, body float64) corpus.Block {
	text := joinLines(ls)
	blk := corpus.Block{Text: text, Page: ls[0].page, FontSize: ls[0].size, Bold: ls[0].bold}
	if len(ls) == 1 && ls[0].cells != nil {
		blk.Type = corpus.BlockTableRow
		blk.Cells = ls[0].cells
		blk.Text = strings.Join(ls[0].cells, " | ")
		return blk
	}
	blk.Type = classifyText(text, len(ls), blk.Bold, blk.FontSize, body)
	if blk.Type == corpus.BlockHeading {
		switch {
		case blk.FontSize >= body+4:
			blk.Level = 1
		case blk.FontSize >= body+1.5:
			blk.Level = 2
		default:
			blk.Level = 3
		}
	}
	return blk
}

// classifyText decides whether a block is a heading candidate or list item
// from its text and typography; the section parser makes the final call.
func classifyText(text string, nLines int, bold bool, size, body float64) corpus.BlockType {
	if listMarkRE.MatchString(text) && !numberedHeading(text) {
		return corpus.BlockListItem
	}
	if looksLikeHeading(text, nLines, bold, size > 0 && body > 0 && size >= body+1) {
		return corpus.BlockHeading
	}
	return corpus.BlockParagraph
}

func numberedHeading(text string) bool {
	return numberedRE.MatchString(text) && len(strings.Fields(text)) <= 12 && !strings.HasSuffix(text, ".") && !corpus.LooksLikeStatement(text)
}

// looksLikeHeading applies the cheap textual tests: short, no final full
// stop, and typographically or textually marked.
func looksLikeHeading(text string, nLines int, bold, larger bool) bool {
	words := len(strings.Fields(text))
	if words == 0 || words > 15 || nLines > 2 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if last == '.' || last == ',' || last == ';' {
		return false
	}
	if bold || larger || numberedHeading(text) {
		return true
	}
	if isAllCaps(text) && words >= 1 {
		return true
	}
	return last == '?' && words <= 12
}

// isAllCaps reports whether every letter in s is upper case and there are
// at least four letters.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 4
}
