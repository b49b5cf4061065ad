package extract

import (
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	// headingNumberRE strips "3.", "3.1", "B.", "PART B:", "Section 4 -",
	// "(c)" and similar from the front of a heading.
	headingNumberRE = lazyRE(`(?i)^\s*((part|section|chapter|appendix|annex)\s+[a-z0-9ivx]{1,4}\b\s*[:.\-–—)]?\s*|\(?[0-9]{1,2}(\.[0-9]{1,2})*\.?\)?\s*[:.\-–—)]?\s+|\(?[a-hj-z][.)]\s+|[ivx]{1,4}[.)]\s+)`)
	numberedHeadRE  = lazyRE(`^\s*(\d{1,2}(\.\d{1,2})*\.?|(?i:part|section)\s+[A-Z0-9]{1,3}[:.]?|[A-Z][.)])\s+\S`)
	subNumberRE     = lazyRE(`^\s*\d{1,2}\.\d{1,2}`)
)

// headingCore returns the heading without its numbering, lower-cased.
func headingCore(h string) string {
	return strings.TrimSpace(normaliseForMatch(headingNumberRE.get().ReplaceAllString(h, "")))
}

// classifyHeading maps a heading to a section kind by the longest matching
// heading cue; ok is false when no cue matches.
func (t *Taxonomy) classifyHeading(h string) (corpus.SectionKind, bool) {
	core := headingCore(h)
	best, bestLen := corpus.SectionOther, 0
	for _, s := range t.sections {
		for _, re := range s.headings {
			for _, loc := range re.FindAllStringIndex(core, -1) {
				// Longer cues are more specific; earlier position breaks
				// ties ("Assessment and planning" is about assessment).
				n := (loc[1]-loc[0])*4 - loc[0]/8
				if n > bestLen {
					best, bestLen = s.kind, n
				}
			}
		}
	}
	return best, bestLen > 0
}

// classifyContent scores a paragraph against the content cues (two points
// a match) and the heading cues (one point), so a paragraph about home
// visits and appointments reads as supervision even without a heading.
func (t *Taxonomy) classifyContent(text string) (corpus.SectionKind, int) {
	s := normaliseForMatch(text)
	best, bestN := corpus.SectionOther, 0
	for _, sec := range t.sections {
		n := 0
		for _, re := range sec.content {
			n += 2 * len(re.FindAllStringIndex(s, -1))
		}
		if sec.kind != corpus.SectionOther {
			for _, re := range sec.headings {
				n += len(re.FindAllStringIndex(s, -1))
			}
		}
		if n > bestN {
			best, bestN = sec.kind, n
		}
	}
	return best, bestN
}

// headingStrength says how sure the reader is that a block is a heading:
// 2 for a heading style or Markdown heading, 1 for typographic or textual
// hints, 0 for none.
func headingStrength(b corpus.Block) int {
	if b.Type != corpus.BlockHeading {
		if b.Type == corpus.BlockParagraph || b.Type == corpus.BlockListItem {
			if looksLikeHeadingText(b.Text) {
				return 1
			}
		}
		return 0
	}
	if b.Level > 0 && b.Style != "" || b.Level > 0 && b.FontSize == 0 {
		return 2
	}
	return 1
}

// looksLikeHeadingText catches headings the reader did not mark: numbered
// or lettered short lines, ALL CAPS, short questions.
func looksLikeHeadingText(s string) bool {
	words := len(strings.Fields(s))
	if words == 0 || words > 14 || strings.HasSuffix(s, ".") {
		return false
	}
	// A numbered finding without its full stop ("3. No home visit was
	// undertaken during the licence") is a statement, not a heading: a
	// heading names a topic or asks a question.
	if corpus.LooksLikeStatement(s) {
		return false
	}
	if numberedHeadRE.get().MatchString(s) {
		return true
	}
	letters, upper := 0, 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			letters++
		} else if r >= 'A' && r <= 'Z' {
			letters++
			upper++
		}
	}
	if letters >= 4 && upper == letters {
		return true
	}
	return strings.HasSuffix(s, "?") && words <= 14
}

