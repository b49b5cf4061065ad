package synth_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/ingest"
)

func generate(t *testing.T, n int, seed uint64) (string, []synth.Truth) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: n, Seed: seed}); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	truth, err := synth.ReadTruth(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(truth) != n {
		t.Fatalf("truth has %d lines, want %d", len(truth), n)
	}
	return dir, truth
}

func TestDeterministic(t *testing.T) {
	a, ta := generate(t, 40, 7)
	b, _ := generate(t, 40, 7)
	c, tc := generate(t, 40, 8)
	for _, tr := range ta {
		x, _ := os.ReadFile(filepath.Join(a, tr.File))
		y, err := os.ReadFile(filepath.Join(b, tr.File))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with seed 7", tr.File)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "truth.jsonl"))
	y, _ := os.ReadFile(filepath.Join(b, "truth.jsonl"))
	if !bytes.Equal(x, y) {
		t.Error("truth.jsonl differs between two runs with seed 7")
	}
	z, _ := os.ReadFile(filepath.Join(c, "truth.jsonl"))
	if bytes.Equal(x, z) || ta[0].File == tc[0].File && ta[0].IncidentDate == tc[0].IncidentDate && ta[1].IncidentDate == tc[1].IncidentDate {
		t.Error("seeds 7 and 8 gave the same corpus")
	}
}

func TestDistributions(t *testing.T) {
	_, truth := generate(t, 300, 1)
	cal := corpus.NewScottishCalendar()
	years := map[int]int{}
	auths := map[string]int{}
	types := map[string]int{}
	late := 0
	onTime := map[int][2]int{}
	styles := map[string]int{}
	formats := map[corpus.Format]int{}
	for _, tr := range truth {
		inc, _ := time.Parse(time.DateOnly, tr.IncidentDate)
		not, _ := time.Parse(time.DateOnly, tr.NotificationDate)
		sub, _ := time.Parse(time.DateOnly, tr.SubmittedDate)
		years[inc.Year()]++
		auths[tr.Authority]++
		types[tr.IncidentType]++
		styles[tr.Style]++
		formats[tr.Format]++
		if cal.WorkingDaysBetween(inc, not) > 5 {
			late++
		}
		c := onTime[inc.Year()]
		c[1]++
		if !sub.After(not.AddDate(0, 3, 0)) {
			c[0]++
		}
		onTime[inc.Year()] = c
		if _, ok := corpus.CanonicalAuthority(tr.Authority); !ok {
			t.Errorf("%s: authority %q is not canonical", tr.File, tr.Authority)
		}
	}
	for y := 2018; y <= 2021; y++ {
		if years[y] < 60 || years[y] > 90 {
			t.Errorf("year %d has %d reviews, want 60-90 of 300", y, years[y])
		}
	}
	if len(years) != 4 {
		t.Errorf("years = %v, want only 2018-2021", years)
	}
	if len(auths) > 26 || len(auths) < 20 {
		t.Errorf("%d authorities, want 20-26", len(auths))
	}
	if auths["Glasgow City"] <= auths["Moray"] {
		t.Errorf("Glasgow %d <= Moray %d: not weighted by population", auths["Glasgow City"], auths["Moray"])
	}
	if v, s, d := types[corpus.IncidentSeriousViolence], types[corpus.IncidentSexualOffence], types[corpus.IncidentDeath]; v+s < 200 || d < 20 || d > v {
		t.Errorf("incident types %v: want mostly violence and sexual offences, some deaths", types)
	}
	if share := float64(late) / 300; share < 0.3 || share > 0.7 {
		t.Errorf("late notification share %.2f, want a large share (0.3-0.7)", share)
	}
	share := func(y int) float64 { return float64(onTime[y][0]) / float64(onTime[y][1]) }
	if share(2021) <= share(2018) {
		t.Errorf("reviews on time: 2018 %.2f, 2021 %.2f; want improvement", share(2018), share(2021))
	}
	if len(styles) != 6 {
		t.Errorf("styles = %v, want all six", styles)
	}
	if len(formats) != 5 {
		t.Errorf("formats = %v, want all five", formats)
	}
}

// TestReadBack reads every generated file with the ingest readers and checks
// that each written heading is present as a block.
func TestReadBack(t *testing.T) {
	dir, truth := generate(t, 60, 3)
	for _, tr := range truth {
		doc, err := ingest.ReadFile(context.Background(), filepath.Join(dir, tr.File), ingest.Limits{})
		if err != nil {
			t.Errorf("read %s: %v", tr.File, err)
			continue
		}
		// Text files written in the Markdown style are Markdown by their
		// bytes, which is what the reader goes by.
		if doc.Format != tr.Format && !(tr.Format == corpus.FormatText && tr.Style == synth.StyleMarkdown && doc.Format == corpus.FormatMarkdown) {
			t.Errorf("%s: format %s, want %s", tr.File, doc.Format, tr.Format)
		}
		texts := map[string]bool{}
		for _, b := range doc.Blocks {
			texts[strings.Join(strings.Fields(b.Text), " ")] = true
		}
		for _, s := range tr.Sections {
			if s.Heading != "" && !texts[s.Heading] {
				t.Errorf("%s (%s): heading %q not read back as its own block", tr.File, tr.Style, s.Heading)
			}
		}
	}
}
