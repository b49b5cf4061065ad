package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// capRuns returns the byte spans of runs of capitalised words in s: words
// that start with an upper-case letter and have a lower-case one (Fiona,
// McLeod, O'Neill, Al-Amin; not MAPPA, not A), one space apart, with the
// particles of names (bin, van, de, al-) allowed between them. A hand
// scanner: the same as a regular expression, many times faster.
func capRuns(s string) [][2]int {
	var out [][2]int
	runStart, runEnd := -1, -1
	pendingParticle := false
	flush := func() {
		if runStart >= 0 {
			out = append(out, [2]int{runStart, runEnd})
		}
		runStart, runEnd, pendingParticle = -1, -1, false
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			// Only single spaces join words into a run.
			if r != ' ' || (i+1 < len(s) && s[i+1] == ' ') {
				flush()
			}
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		w := strings.TrimRight(s[start:i], "'’-")
		// A possessive is not part of the name: "Mr D's" is the label D.
		for _, suf := range []string{"'s", "’s", "'S", "’S"} {
			w = strings.TrimSuffix(w, suf)
		}
		end := start + len(w)
		switch {
		case nameToken(w):
			if runStart < 0 {
				runStart = start
			}
			runEnd = end
			pendingParticle = false
		case runStart >= 0 && !pendingParticle && nameParticles[strings.ToLower(strings.TrimRight(w, "-"))]:
			pendingParticle = true // kept only if a name word follows
		default:
			flush()
		}
	}
	flush()
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' || r == '-' }

// nameToken reports whether w looks like a capitalised name word.
func nameToken(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || n == len(w) {
		return false
	}
	for _, c := range w[n:] {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}

var nameParticles = wordSet(`al el bin ibn van von de da du le la di ben abu bint ap`)

// wordAt reports whether s[i:i+n] stands as a whole word.
func wordAt(s string, i, n int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if i+n < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i+n:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// nameSpans finds every whole-word occurrence of the names in t; a
// possessive after one stays ("[PERSON]'s daughter").
func nameSpans(t string, names []string) []span {
	var out []span
	for _, name := range names {
		for from := 0; ; {
			i := strings.Index(t[from:], name)
			if i < 0 {
				break
			}
			i += from
			from = i + len(name)
			if !wordAt(t, i, len(name)) {
				continue
			}
			out = append(out, span{i, i + len(name), PlaceholderPerson})
		}
	}
	return out
}