// labelLine reports a short line standing alone before a paragraph, as
// plain-text and e-mailed reviews write headings ("Summary", "What went
// well"): up to six words, capitalised, with no closing punctuation. It
// starts a section only when it names a section kind.
func labelLine(blocks []corpus.Block, i int) bool {
	b := blocks[i]
	if b.Type != corpus.BlockParagraph || i+1 >= len(blocks) || strings.ContainsRune(b.Text, '\n') {
		return false
	}
	if i > 0 && blocks[i-1].Type == corpus.BlockTableRow {
		return false // the rest of a table cell wrapped onto a line of its own
	}
	t := strings.TrimSpace(b.Text)
	words := len(strings.Fields(t))
	if words == 0 || words > 6 || t[0] < 'A' || t[0] > 'Z' || strings.ContainsAny(t[len(t)-1:], ".,;:!") {
		return false
	}
	next := blocks[i+1]
	return (next.Type == corpus.BlockParagraph || next.Type == corpus.BlockListItem) && len(strings.Fields(next.Text)) >= 5
}

// listLabel reports a numbered heading that a word processor keeps as a
// list item (its number is the list's, not in the text): a short item
// standing alone between paragraphs, with no closing punctuation, before a
// paragraph of its own. Items of a list of short items are not labels.
func listLabel(blocks []corpus.Block, i int) bool {
	b := blocks[i]
	if b.Type != corpus.BlockListItem || i+1 >= len(blocks) || strings.ContainsRune(b.Text, '\n') {
		return false
	}
	if i > 0 && blocks[i-1].Type == corpus.BlockListItem {
		return false
	}
	t := strings.TrimSpace(b.Text)
	words := len(strings.Fields(t))
	if words == 0 || words > 8 || t[0] < 'A' || t[0] > 'Z' || strings.ContainsAny(t[len(t)-1:], ".,;:!") || corpus.LooksLikeStatement(t) {
		return false
	}
	next := blocks[i+1]
	return next.Type == corpus.BlockParagraph && len(strings.Fields(next.Text)) >= 5
}

// headCand is a block taken as a heading.
type headCand struct {
	kind   corpus.SectionKind
	mapped bool // a heading cue matched
	sub    bool // numbered like "3.2" or a level-3+ heading
}

// buildSections splits the blocks into canonical sections. Heading
// candidates that map to a kind start a section; a sub-heading that maps to
// nothing stays in its parent's kind; a review with fewer than two mapped
// headings is split by classifying its paragraphs.
func (e *Extractor) buildSections(doc *corpus.Document) []corpus.Section {
	cands := make(map[int]headCand)
	mapped, marked := 0, 0 // headings mapped to kinds; of them, marked so by the reader
	titles := titleBlocks(doc)
	for i, b := range doc.Blocks {
		st := headingStrength(b)
		if st > 0 && !titles[i] {
			if _, ok := e.tax.classifyHeading(b.Text); ok {
				marked++
			}
		}
		listHead := false
		if st == 0 && labelLine(doc.Blocks, i) {
			st = 1
		} else if st == 0 && listLabel(doc.Blocks, i) {
			st, listHead = 1, true
		}
		if st == 0 || titles[i] {
			continue
		}
		kind, ok := e.tax.classifyHeading(b.Text)
		sub := subNumberRE.get().MatchString(b.Text) || b.Level >= 3
		switch {
		case ok:
			cands[i] = headCand{kind, true, sub}
			mapped++
		case st == 2 || listHead || numberedHeadRE.get().MatchString(b.Text):
			cands[i] = headCand{corpus.SectionOther, false, sub}
		}
	}
	// Headings are trusted when two map to kinds, or when the only heading
	// there is maps (a notification's "Brief description of the incident").
	if mapped < 2 && !(mapped == 1 && marked == 1 && len(cands) == 1) {
		return e.sectionsByContent(doc)
	}
	var (
		out []corpus.Section
		cur *sectionText
	)
	flush := func() {
		if cur != nil {
			if sec := cur.section(); sec.Text != "" || sec.Heading != "" {
				out = append(out, sec)
			}
		}
	}
	seenMapped := false
	for i, b := range doc.Blocks {
		c, isHead := cands[i]
		if isHead && c.mapped {
			seenMapped = true
		}
		if !isHead {
			if cur == nil {
				cur = newSectionText(corpus.SectionOther, "", b.Page)
			}
			cur.add(b)
			continue
		}
		kind := c.kind
		if !c.mapped {
			if !seenMapped {
				// Front matter before the first recognised heading (the
				// title, a key-dates table) belongs with the summary.
				kind = corpus.SectionSummary
			} else if c.sub && cur != nil {
				kind = cur.kind
			} else {
				// Look at what follows to decide.
				kind = e.kindOfFollowing(doc.Blocks, i, cands)
			}
		}
		flush()
		cur = newSectionText(kind, b.Text, b.Page)
	}
	flush()
	return out
}

