package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func testTaxonomy(t testing.TB) *Taxonomy {
	t.Helper()
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// These sentences are written for this test from the domain primer, not
// taken from the generator's phrasings.
func TestClassifySentence(t *testing.T) {
	tax := testTaxonomy(t)
	for _, tt := range []struct {
		sentence string
		want     corpus.ThemeID // "" = no theme
		polarity corpus.Polarity
	}{
		{"No home visit was undertaken.", corpus.ThemeContactSupervision, corpus.Concern},
		{"A home visit was undertaken.", "", ""},
		{"Home visits were never carried out at the new address.", corpus.ThemeContactSupervision, corpus.Concern},
		{"The plan was reviewed after eight weeks. This is noted as good practice.", corpus.ThemeGoodPractice, corpus.Strength},
		{"The LS/CMI was completed within 15 working days.", "", ""},
		{"The LS/CMI was not finalised until 62 working days after sentence.", corpus.ThemeAssessmentTimeliness, corpus.Concern},
		{"There was no delay in completing the assessment.", "", ""},
		{"The Care Inspectorate was notified nine working days after the incident.", corpus.ThemeNotificationTimeliness, corpus.Concern},
		{"The Care Inspectorate was notified within five working days.", "", ""},
		{"He was released with nowhere to live.", corpus.ThemeAccommodation, corpus.Concern},
		{"His account of his drinking was accepted at face value.", corpus.ThemeProfessionalCuriosity, corpus.Concern},
		{"The MAPPA referral was never made.", corpus.ThemeMAPPA, corpus.Concern},
		{"The review considered MAPPA arrangements.", "", ""},
		{"Face-to-face contact stopped during lockdown.", corpus.ThemePandemicImpact, corpus.Concern},
		{"The team had three vacancies and high caseloads.", corpus.ThemeWorkloadStaffing, corpus.Concern},
		{"Case notes were written up retrospectively.", corpus.ThemeRecordKeeping, corpus.Concern},
		{"The work with Mr A was not ineffective.", "", ""},
	} {
		hits := tax.classifySentence(tt.sentence, corpus.SectionAnalysis)
		if tt.want == "" {
			if len(hits) != 0 {
				t.Errorf("classifySentence(%q) = %+v, want nothing", tt.sentence, hits)
			}
			continue
		}
		found := false
		for _, h := range hits {
			if h.theme == tt.want && h.polarity == tt.polarity {
				found = true
			}
		}
		if !found {
			t.Errorf("classifySentence(%q) = %+v, want %s/%s", tt.sentence, hits, tt.want, tt.polarity)
		}
	}
}

func TestClassifyHeading(t *testing.T) {
	tax := testTaxonomy(t)
	for _, tt := range []struct {
		heading string
		want    corpus.SectionKind
	}{
		{"What assessments were in place?", corpus.SectionAssessment},
		{"PART B: THROUGHCARE AND RELEASE PLANNING", corpus.SectionPrisonTransfer},
		{"Workload and supervision of staff", corpus.SectionManagementOversight},
		{"3. Risk assessment", corpus.SectionAssessment},
		{"3.2 Licence conditions", corpus.SectionCaseManagementPlan},
		{"Section 9 - Recommendations", corpus.SectionLearning},
		{"EXECUTIVE SUMMARY", corpus.SectionSummary},
		{"Appendix 1: Glossary", corpus.SectionOther},
		{"Was MAPPA applied appropriately?", corpus.SectionMultiAgency},
		{"Chronology of events", corpus.SectionBackground},
	} {
		got, ok := tax.classifyHeading(tt.heading)
		if !ok || got != tt.want {
			t.Errorf("classifyHeading(%q) = %s, %v; want %s", tt.heading, got, ok, tt.want)
		}
	}
	if _, ok := tax.classifyHeading("Mr A"); ok {
		t.Error(`classifyHeading("Mr A") matched a kind`)
	}
}

func TestFindDates(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"on 14 March 2019 and 14/03/2019 and 2019-03-14", []string{"2019-03-14", "2019-03-14", "2019-03-14"}},
		{"on the 14th of March 2019", []string{"2019-03-14"}},
		{"notified on the 21st of March", []string{"2019-03-21"}},
		{"March 14, 2019", []string{"2019-03-14"}},
		{"31/02/2019 is no date; 1.4.2020 is", []string{"2020-04-01"}},
		{"14th Sept 2020", []string{"2020-09-14"}},
		{"4-Mar-2021 and 4-Mar-21", []string{"2021-03-04", "2021-03-04"}},
		{"30th October 2019 · 13 November 2019", []string{"2019-10-30", "2019-11-13"}},
	} {
		var got []string
		for _, d := range findDates(tt.in, 2019) {
			got = append(got, d.date.Format("2006-01-02"))
		}
		if len(got) != len(tt.want) {
			t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestParseTaxonomyErrors(t *testing.T) {
	for _, tt := range []struct{ name, yaml, want string }{
		{"bad yaml", "version: [", "YAML"},
		{"unknown key", "version: 1\nfoo: 1\n", "foo"},
		{"bad regexp", string(DefaultTaxonomyYAML()) + "\n", ""},
	} {
		_, err := ParseTaxonomy([]byte(tt.yaml))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want mention of %q", tt.name, err, tt.want)
		}
	}
	broken := []byte(strings.Replace(string(DefaultTaxonomyYAML()), `"generic",`, `"generic(",`, 1))
	if _, err := ParseTaxonomy(broken); err == nil || !strings.Contains(err.Error(), "generic(") {
		t.Errorf("broken pattern: err = %v", err)
	}
}

func TestPraisedHeading(t *testing.T) {
	for _, tc := range []struct {
		heading string
		want    bool
	}{
		{"What went well", true},
		{"9. Areas of practice that went well", true},
		{"Strengths", true},
		{"Good practice identified", true},
		{"What could have gone better", false},
		{"Strengths and areas for development", false},
		{"What did not go well", false},
		{"Learning and good practice", false},
		{"Risk assessment", false},
		{"", false},
	} {
		if got := praisedHeading(tc.heading); got != tc.want {
			t.Errorf("praisedHeading(%q) = %v, want %v", tc.heading, got, tc.want)
		}
	}
}

// TestPraisedSection: under a heading of what went well, a sentence about
// practice that judges nothing amiss is good practice; one that finds a
// fault is still a concern; the same sentence under another heading is
// nothing.
func TestPraisedSection(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	themes := func(heading, text string) map[corpus.ThemeID]corpus.Polarity {
		out := map[corpus.ThemeID]corpus.Polarity{}
		for _, th := range ex.Themes([]corpus.Section{{Kind: corpus.SectionLearning, Heading: heading, Text: text}}) {
			out[th.ID] = th.Evidence[0].Polarity
		}
		return out
	}
	said := "The pre-release case conference was attended by the prison and community workers."
	if got := themes("What went well", said); got[corpus.ThemeGoodPractice] != corpus.Strength {
		t.Errorf("under 'What went well': %v, want good practice", got)
	}
	if got := themes("What happened", said); len(got) != 0 {
		t.Errorf("under 'What happened': %v, want nothing", got)
	}
	fault := "The risk management plan was not updated after his arrest."
	if got := themes("What went well", fault); got[corpus.ThemeGoodPractice] != "" || got[corpus.ThemeCaseManagementPlan] != corpus.Concern {
		t.Errorf("a fault under 'What went well': %v, want the plan as a concern only", got)
	}
}

// TestHeadingTopic: a finding that names no theme of its own is about the
// topic its section heading names; one that names its own theme is not
// moved.
func TestHeadingTopic(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	themes := func(heading, text string) []corpus.ThemeID {
		var out []corpus.ThemeID
		for _, th := range ex.Themes([]corpus.Section{{Kind: corpus.SectionAnalysis, Heading: heading, Text: text}}) {
			out = append(out, th.ID)
		}
		return out
	}
	vague := "There is no evidence that what he was told was explained to him in a way he could follow."
	if got := themes("5. Communication needs", vague); !slices.Equal(got, []corpus.ThemeID{corpus.ThemeEqualityDiversity}) {
		t.Errorf("under 'Communication needs': %v, want equality_diversity", got)
	}
	if got := themes("Analysis", vague); len(got) != 0 {
		t.Errorf("under 'Analysis': %v, want nothing", got)
	}
	own := "The risk management plan was not updated after his arrest."
	if got := themes("5. Communication needs", own); !slices.Equal(got, []corpus.ThemeID{corpus.ThemeCaseManagementPlan}) {
		t.Errorf("a finding of its own theme under another heading: %v, want case_management_plan", got)
	}
}

func TestBlankReported(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kept []string // words that must survive
		gone []string // words that must be blanked
	}{
		{"children's services were told that he had no contact with children, which was wrong", []string{"told", "which was wrong"}, []string{"no contact"}},
		{"he assured his worker that he was not drinking", []string{"assured"}, []string{"not drinking"}},
		{"children's services were not informed that he had moved in with a woman", []string{"moved in with a woman"}, nil},
		{"the worker was told that he had relapsed but did not act", []string{"did not act"}, []string{"relapsed"}},
		{"the review found that he had not been seen", []string{"not been seen"}, nil},
	} {
		got := blankReported(tc.in)
		for _, w := range tc.kept {
			if !strings.Contains(got, w) {
				t.Errorf("blankReported(%q) = %q: lost %q", tc.in, got, w)
			}
		}
		for _, w := range tc.gone {
			if strings.Contains(got, w) {
				t.Errorf("blankReported(%q) = %q: kept %q", tc.in, got, w)
			}
		}
		if len(got) != len(tc.in) {
			t.Errorf("blankReported(%q) changed the length", tc.in)
		}
	}
}
