package extract

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/sirlearn/sirlearn/corpus"
)

// Segmenter splits text into sentences with the Punkt model that
// github.com/jdkato/prose/v2 uses (its English training data), built once:
// prose.NewDocument rebuilds the model on every call, which costs about
// 11 ms per review against 0.5 ms for the shared tokenizer.
type Segmenter struct {
	tok *sentences.DefaultSentenceTokenizer
}

// NewSegmenter loads the English sentence model.
func NewSegmenter() (*Segmenter, error) {
	training, err := englishTraining()
	if err != nil {
		return nil, err
	}
	t, err := english.NewSentenceTokenizer(training)
	if err != nil {
		return nil, err
	}
	return &Segmenter{tok: t}, nil
}

// Split returns the sentences of text, trimmed. A "sentence" longer than
// maxSentence (a table or a list read without stops) is cut into pieces
// of at most that length, at a comma, a semicolon or a space, so that the
// work on each stays bounded whatever the document.
func (s *Segmenter) Split(text string) []string {
	var out []string
	for _, sent := range s.tok.Tokenize(text) {
		t := strings.TrimSpace(sent.Text)
		for len(t) > maxSentence {
			cut := sentenceCut(t)
			out = append(out, strings.TrimSpace(t[:cut]))
			t = strings.TrimSpace(t[cut:])
		}
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// maxSentence is the longest sentence the tagger reads whole, in bytes:
// real sentences in reviews are well under it.
const maxSentence = 1200

// sentenceCut returns where to cut a sentence longer than maxSentence:
// after the last semicolon or comma in its final quarter before the limit,
// else at the last space, else at the limit (at a rune boundary).
func sentenceCut(t string) int {
	head := t[:maxSentence]
	if i := strings.LastIndexAny(head, ";,"); i >= maxSentence*3/4 {
		return i + 1
	}
	if i := strings.LastIndexByte(head, ' '); i > 0 {
		return i + 1
	}
	cut := maxSentence
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	if cut == 0 {
		cut = maxSentence
	}
	return cut
}

// normaliseForMatch lower-cases and folds curly quotes and dashes so cues
// written in plain ASCII match.
func normaliseForMatch(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ToLower(matchFolder.Replace(s))
		}
	}
	return strings.ToLower(s)
}

// matchFolder is read-only after initialisation.
var matchFolder = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ")

// sentenceHit is what the tagger decided about one sentence.
type sentenceHit struct {
	theme    corpus.ThemeID
	polarity corpus.Polarity
	weight   float64
	about    corpus.ThemeID // for a strength: the theme it is about, if known
}

// negatedBefore reports a negation word in the few words before pos, in
// its clause: in "he could not read, yet every letter was sent", the
// negation is not the letter's.
func (t *Taxonomy) negatedBefore(s string, pos int) bool {
	return t.negation.MatchString(s[negationWindow(s, pos):pos])
}

// negationWindow returns where the few words before pos that a negation
// may stand in begin: at most 28 bytes back, and not before the last
// punctuation mark.
func negationWindow(s string, pos int) int {
	start := max(pos-28, 0)
	if i := strings.LastIndexAny(s[start:pos], ",;:."); i >= 0 {
		start += i + 1
	}
	return start
}

// holdsStrength reports whether a clause states one of the strengths, not
// negated: "not completed within the required timescale" is no strength.
func (t *Taxonomy) holdsStrength(strengths []cue, c string, bits []uint64) bool {
	for _, loc := range allMatches(strengths, c, bits) {
		if !t.negatedBefore(c, loc[0]) {
			return true
		}
	}
	return false
}

var passiveNegRE = lazyRE(`^\s*(\w+\s+){0,2}(was|were|had|has|have|is|are)\s+(not|never)\s+(been\s+)?(undertaken|carried out|made|completed|arranged|offered|provided|in place|put in place|considered|done|held|used|given|secured|applied|available|requested|sought|pursued|started|delivered|kept|maintained|updated|recorded)\b`)

// negatedNear reports a negation just before the match ("no home visit",
// "without a safety plan") or a negated verb just after it ("home visits
// were not undertaken").
//
// A negation of another act between them denies that act, not the absent
// thing: "did not record the home visit" says nothing of the visit.
func (t *Taxonomy) negatedNear(s string, start, end int) bool {
	from := max(start-20, 0)
	if m := t.negation.FindAllStringIndex(s[from:start]); len(m) > 0 {
		if !otherActRE.get().MatchString(s[from+m[len(m)-1][1]-1 : start]) {
			return true
		}
	}
	return passiveNegRE.get().MatchString(s[end:])
}

// findingLabelRE finds a sentence labelled as a finding.
var findingLabelRE = lazyRE(`^\W*(\d+(\.\d+)*[.)]?\s+)?(key )?(findings?|issues?|concerns?|learning points?|area for (improvement|development)|gaps?)(\s+\d+(\.\d+)*)?\s*[:\-–]`)

