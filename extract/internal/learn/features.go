// Package learn is a statistical reader of findings: one logistic model a
// theme over the words of a sentence, trained on the project's own
// hand-labelled passages. The tagger's rules compose topic and judgement;
// the model catches findings told in general words the rules have no cue
// for, and is measured by cross-validation on passages it did not see.
package learn

import (
	"strings"
	"unicode"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// Features returns what the model reads of a sentence: the section's kind,
// the stems of its words (numbers as one word "#"), and each pair of
// neighbouring stems. The same function reads training passages and
// sentences being tagged.
func Features(kind, text string) []string {
	var out []string
	eachFeature(kind, text, func(f []byte) { out = append(out, string(f)) })
	return out
}

// eachFeature calls fn with each feature of a sentence, in Features'
// order, in one buffer it reuses (fn must not keep it): scoring looks the
// features up without making a string of each.
func eachFeature(kind, text string, fn func(f []byte)) {
	buf := append(make([]byte, 0, 64), "k:"...)
	buf = append(buf, kind...)
	fn(buf)
	prev := ""
	for _, w := range Words(text) {
		buf = append(buf[:0], w...)
		fn(buf)
		if prev != "" {
			buf = append(append(append(buf[:0], prev...), '_'), w...)
			fn(buf)
		}
		prev = w
	}
}

// Words returns the stems of the words of text in order, lower case, a
// number as "#".
func Words(text string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		words = append(words, stem(strings.ToLower(text[start:end])))
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '/' && start >= 0) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return words
}

// stem is the Snowball English stem of a word; a word with a digit is "#".
func stem(w string) string {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return "#"
		}
	}
	if len(w) < 3 {
		return w
	}
	env := snowball.NewEnv(w)
	english.Stem(env)
	return env.Current()
}
