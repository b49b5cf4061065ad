package extract

import (
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

// docOf builds a document from lines: "# " marks a heading, "a | b" a
// table row, anything else a paragraph.
func docOf(lines ...string) *corpus.Document {
	d := &corpus.Document{Source: "t"}
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "# "):
			d.Blocks = append(d.Blocks, corpus.Block{Type: corpus.BlockHeading, Text: l[2:], Bold: true})
		case strings.Contains(l, " | "):
			d.Blocks = append(d.Blocks, corpus.Block{Type: corpus.BlockTableRow, Text: l, Cells: strings.Split(l, " | ")})
		default:
			d.Blocks = append(d.Blocks, corpus.Block{Type: corpus.BlockParagraph, Text: l})
		}
	}
	return d
}

const body = "The justice social worker completed the LS/CMI assessment and the case management plan was agreed with the person under supervision, who attended most appointments until the incident."

func TestDocumentKind(t *testing.T) {
	ex := testExtractor(t)
	for _, tt := range []struct {
		name string
		doc  *corpus.Document
		want corpus.DocumentKind
	}{
		{"notification title", docOf("# Serious Incident Review: Notification", "Local authority | Fife Council", "Date of incident | 3 May 2022", "Date of notification | 6 May 2022",
			"# Brief description of the incident", "Mr B was charged with assault to severe injury while subject to a Community Payback Order."), corpus.KindNotification},
		{"notification form without a title", docOf("Local authority | Angus", "Date service became aware | 3 May 2022", "Brief description | Mr B was arrested after a serious assault.",
			"Person completing the form | J Smith", "Mr B was on a licence."), corpus.KindNotification},
		{"review whose opening lines date the notification", docOf("SERIOUS INCIDENT REVIEW", "North Ayrshire Council Justice Services", "Date of incident: 12 January 2021", "Date of notification to the Care Inspectorate: 2 February 2021",
			"# Background", body, "# Assessment", body, "# Analysis", body), corpus.KindCaseReview},
		{"part two title", docOf("# Part 2 – Reflective Learning Review", "# What went well", body), corpus.KindLearningReview},
		{"reflective questions without a title", docOf("OFFICIAL", "# Introduction", body, "# What went well", body, "# What could have been done differently", body, "# What will change", body), corpus.KindLearningReview},
		{"part one title", docOf("# Serious Incident Review Part One: Case Review", "# Summary", body, "# Assessment", body), corpus.KindCaseReview},
		{"single review before 2022, mentioning its notification", docOf("# Serious Incident Review – Fife Council Justice Social Work", "# Introduction",
			"The Care Inspectorate was notified on 4 March 2019. "+body, "# Assessment", body, "# Supervision", body), corpus.KindCaseReview},
		{"no title at all", docOf(body, body, body), corpus.KindCaseReview},
		{"minutes about catering", docOf("# Minutes of the catering committee", "The committee agreed the menu for the spring lunch and thanked the volunteers for the flowers and the cakes."), corpus.KindNotAReview},
		{"JSON lines", docOf(`{"file":"review-0001.pdf","authority":"Fife","incident_date":"2019-03-14"} {"file":"review-0002.pdf","authority":"Angus","incident_date":"2019-04-01"}`), corpus.KindNotAReview},
		{"a few words", docOf("Review of incident, see attached."), corpus.KindNotAReview},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ex.Extract(tt.doc)
			if r.DocumentKind != tt.want {
				t.Errorf("kind = %s (%s), want %s", r.DocumentKind, r.KindReason, tt.want)
			}
			if r.KindReason == "" {
				t.Error("no reason given")
			}
		})
	}
}

func TestCaseReferenceAndSubject(t *testing.T) {
	for _, tt := range []struct {
		name         string
		doc          *corpus.Document
		ref, subject string
	}{
		{"labelled line", docOf("Case reference: SIR/FIF/22/014", "Mr B was seen weekly. Mr B attended."), "SIR-FIF-22-014", "Mr B"},
		{"table row", docOf("CI Ref | CI-2022-0104", "Ms. D was on licence; Ms D attended."), "CI-2022-0104", "Ms D"},
		{"reference without digits is none", docOf("Reference: see the guidance", "Person A was on a licence."), "", "Person A"},
		{"body use of the word", docOf("With reference to the 2022 guidance the review was held.", "Nobody named."), "", ""},
		{"the most frequent label", docOf("Mr A, a neighbour, spoke to Mr C.", "Mr C was on licence. Mr C attended."), "", "Mr C"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := caseReference(tt.doc); got != tt.ref {
				t.Errorf("caseReference = %q, want %q", got, tt.ref)
			}
			if got := subjectLabel(tt.doc); got != tt.subject {
				t.Errorf("subjectLabel = %q, want %q", got, tt.subject)
			}
		})
	}
}

func testExtractor(t *testing.T) *Extractor {
	t.Helper()
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// TestKeyDateLayouts: key dates as real forms write them, each date to its
// field.
func TestKeyDateLayouts(t *testing.T) {
	ex := testExtractor(t)
	for _, tt := range []struct {
		name             string
		doc              *corpus.Document
		inc, notif, subm corpus.Date
	}{
		{"one line, middle dots", docOf("Date of incident: 30 October 2019 · Notification: 13 November 2019 · Review submitted: 20 February 2020", body),
			"2019-10-30", "2019-11-13", "2020-02-20"},
		{"one line, bars", docOf("Date of the serious incident | 4-Mar-2021 | Care Inspectorate informed | 11 March 2021", body), "2021-03-04", "2021-03-11", ""},
		{"labels of all kinds", docOf("Incident Date: 30th October 2019", "Date CI notified: 06.11.2019", "Date of submission to the Care Inspectorate: 20/02/20", body),
			"2019-10-30", "2019-11-06", "2020-02-20"},
		{"a table whose first row names the columns", docOf("Date of incident | Date of notification | Date review submitted", "03/05/2022 | 09/05/2022 | 01/08/2022", body),
			"2022-05-03", "2022-05-09", "2022-08-01"},
		{"four cells a row", docOf("Date of incident | 3 May 2022 | Date of notification | 9 May 2022", body), "2022-05-03", "2022-05-09", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := ex.Metadata(tt.doc)
			if m.IncidentDate != tt.inc || m.NotificationDate != tt.notif || m.SubmittedDate != tt.subm {
				t.Errorf("dates = %q %q %q, want %q %q %q", m.IncidentDate, m.NotificationDate, m.SubmittedDate, tt.inc, tt.notif, tt.subm)
			}
		})
	}
}

// TestActions: a learning section's actions and its action plan's rows
// come out with their owners and timescales.
func TestActions(t *testing.T) {
	ex := testExtractor(t)
	secs := []corpus.Section{{Kind: corpus.SectionLearning, Heading: "Action plan", Text: "We recommend that the team leader reviews every case management plan within three months.\n\n" +
		"Review each plan after a change in circumstances | Service manager | by March 2024\n\nThe practitioners were thanked for their candour."}}
	acts := ex.actions(secs, ex.seg.Split)
	if len(acts) != 2 {
		t.Fatalf("actions = %+v, want the recommendation and the plan's row", acts)
	}
	if acts[0].Owner == "" || acts[0].Timescale != "within three months" || acts[1].Owner != "Service manager" || acts[1].Timescale != "by March 2024" {
		t.Errorf("owners and timescales: %+v", acts)
	}
	if acts[1].Text != "Review each plan after a change in circumstances" {
		t.Errorf("the row's action = %q", acts[1].Text)
	}
}