// otherActRE finds a verb of recording or telling, whose negation denies
// the telling, not what is told of.
var otherActRE = lazyRE(`\b(record(ed|ing)?|document(ed)?|mention(ed)?|note[ds]?|report(ed)?|discuss(ed)?|share[ds]?|tell|told|inform(ed)?|comment(ed)?|refer to|include[ds]?)\b`)

// classifySentence returns the themes one sentence of a section of the
// given kind raises or credits.
//
// Two layers decide. Each theme's own cues match the whole sentence (a
// topic, then a concern or a negated absence). The shared evaluation layer
// judges each clause: a theme's concept in a deficient clause raises the
// theme, in a strong one credits good practice about it. A strength
// (a strength marker, or the evaluation layer's strength words) silences a
// theme's own concern only within its clause, and only when the clause is
// not also judged deficient ("serious concerns about how effective the
// plan was" stays a concern).
func (t *Taxonomy) classifySentence(sent string, kind corpus.SectionKind) []sentenceHit {
	return t.classifyAfter(sent, "", kind)
}

// classifyAfter is classifySentence for a sentence that follows prev in its
// paragraph: a clause that points back ("this was not explored further")
// takes the theme prev named last.
func (t *Taxonomy) classifyAfter(sent, prev string, kind corpus.SectionKind) []sentenceHit {
	return t.classifyUnder(sent, prev, kind, sectionHeading{})
}

// sectionHeading is what a sentence's section heading says: the topic it
// names (lower-cased), and whether it says that what follows went well.
type sectionHeading struct {
	topic   string
	praised bool
}

// headingOf returns what a heading says.
func headingOf(h string) sectionHeading {
	return sectionHeading{topic: normaliseForMatch(h), praised: praisedHeading(h)}
}

// classifyUnder is classifyAfter under a section heading. Where the
// heading says that what follows went well ("What went well", "Areas of
// good practice"), a sentence about practice that judges nothing amiss is
// a strength, whether or not it has a word of praise. A finding that names
// no theme of its own is about the topic its heading names: under
// "Communication needs", "his understanding of his conditions was never
// checked" is about equality and diversity.
func (t *Taxonomy) classifyUnder(sent, prev string, kind corpus.SectionKind, head sectionHeading) []sentenceHit {
	hits, _ := t.classifyJudged(sent, prev, kind, head)
	return hits
}

// verdict is what the evaluation layer found of a sentence, whatever
// themes it named: practice judged wanting or late, or a recommendation.
type verdict struct {
	wanting bool
}

