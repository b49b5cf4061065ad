// Package extract turns a document's text blocks into what inspectors
// search by: canonical sections, metadata (authority, dates, incident type,
// order, MAPPA, timeliness) and learning themes with evidence sentences.
// The rules live in a YAML taxonomy, embedded by default and replaceable.
package extract

import (
	"fmt"
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
	// authLits finds which authority names occur in a text in one pass;
	// authIDs[i] is the id of " " + authNames[i].Folded + " " in it.
	authLits *litMatcher
	authIDs  []int32
	// learned is the model read beside the rules (nil: rules only).
	learned *learned
}

// newAuthorityMatcher returns the matcher of authority names and each
// name's literal id (names that fold alike share one).
func newAuthorityMatcher(names []corpus.AuthorityName) (*litMatcher, []int32) {
	m := newLitMatcher()
	ids := make([]int32, len(names))
	for i, n := range names {
		ids[i] = m.add(" " + n.Folded + " ")
	}
	m.build()
	return m, ids
}

// New returns an Extractor for the taxonomy (nil means the default).
func New(tax *Taxonomy) (*Extractor, error) {
	// The sentence model, the learned model and the taxonomy take a few
	// milliseconds each to load: side by side, a one-file command starts
	// sooner.
	segOf := inBackground(NewSegmenter)
	modelOf := inBackground(learnedOf)
	var terr error
	if tax == nil {
		tax, terr = DefaultTaxonomy()
	}
	seg, serr := segOf()
	l, lerr := modelOf()
	switch {
	case terr != nil:
		return nil, terr
	case serr != nil:
		return nil, fmt.Errorf("sentence model: %w", serr)
	case lerr != nil:
		return nil, lerr
	}
	names := corpus.AuthorityNames()
	lits, ids := newAuthorityMatcher(names)
	return &Extractor{tax: tax, seg: seg, cal: corpus.NewScottishCalendar(), authNames: names, authLits: lits, authIDs: ids, learned: l.under(tax)}, nil
}

// inBackground starts load and returns a function that waits for its
// result.
func inBackground[T any](load func() (T, error)) func() (T, error) {
	type result struct {
		v   T
		err error
	}
	c := make(chan result, 1)
	go func() {
		v, err := load()
		c <- result{v, err}
	}()
	return func() (T, error) {
		r := <-c
		return r.v, r.err
	}
}

// ExtractorRules names the version of the extraction code; change it with
// any change to how sections, metadata or themes are found, so that stored
// reviews are extracted again.
const ExtractorRules = "45" // 2: the shared evaluation layer; 3: document kinds, pages; 4: actions; 5: coordinated concepts; 6: numbered statements are no headings; 7: label lines above lists; 8: leading contrast clauses, delays inside negations, negated theme strengths; 9: decisions not to act, negations scope rightwards, elliptic "and did not"; 10: labelled findings, omissions name their object, pointing back judges the referent; 11: negations judge what follows their last word, a second act in their scope, literal negation scanner; 12: active and passive negations, person pointers, professional curiosity needs an account; 13: table cells as clauses, review remarks, implied findings; 31: new negated subjects after "and", gerund and preposition joins, low rates, turnarounds; 32: independent negations do not cancel, folded spellings, passives with "being"; 33: "the lack of" as a finding, reviewers as "they", quantified subjects, "the need for" in every finding section, clauses after ", and" with a number; 34: a finding with no concept is about the topic it names before its judging words; 35: words of deficiency qualifying a concept, negated praise, "and" between two judged main clauses, improvement as a strength; 36: a predicate of deficiency after a copula judges its subject's head, staff as subject after "they found", "no evidence that" denies a word of deficiency; 37: what a finding's cause harmed ("shortages undermined the work to protect victims"), "this intelligence" as the object of a denied act points back; 38: a share closing a clause judges its subject, a share of plans or assessments judges them, what a phrase of delay holds is what was late; 39: a mention wholly inside another theme's longer one names nothing of its own ("visits to the home address"), appointments missed told as events of the chronology are no finding; 40: a negated verb of measure ("did not match the level of risk") makes what follows it the standard, unless it is an area of need; a missing referral or assessment after "without" judges practice whoever the subject is; 41: a negation before "to suggest that" reaches the end of its clause, nothing found to suggest what the person did is no finding, measures of caseload against a recommended level, levels of MAPPA below the threshold met; 42: "on the day of release" is late only after an act that came then, arrangements that were thorough and conditions tailored to the risks are strengths, what cannot be said or was not yet due asserts nothing; 43: spans of weeks before or until an act are delays, contact seen once or twice in months or for minutes, plain-word strengths (in advance, a clear and balanced account, persevered), named groups are programmes, handovers that were a brief call; 44: "not due" asserts nothing only of a review or renewal, "whose address" and other determiners name an address; 45: a learned model of findings beside the rules (a concern the rules missed where the evaluation layer judged the sentence wanting), "took no account of", headings of what was done well

