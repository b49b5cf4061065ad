package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func loadDoc(t testing.TB, path string) *corpus.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d corpus.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// TestExtractGolden extracts documents read from the ingest testdata and
// compares the reviews with golden files (go test -update rewrites them).
func TestExtractGolden(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.doc.json"))
	if len(files) == 0 {
		t.Fatal("no testdata documents")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := json.MarshalIndent(ex.Extract(loadDoc(t, f)), "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".doc.json") + ".review.golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("Extract(%s) differs from %s; run go test ./extract -update and review the diff", f, golden)
			}
		})
	}
}

func TestExtractFields(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := ex.Extract(loadDoc(t, filepath.Join("testdata", "groff-ps2pdf.pdf.doc.json")))
	if r.Authority != "Fife" || r.IncidentDate != "2019-03-14" || r.NotificationDate != "2019-03-25" || r.Order != corpus.OrderCPO {
		t.Errorf("metadata = %+v", r.Metadata)
	}
	if r.NotificationWorkingDays == nil || *r.NotificationWorkingDays != 7 || *r.NotificationOnTime {
		t.Errorf("notification working days = %v, want 7 (late)", r.NotificationWorkingDays)
	}
	want := map[corpus.ThemeID]bool{corpus.ThemeAssessmentTimeliness: true, corpus.ThemeContactSupervision: true,
		corpus.ThemeDomesticAbuse: true, corpus.ThemeAssessmentQuality: true, corpus.ThemeGoodPractice: true}
	for _, th := range r.Themes {
		if !want[th.ID] {
			t.Errorf("unexpected theme %s: %+v", th.ID, th.Evidence)
		}
		delete(want, th.ID)
		if len(th.Evidence) == 0 || th.Score <= 0 || th.Score > 1 {
			t.Errorf("theme %s: score %v, evidence %d", th.ID, th.Score, len(th.Evidence))
		}
	}
	for id := range want {
		t.Errorf("theme %s missing", id)
	}
	kinds := map[corpus.SectionKind]string{}
	for _, s := range r.Sections {
		kinds[s.Kind] = s.Heading
	}
	if kinds[corpus.SectionSummary] != "1. Introduction" || kinds[corpus.SectionAssessment] != "2. Risk assessment" {
		t.Errorf("sections = %v", kinds)
	}
}

// TestTitleSkipsMarkings: a protective marking or a page number at the
// top of a document is not its title.
func TestTitleSkipsMarkings(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		title string
		first []string
		want  string
	}{
		{"", []string{"OFFICIAL SENSITIVE: PERSONAL", "Serious Incident Review: Mr B"}, "Serious Incident Review: Mr B"},
		{"OFFICIAL - SENSITIVE", []string{"PROTECT - PERSONAL", "Page 1 of 12", "Case Review of Ms C"}, "Case Review of Ms C"},
		{"", []string{"NOT PROTECTIVELY MARKED", "Learning review"}, "Learning review"},
		{"Serious Incident Review", []string{"OFFICIAL"}, "Serious Incident Review"},
		{"", []string{"Official visits to the prison were recorded"}, "Official visits to the prison were recorded"},
	} {
		doc := &corpus.Document{Title: tt.title}
		for _, f := range tt.first {
			doc.Blocks = append(doc.Blocks, corpus.Block{Type: corpus.BlockParagraph, Text: f})
		}
		if got := ex.Extract(doc).Title; got != tt.want {
			t.Errorf("title of %q %q = %q, want %q", tt.title, tt.first, got, tt.want)
		}
	}
}

// TestLabelLinesAboveLists: a short label line straight above a list (a
// reflective review's questions typed as plain lines) starts a section.
func TestLabelLinesAboveLists(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := &corpus.Document{}
	add := func(typ corpus.BlockType, text string) {
		doc.Blocks = append(doc.Blocks, corpus.Block{Type: typ, Text: text, Page: 1})
	}
	add(corpus.BlockParagraph, "What went well")
	add(corpus.BlockListItem, "The prison-based social worker shared a thorough release plan.")
	add(corpus.BlockParagraph, "What could have gone better")
	add(corpus.BlockListItem, "The pre-release report arrived the afternoon before liberation.")
	var got []string
	for _, s := range ex.Extract(doc).Sections {
		got = append(got, string(s.Kind)+":"+s.Heading)
	}
	want := []string{"learning:What went well", "learning:What could have gone better"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sections = %q, want %q", got, want)
	}
}