// classifyJudged is classifyUnder that also returns the sentence's verdict.
func (t *Taxonomy) classifyJudged(sent, prev string, kind corpus.SectionKind, head sectionHeading) ([]sentenceHit, verdict) {
	praised := head.praised
	// Phrases that judge nothing ("no concerns were raised", "he told
	// her that he had no contact with children") are blanked for every
	// cue, not only for the evaluation layer.
	s := sentenceForm(sent)
	// A question ("Were there missed opportunities?") asks, it finds
	// nothing: the answer that follows it does.
	if strings.HasSuffix(strings.TrimRight(s, " \t\"')"), "?") {
		return nil, verdict{}
	}
	// "Finding: ..." is a finding wherever the layout put it: a review
	// without headings has its sections guessed from their words.
	if (kind == corpus.SectionBackground || kind == corpus.SectionOther) && findingLabelRE.get().MatchString(s) {
		kind = corpus.SectionAnalysis
	}
	var hits []sentenceHit
	var small [16]uint64
	bits := bitsIn(small[:], t.lits.words())
	t.lits.scan(s, bits)
	// Blanking only removes literals: the bits stay a superset.
	s = t.blankCancels(s, bits)
	cls := clauses(s)
	judged := make([]judgement, len(cls))
	for i, c := range cls {
		judged[i] = t.judge(s[c.start:c.end], bits, kind)
	}
	cls, judged = t.splitJudged(s, cls, judged, bits, kind)
	var v verdict
	for _, j := range judged {
		v.wanting = v.wanting || j.deficient || j.delayed || j.recommends
	}
	clauseOf := func(pos int) int {
		for i, c := range cls {
			if pos < c.end {
				return i
			}
		}
		return len(cls) - 1
	}
	// A strength marker counts in a clause not judged deficient.
	strongClause := make([]bool, len(cls))
	strength := false
	for _, re := range t.strengths {
		if !re.maybeIn(bits) {
			continue
		}
		for _, loc := range re.findAll(s, -1) {
			// "Staff need the time and support to make effective
			// decisions": what a recommendation asks for praises nothing.
			if k := clauseOf(loc[0]); !t.negatedBefore(s, loc[0]) && !judged[k].deficient && !judged[k].recommends {
				strength, strongClause[k] = true, true
			}
		}
	}
	for i := range judged {
		strongClause[i] = strongClause[i] || judged[i].strong
		// Practice judged well is good practice, whether or not the
		// clause names a theme ("partnership working was strong").
		strength = strength || judged[i].strong && judged[i].practice
	}
	raised := map[corpus.ThemeID]bool{}
	explained := make([]bool, len(cls)) // clauses a theme's own cue explained
	used := make([][][2]int, len(cls))  // where in each clause those cues matched
	for i := range t.themes {
		th := &t.themes[i]
		if th.id == corpus.ThemeGoodPractice {
			continue
		}
		// A theme none of whose own cues can match (by their literals)
		// raises nothing here: skip its topic and exclusion patterns.
		if !th.ownMaybe(bits) {
			continue
		}
		if len(th.topics) > 0 && !anyMatchIn(th.topics, s, bits) || anyMatchIn(th.excludes, s, bits) {
			continue
		}
		concern := 0.0
		for _, re := range th.concerns {
			if !re.maybeIn(bits) {
				continue
			}
			loc := re.find(s)
			if loc == nil {
				continue
			}
			// "no delay", "was not late": a negated concern is none.
			if t.negatedBefore(s, loc[0]) && !t.negation.MatchString(s[loc[0]:loc[1]]) {
				continue
			}
			if k := clauseOf(loc[0]); strongClause[k] || t.holdsStrength(th.strengths, s[cls[k].start:cls[k].end], bits) {
				continue // a strength of the theme, not a concern
			}
			if k := clauseOf(loc[0]); noEvidenceThatRE.get().MatchString(s[cls[k].start:loc[0]]) {
				continue // "no evidence that the plan was not reviewed" finds nothing wanting
			}
			if k := clauseOf(loc[0]); thirdPartyAct(s, cls[k].start, loc[0]) {
				continue // "his mother did not attend": someone else's act
			}
			if k := clauseOf(loc[0]); kind == corpus.SectionBackground && !judged[k].practice && historyRE.get().MatchString(s[cls[k].start:cls[k].end]) {
				continue // history told as history: "a long history of drinking and had been homeless on several occasions"
			}
			if k := clauseOf(loc[0]); th.person && t.personFact(s[cls[k].start:cls[k].end], s[loc[0]:loc[1]], judged, kind, bits) {
				continue // "He missed three appointments in May": the chronology, not a finding
			}
			if k := clauseOf(loc[0]); len(th.topics) > 0 && (len(cls) > 1 || loc[1] < cls[k].end && relativeRE.get().MatchString(s[loc[1]:cls[k].end])) && !anyMatchIn(th.topics, s[topicFrom(s, cls, k):topicEnd(s, loc[1], cls[k].end)], bits) {
				continue // the topic is in another clause, or only in a relative clause after the cue
			}
			concern = 0.75
			k := clauseOf(loc[0])
			explained[k] = true
			used[k] = append(used[k], [2]int{loc[0] - cls[k].start, loc[1] - cls[k].start})
			break
		}
		if concern == 0 {
			for _, re := range th.absences {
				if !re.maybeIn(bits) {
					continue
				}
				if loc := re.find(s); loc != nil && t.negatedNear(s, loc[0], loc[1]) && !strongClause[clauseOf(loc[0])] {
					concern = 0.65
					k := clauseOf(loc[0])
					explained[k] = true
					// The negation negatedNear found is before or after it.
					used[k] = append(used[k], [2]int{loc[0] - cls[k].start - absenceReach, loc[1] - cls[k].start + absenceReach})
					break
				}
			}
		}
		if concern > 0 {
			hits = append(hits, sentenceHit{theme: th.id, polarity: corpus.Concern, weight: concern})
			raised[th.id] = true
		}
	}
	// The sentence before, read as this one is, when first needed.
	var prevS string
	prevDone := false
	prevForm := func() string {
		if !prevDone {
			prevS, prevDone = sentenceForm(prev), true
		}
		return prevS
	}
	// The evaluation layer, clause by clause.
	var about []corpus.ThemeID
	// carry raises a theme named in an earlier clause or sentence, as
	// weaker evidence.
	carry := func(id corpus.ThemeID, ok bool) {
		if ok && !raised[id] {
			hits = append(hits, sentenceHit{theme: id, polarity: corpus.Concern, weight: 0.5})
			raised[id] = true
		}
	}
	for i, c := range cls {
		h, ab := t.composed(s[c.start:c.end], len(cls) > 1, bits, judged[i], kind, raised, explained[i], used[i])
		// "No contact was made with her" after naming his partner is about
		// her, not about contact with the supervised person; "no
		// consideration was given to the risk he posed to them" after
		// naming the children is about them, not about the assessment.
		pctx := s[:c.start]
		if i == 0 {
			pctx = prevForm()
		}
		if j := judged[i]; j.deficient {
			if id, instead, ok := t.personObject(s[c.start:c.end], pctx, j, kind); ok {
				// "She was not asked about domestic abuse": asking his
				// partner about abuse is the practice of domestic abuse
				// enquiry, not only a finding about her.
				keepDA := instead == anyTheme && t.namesTheme(corpus.ThemeDomesticAbuse, s[c.start:c.end], bits)
				not := func(x sentenceHit) bool {
					if keepDA && x.theme == corpus.ThemeDomesticAbuse {
						return false
					}
					if x.theme == instead || instead == anyTheme && x.polarity == corpus.Concern {
						delete(raised, x.theme)
						return true
					}
					return false
				}
				h = slices.DeleteFunc(h, not)
				if instead == corpus.ThemeContactSupervision {
					// Contact's own cues judge the whole sentence.
					hits = slices.DeleteFunc(hits, not)
				}
				if !raised[id] && !keepDA {
					h = append(h, sentenceHit{theme: id, polarity: corpus.Concern, weight: 0.6})
					raised[id] = true
				}
			}
		}
		hits = append(hits, h...)
		// A deficient clause that points back raises the theme named last
		// before it: in the clause before, or in the sentence before. So
		// does one that names nothing itself after an earlier clause of its
		// sentence ("enquiries were requested, but the response was never
		// chased"), unless a theme's own cue explained it. A clause that
		// points back judges what it points to, whatever else it names:
		// "it was not updated when he was evicted" is about the plan.
		ctx := s[:c.start]
		if i == 0 {
			ctx = prevForm()
		}
		cl := s[c.start:c.end]
		if j := judged[i]; ctx != "" && (j.deficient || j.delayed) && (pointsBack(cl) || itSubject(cl) || len(h) == 0 && i > 0 && !explained[i] && !t.namesAny(cl, bits)) {
			if personBackRE.get().MatchString(cl) {
				// "Her concerns were not acted on" after a nurse: no
				// person of a theme named, the referent is what was.
				if id, ok := t.lastPersonNamed(ctx, j, kind); ok {
					carry(id, ok)
				} else {
					carry(t.lastNamed(ctx, j, kind))
				}
			} else if itSubject(cl) {
				// A sentence or clause opening with "it" goes on about the
				// subject before: "The plan set out objectives around
				// thinking skills. It did not address his use of weapons"
				// is about the plan, and so is "the plan was written on
				// time, but it listed one programme as the only
				// intervention".
				carry(t.subjectNamed(ctx, j, kind))
			} else {
				// "His heroin use and his low mood were recorded, but
				// neither was addressed": a referent of coordinated
				// concepts carries them all.
				id, ok := t.lastNamed(ctx, j, kind)
				// "Constructs was recommended in the report, but no
				// referral was made": what was recommended is what was
				// not done, not where it was recommended.
				if recommendedRE.get().MatchString(ctx) {
					if sid, sok := t.subjectNamed(ctx, j, kind); sok {
						id, ok = sid, sok
					}
				}
				// "The prison did not share the outcome of the programme,
				// and the community team did not ask for it": what was
				// not asked for is what was not passed on.
				if ok && t.sharingRaised(raised) && askedForRE.get().MatchString(cl) {
					ok = false
				}
				carry(id, ok)
				if ok && pluralBackRE.get().MatchString(cl) {
					for _, other := range t.coordinatedWith(ctx, id, j, kind) {
						carry(other, true)
					}
				}
			}
		}
		// "Alcohol misuse was recognised, but nothing was offered to
		// address the problem": a clause judging "the problem" or "these
		// needs" is about the area of need named before it.
		if j := judged[i]; ctx != "" && j.deficient && needBackRE.get().MatchString(cl) {
			carry(t.namedAmong(ctx, j, kind, false, t.needThemes()))
		}
		// "Mr R said he was no longer hearing voices. This was accepted":
		// an account accepted, pointing back to what the person said, is
		// a finding of professional curiosity.
		if !raised[corpus.ThemeProfessionalCuriosity] && acceptedBackRE.get().MatchString(cl) && selfReportRE.get().MatchString(ctx) {
			carry(corpus.ThemeProfessionalCuriosity, true)
		}
		// "Police call-out information was requested, but the response
		// was never chased": what was not chased is the agency's
		// information.
		if j := judged[i]; i > 0 && j.deficient && !raised[corpus.ThemeInformationSharing] && chaseRE.get().MatchString(cl) && agencyInfo(s[cls[i-1].start:cls[i-1].end]) {
			carry(corpus.ThemeInformationSharing, true)
		}
		// A deficient clause with no subject of its own judges the subject
		// of the clause before it.
		if j := judged[i]; i > 0 && (j.deficient || j.delayed) && ellipsisRE.get().MatchString(cl) {
			carry(t.subjectNamed(s[cls[i-1].start:cls[i-1].end], j, kind))
		}
		about = append(about, ab...)
	}
	// "No DSDAS application was made, although police held information on
	// two previous partners": a finding beside what an agency held is a
	// finding about sharing it too.
	if len(hits) > 0 && !raised[corpus.ThemeInformationSharing] && strings.Contains(s, " held") && agencyHeldRE.get().MatchString(s) {
		for _, h := range hits {
			if h.polarity == corpus.Concern {
				carry(corpus.ThemeInformationSharing, true)
				break
			}
		}
	}
	// "Information received from the police and children's services": an
	// agency named only as where information comes from or goes to is a
	// partner in sharing it, not a finding about safeguarding children.
	if raised[corpus.ThemeChildProtection] && strings.Contains(s, "children") && t.agencyOnlyChildren(s, bits) {
		hits = slices.DeleteFunc(hits, func(x sentenceHit) bool {
			return x.theme == corpus.ThemeChildProtection && x.polarity == corpus.Concern
		})
		delete(raised, corpus.ThemeChildProtection)
		carry(corpus.ThemeInformationSharing, true)
	}
	// Contact changed under the pandemic's rules ("under the exceptional
	// delivery model, doorstep visits replaced home visits", "during
	// Covid-19 supervision was carried out by phone") is the pandemic's
	// impact, not a finding about contact.
	if raised[corpus.ThemeContactSupervision] && t.namesTheme(corpus.ThemePandemicImpact, s, bits) {
		hits = slices.DeleteFunc(hits, func(x sentenceHit) bool {
			return x.theme == corpus.ThemeContactSupervision && x.polarity == corpus.Concern
		})
		delete(raised, corpus.ThemeContactSupervision)
		carry(corpus.ThemePandemicImpact, true)
	}
	if len(hits) == 0 && head.topic != "" {
		for _, j := range judged {
			if (j.deficient || j.delayed) && !j.person {
				// A question heading is about its subject: "Were the
				// interventions in the plan delivered?" is about the
				// interventions.
				if strings.HasSuffix(strings.TrimSpace(head.topic), "?") {
					carry(t.subjectNamed(head.topic, j, kind))
				} else {
					carry(t.lastNamed(head.topic, j, kind))
				}
				break
			}
		}
	}
	// A finding that raised nothing, named no concept of any theme and
	// praises nothing is about the theme whose topic it names first: a
	// theme's topics say what its sentences are about, and a clause judged
	// deficient or late that names one is a finding about it, in words
	// the concepts do not hold. Only where findings are told.
	if len(hits) == 0 && !strength && len(about) == 0 && generalKind(kind) && kind != corpus.SectionSummary {
		for i, c := range cls {
			if j := judged[i]; (j.deficient || j.delayed) && !j.person {
				// The topic is what is judged when it comes before the
				// judging words: in "the analysis was superficial", not in
				// "no one could have predicted it from the information".
				end := c.end - c.start
				if len(j.triggers) > 0 {
					end = min(end, slices.Min(j.triggers))
				}
				if id, ok := t.firstTopic(s[c.start:c.start+end], s, bits); ok {
					hits = append(hits, sentenceHit{theme: id, polarity: corpus.Concern, weight: topicWeight})
					raised[id] = true
				}
			}
		}
	}
	if praised && !strength && len(about) == 0 && len(hits) == 0 && t.praisable(s, judged, kind, bits) {
		strength = true
		if id, ok := t.subjectNamed(s, judgement{deficient: true}, kind); ok {
			about = append(about, id)
		}
	}
	if strength || len(about) > 0 {
		h := sentenceHit{theme: corpus.ThemeGoodPractice, polarity: corpus.Strength, weight: 0.75}
		if len(about) > 0 {
			h.about = about[0]
		}
		hits = append(hits, h)
	}
	return hits, v
}

