package extract

import (
	"regexp"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	// headingNumberRE strips "3.", "3.1", "B.", "PART B:", "Section 4 -",
	// "(c)" and similar from the front of a heading.
	headingNumberRE = regexp.MustCompile(`(?i)^\s*((part|section|chapter|appendix|annex)\s+[a-z0-9ivx]{1,4}\b\s*[:.\-–—)]?\s*|\(?[0-9]{1,2}(\.[0-9]{1,2})*\.?\)?\s*[:.\-–—)]?\s+|\(?[a-hj-z][.)]\s+|[ivx]{1,4}[.)]\s+)`)
	numberedHeadRE  = regexp.MustCompile(`^\s*(\d{1,2}(\.\d{1,2})*\.?|(?i:part|section)\s+[A-Z0-9]{1,3}[:.]?|[A-Z][.)])\s+\S`)
	subNumberRE     = regexp.MustCompile(`^\s*\d{1,2}\.\d{1,2}`)
)

// headingCore returns the heading without its numbering, lower-cased.
func headingCore(h string) string {
	return strings.TrimSpace(normaliseForMatch(headingNumberRE.ReplaceAllString(h, "")))
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
	if numberedHeadRE.MatchString(s) {
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
	mapped := 0
	for i, b := range doc.Blocks {
		st := headingStrength(b)
		if st == 0 {
			continue
		}
		kind, ok := e.tax.classifyHeading(b.Text)
		sub := subNumberRE.MatchString(b.Text) || b.Level >= 3
		switch {
		case ok:
			cands[i] = headCand{kind, true, sub}
			mapped++
		case st == 2 || numberedHeadRE.MatchString(b.Text):
			cands[i] = headCand{corpus.SectionOther, false, sub}
		}
	}
	if mapped < 2 {
		return e.sectionsByContent(doc)
	}
	var (
		out   []corpus.Section
		cur   *corpus.Section
		parts []string
	)
	flush := func() {
		if cur != nil {
			cur.Text = strings.Join(parts, "\n\n")
			if cur.Text != "" || cur.Heading != "" {
				out = append(out, *cur)
			}
		}
		parts = nil
	}
	seenMapped := false
	for i, b := range doc.Blocks {
		c, isHead := cands[i]
		if isHead && c.mapped {
			seenMapped = true
		}
		if !isHead {
			if cur == nil {
				cur = &corpus.Section{Kind: corpus.SectionOther}
			}
			parts = append(parts, b.Text)
			continue
		}
		kind := c.kind
		if !c.mapped {
			if !seenMapped {
				// Front matter before the first recognised heading (the
				// title, a key-dates table) belongs with the summary.
				kind = corpus.SectionSummary
			} else if c.sub && cur != nil {
				kind = cur.Kind
			} else {
				// Look at what follows to decide.
				kind = e.kindOfFollowing(doc.Blocks, i, cands)
			}
		}
		flush()
		cur = &corpus.Section{Kind: kind, Heading: b.Text}
	}
	flush()
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
	var out []corpus.Section
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
		if len(out) > 0 && out[len(out)-1].Kind == kind {
			out[len(out)-1].Text += "\n\n" + b.Text
		} else {
			out = append(out, corpus.Section{Kind: kind, Text: b.Text})
		}
		if kind != corpus.SectionOther {
			prev = kind
			first = false
		}
	}
	return out
}
