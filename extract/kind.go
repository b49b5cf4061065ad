package extract

// Which document of the serious incident process a file is.

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	// Cues in a document's title lines. Part Two is tested first: its title
	// often names the Part One it follows, never the other way round.
	learningTitleRE = lazyRE(`(?i)\bpart\s*(two|2|b)\b|reflective\s+learning|learning\s+review|\blearning\s+(and\s+)?reflection`)
	caseTitleRE     = lazyRE(`(?i)\bpart\s*(one|1|a)\b|case\s+review|serious\s+incident\s+review|\bsir\b|significant\s+case\s+review|review\s+report|incident\s+review`)
	notifTitleRE    = lazyRE(`(?i)\bnotif(ication|ied|ying)\b|\bnotice\s+of\s+(a\s+)?serious\s+incident\b|initial\s+(report|alert)`)
	// Headings that make a reflective learning review, whatever its title.
	learningHeadRE = lazyRE(`(?i)what\s+went\s+well|what\s+(could|might)\s+have\s+(been\s+done|gone)\s+(differently|better)|what\s+(will|would|needs\s+to)\s+change|what\s+(have\s+)?we\s+(have\s+)?learn|even\s+better\s+if|reflective|reflection`)
	// Labels of a notification form's fields.
	notifFieldRE = lazyRE(`(?i)date\s+(of\s+)?notification|notification\s+date|date\s+(the\s+)?(service|local authority|justice social work)\s+(became|was\s+made)\s+aware|date\s+aware|brief\s+(description|summary|outline)|person\s+completing|completed\s+by|contact\s+(details|officer|person)|is\s+a\s+(serious incident\s+)?review\s+(required|to\s+be\s+undertaken|planned)|decision\s+(to|on)\s+(review|proceed)|(name|details)\s+of\s+(the\s+)?(notifying|reporting)`)
	// A labelled date among the opening lines: a field, not a title.
	dateFieldRE = lazyRE(`(?i)^[^:]{0,80}\b(date|dated|on)\b[^:]{0,80}:\s*\d|^[^:]{2,80}:\s*\d{1,2}(st|nd|rd|th)?[\s/.-]`)
	// Words no serious incident document goes without.
	domainRE = lazyRE(`(?i)\b(incident|review|supervis\w*|licen[cs]e|order|justice|social\s+work\w*|offen[cd]\w*|risk|assessment|notif\w*|mappa|care\s+inspectorate|probation|prison|custody|police|harm|victim|sentence\w*|court|assault\w*|arrest\w*|charged|violen\w*|sexual\w*|died|death|murder\w*|homicide|rape[ds]?|injur\w*|local\s+authority|recall\w*|breach\w*)\b`)
)

// documentKind decides which document of the process doc is, and why.
// mapped is how many of its headings map to a review section.
func (e *Extractor) documentKind(doc *corpus.Document, mapped int) (corpus.DocumentKind, string) {
	if reason := notAReview(doc); reason != "" {
		return corpus.KindNotAReview, reason
	}
	head := headLines(doc)
	switch {
	case learningTitleRE.get().MatchString(head):
		return corpus.KindLearningReview, "the title names a Part Two or learning review"
	case caseTitleRE.get().MatchString(head) && !notifTitleRE.get().MatchString(head):
		return corpus.KindCaseReview, "the title names a case review"
	}
	// The body: a form of labelled fields with little prose is a
	// notification; the three reflective questions make a learning review.
	fields, learnHeads, prose := 0, 0, 0
	for _, b := range doc.Blocks {
		t := b.Text
		if b.Type == corpus.BlockTableRow && len(b.Cells) > 0 {
			t = b.Cells[0]
		} else if i := strings.IndexAny(t, ":|"); i > 0 && i < 60 {
			t = t[:i]
		} else {
			if n := len(strings.Fields(t)); n > 12 {
				prose += n
			}
			if len(t) < 120 && learningHeadRE.get().MatchString(t) {
				learnHeads++
			}
			continue
		}
		if notifFieldRE.get().MatchString(t) {
			fields++
		}
	}
	notifTitle := notifTitleRE.get().MatchString(head)
	switch {
	case notifTitle && (mapped < 3 || prose < 600):
		return corpus.KindNotification, "the title names a notification"
	case fields >= 2 && mapped < 3 && prose < 600:
		return corpus.KindNotification, fmt.Sprintf("a form of notification fields (%d) with little prose", fields)
	case learnHeads >= 2:
		return corpus.KindLearningReview, "headed by the reflective learning questions"
	case caseTitleRE.get().MatchString(head):
		return corpus.KindCaseReview, "the title names a case review"
	}
	return corpus.KindCaseReview, "a review (no Part Two or notification marks)"
}