// blankCancels replaces the phrases of the cancel list, and what the
// supervised person is reported to have said, with spaces.
func (t *Taxonomy) blankCancels(s string, bits []uint64) string {
	for _, cu := range t.eval.cancel {
		if !cu.maybeIn(bits) {
			continue
		}
		for _, loc := range cu.findAll(s, -1) {
			s = blank(s, loc[0], loc[1])
		}
	}
	return blankReported(s)
}

func blank(s string, from, to int) string {
	return s[:from] + strings.Repeat(" ", to-from) + s[to:]
}

// reportedRE finds what someone was told, or he said, about himself:
// "children's services were told that he had no contact with children",
// "he assured his worker that he was not drinking". Group 1 is the verb,
// group 2 what was said.
var reportedRE = lazyRE(`\b(told|informed|assured|reassured|advised|said|stated|claimed|insisted|maintained)\b(?: [\w']+){0,3}? that ((?:he|she) [^,;]*)`)

// blankReported blanks what the supervised person is reported to have said
// about himself: a claim judges nothing. What someone was not told ("were
// not informed that he had moved in with a woman") is what should have
// been shared, and stays; so does what follows a coordinator ("told that
// he had relapsed, but did not act").
func blankReported(s string) string {
	if !strings.Contains(s, " that he ") && !strings.Contains(s, " that she ") {
		return s
	}
	for _, m := range reportedRE.get().FindAllStringSubmatchIndex(s, -1) {
		before := s[max(0, m[2]-12):m[2]]
		if strings.Contains(before, "not ") || strings.Contains(before, "never ") || strings.Contains(before, "n't ") {
			continue
		}
		// "The team leader told the review that she had not discussed
		// him": what a professional told the review is evidence about
		// practice, not what the person said of himself.
		if to := s[m[2]:m[4]]; strings.Contains(to, "review") || strings.Contains(to, "panel") || strings.Contains(to, "inspector") || strings.Contains(to, " us ") || strings.Contains(to, "author") {
			continue
		}
		end := m[5]
		for _, stop := range []string{" but ", " and ", " yet ", " however", " although ", " though "} {
			if k := strings.Index(s[m[4]:end], stop); k >= 0 {
				end = m[4] + k
			}
		}
		s = blank(s, m[4], end)
	}
	return s
}

