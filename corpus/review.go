package corpus

import "time"

// Date is a calendar date written YYYY-MM-DD; the empty string means unknown
// and is encoded as JSON null.
type Date string

// MarshalJSON encodes the empty date as null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return []byte(`"` + string(d) + `"`), nil
}

// UnmarshalJSON accepts null or a string.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = ""
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		*d = Date(s[1 : len(s)-1])
		return nil
	}
	return ErrInvalid
}

// Year returns the four-digit year or "" when the date is unknown.
func (d Date) Year() string {
	if len(d) < 4 {
		return ""
	}
	return string(d[:4])
}

// Incident types.
const (
	IncidentSeriousViolence = "serious_violence"
	IncidentSexualOffence   = "sexual_offence"
	IncidentDeath           = "death"
	IncidentOther           = "other"
)

// IncidentTypes lists the incident type ids.
func IncidentTypes() []string {
	return []string{IncidentSeriousViolence, IncidentSexualOffence, IncidentDeath, IncidentOther}
}

// MAPPA is the Multi-Agency Public Protection Arrangements category (1-3)
// and management level (1-3) of the person, where the review states them.
type MAPPA struct {
	Category int `json:"category,omitempty"`
	Level    int `json:"level,omitempty"`
}

// MAPPAText names a MAPPA status as the facets, exports and reports show
// it: "category 2 level 1", or "none" when not subject to MAPPA.
func MAPPAText(m *MAPPA) string {
	if m == nil {
		return "none"
	}
	return "category " + itoa(m.Category) + " level " + itoa(m.Level)
}

// Polarity says whether evidence raises a theme as a concern or names a
// strength.
type Polarity string

// Polarities.
const (
	Concern  Polarity = "concern"
	Strength Polarity = "strength"
)

// Evidence is one sentence that supports a theme.
type Evidence struct {
	Section  SectionKind `json:"section"`
	Text     string      `json:"text"`
	Polarity Polarity    `json:"polarity"`
	// About is, for a strength, the theme it credits, when one is named
	// ("good evidence of professional curiosity").
	About ThemeID `json:"about,omitempty"`
	// Page is the page the sentence is on, where the format has pages.
	Page int `json:"page,omitempty"`
	// Status, By and At say what an inspector decided: "" a suggestion not
	// yet decided, accepted, added (an inspector's own code) or rejected
	// (in Review.Rejected); by whom and when. Researchers never see them.
	Status string     `json:"status,omitempty"`
	By     string     `json:"by,omitempty"`
	At     *time.Time `json:"at,omitempty"`
}

// Theme is a learning theme raised by a review with its evidence.
type Theme struct {
	ID       ThemeID    `json:"id"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// RejectedEvidence is a suggestion an inspector rejected.
type RejectedEvidence struct {
	Theme ThemeID `json:"theme"`
	Evidence
}

// Section is a canonical section of a review.
type Section struct {
	Kind    SectionKind `json:"kind"`
	Heading string      `json:"heading"` // as written; "" for headingless text
	Text    string      `json:"text"`
	// The researcher view: heading and text with personal details replaced
	// by typed placeholders, made once when the review is indexed.
	RedactedHeading string `json:"redacted_heading,omitempty"`
	RedactedText    string `json:"redacted_text,omitempty"`
	// Page is the page the section starts on, where the format has pages
	// (PDF); PageStarts marks where later pages begin in Text.
	Page       int         `json:"page,omitempty"`
	PageStarts []PageStart `json:"page_starts,omitempty"`
}

// PageStart is where a page begins in a section's text: the byte offset of
// the first paragraph on it.
type PageStart struct {
	Offset int `json:"offset"`
	Page   int `json:"page"`
}

// PageAt returns the page of the byte offset in the section's text, 0 when
// the section has no page numbers.
func (s *Section) PageAt(off int) int {
	p := s.Page
	for _, ps := range s.PageStarts {
		if ps.Offset > off {
			break
		}
		p = ps.Page
	}
	return p
}

// Metadata is what a review says about the incident and its handling.
type Metadata struct {
	Authority        string `json:"authority"`
	IncidentDate     Date   `json:"incident_date"`
	NotificationDate Date   `json:"notification_date"`
	// AwareDate is when the service became aware of the incident, where the
	// document says: the guidance's clock for notification starts there.
	AwareDate     Date   `json:"aware_date,omitempty"`
	SubmittedDate Date   `json:"submitted_date"`
	IncidentType  string `json:"incident_type"`
	Order         string `json:"order"`
	MAPPA         *MAPPA `json:"mappa"`
	// NotificationWorkingDays counts Scottish working days from the incident
	// to the notification; nil when either date is unknown.
	NotificationWorkingDays *int  `json:"notification_working_days"`
	NotificationOnTime      *bool `json:"notification_on_time"`
	ReviewOnTime            *bool `json:"review_on_time"`
}

// Review is one extracted serious incident review: the output contract of
// `sirlearn extract` and the unit the index stores.
type Review struct {
	Source string `json:"source"`
	ID     string `json:"id"`
	Format Format `json:"format"`
	Pages  int    `json:"pages,omitempty"`
	// OCRPages are the pages read by OCR from scanned images.
	OCRPages []int  `json:"ocr_pages,omitempty"`
	Title    string `json:"title"`
	// DocumentKind says which document of the process this is; KindReason
	// says what showed it.
	DocumentKind DocumentKind `json:"document_kind"`
	KindReason   string       `json:"kind_reason,omitempty"`
	// CaseReference is the incident's reference where the document carries
	// one; Subject is the anonymised label of the person ("Mr B").
	CaseReference string `json:"case_reference,omitempty"`
	Subject       string `json:"subject,omitempty"`
	// Case is the id of the case the index linked the document to;
	// CaseManual says an inspector set it by hand, so that it holds.
	Case       string `json:"case,omitempty"`
	CaseManual bool   `json:"case_manual,omitempty"`
	// RedactedTitle is the title in the researcher view.
	RedactedTitle string `json:"redacted_title,omitempty"`
	Metadata
	Sections []Section `json:"sections"`
	// Themes is the confirmed view: the tagger's suggestions not rejected,
	// and the inspectors' own codes.
	Themes []Theme `json:"themes"`
	// Rejected are the suggestions an inspector rejected; Checked says who
	// checked the review's coding; Orphans are decisions whose sentence the
	// review no longer holds (the file or the taxonomy changed): reported,
	// not dropped.
	Rejected []RejectedEvidence `json:"rejected,omitempty"`
	// Actions are the recommendations and actions the review sets.
	Actions []Action   `json:"actions,omitempty"`
	Checked *Checked   `json:"checked,omitempty"`
	Orphans []Decision `json:"orphan_decisions,omitempty"`
	// Redaction names the redaction rules the researcher view was made
	// with; "" when it has not been made. A review made with other rules is
	// redacted again.
	Redaction string `json:"redaction,omitempty"`
	// Extraction names the extraction code and taxonomy the review was
	// extracted with (Extractor.Fingerprint); "" for reviews stored before
	// it was recorded. A review extracted otherwise is tagged again.
	Extraction string `json:"extraction,omitempty"`
}
