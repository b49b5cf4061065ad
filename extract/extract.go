// Package extract turns a document's text blocks into what inspectors
// search by: canonical sections, metadata (authority, dates, incident type,
// order, MAPPA, timeliness) and learning themes with evidence sentences.
// The rules live in a YAML taxonomy, embedded by default and replaceable.
package extract

import (
	"regexp"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// Extractor holds the compiled taxonomy, the sentence model and the
// working-day calendar. It is safe for concurrent use.
type Extractor struct {
	tax       *Taxonomy
	seg       *Segmenter
	cal       *corpus.Calendar
	authNames []corpus.AuthorityName
}

// New returns an Extractor for the taxonomy (nil means the default).
func New(tax *Taxonomy) (*Extractor, error) {
	if tax == nil {
		var err error
		if tax, err = DefaultTaxonomy(); err != nil {
			return nil, err
		}
	}
	seg, err := NewSegmenter()
	if err != nil {
		return nil, err
	}
	return &Extractor{tax: tax, seg: seg, cal: corpus.NewScottishCalendar(), authNames: corpus.AuthorityNames()}, nil
}

// Taxonomy returns the extractor's taxonomy.
func (e *Extractor) Taxonomy() *Taxonomy { return e.tax }

// Segmenter returns the extractor's sentence segmenter.
func (e *Extractor) Segmenter() *Segmenter { return e.seg }

var producerTitleRE = regexp.MustCompile(`(?i)^(microsoft word - |untitled|document\d*$)`)

// Extract reads sections, metadata and themes from a document.
func (e *Extractor) Extract(doc *corpus.Document) *corpus.Review {
	r := &corpus.Review{Source: doc.Source, ID: doc.ID, Format: doc.Format, Pages: doc.Pages}
	r.Title = doc.Title
	if r.Title == "" || producerTitleRE.MatchString(r.Title) {
		r.Title = ""
		for _, b := range doc.Blocks {
			if b.Type == corpus.BlockHeading || b.Type == corpus.BlockParagraph {
				r.Title = truncateWords(b.Text, 20)
				break
			}
		}
	}
	us := e.units(doc)
	r.Authority = e.readAuthority(doc)
	e.readDates(us, &r.Metadata)
	r.IncidentType = e.readIncidentType(us)
	r.Order = e.readOrder(us)
	r.MAPPA = e.readMAPPA(us)
	e.cal.Timeliness(&r.Metadata)
	r.Sections = e.buildSections(doc)
	r.Themes = e.tagThemes(r.Sections)
	if r.Sections == nil {
		r.Sections = []corpus.Section{}
	}
	if r.Themes == nil {
		r.Themes = []corpus.Theme{}
	}
	return r
}

func truncateWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + " …"
}
