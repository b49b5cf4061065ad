package extract

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/sirlearn/sirlearn/corpus"
)

// Redactor makes the researcher view of a review: every section's heading
// and text with personal details replaced by typed placeholders. It runs
// once, when a review is indexed (RedactReview); nothing of it is left on
// the request path.
//
// It works on the whole document. A first pass finds the typed details
// (e-mail, phone, CHI, NI number, postcode, address, date of birth,
// school, workplace) by pattern, and people's names from their cues (a
// title, a role, a relation: "Senior Social Worker Fiona McLeod", "his
// partner, Aisha Khan") and from runs of capitalised words that the
// document never writes in lower case, which common words and headings do.
// Every name found once is then replaced everywhere in the document, its
// parts too ("Fiona noted"). Named-entity recognition (prose, about
// 0.1 MB/s) runs only on the rare sentence that opens with a capitalised
// word these passes cannot place. Anonymised labels ("Mr A", "Person B"),
// authority and prison names and role titles alone are kept.
type Redactor struct {
	model func() *prose.Model
	mu    sync.Mutex // prose's tagger keeps per-call state in the model
}

// RedactionRules names the current rules; a review redacted under other
// rules is redacted again when the index is opened.
const RedactionRules = "9" // 4: the title too; 5: collar, prison and police numbers; 6: NHS numbers, nicknames, born in a place on a date; 7: vehicle marks, social media handles, name fields, foreign numbers, CHI with a dash; 8: a detail found inside a token takes the whole token, social media profile addresses, identity document, bank and register numbers, IP addresses, table columns labelled as personal details, titles and initials with a full stop, spelled-out e-mail addresses, lower-case postcodes; 9: SCRO, crime-reference, case and CRN numbers, two or three initials after a title, ordinal dates of birth in words, a year of birth after "born in", a name before ", his stepdaughter" and other relations, a sentence's full stop after a street name kept, names after a title and addresses written in capitals, a user name after a platform's name, every word of a name after "known as", hospital, patient and client numbers

// NewRedactor returns a redactor; prose's model loads on first need.
func NewRedactor() *Redactor {
	return &Redactor{model: sync.OnceValue(func() *prose.Model { return prose.ModelFromData("sirlearn") })}
}

// Placeholders.
const (
	PlaceholderPerson    = "[PERSON]"
	PlaceholderDOB       = "[DATE OF BIRTH]"
	PlaceholderAddress   = "[ADDRESS]"
	PlaceholderPostcode  = "[POSTCODE]"
	PlaceholderPhone     = "[PHONE]"
	PlaceholderEmail     = "[EMAIL]"
	PlaceholderCHI       = "[CHI]"
	PlaceholderNINO      = "[NI NUMBER]"
	PlaceholderSchool    = "[SCHOOL]"
	PlaceholderWorkplace = "[WORKPLACE]"
	PlaceholderID        = "[ID NUMBER]"
	PlaceholderVehicle   = "[VEHICLE]"
	PlaceholderHandle    = "[HANDLE]"
)

// RedactReview fills the review's researcher view: each section's
// RedactedHeading and RedactedText, and Redaction.
func (r *Redactor) RedactReview(rev *corpus.Review) {
	texts := make([]string, 0, 2*len(rev.Sections)+1)
	texts = append(texts, rev.Title)
	for _, s := range rev.Sections {
		texts = append(texts, s.Heading, s.Text)
	}
	out := r.redactDocument(texts, true)
	rev.RedactedTitle = out[0]
	for i := range rev.Sections {
		rev.Sections[i].RedactedHeading = out[1+2*i]
		rev.Sections[i].RedactedText = out[2+2*i]
	}
	rev.Redaction = RedactionRules
}

// Redact returns one text with personal details replaced, as a document of
// its own.
func (r *Redactor) Redact(text string) string {
	return r.redactDocument([]string{text}, false)[0]
}

// span is a stretch of text to replace.
type span struct {
	start, end int
	with       string
}

// redactDocument redacts the texts of one document together. With
// layout, texts are the title, then each section's heading and text.
func (r *Redactor) redactDocument(texts []string, layout bool) []string {
	vocab := lowerVocabulary(texts)
	names := map[string]bool{}
	spans := make([][]span, len(texts))
	var ner []nerCandidate
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		heading := layout && (i%2 == 1 || i == 0)
		spans[i] = r.findDetails(t, i, heading, vocab, names, &ner)
	}
	// A sentence's unknown first word: already known as a name elsewhere in
	// the document, or a person by the recogniser's word, once per word.
	decided := map[string]bool{}
	for _, c := range ner {
		w := texts[c.text][c.start:c.end]
		if names[w] {
			continue
		}
		person, ok := decided[w]
		if !ok {
			person = r.isPerson(c.sentence, w)
			decided[w] = person
		}
		if person {
			names[w] = true
		}
	}
	// Every name the document reveals, wherever it stands again; longest
	// first, so "Fiona McLeod" wins over "Fiona".
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Slice(list, func(a, b int) bool {
		return len(list[a]) > len(list[b]) || len(list[a]) == len(list[b]) && list[a] < list[b]
	})
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = applySpans(t, append(spans[i], nameSpans(t, list)...))
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
		sp = wholeToken(text, sp)
		if sp.start < pos {
			if sp.end > pos {
				// A longer detail overlapping the end of the last: cover it.
				pos = sp.end
			}
			continue
		}
		b.WriteString(text[pos:sp.start])
		b.WriteString(sp.with)
		pos = sp.end
	}
	b.WriteString(text[pos:])
	return b.String()
}

// wholeToken widens a span that starts or ends inside a run of letters and
// digits to the whole run: a detail found in part of a token ("Hs" of
// "Hs1403871234") must not leave the rest standing beside a placeholder,
// where it reads as a token of its own.
func wholeToken(text string, sp span) span {
	for sp.start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:sp.start])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		sp.start -= n
	}
	for sp.end < len(text) {
		r, n := utf8.DecodeRuneInString(text[sp.end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		sp.end += n
	}
	return sp
}