// namesTheme reports whether s names one of the theme's concepts.
func (t *Taxonomy) namesTheme(id corpus.ThemeID, s string, bits []uint64) bool {
	for i := range t.themes {
		if t.themes[i].id == id {
			return anyMatchIn(t.themes[i].concepts, s, bits)
		}
	}
	return false
}

// praisable reports whether a sentence under a heading of what went well
// tells practice and judges nothing amiss.
func (t *Taxonomy) praisable(s string, judged []judgement, kind corpus.SectionKind, bits []uint64) bool {
	// A time named under such a heading is when it went well ("on the
	// day of release"), not a delay.
	for _, j := range judged {
		if j.deficient || j.person || j.recommends {
			return false
		}
	}
	return anyMatchIn(t.eval.practice, s, bits)
}

// praisedHeadingRE finds a heading that says what follows went well, and
// notRaisedHeadingRE one that says it did not ("what could have gone
// better", "strengths and weaknesses").
var (
	praisedHeadingRE    = lazyRE(`(?i)\b(went well|worked well|(did|done|was done|were done) well|what worked|good practice|positive practice|notable practice|effective practice|strengths|what helped|positives|areas of strength)\b`)
	notPraisedHeadingRE = lazyRE(`(?i)\b(not|could|better|weakness(es)?|improve(ment)?s?|development|less well|badly|concerns?|learning)\b`)
)

