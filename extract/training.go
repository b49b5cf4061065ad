package extract

// Loading the sentence model's training data quickly.

import (
	"fmt"
	"strconv"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// englishTraining returns the English training data of the sentence
// tokenizer. The data is JSON of one shape, four objects of words and
// counts: read by the scanner below, it loads in a quarter of the time
// encoding/json takes, which was a third of a one-file command's start-up.
// Anything the scanner does not expect is read by encoding/json instead.
func englishTraining() (*sentences.Storage, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, fmt.Errorf("training data: %w", err)
	}
	if st, ok := scanTraining(b); ok {
		return st, nil
	}
	st, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, fmt.Errorf("training data: %w", err)
	}
	return st, nil
}

// scanTraining reads {"Name": {"word": n, ...}, ...} for the four sets of
// a sentences.Storage; ok is false at anything else (escapes, other
// names, other values), for encoding/json to read.
func scanTraining(data []byte) (st *sentences.Storage, ok bool) {
	// One string of the whole file: its words are slices of it, not an
	// allocation each. The sets are made at about their English sizes.
	b := string(data)
	st = &sentences.Storage{
		AbbrevTypes: make(sentences.SetString, 160), Collocations: make(sentences.SetString, 40),
		SentStarters: make(sentences.SetString, 40), OrthoContext: make(sentences.SetString, 20400),
	}
	sets := map[string]sentences.SetString{
		"AbbrevTypes": st.AbbrevTypes, "Collocations": st.Collocations,
		"SentStarters": st.SentStarters, "OrthoContext": st.OrthoContext,
	}
	i := 0
	space := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
	}
	expect := func(c byte) bool {
		space()
		if i < len(b) && b[i] == c {
			i++
			return true
		}
		return false
	}
	str := func() (string, bool) {
		if !expect('"') {
			return "", false
		}
		start := i
		for i < len(b) && b[i] != '"' {
			if b[i] == '\\' || b[i] < 0x20 {
				return "", false
			}
			i++
		}
		if i == len(b) {
			return "", false
		}
		i++
		return b[start : i-1], true
	}
	num := func() (int, bool) {
		space()
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(b[start:i])
		return n, err == nil
	}
	// object reads {"k": v, ...}, calling val after each key's colon.
	object := func(val func(key string) bool) bool {
		if !expect('{') {
			return false
		}
		if expect('}') {
			return true
		}
		for {
			k, ok := str()
			if !ok || !expect(':') || !val(k) {
				return false
			}
			if expect('}') {
				return true
			}
			if !expect(',') {
				return false
			}
		}
	}
	ok = object(func(name string) bool {
		set, known := sets[name]
		if !known {
			return false
		}
		return object(func(word string) bool {
			n, ok := num()
			set[word] = n
			return ok
		})
	})
	space()
	return st, ok && i == len(b)
}
