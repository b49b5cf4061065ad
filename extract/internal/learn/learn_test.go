package learn

import (
	"math"
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"The plans were not reviewed.", []string{"the", "plan", "were", "not", "review"}},
		{"She held 38 cases; LS/CMI overdue", []string{"she", "held", "#", "case", "ls/cmi", "overdu"}},
		{"children's services", []string{"children", "s", "servic"}},
		{"", nil},
	} {
		if got := Words(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestFeatures(t *testing.T) {
	got := Features("analysis", "No home visits")
	want := []string{"k:analysis", "no", "home", "no_home", "visit", "home_visit"}
	if !slices.Equal(got, want) {
		t.Errorf("Features = %q, want %q", got, want)
	}
}

// trained is a small model: "recall" and "breach" raise enforcement,
// "plan" raises the plan theme.
func trained(t *testing.T) *Model {
	t.Helper()
	var s []Sample
	for i := 0; i < 20; i++ {
		s = append(s,
			Sample{Kind: "analysis", Text: "Recall was not requested after the breach.", Themes: []string{"enforcement"}},
			Sample{Kind: "analysis", Text: "The plan was not updated.", Themes: []string{"plan"}},
			Sample{Kind: "background", Text: "He grew up in Fife."},
		)
	}
	return Train(s, []string{"enforcement", "plan"}, Options{Seed: 1})
}

func TestTrainSeparates(t *testing.T) {
	m := trained(t)
	for _, tc := range []struct {
		text      string
		enf, plan bool
	}{
		{"No recall was sought after the breach.", true, false},
		{"His plan was never updated.", false, true},
		{"He moved to Fife.", false, false},
	} {
		p := m.SentenceProbabilities("analysis", tc.text, nil)
		if (p[0] > 0.5) != tc.enf || (p[1] > 0.5) != tc.plan {
			t.Errorf("%q: probabilities %.2f, want enforcement %v, plan %v", tc.text, p, tc.enf, tc.plan)
		}
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	a, b := trained(t).Encode(), trained(t).Encode()
	if string(a) != string(b) {
		t.Fatal("the same samples and options trained two different models")
	}
}

// TestEncodeParse: a model read back scores as written (to the four
// decimals Encode keeps), and the two ways of scoring agree.
func TestEncodeParse(t *testing.T) {
	m := trained(t)
	back, err := Parse(m.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Encode()) != string(m.Encode()) {
		t.Error("a parsed model encodes differently")
	}
	for _, text := range []string{"Recall was not requested after the breach.", "The plan was plan plan.", ""} {
		a := m.SentenceProbabilities("analysis", text, nil)
		b := back.Probabilities(Features("analysis", text), nil)
		for i := range a {
			if math.Abs(a[i]-b[i]) > 1e-3 {
				t.Errorf("%q: theme %d: %.4f before encoding, %.4f after", text, i, a[i], b[i])
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"no header", "themes\ta\n"},
		{"biases short", header + "\nthemes\ta\tb\nbias\t1\n"},
		{"weight before bias", header + "\nthemes\ta\nw\tx\t0:1\n"},
		{"theme out of range", header + "\nthemes\ta\nbias\t0\nw\tx\t3:1\n"},
		{"bad number", header + "\nthemes\ta\nbias\tx\n"},
		{"unknown record", header + "\nthemes\ta\nbias\t0\nq\t1\n"},
	} {
		if _, err := Parse([]byte(tc.text)); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func BenchmarkSentence(b *testing.B) {
	var s []Sample
	for i := 0; i < 50; i++ {
		s = append(s, Sample{Kind: "analysis", Text: "Recall was not requested after the breach of his licence conditions.", Themes: []string{"enforcement"}})
	}
	m := Train(s, []string{"enforcement"}, Options{})
	out := make([]float64, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.SentenceProbabilities("analysis", "The worker did not request recall when he breached the conditions of his licence in May.", out)
	}
}