// praisedHeading reports whether a section heading says its practice went
// well.
func praisedHeading(h string) bool {
	return h != "" && praisedHeadingRE.get().MatchString(h) && !notPraisedHeadingRE.get().MatchString(h)
}

// anyMatchIn reports whether any cue matches s, using the literals found.
// topicWeight is the evidence weight of a finding read from a theme's
// topic alone: weaker than a concept's.
const topicWeight = 0.45

// firstTopic returns the theme, other than good practice and those with
// no topics, whose topic matches earliest in clause c of sentence s, and
// none where a theme's exclusion matches the sentence.
func (t *Taxonomy) firstTopic(c, s string, bits []uint64) (corpus.ThemeID, bool) {
	var id corpus.ThemeID
	at := len(c) + 1
	for i := range t.themes {
		th := &t.themes[i]
		if th.id == corpus.ThemeGoodPractice || len(th.topics) == 0 {
			continue
		}
		for _, cu := range th.topics {
			if !cu.maybeIn(bits) || !cu.maybe(c) {
				continue
			}
			// An agency's name alone is no topic of sharing: "reviews
			// produced by probation regions fell short" shares nothing.
			if loc := cu.FindStringIndex(c); loc != nil && loc[0] < at && !anyMatchIn(th.excludes, s, bits) && !(th.sharing && agencyNameRE.get().MatchString(c[loc[0]:loc[1]])) {
				id, at = th.id, loc[0]
			}
		}
	}
	return id, at <= len(c)
}

// agencyNameRE matches a topic that only names an agency or a profession.
var agencyNameRE = lazyRE(`^(?:the )?(?:police|health|housing|probation|(?:justice )?social work(?:ers?)?|agenc(?:y|ies)|partners?|nhs|gps?|schools?|education|colleagues|addiction|children'?s? (?:services|social work)|mental health (?:services|team)|cmht|nurser(?:y|ies)|adult protection)$`)

func anyMatchIn(cs []cue, s string, bits []uint64) bool {
	for _, c := range cs {
		if c.maybeIn(bits) && c.match(s) {
			return true
		}
	}
	return false
}