// headLines joins the document's title and its opening short lines, skipping
// protective markings and page numbers: where a template names itself.
func headLines(doc *corpus.Document) string {
	parts := []string{doc.Title}
	n := 0
	for _, b := range doc.Blocks {
		t := strings.TrimSpace(b.Text)
		if t == "" || markingRE.get().MatchString(t) {
			continue
		}
		if len(strings.Fields(t)) > 25 || n >= 4 {
			break
		}
		if dateFieldRE.get().MatchString(t) {
			continue // "Date of notification to the Care Inspectorate: 2 February 2021" names a date, not the document
		}
		parts = append(parts, t)
		n++
	}
	return strings.Join(parts, "\n")
}

// notAReview says why the document is not a serious incident document at
// all, or "" when it may be one.
func notAReview(doc *corpus.Document) string {
	var size, jsonSize, records, words, domain int
	for _, b := range doc.Blocks {
		size += len(b.Text)
		if n := jsonRecords(b.Text); n > 0 {
			jsonSize += len(b.Text)
			records += n
		}
		words += len(strings.Fields(b.Text))
		if domain < 3 { // enough to tell; the rest need not be searched
			domain += len(domainRE.get().FindAllStringIndex(b.Text, 3-domain))
		}
	}
	switch {
	case size > 0 && jsonSize*2 > size:
		return fmt.Sprintf("it is JSON data (%d records), not a review; ground-truth and export files are not submissions", records)
	case words == 0:
		return "it has no text"
	case domain < 2 || domain < 3 && words > 60:
		return fmt.Sprintf("it says nothing of an incident, a review or supervision (%d words, %d domain words)", words, domain)
	case words < 25:
		return fmt.Sprintf("it is too short to be a notification or a review (%d words)", words)
	}
	return ""
}

// jsonRecords counts the JSON values a text is made of, 0 when it is not
// wholly JSON (a text reader joins a file's lines into paragraphs, so one
// block can hold several records).
func jsonRecords(text string) int {
	t := strings.TrimSpace(text)
	if t == "" || t[0] != '{' && t[0] != '[' {
		return 0
	}
	dec := json.NewDecoder(strings.NewReader(t))
	n := 0
	for {
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			if err == io.EOF {
				return n
			}
			return 0
		}
		n++
	}
}

var (
	// caseRefRE finds a labelled reference: "Case reference: SIR-2022-041",
	// "CI ref | CI/SIR/22/017", "Our reference: FIF/22/003".
	caseRefRE = lazyRE(`(?i)\b(?:(?:case|review|sir|ci|care\s+inspectorate|notification|incident|our|unique)\s*)?(?:reference|ref\.?)(?:\s*(?:number|no\.?|id))?\s*[:|#.]?\s*([A-Z0-9](?:[A-Z0-9]|[-/.](?:[A-Z0-9])){3,24})`)
	// subjectRE finds the anonymised label of the person: "Mr B", "Ms. D",
	// "Person A", "Service User C".
	subjectRE = lazyRE(`\b(Mr|Ms|Mrs|Miss|Mx|Person|Individual|Service User|Client|Subject)\.?\s+([A-Z])\b([^a-zA-Z'’]|$)`)
)

// caseReference returns the document's labelled incident reference,
// normalised (upper case, separators unified), or "".
func caseReference(doc *corpus.Document) string {
	for i, b := range doc.Blocks {
		if i > 60 {
			break
		}
		t := b.Text
		if b.Type == corpus.BlockTableRow && len(b.Cells) >= 2 {
			t = b.Cells[0] + ": " + b.Cells[1]
		}
		if !containsFold(t, "ref") {
			continue // the regular expression is costly; most blocks have no reference
		}
		for _, m := range caseRefRE.get().FindAllStringSubmatch(t, -1) {
			v := strings.ToUpper(strings.TrimSpace(m[1]))
			if !strings.ContainsAny(v, "0123456789") || len(v) < 5 {
				continue
			}
			return strings.NewReplacer("/", "-", ".", "-").Replace(v)
		}
	}
	return ""
}

// subjectLabel returns the most frequent anonymised person label ("Mr B"),
// or "".
func subjectLabel(doc *corpus.Document) string {
	counts := map[string]int{}
	best, bestN := "", 0
	for _, b := range doc.Blocks {
		for _, m := range subjectRE.get().FindAllStringSubmatch(b.Text, -1) {
			l := m[1] + " " + m[2]
			counts[l]++
			if n := counts[l]; n > bestN {
				best, bestN = l, n
			}
		}
	}
	return best
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for ; j < len(w); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				break
			}
		}
		if j == len(w) {
			return true
		}
	}
	return false
}