// titleRE marks a line that names the document rather than a part of it.
var titleRE = lazyRE(`(?i)\b(review|report|notification|serious incident|part\s*(one|two|1|2))\b`)

// titleBlocks finds the document's title among its opening blocks (and its
// copies from a running page header): a title is no section heading, so
// "Serious Incident Review Part One: Case Review" starts no section.
func titleBlocks(doc *corpus.Document) map[int]bool {
	out := map[int]bool{}
	title := ""
	for i, b := range doc.Blocks {
		if i >= 6 || b.Type == corpus.BlockTableRow {
			break
		}
		t := strings.TrimSpace(b.Text)
		if markingRE.get().MatchString(t) {
			continue
		}
		switch {
		case title == "" && len(strings.Fields(t)) <= 20 && titleRE.get().MatchString(t):
			title = strings.ToLower(t)
			out[i] = true
		case title != "" && strings.ToLower(t) == title:
			out[i] = true
		case title == "":
			return out // the document opens with something else
		}
	}
	return out
}

// kindOfFollowing classifies the paragraphs after heading i up to the next
// heading candidate.
func (e *Extractor) kindOfFollowing(blocks []corpus.Block, i int, cands map[int]headCand) corpus.SectionKind {
	var b strings.Builder
	for j := i + 1; j < len(blocks); j++ {
		if _, ok := cands[j]; ok {
			break
		}
		b.WriteString(blocks[j].Text)
		b.WriteByte(' ')
	}
	k, n := e.tax.classifyContent(b.String())
	if n == 0 {
		return corpus.SectionOther
	}
	return k
}

// sectionsByContent classifies each paragraph of a review without usable
// headings and merges runs of the same kind. A paragraph with no cue takes
// the kind before it.
func (e *Extractor) sectionsByContent(doc *corpus.Document) []corpus.Section {
	var out []*sectionText
	prev := corpus.SectionSummary
	first := true
	for _, b := range doc.Blocks {
		kind := prev
		if b.Type == corpus.BlockTableRow || b.Type == corpus.BlockHeading && len(strings.Fields(b.Text)) < 12 {
			if first {
				kind = corpus.SectionOther
			}
		} else if k, n := e.tax.classifyContent(b.Text); n > 0 {
			kind = k
		} else if first {
			kind = corpus.SectionSummary
		}
		if len(out) == 0 || out[len(out)-1].kind != kind {
			out = append(out, newSectionText(kind, "", b.Page))
		}
		out[len(out)-1].add(b)
		if kind != corpus.SectionOther {
			prev = kind
			first = false
		}
	}
	secs := make([]corpus.Section, len(out))
	for i, st := range out {
		secs[i] = st.section()
	}
	return secs
}

// sectionText gathers a section's paragraphs and the pages they are on.
type sectionText struct {
	kind    corpus.SectionKind
	heading string
	page    int
	text    strings.Builder
	starts  []corpus.PageStart
	last    int // the page of the last paragraph
}

func newSectionText(kind corpus.SectionKind, heading string, page int) *sectionText {
	return &sectionText{kind: kind, heading: heading, page: page, last: page}
}

func (st *sectionText) add(b corpus.Block) {
	if st.text.Len() > 0 {
		st.text.WriteString("\n\n")
	}
	if st.text.Len() == 0 && st.page == 0 {
		st.page, st.last = b.Page, b.Page
	}
	if b.Page > st.last {
		st.starts = append(st.starts, corpus.PageStart{Offset: st.text.Len(), Page: b.Page})
	}
	if b.Page > st.last {
		st.last = b.Page
	}
	st.text.WriteString(b.Text)
}

func (st *sectionText) section() corpus.Section {
	return corpus.Section{Kind: st.kind, Heading: st.heading, Text: st.text.String(), Page: st.page, PageStarts: st.starts}
}
