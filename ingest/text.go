package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	mdHeadingRE  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdListRE     = regexp.MustCompile(`^\s*([-*+•]|\d{1,3}[.)])\s+`)
	mdTableSepRE = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	setextRE     = regexp.MustCompile(`^\s*(=+|-{3,})\s*$`)
	labelLineRE  = regexp.MustCompile(`^([A-Z][A-Za-z/()' ]{2,40}):\s+\S`)
	emphasisRE   = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
)

// looksLikeMarkdown reports Markdown syntax in the first lines of a text.
func looksLikeMarkdown(b []byte) bool {
	s := string(b)
	if len(s) > 8192 {
		s = s[:8192]
	}
	for _, line := range strings.Split(s, "\n") {
		if mdHeadingRE.MatchString(line) || mdTableSepRE.MatchString(line) && strings.Contains(line, "|") {
			return true
		}
	}
	return false
}

// decodeText returns UTF-8 text, decoding Windows-1252 when the bytes are
// not valid UTF-8, without a BOM and with \n line ends.
func decodeText(data []byte) string {
	var s string
	if u, ok := fromUTF16(data); ok {
		s = string(u)
	} else if utf8.Valid(data) {
		s = string(data)
	} else if d, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
		s = string(d)
	} else {
		s = strings.ToValidUTF8(string(data), "\uFFFD")
	}
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// readText reads plain text or Markdown: paragraphs separated by blank
// lines, with Markdown headings, list items, tables, setext headings, and
// numbered, ALL-CAPS, question and "Label: value" lines kept as their own
// blocks with heading hints. Form feeds mark pages.
func readText(data []byte, format corpus.Format) (*corpus.Document, error) {
	s := decodeText(data)
	doc := &corpus.Document{}
	page := 1
	var para []string
	paraPage := 1
	flush := func() {
		if len(para) == 0 {
			return
		}
		text := strings.Join(para, " ")
		para = nil
		blk := corpus.Block{Text: stripEmphasis(text), Page: paraPage}
		bold := emphasisRE.MatchString(text) && strings.HasPrefix(strings.TrimSpace(text), "**") && strings.HasSuffix(strings.TrimSpace(text), "**")
		blk.Bold = bold
		blk.Type = classifyText(blk.Text, 1, bold, 0, 0)
		if strings.Count(text, " ") > 25 {
			blk.Type = corpus.BlockParagraph
		}
		doc.Blocks = append(doc.Blocks, blk)
	}
	add := func(b corpus.Block) {
		flush()
		b.Page = page
		doc.Blocks = append(doc.Blocks, b)
	}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		if strings.Contains(raw, "\f") {
			parts := strings.Split(raw, "\f")
			page += len(parts) - 1
			raw = strings.Join(parts, "")
			flush()
		}
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		if m := mdHeadingRE.FindStringSubmatch(line); m != nil && format == corpus.FormatMarkdown {
			add(corpus.Block{Type: corpus.BlockHeading, Text: stripEmphasis(m[2]), Level: len(m[1])})
			continue
		}
		if i+1 < len(lines) && setextRE.MatchString(lines[i+1]) && len(para) == 0 && len(strings.Fields(line)) <= 15 {
			level := 1
			if strings.HasPrefix(strings.TrimSpace(lines[i+1]), "-") {
				level = 2
			}
			add(corpus.Block{Type: corpus.BlockHeading, Text: stripEmphasis(line), Level: level})
			i++
			continue
		}
		// A table row: Markdown's "| a | b |", or cells a plain-text export
		// separated by " | " or tabs ("Issue | Evidence | Impact").
		if strings.HasPrefix(line, "|") && strings.Count(line, "|") >= 2 || strings.Count(line, " | ") >= 2 || strings.Count(line, "\t") >= 2 {
			if mdTableSepRE.MatchString(line) {
				continue
			}
			sep := "|"
			if !strings.Contains(line, "|") {
				sep = "\t"
			}
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), sep) {
				cells = append(cells, stripEmphasis(strings.TrimSpace(c)))
			}
			add(corpus.Block{Type: corpus.BlockTableRow, Text: strings.Join(cells, " | "), Cells: cells})
			continue
		}
		if mdListRE.MatchString(line) && !numberedHeading(line) {
			add(corpus.Block{Type: corpus.BlockListItem, Text: stripEmphasis(mdListRE.ReplaceAllString(line, ""))})
			continue
		}
		// A short capitalised line with no closing punctuation, opening a
		// paragraph and followed at once by a new sentence, is a heading
		// typed without a blank line after it ("Planning" above "The
		// sentence plan contained ...").
		if len(para) == 0 && i+1 < len(lines) && headingAbove(line, strings.TrimSpace(lines[i+1])) {
			add(corpus.Block{Type: corpus.BlockParagraph, Text: stripEmphasis(line)})
			continue
		}
		if len(para) == 0 || standalone(line) {
			if standalone(line) {
				flush()
				paraPage = page
				para = append(para, line)
				// A heading-like line stands alone even without blank lines.
				if looksLikeHeading(stripEmphasis(line), 1, false, false) || strings.HasPrefix(line, "**") {
					flush()
				}
				continue
			}
			paraPage = page
		}
		if labelLineRE.MatchString(line) && len(para) > 0 && labelLineRE.MatchString(para[len(para)-1]) {
			flush()
			paraPage = page
		}
		para = append(para, line)
	}
	flush()
	doc.Pages = page
	return doc, nil
}

// standalone reports a line that starts its own block in plain text: a
// numbered, lettered, ALL-CAPS, bold or "Label: value" line.
func standalone(line string) bool {
	t := stripEmphasis(line)
	if strings.HasPrefix(line, "**") && strings.HasSuffix(line, "**") {
		return true
	}
	if labelLineRE.MatchString(line) && len(line) < 120 {
		return true
	}
	return looksLikeHeading(t, 1, false, false)
}

func stripEmphasis(s string) string {
	return emphasisRE.ReplaceAllString(s, "$2")
}

// headingAbove reports a label line: up to six words, starting with a
// capital, with no closing punctuation and no finite statement, above a
// line that starts a sentence.
func headingAbove(line, next string) bool {
	words := len(strings.Fields(line))
	if words == 0 || words > 6 || line[0] < 'A' || line[0] > 'Z' || strings.ContainsAny(line[len(line)-1:], ".,;:!?") || corpus.LooksLikeStatement(line) {
		return false
	}
	next = mdListRE.ReplaceAllString(next, "") // a list may follow a heading at once
	return len(next) > 0 && next[0] >= 'A' && next[0] <= 'Z' && len(strings.Fields(next)) >= 4
}
