package extract

import "strings"

// Reviews written as notes use the service's abbreviations ("SW carrying
// 42 cases", "no TL oversight", "NFA on release", "LSCMI"). The tagger
// reads a sentence with them written out, so that the concepts written
// in full find them; the evidence keeps the sentence as written.

// abbreviations are written out, lower case, as whole words.
var abbreviations = map[string]string{
	"lscmi":  "ls/cmi",
	"ls-cmi": "ls/cmi",
	"dv":     "domestic violence",
	"da":     "domestic abuse",
	"tl":     "team leader",
	"tls":    "team leaders",
	"sw":     "social worker",
	"sws":    "social workers",
	"jsw":    "justice social worker",
	"cjsw":   "criminal justice social work",
	"vns":    "victim notification scheme",
	"vcs":    "victim contact scheme",
	"nfa":    "no fixed abode",
	"cmp":    "case management plan",
	"rmp":    "risk management plan",
	"omu":    "offender management unit",
	"ird":    "inter-agency referral discussion",
	"cpn":    "community psychiatric nurse",
	"dtto":   "drug treatment and testing order",
	"icr":    "initial case review",
	"pp":     "probation practitioner",
	"pom":    "prison offender manager",
	"com":    "community offender manager",
}

// expandAbbreviations writes out in low, the lower-cased form of s, the
// abbreviations s writes in capitals. Only a sentence with a run of two
// capitals is looked at, so most prose costs one pass over its bytes.
func expandAbbreviations(s, low string) string {
	caps := false
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			caps = true
			break
		}
	}
	if !caps || len(s) != len(low) {
		return low
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(low); {
		if !isAbbrevByte(low[i]) {
			i++
			continue
		}
		j := i
		for j < len(low) && (isAbbrevByte(low[j]) || low[j] == '-' && j+1 < len(low) && isAbbrevByte(low[j+1])) {
			j++
		}
		// Written in capitals in the original, and a known abbreviation.
		if full, ok := abbreviations[low[i:j]]; ok && capital(s, i, j) {
			if b.Len() == 0 {
				b.Grow(len(low) + 32)
			}
			b.WriteString(low[last:i])
			b.WriteString(full)
			last = j
		}
		i = j
	}
	if last == 0 {
		return low
	}
	b.WriteString(low[last:])
	return b.String()
}

// capital reports whether s[i:j] is written in capitals, but for a plural
// s ("TLs").
func capital(s string, i, j int) bool {
	if j-i > 2 && s[j-1] == 's' {
		j--
	}
	for k := i; k < j; k++ {
		if (s[k] < 'A' || s[k] > 'Z') && s[k] != '-' {
			return false
		}
	}
	return true
}

func isAbbrevByte(c byte) bool { return c >= 'a' && c <= 'z' }

// sentenceForm is how the tagger reads a sentence: lower case, quotes and
// dashes folded, abbreviations written out.
func sentenceForm(s string) string {
	return foldSpelling(expandAbbreviations(s, normaliseForMatch(s)))
}

// spellings folds the other spellings of words the cues write in one
// ("inquiries" as "enquiries", "judgment" as "judgement", "-ize" as
// "-ise"), so that a cue need not list both. The keys are lower case.
var spellings = strings.NewReplacer(
	"inquir", "enquir",
	"judgment", "judgement",
	"behavior", "behaviour",
	"counseling", "counselling",
	"offense", "offence",
	"recogniz", "recognis",
	"prioritiz", "prioritis",
	"minimiz", "minimis",
	"organiz", "organis",
	"realiz", "realis",
	"summariz", "summaris",
	"emphasiz", "emphasis",
	"utiliz", "utilis",
	"analyz", "analys",
	"criticiz", "criticis",
	"authoriz", "authoris",
	"finaliz", "finalis",
)

// foldSpelling is spellings applied to a lower-cased sentence; most hold
// none of them, and are returned as they are.
func foldSpelling(low string) string {
	if !strings.Contains(low, "inquir") && !strings.Contains(low, "judgment") && !strings.Contains(low, "behavior") &&
		!strings.Contains(low, "counseling") && !strings.Contains(low, "offense") && !strings.Contains(low, "iz") {
		return low
	}
	return spellings.Replace(low)
}
