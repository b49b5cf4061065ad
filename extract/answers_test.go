package extract

import (
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestAnswered(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		question, want string
		ok             bool
	}{
		{"Q1. Was the notification submitted within timescales? If not, why not?", "the notification was not submitted within timescales", true},
		{"3. Were the individual's needs addressed?", "the individual's needs were not addressed", true},
		{"Were records up to date?", "records were not up to date", true},
		{"Was MAPPA considered?", "mappa was not considered", true},
		{"Were the interventions in the plan delivered?", "the interventions in the plan were not delivered", true},
		{"Was a plan in place on release?", "a plan was not in place on release", true},
		{"Did the plan address his risk to children?", "did not the plan address his risk to children", true},
		// "No" to a question of a deficiency finds none.
		{"Were there any missed opportunities?", "", false},
		{"Were there delays in completing the assessment?", "", false},
		// Not a yes-or-no question.
		{"What went well?", "", false},
	} {
		got, ok := ex.tax.answered(c.question)
		if got != c.want || ok != c.ok {
			t.Errorf("answered(%q) = %q, %v; want %q, %v", c.question, got, ok, c.want, c.ok)
		}
	}
}

// TestNegativeAnswer checks that a form's "No" under a question is a
// finding about what the question asks, and that other answers are not.
func TestNegativeAnswer(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		heading, text string
		want          corpus.ThemeID // "" for no concern
	}{
		{"Was the notification submitted within timescales?", "No. The team leader was on leave when the incident happened.", corpus.ThemeNotificationTimeliness},
		{"Was the notification submitted within timescales?", "Yes, it was sent within the required timescale.", ""},
		{"Were there any missed opportunities to share information?", "No. Information was passed to the police the same day.", ""},
		{"", "Was MAPPA considered?\n\nNo, although he met the criteria for category 2.", corpus.ThemeMAPPA},
		{"", "Was MAPPA considered? If not, why not?\n\nNo.", corpus.ThemeMAPPA},
		// A form kept as a table: question and answer are cells of a row.
		{"", "Was the risk assessment reviewed after his arrest? | No", corpus.ThemeAssessmentQuality},
		{"", "Were there any concerns about his accommodation? | No", ""},
	} {
		sec := corpus.Section{Kind: corpus.SectionOther, Heading: c.heading, Text: c.text}
		got := ex.tagThemes([]corpus.Section{sec}, ex.seg.Split)
		var ids []corpus.ThemeID
		for _, th := range got {
			if th.ID != corpus.ThemeGoodPractice { // a strength is no finding of a concern
				ids = append(ids, th.ID)
			}
		}
		found := false
		for _, id := range ids {
			found = found || id == c.want
		}
		if c.want == "" && len(ids) > 0 || c.want != "" && !found {
			t.Errorf("%q / %q: themes %v, want %q", c.heading, c.text, ids, c.want)
		}
	}
}
