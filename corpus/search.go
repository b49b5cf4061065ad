package corpus

import "time"

// Filter narrows searches and statistics. Values within a field are ORed,
// fields are ANDed.
type Filter struct {
	Themes        []string
	Authorities   []string
	Sections      []string
	IncidentTypes []string
	Years         []string
	From, To      string // incident date range, YYYY-MM-DD, inclusive
	// Confirmed counts and filters by the themes an inspector confirmed
	// only (accepted, added, or on a review marked checked), instead of the
	// confirmed view (those plus the suggestions not yet rejected).
	Confirmed bool
}

// Query is a full-text search over sections.
type Query struct {
	Text string // words, "phrases", -exclusions, field:value
	Filter
	Size      int
	Offset    int // hits to skip, for paging: sections, or reviews when grouped
	Highlight bool
	NoFacets  bool // skip the facet counts
	// Redacted searches the researcher view only: words match the redacted
	// text, snippets are cut from it, and no source path is returned.
	Redacted bool
	// Group is GroupReview to answer with reviews (each with its best
	// matching sections), counted and paged by review; "" or GroupSection
	// answers with sections.
	Group string
}

// Groupings of search results.
const (
	GroupReview  = "review"
	GroupSection = "section"
)

// SectionsPerReview is how many of a review's matching sections a grouped
// result shows, best first.
const SectionsPerReview = 3

// ReviewHit is one matching review of a grouped search: the review, how
// many of its sections match, and the best of them.
type ReviewHit struct {
	ReviewID     string   `json:"review_id"`
	Title        string   `json:"title"`
	Source       string   `json:"source"`
	Authority    string   `json:"authority"`
	IncidentDate string   `json:"incident_date"`
	IncidentType string   `json:"incident_type"`
	Themes       []string `json:"themes"`
	Score        float64  `json:"score"`
	Matches      int      `json:"matches"` // sections that match
	Sections     []Hit    `json:"sections"`
}

// Hit is one matching section.
type Hit struct {
	ReviewID     string   `json:"review_id"`
	Source       string   `json:"source"`
	Authority    string   `json:"authority"`
	IncidentDate string   `json:"incident_date"`
	IncidentType string   `json:"incident_type"`
	Section      string   `json:"section"`
	Heading      string   `json:"heading"`
	Snippet      string   `json:"snippet"`
	Themes       []string `json:"themes"`
	Score        float64  `json:"score"`
	// Page is the page the section starts on, where the file has pages.
	Page int `json:"page,omitempty"`
}

// FacetValue is one value of a facet with its count.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchResult is a page of hits with facet counts over all matches.
// Grouped by review, Total counts reviews, Reviews holds the page and the
// facets count reviews; by section, Total counts sections, Hits holds the
// page and the facets count sections.
type SearchResult struct {
	Group         string                  `json:"group"`
	Total         int                     `json:"total"`
	TotalSections int                     `json:"total_sections"`
	Hits          []Hit                   `json:"hits"`
	Reviews       []ReviewHit             `json:"reviews,omitempty"`
	Facets        map[string][]FacetValue `json:"facets"`
	Took          time.Duration           `json:"-"`
}

// ThemeRow is one theme's counts: how many reviewed cases raise it (a case
// with a Part One and a Part Two counts once), in how many authorities,
// and the break-down by a dimension.
type ThemeRow struct {
	Theme       string         `json:"theme"`
	Reviews     int            `json:"reviews"`
	Authorities int            `json:"authorities"`
	By          map[string]int `json:"by,omitempty"`
}

// ThemeTable is the recurring-issues view. Its counts are of cases:
// TotalReviews counts the cases with a review, TotalNotifications every
// case (each begins with a notification, and some end there).
type ThemeTable struct {
	TotalReviews       int        `json:"total_reviews"`
	TotalNotifications int        `json:"total_notifications"`
	Unit               string     `json:"unit"` // "case"
	By                 string     `json:"by,omitempty"`
	Columns            []string   `json:"columns,omitempty"`
	Rows               []ThemeRow `json:"rows"`
}

// TimelinessRow counts notifications within five working days and reviews
// within three months for one year or authority, by case: Notifications
// counts every case, Reviews the cases with a review.
type TimelinessRow struct {
	Key                 string  `json:"key"`
	Notifications       int     `json:"notifications"`
	Reviews             int     `json:"reviews"`
	NotificationsKnown  int     `json:"notifications_known"`
	NotificationsOnTime int     `json:"notifications_on_time"`
	NotificationShare   float64 `json:"notification_on_time_share"`
	ReviewsKnown        int     `json:"reviews_known"`
	ReviewsOnTime       int     `json:"reviews_on_time"`
	ReviewShare         float64 `json:"review_on_time_share"`
}

// Limits on queries, shared by the index and the HTTP API.
const (
	MaxQueryLength = 500
	MaxSearchSize  = 100
	// MaxOffset is the most results a search may skip, to page.
	MaxOffset = 10000
)

// SimilarReview is a review like another, with the themes the two share.
type SimilarReview struct {
	ReviewHit
	SharedThemes []string `json:"shared_themes"`
}

// SavedSearch is a search an inspector keeps by name, with the reviews
// indexed since that match it and that nobody has looked at yet.
type SavedSearch struct {
	Name    string    `json:"name"`
	Query   string    `json:"q"`
	Filter  Filter    `json:"filter"`
	Owner   string    `json:"owner,omitempty"`
	Created time.Time `json:"created"`
	New     []Alert   `json:"new,omitempty"`
}

// Alert is a newly indexed review that matches a saved search.
type Alert struct {
	ReviewID  string    `json:"review_id"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	Authority string    `json:"authority"`
	When      time.Time `json:"when"`
}
