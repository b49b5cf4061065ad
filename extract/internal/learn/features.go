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
	words := Words(text)
	out := make([]string, 0, 2*len(words)+1)
	out = append(out, "k:"+kind)
	for i, w := range words {
		out = append(out, w)
		if i > 0 {
			out = append(out, words[i-1]+"_"+w)
		}
	}
	return out
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
