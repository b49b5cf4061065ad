package extract

import (
	"regexp"
	"strings"
)

// Review forms ask their questions and answer them in a word: "Was the
// notification submitted within timescales?" above "No. The team leader
// was on leave." The answer's "No" says that what the question asks about
// was wanting, though the answer itself names nothing. answered turns such
// a question into the statement the answer makes: "the notification was
// not submitted within timescales".

// negativeAnswerRE finds a sentence that opens by answering no: "No.",
// "No, the plan ...", "Not always.", "Partially:".
var negativeAnswerRE = regexp.MustCompile(`(?i)^\W*(no|not (always|fully|really|consistently|entirely|sufficiently|routinely|in all (cases|respects))|partially|partly|only partially|only in part|in part)(\W*$|[.,;:–-]\s)`)

// followUpRE finds a question that follows up the one before it: "If
// not, why not?", "Why?", "Please explain."
var followUpRE = regexp.MustCompile(`(?i)^\W*(if (not|so|yes|no)\b|why\b|how\b|please\b|give (details|reasons)\b)`)

// questionRE splits a yes-or-no question into its verb and the rest,
// after any numbering ("Q1.", "3.", "(b)").
var questionRE = regexp.MustCompile(`^\W*(?:(?:q(?:uestion)?\s*)?\d+[a-z]?[.):]?\s+|\(?[a-z][.)]\s+)?(was|were|is|are|has|have|had|did|does|do|could|would|should|can)\s+(.+?)\W*$`)

// predicateWords start the predicate of a question's subject: the words
// before which the statement puts its negation.
var predicateWords = map[string]bool{
	"done": true, "made": true, "seen": true, "met": true, "given": true, "taken": true,
	"known": true, "shown": true, "written": true, "kept": true, "held": true, "sent": true,
	"put": true, "set": true, "up": true, "in": true, "appropriate": true, "sufficient": true,
	"adequate": true, "timely": true, "effective": true, "proportionate": true, "suitable": true,
	"clear": true, "robust": true, "able": true, "aware": true, "fit": true, "consistent": true,
	"undertaken": true, "there": true, "any": true,
}

// answered returns the statement a negative answer makes of question, and
// false when question is no yes-or-no question or already names a
// deficiency ("Were there missed opportunities?", where "no" finds none).
func (t *Taxonomy) answered(question string) (string, bool) {
	q := sentenceForm(strings.TrimSpace(question))
	q, _, _ = strings.Cut(q, "?") // "If not, why not?" adds nothing
	m := questionRE.FindStringSubmatch(q)
	if m == nil {
		return "", false
	}
	verb, rest := m[1], m[2]
	words := strings.Fields(rest)
	if len(words) < 2 || t.judgesAmiss(rest) {
		return "", false
	}
	// "Was the notification submitted ...": the negation goes before the
	// first word of the predicate, after at least one of the subject.
	// A past participle comes first ("Were the interventions in the plan
	// delivered?" is "the interventions in the plan were not delivered");
	// without one, a word of the predicate ("Was the plan in place?").
	at := -1
	for i := 1; i < len(words) && at < 0; i++ {
		if strings.HasSuffix(words[i], "ed") {
			at = i
		}
	}
	for i := 1; i < len(words) && at < 0; i++ {
		if predicateWords[words[i]] {
			at = i
		}
	}
	if at > 0 {
		return strings.Join(words[:at], " ") + " " + verb + " not " + strings.Join(words[at:], " "), true
	}
	return verb + " not " + rest, true
}

// judgesAmiss reports whether s already judges practice wanting or late.
func (t *Taxonomy) judgesAmiss(s string) bool {
	var small [16]uint64
	bits := bitsIn(small[:], t.lits.words())
	t.lits.scan(s, bits)
	for _, c := range clauses(s) {
		if j := t.judge(s[c.start:c.end], bits, ""); j.deficient || j.delayed {
			return true
		}
	}
	return false
}
