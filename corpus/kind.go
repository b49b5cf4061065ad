package corpus

// DocumentKind says which of the serious incident process's documents a
// file is. Since the revised guidance of May 2022 an incident can bring a
// notification, a Part One case review and a Part Two reflective learning
// review; before it one review document was usual, and it is a case review.
type DocumentKind string

// Document kinds.
const (
	KindNotification   DocumentKind = "notification"
	KindCaseReview     DocumentKind = "case_review"
	KindLearningReview DocumentKind = "learning_review"
	// KindNotAReview is a file that is none of them (a data file, a letter):
	// it is refused, never indexed.
	KindNotAReview DocumentKind = "not_a_review"
)

// DocumentKinds lists the kinds a document is indexed as.
func DocumentKinds() []DocumentKind {
	return []DocumentKind{KindNotification, KindCaseReview, KindLearningReview}
}

// IsReview reports whether the kind is a review (Part One or Part Two), not
// a notification.
func (k DocumentKind) IsReview() bool { return k == KindCaseReview || k == KindLearningReview }

// Case is one serious incident: the documents that belong to it and what
// they say together.
type Case struct {
	ID string `json:"id"`
	// Key is what linked the documents: "ref:<reference>", "incident:<authority>|<date>|<subject>",
	// "manual:<id>" when an inspector joined them, or "doc:<id>" for a
	// document linked to nothing.
	Key       string       `json:"key"`
	Reference string       `json:"reference,omitempty"`
	Subject   string       `json:"subject,omitempty"`
	Documents []CaseMember `json:"documents"`
	Metadata  Metadata     `json:"metadata"`
	Themes    []ThemeID    `json:"themes"`
	// Confirmed are the themes an inspector confirmed in any of its reviews.
	Confirmed []ThemeID `json:"confirmed_themes,omitempty"`
	// Strengths are the themes its reviews credit as done well ("good
	// evidence of professional curiosity").
	Strengths []ThemeID      `json:"strength_themes,omitempty"`
	Kinds     []DocumentKind `json:"kinds"`
}

// CaseMember is one document of a case.
type CaseMember struct {
	ID     string       `json:"id"`
	Source string       `json:"source"`
	Kind   DocumentKind `json:"document_kind"`
	Title  string       `json:"title"`
}

// HasReview reports whether the case holds a review, not only a
// notification.
func (c *Case) HasReview() bool {
	for _, k := range c.Kinds {
		if k.IsReview() {
			return true
		}
	}
	return false
}
