package extract

import (
	"strconv"
	"strings"
)

// A proportion of cases as inspectorate findings state one: "45 per cent
// of cases", "in just over half of the cases", "two-thirds", "in 7 of the
// 12 cases", "four in ten", "a minority of". Each form has its own pattern, run only when the clause holds
// its literal, and the qualifier before it ("just over", "less than") is
// read from the words just before the match.
var (
	percentRE   = lazyRE(`\b(\d{1,3}(?:\.\d+)?) ?(?:per ?cent|%)`)
	fractionRE  = lazyRE(`\b(half|a third|one third|one-third|two-thirds|two thirds|a quarter|one quarter|three-quarters|three quarters|a fifth|one fifth|two-fifths|a tenth)\b`)
	outOfRE     = lazyRE(`\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten) (?:of|out of|in|in every) (?:the |these |those )?(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)
	minorityRE  = lazyRE(`\b(?:a (?:small )?minority|very few|hardly any|a handful) of\b`)
	qualifierRE = lazyRE(`\b(over|under|above|below|around|about|approximately|nearly|almost|less than|fewer than|more than|no more than|only|barely)\s+$`)
)

var shareWords = map[string]float64{
	"half": 0.5, "a third": 1.0 / 3, "one third": 1.0 / 3, "one-third": 1.0 / 3,
	"two-thirds": 2.0 / 3, "two thirds": 2.0 / 3, "a quarter": 0.25, "one quarter": 0.25,
	"three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
	"two-fifths": 0.4, "a tenth": 0.1,
}

var smallNumbers = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

// share returns the first proportion in c and where it starts. A
// qualifier moves it a little: "just over half" is 0.55, "less than half"
// 0.45, so a share that only reaches half is still below the line.
func share(c string) (p float64, at int, ok bool) {
	at = len(c)
	if strings.Contains(c, " per") || strings.Contains(c, "%") {
		if m := percentRE.get().FindStringSubmatchIndex(c); m != nil {
			if v, err := strconv.ParseFloat(c[m[2]:m[3]], 64); err == nil && v <= 100 {
				p, at, ok = v/100, m[0], true
			}
		}
	}
	if mayFraction(c) {
		if m := fractionRE.get().FindStringIndex(c); m != nil && m[0] < at && !ordinal(c[m[0]:m[1]], c[m[1]:]) {
			p, at, ok = shareWords[c[m[0]:m[1]]], m[0], true
		}
	}
	if (strings.Contains(c, " of ") || strings.Contains(c, " in ")) && mayCount(c) {
		if m := outOfRE.get().FindStringSubmatchIndex(c); m != nil && m[0] < at {
			if n, d := number(c[m[2]:m[3]]), number(c[m[4]:m[5]]); d > 0 && n <= d {
				return n / d, m[0], true // a count needs no qualifier
			}
		}
	}
	// "In only a minority of the plans", "very few of the cases".
	if strings.Contains(c, " of") && (strings.Contains(c, "minority") || strings.Contains(c, "few") || strings.Contains(c, "hardly") || strings.Contains(c, "handful")) {
		if m := minorityRE.get().FindStringIndex(c); m != nil && m[0] < at {
			return 0.3, m[0], true
		}
	}
	if !ok {
		return 0, 0, false
	}
	if q := qualifierRE.get().FindStringSubmatch(c[max(0, at-24):at]); q != nil {
		switch q[1] {
		case "over", "above", "more than":
			p += 0.05
		default:
			p -= 0.05
		}
	}
	return p, at, true
}

// ordinal reports whether "a third", "a fifth" (or "a quarter", "a
// tenth") before rest is an ordinal ("after a third breach", "a fifth
// time"), not a share: a share goes on with "of", a verb or nothing ("a
// third of the plans", "a third were late", "in a quarter.").
func ordinal(frac, rest string) bool {
	if !strings.HasPrefix(frac, "a ") {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	if rest == "" || !isWordByte(rest[0]) {
		return false // the end, or punctuation: a share
	}
	next, _, _ := strings.Cut(rest, " ")
	return !shareFollowers[strings.TrimRight(next, ".,;:)")]
}

// shareFollowers are words that go on from a share.
var shareFollowers = map[string]bool{
	"of": true, "were": true, "was": true, "had": true, "did": true, "are": true, "is": true,
	"have": true, "has": true, "could": true, "would": true, "should": true, "showed": true,
	"met": true, "included": true, "contained": true, "lacked": true, "received": true,
	"reviewed": true, "sampled": true, "inspected": true, "examined": true, "read": true,
	"or": true, "and": true, "to": true, "in": true, "the": true, "these": true, "those": true,
}

// countHints are strings one of which every "k of n" contains.
var countHints = []string{"one ", "two ", "three ", "four ", "five ", "six ", "seven ", "eight ", "nine ", "ten "}

func mayCount(c string) bool {
	if strings.ContainsAny(c, "0123456789") {
		return true
	}
	for _, h := range countHints {
		if strings.Contains(c, h) {
			return true
		}
	}
	return false
}

// fractionHints are strings one of which every fraction contains.
var fractionHints = []string{"half", "third", "quarter", "fifth", "tenth"}

func mayFraction(c string) bool {
	for _, h := range fractionHints {
		if strings.Contains(c, h) {
			return true
		}
	}
	return false
}

func number(s string) float64 {
	if v, ok := smallNumbers[s]; ok {
		return v
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return v
}

// lowShare is the line under which a share of cases done well is a
// finding that too few were: inspectorates treat anything under about two
// in three as falling short.
const lowShare = 0.65