// tagThemes tags every sentence of every section and rolls the evidence up
// to review-level themes: a theme is raised by at least one concern (for
// good_practice, one strength); its score combines the evidence weights.
func (e *Extractor) tagThemes(sections []corpus.Section, split func(string) []string) []corpus.Theme {
	byID := map[corpus.ThemeID]*corpus.Theme{}
	var order []corpus.ThemeID
	miss := map[corpus.ThemeID]float64{}
	rs := findRoles(sections)
	for si := range sections {
		sec := &sections[si]
		head := headingOf(sec.Heading)
		off := 0
		// A question heading or sentence, which the next sentence answers.
		question := ""
		if strings.HasSuffix(strings.TrimSpace(sec.Heading), "?") {
			question = sec.Heading
		}
		for _, para := range strings.Split(sec.Text, "\n\n") {
			page := sec.PageAt(off)
			off += len(para) + 2
			prev := "" // the sentence before, its labels read as their relations
			for _, sent := range split(para) {
				// The first sentence under a question heading goes on from
				// the question: "Yes, but it had been due for review".
				before := prev
				if before == "" {
					before = rs.apply(question)
				}
				read := rs.apply(sent)
				hits, v := e.tax.classifyJudged(read, before, sec.Kind, head)
				text := sent
				if len(hits) == 0 && question != "" && negativeAnswerRE.MatchString(sent) {
					if stmt, ok := e.tax.answered(question); ok {
						hits = e.tax.classifyUnder(rs.apply(stmt), "", sec.Kind, head)
						text = strings.TrimSpace(question) + " " + sent
					}
				}
				if !strings.HasSuffix(sent, "?") {
					question = ""
				} else if !followUpRE.MatchString(sent) {
					question = sent // "If not, why not?" keeps the question it follows
				}
				prev = read
				hits = append(hits, e.learned.hits(sec.Kind, sent, hits, v)...)
				for _, h := range hits {
					th, ok := byID[h.theme]
					if !ok {
						th = &corpus.Theme{ID: h.theme}
						byID[h.theme] = th
						order = append(order, h.theme)
						miss[h.theme] = 1
					}
					if len(th.Evidence) < 12 {
						th.Evidence = append(th.Evidence, corpus.Evidence{Section: sec.Kind, Text: text, Polarity: h.polarity, About: h.about, Page: page})
					}
					miss[h.theme] *= 1 - h.weight
				}
			}
		}
	}
	out := make([]corpus.Theme, 0, len(order))
	for _, id := range corpus.ThemeIDs() {
		if th, ok := byID[id]; ok {
			th.Score = math.Round((1-miss[id])*100) / 100
			out = append(out, *th)
		}
	}
	// Themes an inspector added to the taxonomy come after the canonical ones.
	for _, id := range order {
		if !corpus.ValidThemeID(id) {
			th := byID[id]
			th.Score = math.Round((1-miss[id])*100) / 100
			out = append(out, *th)
		}
	}
	return out
}

// askedForRE finds a clause that asks for something: "did not ask for
// it", "was never requested", "nobody sought it".
var askedForRE = lazyRE(`\b(?:ask(?:ed)? for|request(?:ed)?|s(?:eek|ought)|chase[sd]?|obtain(?:ed)?|follow(?:ed)? (?:it|this|them) up)\b`)

// sharingRaised reports whether a theme of passing information on is
// among those raised.
func (t *Taxonomy) sharingRaised(raised map[corpus.ThemeID]bool) bool {
	for i := range t.themes {
		if t.themes[i].sharing && raised[t.themes[i].id] {
			return true
		}
	}
	return false
}

// ellipsisRE finds a clause with no subject of its own ("but was never
// offered a place"): it shares the clause before it.
var ellipsisRE = lazyRE(`^\W*(?:but|and|yet|however|although|though|while|whereas)?,?\s*(?:was|were|had|has|have|is|are|did|does|not|never|nothing|could|should|would|made|gave|took|set|put|held|kept|left|saw|said|failed|[a-z]{3,}ed)\b`)

// recommendedRE finds a clause that says something was recommended or
// agreed: "Constructs was recommended in the CJSWR".
var recommendedRE = lazyRE(`\b(?:was|were|had been)\s+(?:\w+ly\s+)?(?:recommended|suggested|proposed|identified as (?:needed|necessary|appropriate)|agreed|advised|requested)\b`)

// acceptedBackRE finds a clause in which what was said before was
// accepted: "this was accepted", "his explanation was simply accepted".
var acceptedBackRE = lazyRE(`^\W*(?:(?:and|but|yet),?\s+)?(?:this|that|it|these|his (?:account|explanation|version)|her (?:account|explanation|version)|their (?:account|explanation|version)|the (?:account|explanation))\s+(?:\w+\s+)?(?:was|were)\s+(?:simply\s+|readily\s+|just\s+|also\s+|again\s+)?accepted(?:\s+(?:without|at face value|as (?:true|fact|given)|and)\b|\W*$)`)