// Fingerprint names what a review extracted now would be extracted with:
// the extraction code's version and the taxonomy's text. A stored review
// with another fingerprint is out of date.
func (e *Extractor) Fingerprint() string {
	fp := ExtractorRules + ":" + e.tax.fingerprint
	if e.learned != nil {
		fp += ":" + e.learned.fingerprint
	}
	return fp
}

// Retag tags the review's stored sections again under the current
// taxonomy and records the fingerprint.
func (e *Extractor) Retag(r *corpus.Review) {
	r.Themes = e.Themes(r.Sections)
	r.Actions = e.actions(r.Sections, e.seg.Split)
	r.Extraction = e.Fingerprint()
}

// Taxonomy returns the extractor's taxonomy.
func (e *Extractor) Taxonomy() *Taxonomy { return e.tax }

// Segmenter returns the extractor's sentence segmenter.
func (e *Extractor) Segmenter() *Segmenter { return e.seg }

var producerTitleRE = lazyRE(`(?i)^(microsoft word - |untitled|document\d*$)`)

// markingRE matches a line that is only a protective marking (the
// government security classification printed at the top of each page), or
// a page number: neither is a title.
var markingRE = lazyRE(`(?i)^\W*((not )?protectively marked|official([ -:]+(sensitive|personal|restricted))*|protect([ -:]+(personal|staff))*|restricted|confidential|secret|page \d+( of \d+)?|\d+)\W*$`)

// Extract reads sections, metadata and themes from a document.
func (e *Extractor) Extract(doc *corpus.Document) *corpus.Review {
	r := &corpus.Review{Source: doc.Source, ID: doc.ID, Format: doc.Format, Pages: doc.Pages, OCRPages: doc.OCRPages}
	r.Title = doc.Title
	if r.Title == "" || producerTitleRE.get().MatchString(r.Title) || markingRE.get().MatchString(r.Title) {
		r.Title = ""
		for _, b := range doc.Blocks {
			if markingRE.get().MatchString(strings.TrimSpace(b.Text)) {
				continue
			}
			if b.Type == corpus.BlockHeading || b.Type == corpus.BlockParagraph {
				r.Title = truncateWords(b.Text, 20)
				break
			}
		}
	}
	// Metadata and themes read the same paragraphs: split each once.
	split := e.memoSplit()
	r.Metadata = e.metadata(doc, split)
	r.Sections = e.Sections(doc)
	r.DocumentKind, r.KindReason = e.documentKind(doc, mappedSections(r.Sections))
	r.CaseReference = caseReference(doc)
	r.Subject = subjectLabel(doc)
	r.Themes = e.tagThemes(r.Sections, split)
	r.Actions = e.actions(r.Sections, split)
	r.Extraction = e.Fingerprint()
	if r.Sections == nil {
		r.Sections = []corpus.Section{}
	}
	if r.Themes == nil {
		r.Themes = []corpus.Theme{}
	}
	return r
}

// Metadata reads the authority, dates, incident type, order and MAPPA
// status of a document and derives the timeliness figures.
func (e *Extractor) Metadata(doc *corpus.Document) corpus.Metadata {
	return e.metadata(doc, e.seg.Split)
}

// memoSplit returns a sentence splitter that remembers its answers.
func (e *Extractor) memoSplit() func(string) []string {
	memo := map[string][]string{}
	return func(s string) []string {
		if v, ok := memo[s]; ok {
			return v
		}
		v := e.seg.Split(s)
		memo[s] = v
		return v
	}
}

func (e *Extractor) metadata(doc *corpus.Document, split func(string) []string) corpus.Metadata {
	var m corpus.Metadata
	us := e.units(doc, split)
	m.Authority = e.readAuthority(doc)
	e.readDates(us, &m)
	m.IncidentType = e.readIncidentType(us)
	m.Order = e.readOrder(us)
	m.MAPPA = e.readMAPPA(us)
	e.cal.Timeliness(&m)
	return m
}

// Sections splits a document into canonical sections.
func (e *Extractor) Sections(doc *corpus.Document) []corpus.Section {
	return e.buildSections(doc)
}

// Themes tags the sentences of the sections and returns the raised themes.
func (e *Extractor) Themes(sections []corpus.Section) []corpus.Theme {
	return e.tagThemes(sections, e.seg.Split)
}

// mappedSections counts the sections with a heading of a review section.
func mappedSections(secs []corpus.Section) int {
	n := 0
	for _, s := range secs {
		if s.Heading != "" && s.Kind != corpus.SectionOther {
			n++
		}
	}
	return n
}

func truncateWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + " …"
}
