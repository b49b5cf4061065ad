package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus/synth"
)

// TestReportMatchesTruth renders the report as Markdown, HTML and PDF and
// checks its counts against the generated corpus's truth: notifications
// (cases), cases with a review, Part Two reviews and the authorities that
// notified.
func TestReportMatchesTruth(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: 20, Cases: 25, Seed: 31}); err != nil {
		t.Fatal(err)
	}
	truth, err := synth.ReadTruth(filepath.Join(docs, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cases, reviewed, authorities, partTwo := map[string]bool{}, map[string]bool{}, map[string]bool{}, 0
	for _, tr := range truth {
		cases[tr.Case] = true
		authorities[tr.Authority] = true
		if tr.Kind.IsReview() {
			reviewed[tr.Case] = true
		}
		if tr.Kind == "learning_review" {
			partTwo++
		}
	}
	ixPath := filepath.Join(dir, "ix")
	if code, _, errs := sirlearn(t, "index", "--index", ixPath, docs); code != 0 {
		t.Fatalf("index: %s", errs)
	}
	want := []string{
		fmt.Sprintf("| Notifications (cases) | %d |", len(cases)),
		fmt.Sprintf("| Met the criteria (cases with a review) | %d |", len(reviewed)),
		fmt.Sprintf("| Reflective learning reviews (Part Two) | %d |", partTwo),
		fmt.Sprintf("| Authorities that notified | %d |", len(authorities)),
	}
	md := filepath.Join(dir, "r.md")
	if code, _, errs := sirlearn(t, "report", "--index", ixPath, "--format", "md", "--out", md, "--from", "2022-01-01", "--compare-from", "2018-01-01", "--compare-to", "2021-12-31"); code != 0 {
		t.Fatalf("report: %s", errs)
	}
	// The period from 2022 holds the template cases only.
	tmpl, tmplReviewed := map[string]bool{}, map[string]bool{}
	for _, tr := range truth {
		if tr.IncidentDate >= "2022-01-01" {
			tmpl[tr.Case] = true
			if tr.Kind.IsReview() {
				tmplReviewed[tr.Case] = true
			}
		}
	}
	b, _ := os.ReadFile(md)
	for _, w := range []string{fmt.Sprintf("| Notifications (cases) | %d |", len(tmpl)), fmt.Sprintf("| Met the criteria (cases with a review) | %d |", len(tmplReviewed)), "## Change against incidents 2018-01-01 to 2021-12-31", "95% interval", "## Recommendations and actions", "## Review quality assurance"} {
		if !strings.Contains(string(b), w) {
			t.Errorf("the 2022 report lacks %q", w)
		}
	}
	if code, _, errs := sirlearn(t, "report", "--index", ixPath, "--format", "md", "--out", md); code != 0 {
		t.Fatalf("report: %s", errs)
	}
	b, _ = os.ReadFile(md)
	for _, w := range want {
		if !strings.Contains(string(b), w) {
			t.Errorf("report lacks %q:\n%s", w, b)
		}
	}
	html := filepath.Join(dir, "r.html")
	if code, _, errs := sirlearn(t, "report", "--index", ixPath, "--format", "html", "--out", html); code != 0 {
		t.Fatalf("report html: %s", errs)
	}
	h, _ := os.ReadFile(html)
	if !strings.Contains(string(h), fmt.Sprintf("<td>Notifications (cases)</td><td>%d</td>", len(cases))) || !strings.Contains(string(h), "@page { size: A4") {
		t.Errorf("HTML report lacks the notification count or its A4 page")
	}
	if _, err := chromiumPath(); err != nil {
		t.Skipf("PDF not tested: %v", err)
	}
	pdf := filepath.Join(dir, "r.pdf")
	if code, _, errs := sirlearn(t, "report", "--index", ixPath, "--format", "pdf", "--out", pdf); code != 0 {
		t.Fatalf("report pdf: %s", errs)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), "Notifications (cases)") || !strings.Contains(string(text), fmt.Sprint(len(cases))) {
		t.Errorf("PDF text lacks the counts:\n%.600s", text)
	}
	info, _ := exec.Command("pdfinfo", pdf).Output()
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("PDF is not A4: %s", info)
	}
}