// selfReportRE finds the supervised person's own account: "Mr R said he",
// "she told her worker that".
var selfReportRE = lazyRE(`\b(?:he|she|they|mr [a-z]|ms [a-z]|mrs [a-z]|miss [a-z])\s+(?:\w+\s+)?(?:said|told|reported|claimed|insisted|assured|maintained|stated|explained|denied|disclosed|described)\b`)

// chaseRE finds an act of obtaining what was asked for, not done: "the
// response was never chased".
var chaseRE = lazyRE(`\b(?:never|not)\s+(?:been\s+)?(?:chased|chased up|followed up|pursued|received|obtained|returned|answered)\b`)

// topicEnd is where a cue ending at from finds its topic in a clause
// ending at end: before a relative clause that follows the cue ("not
// revisited after he lost his job, which the assessment had named"),
// which says more about something else.
func topicEnd(s string, from, end int) int {
	if from >= end {
		return end
	}
	if m := relativeRE.get().FindStringIndex(s[from:end]); m != nil {
		return from + m[0]
	}
	return end
}

// topicFrom returns where the words that can name clause k's topic start:
// the clause itself, or the one before it too when k has no subject or
// has "it" for its subject.
func topicFrom(s string, cls []clauseSpan, k int) int {
	// "The programme was suitable, but it had been suspended": "it" is
	// the topic of the clause before.
	if c := s[cls[k].start:cls[k].end]; k > 0 && (ellipsisRE.get().MatchString(c) || itSubject(c)) {
		return cls[k-1].start
	}
	return cls[k].start
}

// historyRE marks a clause of a background section that tells the person's
// history rather than judging practice.
var historyRE = lazyRE(`\b(history|histories|previously|in the past|on (several|many|a number of|numerous|two|three|other) occasions|as a (child|teenager|young (man|woman|person))|since (childhood|his teens|her teens|adolescence)|grew up|from (an early age|his teens|her teens))\b`)

// leadNegRE finds the negation a concern cue opens with.
var leadNegRE = lazyRE(`^(?:did not|didn't|had not|hadn't|was not|were not|has not|have not|could not|would not|never|not)\b`)

// thirdPartyAct reports whether the cue at pos, in the clause from start,
// is a negated act of someone other than staff or the supervised person
// ("his mother did not attend the meeting"), which judges no practice,
// unless it is something they did not receive.
func thirdPartyAct(s string, start, pos int) bool {
	if !thirdPartyRE.get().MatchString(s[max(start, pos-40):pos]) || passiveRE.get().MatchString(s[pos:min(len(s), pos+60)]) {
		return false // a passive act of practice done to them: "was never seen alone"
	}
	rest := s[pos:]
	if m := leadNegRE.get().FindStringIndex(rest); m != nil {
		rest = rest[m[1]:]
	}
	return !receivedRE.get().MatchString(rest)
}

// noEvidenceThatRE finds a denial that scopes over what follows it in its
// clause: "there was no evidence that", "nothing to suggest that".
var noEvidenceThatRE = lazyRE(`\b(?:no|little|not any|nothing|nor any)\b[^,;]{0,40}?\b(?:evidence|indication|suggestion|sign|record|reason to (?:think|believe|suggest)|information|suggests?|shows?|showed|indicates?|indicated)\b[^,;]{0,20}?\bthat\b`)

// personFact reports whether a clause tells what the supervised person did
// as an event of the chronology: the sentence is that one clause, the
// person is its subject, the theme's cue tells of appointments missed,
// nothing in it judges practice (the cue included), and the section is not
// one of findings. "He missed three appointments in May" tells of his
// attendance; it becomes a finding about engagement when the review says
// how the service responded, or says it among its findings.
func (t *Taxonomy) personFact(c, cue string, judged []judgement, kind corpus.SectionKind, bits []uint64) bool {
	switch kind {
	case corpus.SectionAnalysis, corpus.SectionSummary, corpus.SectionLearning:
		return false
	}
	if len(judged) != 1 {
		return false // "... and the service waited two months": another clause may judge the response
	}
	if j := judged[0]; j.deficient || j.delayed || j.recommends || j.strong {
		return false
	}
	// "He stopped attending and the service waited two months": the cue
	// itself tells of the response.
	return attendanceFactRE.get().MatchString(cue) && anyMatchIn(t.eval.subject, c, bits) && !anyMatchIn(t.eval.practice, cue, bits)
}

// attendanceFactRE finds appointments missed, told as events; "he
// disengaged from supervision" is the review's judgement of them and stays
// a finding.
var attendanceFactRE = lazyRE(`\b(?:missed|failed to (?:attend|keep|turn up)|did not (?:attend|turn up|show up)|didn.t (?:attend|turn up|show up))\b`)
