package extract

import (
	"html"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"

	"github.com/sirlearn/sirlearn/corpus"
)

// Redactor replaces personal details in text served to researchers with
// typed placeholders: names (prose's named-entity recognition plus patterns
// such as "Mr K", "Ms Smith", "Person B"), dates of birth, addresses and
// postcodes, phone numbers, e-mail addresses, CHI and National Insurance
// numbers. Named-entity recognition is slow (about 0.1 MB/s), so it runs
// only on the few sentences a response serves, never at ingest.
type Redactor struct {
	model *prose.Model
	mu    sync.Mutex // prose's tagger keeps per-call state in the model
}

// NewRedactor loads prose's English model once.
func NewRedactor() *Redactor {
	return &Redactor{model: prose.ModelFromData("sirlearn")}
}

// Placeholders.
const (
	PlaceholderPerson   = "[PERSON]"
	PlaceholderDOB      = "[DATE OF BIRTH]"
	PlaceholderAddress  = "[ADDRESS]"
	PlaceholderPostcode = "[POSTCODE]"
	PlaceholderPhone    = "[PHONE]"
	PlaceholderEmail    = "[EMAIL]"
	PlaceholderCHI      = "[CHI]"
	PlaceholderNINO     = "[NI NUMBER]"
)

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	ninoRE  = regexp.MustCompile(`\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b`)
	chiRE   = regexp.MustCompile(`\b(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}\s?\d{4}\b`)
	phoneRE = regexp.MustCompile(`(\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b`)
	// UK postcode, e.g. KY1 1XX, G2 1AB, EH11 2AB.
	postcodeRE = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b`)
	addressRE  = regexp.MustCompile(`\b\d{1,4}[A-Za-z]?,?\s+([A-Z][a-z]+\s+){1,3}(Street|St|Road|Rd|Avenue|Ave|Drive|Crescent|Place|Court|Gardens|Terrace|Lane|Way|Square|Close|View|Park|Grove|Wynd|Brae|Loan)\b\.?`)
	dobRE      = regexp.MustCompile(`(?i)\b(date of birth|d\.?o\.?b\.?|born on|born)\b[:\s]*(is\s+|was\s+|on\s+|the\s+)*(\d{1,2}(st|nd|rd|th)?\s+(of\s+)?[A-Za-z]+\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})`)
	// Anonymised and named people: "Mr A", "Ms Smith", "Mrs D.", "Person B", "Dr Jane Brown".
	titleNameRE = regexp.MustCompile(`\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(` + nameWord + `(\s+` + nameWord + `)?|[A-Z]\b)`)
	personRE    = regexp.MustCompile(`\b(Person|Individual|Service User|Subject)\s+[A-Z]\b`)
	// "social worker, Sarah Thomson," and "Sarah Thomson (social worker)".
	roleNameRE  = regexp.MustCompile(`\b([A-Z][a-z]+\s+` + nameWord + `)(\s*[,(]\s*(the\s+)?(supervising\s+)?(social\s+worker|team\s+leader|manager|senior\s+practitioner|officer|psychiatrist|nurse|GP))`)
	roleNameRE2 = regexp.MustCompile(`((social\s+worker|team\s+leader|manager|senior\s+practitioner|officer|practitioner),?\s+)([A-Z][a-z]+\s+` + nameWord + `)`)
)

// nameWord is a capitalised name: Smith, MacLeod, O'Neil, Smith-Jones.
const nameWord = `(?:Mac|Mc|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?`

// span is a stretch of text to replace.
type span struct {
	start, end int
	with       string
}

// Redact returns text with personal details replaced.
func (r *Redactor) Redact(text string) string {
	if strings.TrimSpace(text) == "" {
		return text
	}
	var spans []span
	add := func(re *regexp.Regexp, with string, group int) {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			s, e := m[0], m[1]
			if group > 0 && m[2*group] >= 0 {
				s, e = m[2*group], m[2*group+1]
			}
			spans = append(spans, span{s, e, with})
		}
	}
	add(emailRE, PlaceholderEmail, 0)
	add(dobRE, PlaceholderDOB, 3)
	add(ninoRE, PlaceholderNINO, 0)
	add(chiRE, PlaceholderCHI, 0)
	add(phoneRE, PlaceholderPhone, 0)
	add(addressRE, PlaceholderAddress, 0)
	add(postcodeRE, PlaceholderPostcode, 0)
	add(titleNameRE, PlaceholderPerson, 0)
	add(personRE, PlaceholderPerson, 0)
	add(roleNameRE, PlaceholderPerson, 1)
	add(roleNameRE2, PlaceholderPerson, 3)
	// Names the recogniser finds fill the gaps the patterns leave.
	for _, e := range r.entities(text) {
		overlap := false
		for _, sp := range spans {
			if e.start < sp.end && sp.start < e.end {
				overlap = true
				break
			}
		}
		if !overlap {
			spans = append(spans, e)
		}
	}
	return applySpans(text, spans)
}

// entities finds people's names with prose's named-entity recognition.
func (r *Redactor) entities(text string) []span {
	r.mu.Lock()
	doc, err := prose.NewDocument(text, prose.UsingModel(r.model), prose.WithSegmentation(false))
	r.mu.Unlock()
	if err != nil {
		return nil
	}
	var out []span
	from := 0
	for _, e := range doc.Entities() {
		if e.Label != "PERSON" && e.Label != "GPE" {
			continue
		}
		if e.Label == "GPE" {
			continue // places in Scotland stay: authorities and towns are not personal
		}
		i := strings.Index(text[from:], e.Text)
		if i < 0 {
			continue
		}
		if _, ok := corpus.CanonicalAuthority(e.Text); ok {
			continue // an authority is not a person
		}
		s := from + i
		out = append(out, span{s, s + len(e.Text), PlaceholderPerson})
		from = s + len(e.Text)
	}
	return out
}

// applySpans replaces spans, earliest and longest first, skipping overlaps.
func applySpans(text string, spans []span) string {
	if len(spans) == 0 {
		return text
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	pos := 0
	for _, sp := range spans {
		if sp.start < pos {
			continue
		}
		b.WriteString(text[pos:sp.start])
		b.WriteString(sp.with)
		pos = sp.end
	}
	b.WriteString(text[pos:])
	return b.String()
}

var (
	markTagRE = regexp.MustCompile(`</?mark>`)
	markedRE  = regexp.MustCompile(`<mark>(.*?)</mark>`)
)

// RedactMarked redacts a highlighted snippet: it removes the <mark> tags,
// redacts the plain text, and marks again the highlighted words that
// survive.
func (r *Redactor) RedactMarked(snippet string) string {
	marked := map[string]bool{}
	for _, m := range markedRE.FindAllStringSubmatch(snippet, -1) {
		marked[strings.ToLower(html.UnescapeString(m[1]))] = true
	}
	plain := html.EscapeString(r.Redact(html.UnescapeString(markTagRE.ReplaceAllString(snippet, ""))))
	if len(marked) == 0 {
		return plain
	}
	return wordRE.ReplaceAllStringFunc(plain, func(w string) string {
		if marked[strings.ToLower(w)] {
			return "<mark>" + w + "</mark>"
		}
		return w
	})
}

var wordRE = regexp.MustCompile(`[A-Za-z0-9'/-]+`)
