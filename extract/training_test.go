package extract

import (
	"maps"
	"testing"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// TestScanTraining checks the scanner against encoding/json on the real
// training data, and that it hands anything unexpected back.
func TestScanTraining(t *testing.T) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := sentences.LoadTraining(b)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := scanTraining(b)
	if !ok {
		t.Fatal("the scanner refused the English training data")
	}
	if len(got.OrthoContext) < 1000 || !sameTraining(got, want) {
		t.Errorf("scanned training data differs from encoding/json's (%d ortho words against %d)", len(got.OrthoContext), len(want.OrthoContext))
	}
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{"AbbrevTypes": {"dr": 1, "prof": 1}, "Collocations": {}}`, true},
		{`{}`, true},
		{`{"AbbrevTypes": {"d\u0072": 1}}`, false}, // an escape
		{`{"Other": {"x": 1}}`, false},
		{`{"AbbrevTypes": {"x": 1.5}}`, false},
		{`{"AbbrevTypes": {"x": -1}}`, false},
		{`{"AbbrevTypes": {"x": 1}`, false},
		{`{"AbbrevTypes": {"x": 1}} trailing`, false},
		{`{"AbbrevTypes": {"x" 1}}`, false},
		{``, false},
	} {
		st, ok := scanTraining([]byte(tc.in))
		if ok != tc.ok {
			t.Errorf("scanTraining(%q): ok %t, want %t", tc.in, ok, tc.ok)
			continue
		}
		if ok {
			want, err := sentences.LoadTraining([]byte(tc.in))
			if err != nil || !sameTraining(st, want) {
				t.Errorf("scanTraining(%q) = %+v, encoding/json %+v (%v)", tc.in, st, want, err)
			}
		}
	}
}

// sameTraining compares two training sets, a missing set (nil, from
// encoding/json) as empty.
func sameTraining(a, b *sentences.Storage) bool {
	return maps.Equal(a.AbbrevTypes, b.AbbrevTypes) && maps.Equal(a.Collocations, b.Collocations) &&
		maps.Equal(a.SentStarters, b.SentStarters) && maps.Equal(a.OrthoContext, b.OrthoContext)
}
