package extract

import (
	"slices"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// cutRE and andRE cut a lower-cased sentence into clauses: at semicolons,
// dashes and table-cell bars between words, before a contrast (but,
// however, although, though, whereas, while, yet; "despite" only opening a
// sentence, see leadRE), and
// at ", and" that opens a new main clause (a determiner, a pronoun, or a
// short subject and its verb: ", and enquiries with children's services
// were made"), so that "partnership working was good, but the plan was not
// updated" judges each half alone.
var (
	// "despite" mid-sentence heads a noun phrase that belongs to its
	// clause: "rated as low risk despite two recent assaults".
	cutRE = lazyRE(`;|\s[-–|]\s|,?\s+(?:but|however|although|though|whereas|while|whilst|yet|albeit)\b`)
	// leadRE finds a sentence that opens with a subordinate clause of
	// contrast ("While contact was regular, the plan ..."): it ends at
	// its first comma.
	leadRE = lazyRE(`^\W*(?:while|whilst|although|though|even though|whereas|despite|albeit)\b[^,]{3,150}?,\s`)
	// andRE, tried at each " and " (with the comma before it), cuts where
	// "and" opens a new main clause: after a comma, or before a new
	// subject with a negated verb ("and practitioners did not").
	andRE = lazyRE(`^(?:,\s+and\s+(?:(?:the|his|her|their|this|there|it|he|she|they|no|a|an)\b|(?:[a-z0-9'/-]+\s+){1,8}?(?:was|were|had|has|have|did|is|are)\b)|\s+and\s+(?:no|nor|there (?:was|were) no|nothing|no one|no-one|nobody|none|we)\s|\s+and\s+(?:the|his|her|their)\s+(?:[a-z'/-]+\s+){0,4}?(?:was|were|had|did)\s+(?:not|never)\b|\s+and\s+(?:did|was|were|had|has|could|would)\s+(?:not|never)\s|\s+and\s+(?:[a-z'/-]+\s+){0,2}?(?:[a-z'/-]*[a-rt-z]s|staff|police)\s+(?:did|was|were|had|could|would)\s+(?:not|never)\b|\s+and\s+(?:made|gave|took|set|put|held|kept|left|saw|said|[a-z]{3,}ed)\s+(?:no|not|never|little|nothing)\b)`)
)

// notYetRE ends the words before a "yet" that is no contrast: "not yet",
// "never yet", "as yet".
var notYetRE = lazyRE(`\b(not|never|as|nor)\s*$`)

// span is a clause: s[start:end].
type clauseSpan struct{ start, end int }

// contrastWords are clauseRE's words, for a quick test that a sentence is
// one clause (most are).
var contrastWords = []string{"but", "however", "though", "whereas", "while", "whilst", "yet", "despite", "albeit", " and "}

// finiteRE finds a verb: an auxiliary or a past form.
var finiteRE = lazyRE(`\b(was|were|is|are|had|has|have|did|does|could|would|should|will|can|may|might|must)\b|[a-z]{3,}ed\b`)

// lastCut returns the last cut before q, or 0.
func lastCut(cuts []int, q int) int {
	at := 0
	for _, c := range cuts {
		if c < q && c > at {
			at = c
		}
	}
	return at
}

// clauses returns the clauses of s, in order, covering it.
func clauses(s string) []clauseSpan {
	one := !strings.ContainsRune(s, ';') && !strings.Contains(s, " - ") && !strings.Contains(s, " – ") && !strings.Contains(s, " | ")
	for i := 0; one && i < len(contrastWords); i++ {
		one = !strings.Contains(s, contrastWords[i])
	}
	if one {
		return []clauseSpan{{0, len(s)}}
	}
	var cuts []int
	for _, c := range cutRE.get().FindAllStringIndex(s, -1) {
		// "had not yet completed", "as yet": no contrast.
		if strings.HasSuffix(s[c[0]:c[1]], "yet") && notYetRE.get().MatchString(s[:c[0]]) {
			continue
		}
		cuts = append(cuts, c[0])
	}
	if m := leadRE.get().FindStringIndex(s); m != nil {
		cuts = append(cuts, m[1]-2) // at the comma
	}
	for p := 0; ; {
		k := strings.Index(s[p:], " and ")
		if k < 0 {
			break
		}
		q := p + k
		if q > 0 && s[q-1] == ',' {
			q--
		}
		// "and" opens a new main clause only after a clause with a verb of
		// its own: in "the safety of Ms A and her children was never
		// assessed" it joins two nouns.
		if andRE.get().MatchString(s[q:min(len(s), q+100)]) && finiteRE.get().MatchString(s[lastCut(cuts, q):q]) {
			cuts = append(cuts, q)
		}
		p += k + 5
	}
	slices.Sort(cuts)
	out := make([]clauseSpan, 0, len(cuts)+1)
	start := 0
	for _, c := range cuts {
		if c > start {
			out = append(out, clauseSpan{start, c})
			start = c // the contrast word opens the next clause
		}
	}
	return append(out, clauseSpan{start, len(s)})
}

// andMainRE finds, after " and ", a new subject and its verb: "and
// management oversight was effective", "and the plan had".
var andMainRE = lazyRE(`^ and (?:the |his |her |their |this |its |a |an )?(?:[a-z'/-]+ ){1,4}?(?:was|were|is|are|had|has|have|[a-z]{3,}ed)\b`)

// splitJudged cuts a clause again at an "and" that opens a second main
// clause when each half judges practice wanting on its own: "only a
// quarter of staff said their caseloads were manageable and management
// oversight was effective in only 51 of 223 cases" is two findings, each
// with its own share. Halves that do not both judge stay one clause, so
// "the risk to his partner and children was never assessed" keeps its
// subject whole.
func (t *Taxonomy) splitJudged(s string, cls []clauseSpan, judged []judgement, bits []uint64, kind corpus.SectionKind) ([]clauseSpan, []judgement) {
	if !strings.Contains(s, " and ") {
		return cls, judged
	}
	var outC []clauseSpan
	var outJ []judgement
	changed := false
	for i, c := range cls {
		cut := -1
		var left, right judgement
		if judged[i].deficient && !judged[i].general {
			for p := c.start; ; {
				k := strings.Index(s[p:c.end], " and ")
				if k < 0 {
					break
				}
				q := p + k
				p = q + 5
				if q-c.start < 12 || !andMainRE.get().MatchString(s[q:min(c.end, q+60)]) || !finiteRE.get().MatchString(s[c.start:q]) {
					continue
				}
				left, right = t.judge(s[c.start:q], bits, kind), t.judge(s[q:c.end], bits, kind)
				if left.deficient && right.deficient && !left.general && !right.general {
					cut = q
					break
				}
			}
		}
		if cut < 0 {
			outC, outJ = append(outC, c), append(outJ, judged[i])
			continue
		}
		changed = true
		outC = append(outC, clauseSpan{c.start, cut}, clauseSpan{cut, c.end})
		outJ = append(outJ, left, right)
	}
	if !changed {
		return cls, judged
	}
	return outC, outJ
}

// passiveRE finds a negated passive of an act of practice: "was not seen",
// "had not been visited", "was neither explored nor recorded".
var passiveRE = lazyRE(`\b(was|were|is|are|had|has|have)\s+(not|never|neither)\s+(been\s+)?(being\s+)?(\w+ly\s+)?(seen|visited|assessed|reassessed|referred|offered|contacted|interviewed|supervised|tested|challenged|recalled|breached|warned|given|provided|allocated|reviewed|asked|told|informed|spoken to|followed up|monitored|checked|explored|recorded|analysed|identified|considered|addressed|recognised|documented|explained|understood|managed|discussed|shared|completed|updated|revised|arranged|made|undertaken|carried out|requested|pursued|escalated|notified|consulted|protected|supported|questioned|verified|put forward|signposted|booked)\b`)

// practicePassiveRE finds a passive of an act of practice done (or not) to
// the supervised person or their needs.
var practicePassiveRE = lazyRE(`\b(was|were|is|are|been)\s+(not\s+|never\s+)?((?:\w+ly|instead|only|often|seldom|still)\s+)?(being\s+)?(?:risk[- ])?(met by|interviewed|supervised|recognised|recognized|addressed|identified|met|assessed|explored|considered|referred|followed up|asked|questioned|screened|informed|told|warned|contacted|arranged|organised|secured|sought|put in place|picked up|responded to|managed|treated|supported|challenged|monitored|reviewed|understood|acted on|escalated|tested|verified|classified|categorised|categorized|rated|scored|judged|graded|allocated|seen|visited|disregarded|ignored|dismissed|accepted|put forward|offered|given|provided|signposted|booked|seen by|discussed|raised with him|raised with her|talked about|checked|vetted|approved|inspected|shared|passed on|updated|sent|issued|initiated|instigated|submitted)\b`)

// thatClauseRE opens what follows a negation with a that-clause reached
// through a verb of showing: "nothing (in the records) to suggest that".
var thatClauseRE = lazyRE(`^ ?([\w']+ ){0,4}(to (suggest|indicate|show|confirm)|suggesting|indicating|showing|confirming) that `)

// decisionRE ends the words before "not to" that make it the content of a
// decision or a reason ("the decision not to", "reasons for not").
var decisionRE = lazyRE(`\b(decision|decisions|decided|choice|chose|agreed|agreement|reasons?|rationale|judgement|judgment)( \w+)?\s*$`)

// staffActRE finds, after a negation, an act that only staff do: the
// pronoun before it is the worker, not the supervised person ("she did
// not explore the abuse he had disclosed").
var staffActRE = lazyRE(`^\s*(?:\w+ly\s+)?(?:been\s+)?(?:able\s+to\s+)?(?:provide (?:\w+ )?(?:supervision|oversight|support to (?:the|her|his) (?:worker|team|staff))|oversee|supervise (?:the|her|his|their) (?:worker|workers|team|staff|work|cases)|supervise work|explore|assess|reassess|refer|record|verify|escalate|countersign|liaise|consult|share|update|document|analyse|analyze|investigate|enquire|inquire|follow up|make (?:a |any )?(?:referral|enquiries|enquiry|checks?)|complete (?:a |an |the )?(?:assessment|plan|ls/cmi|oasys|report|referral)|request (?:a |any |the )?(?:checks?|information|recall|breach))\b`)

// thirdPartyRE finds someone other than staff or the supervised person as
// the subject just before a negation: "his mother", "the victim", "her
// former partner's children".
var thirdPartyRE = lazyRE(`(?:^|[,;]\s*|\b(?:and|but|because|as|when|although|while)\s+)(?:his|her|their|the)\s+(?:(?:former|ex-|new|elderly|younger|older|two|three)\s*)?(?:mother|father|parents?|sister|brother|siblings?|family|friends?|neighbours?|partner|ex-partner|girlfriend|boyfriend|wife|husband|sons?|daughters?|children|child|victims?|complainers?|landlord|employer)(?:'s\s+(?:mother|father|parents|family|children|friends?))?(?:\s+(?:also|then|still|herself|himself|themselves|ever))?\s*$`)

// receivedRE finds, after a negation, what a person receives from others:
// "the victim did not receive a safety plan", "was not given".
var receivedRE = lazyRE(`^\s*(?:\w+ly\s+)?(?:receive|get|hear (?:from|back)|have (?:a|any|the)|benefit|see (?:a|any|the) (?:worker|officer|practitioner)|know (?:about|of|that) (?:his|the) (?:release|licence|transfer|move|return|conditions))`)

// actionReach is how far after a negation the act it denies may be named:
// "no easy-read version of his licence was provided".
const actionReach = 50

// coordinatorRE finds a coordinating word or a comma between two
// negations: each then scopes its own act.
var coordinatorRE = lazyRE(`,|\b(and|or|nor)\b`)

// scopeRE finds, between two negations, the words that put the second
// within the first's scope: "no evidence that the plan was not reviewed",
// "no indication the visits did not happen".
var scopeRE = lazyRE(`\b(?:that|whether|if|evidence|indications?|suggestions?|signs?|reasons?|doubt|clear|apparent|true|case|to (?:believe|think|suggest|indicate|show|say|conclude))\b`)

// inScope reports whether a negation after gap, the text since the last
// one ended, is within that one's scope: when gap says so (scopeRE), or is
// a word or two ("never seen without", "not for want of"). Otherwise the
// second negation judges an act of its own: "a response was not received
// for three months, during which time his contact with his child was not
// assessed" finds two things not done, which do not cancel.
//
// A failure to notice that something was not done ("did not pick up that
// the plan had not been reviewed") finds both wanting: the omission and the
// oversight that missed it.
func inScope(gap string) bool {
	if noticedRE.get().MatchString(gap) {
		return false
	}
	return len(strings.Fields(gap)) <= 2 || scopeRE.get().MatchString(gap)
}

// noticedRE finds a verb of noticing opening a that-clause after a
// negation: "[did not] pick up that", "[had not] noticed that".
var noticedRE = lazyRE(`^\s*(?:\w+\s+)?(?:pick(?:ed)?\s+up|notic(?:e|ed)|spot(?:ted)?|identif(?:y|ied)|recogni[sz](?:e|ed)|reali[sz](?:e|ed)|detect(?:ed)?|see|saw|establish(?:ed)?|question(?:ed)?|quer(?:y|ied)|challenge[d]?)\s+(?:on\s+)?(?:that|the fact that)\s`)

// judgement is what the evaluation layer makes of one clause.
type judgement struct {
	triggers   []int   // where the deficiency, negation or delay words start
	negs       []int   // which of the triggers are negations
	negEnds    []int   // where each of negs ends
	recs       []int   // where the recommendation words start
	deficient  bool    // practice judged wanting
	delayed    bool    // practice judged late
	person     bool    // the supervised person's act negated ("he did not attend")
	strong     bool    // practice judged well, and not deficient
	recommends bool    // a recommendation in a learning section
	practice   bool    // the clause is about practice
	general    bool    // judged deficient by a general word of judgement only
	delays     [][]int // the phrases of delay ("before any warning was issued")
}

// judge applies the evaluation layer to one clause.
func (t *Taxonomy) judge(c string, bits []uint64, kind corpus.SectionKind) judgement {
	// "Too many SFO reviews fall below par", "some initial reviews lacked
	// detail": the reviews themselves judged, not the practice they review.
	if reviewDocsRE.get().MatchString(c) {
		return judgement{}
	}
	// Phrases that judge nothing ("no concerns were raised") were blanked
	// in the sentence before it was cut into clauses (blankCancels).
	var negs [][]int
	if t.negation != nil && (!t.negHinted || mayNegate(c)) {
		negs = t.negation.FindAllStringIndex(c)
	}
	// An odd number of negations of an act of practice judges the clause
	// deficient; an even one ("no evidence that it was not done") does not.
	// A deficiency word counts unless it is itself a negated phrase.
	// Negations are counted in chains: one within the scope of another
	// ("no evidence that the plan was not reviewed") cancels it, while
	// coordinated ones ("no referral was made and no safety planning took
	// place") each judge their own act.
	deficient, person := false, false
	acts, persons, last := 0, 0, -1
	var j0, chain, e0, chainEnds []int // negations judging acts, and their ends
	neither := false
	var topical [][]int // "the lack of", "the absence of": no denial of an act
	for _, n := range negs {
		w := strings.Trim(c[n[0]:n[1]], " ,.;:()\"'-")
		// "did not comment on the absence of a plan": "the absence of",
		// "the lack of" name a topic, they deny no act.
		// When nothing else in the clause denies an act, "the lack of
		// timely support" is the finding: its deficiency word counts below.
		if (w == "absence of" || w == "lack of") && strings.HasSuffix(c[:n[0]], "the") {
			topical = append(topical, n)
			continue
		}
		// "The decision not to recall him was not explained": "decision
		// not to" names a decision; the finding is the second negation.
		if w == "not" && strings.HasPrefix(c[n[1]:], "to ") && decisionRE.get().MatchString(c[:n[0]]) {
			continue
		}
		// "Neither the victim nor the scheme was told" is one negation.
		if neither && w == "nor" {
			continue
		}
		neither = neither || w == "neither"
		end := min(n[1]+actionReach, len(c))
		// "There is no indication that his drinking was ever raised
		// with him", "nothing to suggest that the children's safety was
		// considered": a negation of a that-clause reaches its end.
		if strings.HasPrefix(c[n[1]:], " that ") || strings.HasPrefix(c[n[1]:], "that ") || thatClauseRE.get().MatchString(c[n[1]:]) {
			end = len(c)
		}
		if !anyMatchIn(t.eval.actions, c[n[1]:end], bits) {
			continue
		}
		if last >= 0 && (coordinatorRE.get().MatchString(c[last:n[0]]) || !inScope(c[last:n[0]])) {
			deficient, person = deficient || acts%2 == 1, person || persons%2 == 1
			if acts%2 == 1 {
				j0, e0 = append(j0, chain...), append(e0, chainEnds...)
			}
			acts, persons, chain, chainEnds = 0, 0, chain[:0], chainEnds[:0]
		}
		last = n[1]
		// "He was not seen for six weeks": a passive act of practice done
		// (or not) to the person is practice, whatever the subject.
		// In a section on management oversight, "she" and "he" are the
		// staff: "she had no supervision session with her team leader".
		// "She did not explore the abuse": an act only staff do makes the
		// pronoun the worker.
		if kind != corpus.SectionManagementOversight && anyMatchIn(t.eval.person, c[max(0, n[0]-30):n[0]], bits) && !passiveRE.get().MatchString(c[max(0, n[0]-12):end]) && !staffActRE.get().MatchString(c[n[1]:end]) && !staffTheyRE.get().MatchString(c[max(0, n[0]-60):n[0]]) && !actorBeforeRE.get().MatchString(c[max(0, n[0]-30):n[0]]) {
			persons++
		} else if thirdPartyRE.get().MatchString(c[max(0, n[0]-40):n[0]]) && !receivedRE.get().MatchString(c[n[1]:end]) && !passiveRE.get().MatchString(c[max(0, n[0]-12):end]) {
			// "His mother did not attend", "the victim did not know him":
			// what someone else did or did not do judges no one's
			// practice (what they did not receive still does).
			continue
		} else {
			acts++
			chain, chainEnds = append(chain, n[0]), append(chainEnds, n[1])
		}
	}
	deficient, person = deficient || acts%2 == 1, person || persons%2 == 1
	if acts%2 == 1 {
		j0, e0 = append(j0, chain...), append(e0, chainEnds...)
	}
	j := judgement{deficient: deficient, person: person}
	if j.deficient {
		j.triggers, j.negs, j.negEnds = j0, slices.Clip(j0), e0
		// "Did not reach the team until a week after his release": a
		// negation closed by "until" says late, not never.
		if strings.Index(c, " until ") > j0[0] {
			j.deficient, j.delayed = false, true
		}
	}
	// "No evidence that the decision was unreasonable": a word of
	// deficiency in the scope of "no evidence that" is denied with it.
	denied := len(c) + 1 // where a scope of "no evidence that" opens
	if j.deficient {
		if m := noEvidenceThatRE.get().FindStringIndex(c); m != nil && m[0] < j.negEnds[0] && t.deficiencyIn(c[m[1]:], bits) {
			j, denied = judgement{person: j.person}, m[1]
		}
	}
	negated := j.deficient
	for _, cu := range t.eval.deficiency {
		if negated {
			break
		}
		if !cu.maybeIn(bits) {
			continue
		}
		for _, loc := range cu.FindAllStringIndex(c, -1) {
			// "When he stopped answering the phone": a verb of
			// deficiency with the supervised person as its subject is
			// his act, not a judgement of practice.
			if personVerb(c, loc) {
				continue
			}
			if loc[0] >= denied {
				continue
			}
			if !overlaps(loc, negs) || overlaps(loc, topical) {
				j.deficient = true
				j.triggers = append(j.triggers, loc[0])
				break
			}
		}
	}
	// "Of the interventions set out in the plan, only one was delivered":
	// a share of what the clause opens with judges that.
	if j.deficient && strings.HasPrefix(strings.TrimLeft(c, " ,;:-\"'("), "of ") {
		if m := ofOnlyRE.get().FindStringSubmatchIndex(c); m != nil {
			j.triggers = append(j.triggers, m[2])
		}
	}
	// "In just over half of the cases the risk was analysed sufficiently":
	// a low share of practice (or of practice done well) is a deficiency.
	delays := allMatches(t.eval.delay, c, bits)
	if !j.deficient && len(negs) == 0 {
		// "Almost half of the assessments were overdue" counts the late
		// ones: a share of what was late or wanting is not a low share of
		// what was done.
		if p, at, ok := share(c); ok && p < lowShare && (anyMatchIn(t.eval.strength, c, bits) || anyMatchIn(t.eval.practice, c, bits)) && len(delays) == 0 {
			j.deficient = true
			j.triggers = append(j.triggers, at)
		}
	}
	if spans := delays; len(spans) > 0 {
		// "Not completed within the required timescale": when every
		// deficiency word is inside a phrase of delay, the act was late,
		// not missing.
		if j.deficient && allInside(j.triggers, spans) {
			j.deficient = false
		}
		j.delayed, j.delays = true, spans
		for _, sp := range spans {
			j.triggers = append(j.triggers, sp[0])
		}
	}
	// With the supervised person as the subject, the clause judges the
	// person, unless its verb is a passive act of practice: "his mental
	// health needs were not addressed", "might have been recognised
	// sooner".
	if (j.deficient || j.delayed) && kind != corpus.SectionManagementOversight && anyMatchIn(t.eval.subject, c, bits) && !practicePassiveRE.get().MatchString(c) && !reviewerTheyRE.get().MatchString(c) && !practiceJudgedRE.get().MatchString(c) {
		j.deficient, j.delayed, j.person = false, false, true
	}
	if !j.deficient && !j.delayed && !j.person {
		// "The review considered whether practice was proportionate"
		// asks; only what comes before the question can praise.
		asked := c
		if strings.Contains(c, "whether") || strings.Contains(c, "if ") {
			if i := whetherRE.get().FindStringIndex(c); i != nil {
				asked = c[:i[0]]
			}
		}
		// "The unpaid work service was not operating as effectively as it
		// should": a word of praise in the scope of a negation finds
		// practice wanting.
		// One negation only: "no evidence that it was not passed on
		// promptly" denies a denial.
		if at, ok := t.negatedStrength(asked, bits); ok && len(negs) == 1 {
			j.deficient = true
			j.triggers = append(j.triggers, at)
		} else {
			j.strong = anyMatchIn(t.eval.strength, asked, bits)
		}
	}
	var norm []int // where a finding outside a learning section says what ought to be
	if !j.deficient && !j.delayed && !j.person {
		switch {
		case kind == corpus.SectionAnalysis || kind == corpus.SectionSummary:
			norm = normativeRE.get().FindStringIndex(c)
		case generalKind(kind) && kind != corpus.SectionLearning && (strings.Contains(c, "need") || strings.Contains(c, "importance")):
			// In a section on one area of practice, "should" may tell
			// what a plan or a licence required; "the need for" still
			// asks.
			norm = needForRE.get().FindStringIndex(c)
		}
		// "Staff were alert to the importance of compliance": a need
		// named after the words of praise is what the praise is about.
		if norm != nil && j.strong {
			for _, m := range allMatches(t.eval.strength, c, bits) {
				if m[0] < norm[0] {
					norm = nil
					break
				}
			}
		}
	}
	if kind == corpus.SectionLearning || norm != nil {
		j.recs = matchStarts(t.eval.recommendation, c, bits)
		// "The review shows the need for thorough risk assessment": in a
		// learning section the need for something asks for it, whatever
		// praise its words hold.
		if len(j.recs) == 0 && norm == nil && kind == corpus.SectionLearning {
			norm = needForRE.get().FindStringIndex(c)
		}
		if len(j.recs) == 0 && norm != nil {
			// "The importance of thorough assessment": the phrase itself.
			j.recs = append(j.recs, norm[0])
		}
		j.recommends = len(j.recs) > 0
		// "Agree a protocol for the timely sharing of reports": what a
		// recommendation asks to be done well praises nothing yet.
		if j.recommends {
			j.strong = false
		}
	}
	// Whether the clause is about practice matters for a strength (good
	// practice needs practice) and in background sections (history needs a
	// practice term to count); elsewhere it is not asked.
	if j.strong || kind == corpus.SectionBackground {
		// Something not done ("no interpreter was booked") is about
		// practice unless the clause tells the person's history.
		j.practice = anyMatchIn(t.eval.practice, c, bits) || len(j.negs) > 0 && !j.person && !historyRE.get().MatchString(c)
	}
	// A general word of judgement ("an unstable team", "accountability was
	// unclear") judges a clause nothing else judged, in a section about
	// practice, unless its subject is the supervised person.
	if !j.deficient && !j.delayed && !j.person && !j.strong && !j.recommends && len(negs) == 0 && t.general != nil && generalKind(kind) {
		if at, ok := t.general.find(c); ok && (kind == corpus.SectionManagementOversight || !anyMatchIn(t.eval.subject, c, bits) || practicePassiveRE.get().MatchString(c)) {
			j.deficient, j.general = true, true
			j.triggers = append(j.triggers, at)
		}
	}
	return j
}

// deficiencyIn reports whether s holds a word of deficiency that is not
// itself a negation.
func (t *Taxonomy) deficiencyIn(s string, bits []uint64) bool {
	for _, loc := range allMatches(t.eval.deficiency, s, bits) {
		if t.negation == nil || !t.negation.MatchString(s[loc[0]:loc[1]]) {
			return true
		}
	}
	return false
}

// notOnlyRE ends the words before a strength word that negate nothing:
// "not only thorough", "no less effective", "not least".
var notOnlyRE = lazyRE(`\b(?:not only|not just|not merely|no less|never less than|not least|not without|nothing short of|no doubt|without doubt|without exception)\b`)

// negatedStrength reports where a negation denies the clause's words of
// praise: every strength word in it stands in the few words after a
// negation ("not as effective as it should have been", "never
// sufficiently robust"), and none of them is an idiom that negates
// nothing ("not only thorough but timely").
func (t *Taxonomy) negatedStrength(c string, bits []uint64) (int, bool) {
	if t.negation == nil || notOnlyRE.get().MatchString(c) {
		return 0, false
	}
	at, found := -1, false
	for _, loc := range allMatches(t.eval.strength, c, bits) {
		found = true
		if !t.negatedBefore(c, loc[0]) {
			return 0, false
		}
		if at < 0 {
			start := negationWindow(c, loc[0])
			if m := t.negation.FindAllStringIndex(c[start:loc[0]]); len(m) > 0 {
				at = start + m[len(m)-1][0]
			}
		}
	}
	return max(at, 0), found && at >= 0
}

// needForPattern is what asks for something in any section that reports
// findings: "emphasised the need for teams to be sufficiently resourced".
// Every alternative holds "need" or "importance".
const needForPattern = `\b(?:(?:the )?importance of|the need for|(?:a |the )?need for (?:more|better|greater|stronger|improved|clearer)|(?:a|the|an urgent|a clear|a continuing) need to (?:strengthen|improve|develop|ensure|increase|address|embed|reinforce|clarify|establish|review|build))\b`

// needForRE finds needForPattern.
var needForRE = lazyRE(needForPattern)

// normativeRE finds what a finding says ought to be, outside a learning
// section: "risk assessment should be an ongoing process", "this should
// always be a consideration", "the importance of robust assessment",
// "this requires services to".
var normativeRE = lazyRE(needForPattern + `|\brequires? (?:local authorities|services|the service|staff|practitioners|managers|agencies|partners|councils) to\b|\b(?:should|must|ought to|needs? to)\s+(?:always\s+|routinely\s+|also\s+|be\s+)?(?:be|have\s+been|include|consider|ensure|take|complete|undertake|make|carry\s+out|seek|share|check|assess|review|record|ask|obtain|request|refer|explore|prioriti[sz]e|improve|strengthen|address|develop)\s+\w`)

// ofOnlyRE finds a clause opening with what a share is of: "of the
// interventions in the plan, only one"; the group is the first word of it.
var ofOnlyRE = lazyRE(`^\W*of (?:the|these|those|his|her|their|all)\s+(?:(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(\w)[^,;]{0,80}?,?\s+(?:only|just)\b`)

// personActRE finds the supervised person as the subject just before a
// verb: "he", "she had", "mr k then".
var personActRE = lazyRE(`\b(?:he|she|mr [a-z]|ms [a-z]|mrs [a-z]|miss [a-z])(?: (?:had|has|have|then|later|also|subsequently|soon|eventually|suddenly|gradually|often|repeatedly|frequently|largely|completely|simply|quickly))*\s*$`)

// personVerb reports whether the deficiency word at loc is a past verb
// whose subject is the supervised person ("he stopped", "she had lapsed").
func personVerb(c string, loc []int) bool {
	w := c[loc[0]:loc[1]]
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	return strings.HasSuffix(w, "ed") && personActRE.get().MatchString(c[max(0, loc[0]-40):loc[0]])
}

// negationHints are strings one of which every default negation contains;
// a clause with none of them skips the negation pattern. A taxonomy whose
// negations contain none of them is searched in full.
var negationHints = []string{"no", "without", "lack", "absence", "fail", "unable", "did", "n't", "neither"}

// hinted reports whether every negation contains a hint.
func hinted(negations []string) bool {
	for _, n := range negations {
		if !mayNegate(strings.ToLower(n)) {
			return false
		}
	}
	return true
}

func mayNegate(c string) bool {
	for _, h := range negationHints {
		if strings.Contains(c, h) {
			return true
		}
	}
	return false
}

// overlaps reports whether loc overlaps any of spans.
func overlaps(loc []int, spans [][]int) bool {
	for _, s := range spans {
		if loc[0] < s[1] && s[0] < loc[1] {
			return true
		}
	}
	return false
}

// composed returns what the evaluation layer makes of one clause. A
// deficient clause raises the one theme whose concept stands nearest its
// deficiency word (in a background section only when the clause is about
// practice): "the plan did not address his drinking" is a finding about the
// plan. A recommendation in a learning section raises it as weaker
// evidence. Themes whose concepts are coordinated with the raised one's
// ("enquiries about domestic abuse and the safety of children were made in
// only half") are raised beside it. In a clause a theme's own cue explained
// (explained; used holds where those cues matched), a judging word inside
// a cue's match is that theme's, and only the others choose a theme: "no
// MARAC referral was made and no safety planning took place" is a finding
// about both. A strong clause credits good practice about each theme it
// names.
func (t *Taxonomy) composed(c string, part bool, bits []uint64, j judgement, kind corpus.SectionKind, raised map[corpus.ThemeID]bool, explained bool, used [][2]int) (hits []sentenceHit, about []corpus.ThemeID) {
	if !j.deficient && !j.delayed && !j.person && !j.recommends && !j.strong {
		return nil, nil // a clause that judges nothing
	}
	// Every judging word, with those a theme's own cue used (qualifies).
	judging := j.triggers
	if explained {
		j.triggers, j.recs = unused(j.triggers, used), unused(j.recs, used)
	}
	// The theme whose concept is named nearest the judging word wins; at
	// the same distance, the longer (more specific) mention: "child
	// safeguarding enquiries were not completed" is about safeguarding
	// children, though "enquiries" alone would be about sharing information.
	best, bestDist, bestLen, bestRec, bestAt, bestP := -1, 1<<30, 0, false, -1, -1
	var bestLoc []int
	var found []mention // the concepts of the themes the judgement reaches
	themeLocs := make([][][]int, len(t.themes))
	for i := range t.themes {
		th := &t.themes[i]
		if len(th.concepts) == 0 || anyMatchIn(th.excludes, c, bits) {
			continue
		}
		if part {
			themeLocs[i] = clauseMatches(th.concepts, c, bits)
		} else {
			themeLocs[i] = allMatches(th.concepts, c, bits)
		}
	}
	t.dropYardsticks(c, themeLocs)
	t.dropContainers(c, themeLocs)
	t.dropEmptyDocuments(c, themeLocs)
	t.dropModifiers(themeLocs)
	t.dropInside(themeLocs)
	back := strings.Contains(c, ", wh") && (itSubject(c) || pointsBack(c))
	subj := quantifiedSubjects(c, j.triggers, themeLocs, func(i int) bool { return documentTheme(t.themes[i].id) })
	for i := range t.themes {
		th := &t.themes[i]
		locs := themeLocs[i]
		if len(locs) == 0 {
			continue
		}
		deficient := j.deficient || th.timing && j.delayed || th.person && j.person
		nearest := func(at []int, rec bool) {
			for _, loc := range locs {
				found = append(found, mention{theme: i, loc: loc, rec: rec})
				for _, p := range at {
					// "It was not revisited after he lost his job, which
					// the assessment had named": a relative clause after
					// the judged act tells what else was so; when the
					// clause's subject points back, it is no object.
					if back && p < loc[0] && relativeBetween(c, p, loc[0]) {
						continue
					}
					// "Only a third of people leaving prison were linked
					// up to drug treatment": a share counts the people or
					// cases its subject names; what they lacked follows
					// the verb.
					if e, ok := subj[p]; ok && loc[0] >= p && loc[1] <= e {
						continue
					}
					d := p - loc[1]
					k := slices.Index(j.negs, p)
					if p < loc[0] && k < 0 && inDelay(j.delays, p, loc) {
						// "He missed five appointments before any warning
						// was issued": what a phrase of delay holds is
						// what was late.
						d = 0
					} else if p < loc[0] {
						d = loc[0] - p
						if k >= 0 {
							// A negation denies what follows it, from its
							// last word: "three absences did not lead to a
							// formal warning" is about the warning.
							d = max(loc[0]-j.negEnds[k], 0)
							// After a passive one, a phrase of place or
							// time is the occasion, not what was not
							// done: "his mental health was not discussed at
							// any supervision session" is about his mental
							// health.
							if e := j.negEnds[k]; e < loc[0] && !activeNeg(c, p, e) && occasionRE.get().MatchString(c[e:loc[0]]) {
								d = d*3 + occasionPenalty
							}
						}
					} else if p < loc[1] {
						d = 0
					} else if rec && activeRec(c, p) && actorRE.get().MatchString(c[loc[0]:loc[1]]) {
						// "Team leaders should keep caseload weighting under
						// review": before an active recommendation, staff
						// are who is to act; what they are to act on is
						// the gap ("assessments must draw together..."
						// names what is to change).
						d = (d + activeSlack) * 2
					} else if k >= 0 {
						// Before an active negation stands its agent ("three
						// absences did not lead to a warning"), before a
						// passive one its object ("the plan was not
						// reviewed").
						// "Contact was reduced without any discussion with a
						// manager": what "without" lacks follows it, as with
						// an active negation.
						if activeNeg(c, p, j.negEnds[k]) || strings.HasPrefix(strings.TrimLeft(c[p:], " "), "without ") {
							d = (d + activeSlack) * 2
						} else {
							d *= 2
						}
					}
					if n := loc[1] - loc[0]; d < bestDist || d == bestDist && n > bestLen {
						best, bestDist, bestLen, bestRec, bestAt, bestLoc, bestP = i, d, n, rec, p, loc, p
						if p >= loc[0] {
							bestAt = -1 // the concept is not after its judging word
						}
					}
				}
			}
		}
		switch {
		case deficient && (kind != corpus.SectionBackground || j.practice):
			nearest(j.triggers, false)
			if len(j.triggers) == 0 && best < 0 && !explained { // a person's act, for a person theme
				best, bestRec = i, false
			}
		case j.recommends && !j.strong:
			nearest(j.recs, true)
		case j.strong && (!th.person || j.practice):
			// "His compliance was good" praises him, not practice.
			about = append(about, th.id)
		}
	}
	raise := func(i int, rec bool, w float64) {
		if raised[t.themes[i].id] {
			return
		}
		if rec {
			w = 0.45
		}
		hits = append(hits, sentenceHit{theme: t.themes[i].id, polarity: corpus.Concern, weight: w})
		raised[t.themes[i].id] = true
	}
	// "The prison did not share the outcome of the programme": what was
	// not passed on is the finding's object, not its topic, when the
	// clause names the sharing.
	if best >= 0 && bestAt >= 0 && !t.themes[best].sharing {
		if k := slices.Index(j.negs, bestAt); k >= 0 && sharingVerbRE.get().MatchString(c[j.negEnds[k]:]) {
			if m := t.sharingMention(found, func(mention) bool { return true }); m >= 0 {
				best = m
			}
		}
	}
	// "The home leave reports had not been passed on": when the sharing
	// theme won by the verb of passing on itself, another sharing theme
	// whose concept names what was not passed on is the finding's.
	if best >= 0 && bestAt >= 0 && t.themes[best].sharing {
		if k := slices.Index(j.negs, bestAt); k >= 0 && bestLoc[0] >= j.negs[k] && sharingVerbRE.get().MatchString(c[j.negEnds[k]:]) {
			if m := t.sharingMention(found, func(m mention) bool { return m.theme != best && m.loc[1] <= j.negs[k] }); m >= 0 {
				best = m
			}
		}
	}
	// "Initial assessments of the risk to his partner were generally
	// sub-standard": a predicate of deficiency after a copula judges the
	// head of its subject, the first concept the subject names, not the
	// last word before the verb.
	// When the head is an assessment or a plan, the need or the person it
	// was about is judged with it: "assessments of the risk to his partner".
	headAbout := -1 // the need or person judged with the head
	toHead := func(h int) {
		if th := &t.themes[best]; documentTheme(t.themes[found[h].theme].id) && (th.need || slices.Contains(personThemes, th.id)) {
			headAbout = best
		}
		best, bestRec, bestAt, bestLoc = found[h].theme, found[h].rec, -1, found[h].loc
	}
	if best >= 0 && bestLoc != nil && j.deficient {
		if h := copulaHead(c, found, bestLoc); h >= 0 {
			toHead(h)
		}
	}
	// "Planning dealt adequately with the risk of harm in under half of the
	// cases": a share closing the clause counts the cases in which the
	// whole predication held, so it judges the clause's subject, the first
	// concept named, not the object nearest it. When that subject is an
	// assessment or a plan, the need it was about is judged with it.
	if best >= 0 && bestAt < 0 && bestP >= 0 && headAbout < 0 && j.deficient && trailingShare(c, bestP) {
		if h := firstMention(found, bestP); h >= 0 && found[h].theme != best {
			toHead(h)
		}
	}
	if best >= 0 {
		w := 0.6
		if explained {
			w = 0.5
		}
		if j.general {
			w = 0.45
		}
		raise(best, bestRec, w)
		if headAbout >= 0 {
			raise(headAbout, false, 0.5)
		}
	}
	// "They suffered from poor management oversight, high workloads and
	// poor performance": a word of deficiency that qualifies a concept
	// judges that concept, whichever one the nearest judging word chose.
	if j.deficient && !j.general && (kind != corpus.SectionBackground || j.practice) {
		for _, f := range found {
			if !f.rec && !raised[t.themes[f.theme].id] && judgedByRE.get().MatchString(c[max(0, f.loc[0]-48):f.loc[0]]) {
				raise(f.theme, false, 0.5)
			}
		}
	}
	// "The safety of his partner and her children was never properly
	// assessed": when the act denied is an assessment or a plan, the
	// passive subject before it, a need or a person, went unassessed.
	if best >= 0 && bestAt >= 0 && documentTheme(t.themes[best].id) && slices.Contains(j.negs, bestAt) {
		for _, f := range found {
			th := &t.themes[f.theme]
			if f.loc[1] <= bestAt && (th.need || slices.Contains(personThemes, th.id)) && passiveSubjectRE.get().MatchString(c[f.loc[1]:bestAt]) {
				raise(f.theme, f.rec, 0.5)
			}
		}
	}
	// "Quality assurance did not pick up that the plan had not been
	// reviewed": who failed to notice an omission is found wanting too.
	if j.deficient && len(j.negs) > 1 {
		for k := 0; k+1 < len(j.negs); k++ {
			if noticedRE.get().MatchString(c[j.negEnds[k]:j.negs[k+1]]) {
				if h := firstMention(found, j.negs[k]); h >= 0 {
					raise(found[h].theme, found[h].rec, 0.5)
				}
			}
		}
	}
	// "Police and the council should agree how domestic abuse information
	// is shared": a recommendation to share names the sharing of
	// information as well as what is to be shared.
	if j.recommends && !j.strong && best >= 0 && !t.themes[best].sharing && recShareRE.get().MatchString(c) {
		if m := t.sharingMention(found, func(mention) bool { return true }); m >= 0 {
			raise(m, true, 0.45)
		}
	}
	// A second act in the scope of a negation names its own object: "did
	// not use the SARA or consider the Caledonian programme" is about both.
	if j.deficient && (strings.Contains(c, " or ") || strings.Contains(c, " nor ")) {
		for _, m := range orActRE.get().FindAllStringIndex(c, -1) {
			if len(j.negs) > 0 && m[0] > j.negs[0] {
				raiseObject(c, found, m[1], negObjectReach, -1, raise)
			}
		}
	}
	// An omission names two things: where it is and what is left out.
	// "The assessment made no mention of his psychiatric admission" is a
	// finding about the assessment and about his mental health.
	if j.deficient && mayOmit(c) {
		if m := omissionRE.get().FindStringIndex(c); m != nil {
			raiseObject(c, found, m[1], objectReach, best, raise)
			// "His plan did not mention his alcohol use": when what was
			// left out won, the plan or assessment it was left out of is
			// a finding too (licence conditions are set elsewhere); a
			// worker's omission has no such place.
			if best >= 0 && bestAt >= 0 && bestLoc[0] >= m[0] {
				for _, f := range found {
					if f.loc[1] <= m[0] && f.theme != best && documentTheme(t.themes[f.theme].id) && !strings.Contains(c[f.loc[0]:f.loc[1]], "condition") {
						raise(f.theme, f.rec, 0.5)
						break
					}
				}
			}
		}
	}
	// "High workloads prevented managers from evidencing oversight of
	// cases": what the finding kept from being done is a finding too.
	if j.deficient && strings.Contains(c, " from ") {
		if m := preventedRE.get().FindStringIndex(c); m != nil {
			raiseObject(c, found, m[1], objectReach, best, raise)
		}
	}
	// "Staff shortages undermined the work to protect victims", "the
	// pandemic limited the delivery of programmes": what a finding's cause
	// harmed is a finding too, when the cause before the verb is raised.
	if j.deficient {
		if m := harmedRE.get().FindStringIndex(c); m != nil {
			cause := -1
			for _, f := range found {
				if f.loc[1] <= m[0] && raised[t.themes[f.theme].id] {
					cause = f.theme
				}
			}
			if cause >= 0 {
				raiseObject(c, found, m[1], harmedReach, cause, raise)
			}
		}
	}
	// "Their curiosity was limited by unmet training needs": the cause of a
	// passive harm is a finding too.
	if j.deficient && strings.Contains(c, " by ") {
		if m := harmedByRE.get().FindStringIndex(c); m != nil {
			raiseObject(c, found, m[1], harmedReach, -1, raise)
		}
	}
	// "The programme was not written into the plan": what was left out of
	// a plan or an assessment is a finding about that document too, though
	// a plan named as where something is set out is otherwise no topic.
	if j.deficient && strings.Contains(c, " not ") {
		if m := leftOutOfRE.get().FindStringIndex(c); m != nil {
			for i := range t.themes {
				if !documentTheme(t.themes[i].id) || raised[t.themes[i].id] {
					continue
				}
				for _, loc := range allMatches(t.themes[i].concepts, c, bits) {
					if loc[0] >= m[1] && loc[0] <= m[1]+12 {
						raise(i, false, 0.5)
						break
					}
				}
			}
		}
	}
	// "The decision not to recall him was not recorded": a failure to
	// record or explain something is a finding about it too.
	if j.deficient && len(j.negs) > 0 && (recordingVerbRE.get().MatchString(c[j.negEnds[0]:]) || accountedVerbRE.get().MatchString(c[j.negEnds[0]:]) && decisionToRE.get().MatchString(c[:j.negs[0]])) {
		pick := -1
		for k, m := range found {
			if m.loc[1] <= j.negs[0] && !raised[t.themes[m.theme].id] && (pick < 0 || m.loc[0] > found[pick].loc[0]) {
				pick = k
			}
		}
		if pick >= 0 {
			raise(found[pick].theme, found[pick].rec, 0.5)
		}
	}
	// "Did not request domestic abuse call-out information from the
	// police": a failure to seek or pass on what an agency holds is a
	// finding about sharing information, whatever else it is about.
	if j.deficient && best >= 0 && t.themes[best].id != corpus.ThemeInformationSharing && agencyInfoRE.get().MatchString(c) {
		if k := t.themeIndex(corpus.ThemeInformationSharing); k >= 0 {
			raise(k, bestRec, 0.5)
		}
	}
	// "Few cases had a sufficient analysis of the risk of domestic abuse":
	// an assessment, a plan or the sharing of information found wanting
	// about an area of need is a finding about that need too, and the
	// need's finding about the document or the sharing that it qualifies.
	// Recommendations are left to their own topic: "agree a protocol for
	// sharing domestic abuse information" asks for the sharing.
	if j.deficient {
		for _, a := range found {
			if !raised[t.themes[a.theme].id] {
				continue
			}
			for _, b := range found {
				// A service judged only by a general word ("for most of
				// the year") names no need of its own.
				service := t.themes[a.theme].id == corpus.ThemeInterventions || t.themes[b.theme].id == corpus.ThemeInterventions
				if !raised[t.themes[b.theme].id] && (!service || !j.general) && t.qualifies(c, a, b, j.triggers, judging, found) {
					raise(b.theme, b.rec, 0.5)
				}
			}
		}
	}
	// "The manager approved an assessment that had not been updated", "the
	// senior signed off each review without recording any discussion": what
	// a manager signed off in a clause that finds practice wanting is a
	// finding about the oversight too.
	if j.deficient && approvedRE.get().MatchString(c) {
		if k := t.themeIndex(corpus.ThemeManagementOversight); k >= 0 {
			raise(k, false, 0.5)
		}
	}
	// "Liaison with the mental health service was unsatisfactory": the
	// sharing whose partner is a raised theme's concept is found wanting
	// too.
	for _, a := range found {
		if !t.themes[a.theme].sharing || raised[t.themes[a.theme].id] {
			continue
		}
		for _, b := range found {
			if raised[t.themes[b.theme].id] && b.loc[0] > a.loc[1] && sharingPartnerRE.get().MatchString(c[a.loc[1]:b.loc[0]]) {
				raise(a.theme, a.rec, 0.5)
				break
			}
		}
	}
	// Coordinated concepts share the judgement of a raised one.
	for _, a := range found {
		if !raised[t.themes[a.theme].id] {
			continue
		}
		for _, b := range found {
			if !raised[t.themes[b.theme].id] && coordinated(c, a.loc, b.loc) {
				raise(b.theme, b.rec, 0.5)
			}
		}
	}
	return hits, about
}

// copulaJudgedRE finds a copula and a predicate of deficiency: "were
// also generally sub-standard", "was poor".
var copulaJudgedRE = lazyRE(`\b(?:was|were|is|are|remained|remains|has been|have been|had been)\s+(?:(?:also|still|often|generally|largely|too|very|wholly|mostly|again|typically|sometimes|consistently|equally|similarly|particularly|notably|[a-z]+ly)\s+)*(?:` + qualifierWords + `|sub-?standard|lacking|unclear|vague|generic|flawed|variable|not (?:good|adequate|sufficient|robust|thorough|effective) enough|below (?:the )?(?:expected |required )?standard)\b`)

// auxRE finds an auxiliary: a subject holding one is a clause of its own.
var auxRE = lazyRE(`\b(?:was|were|is|are|had|has|have|did|does|do|could|would|should|will|can|may|might|must)\b`)

// copulaHead returns the mention heading the subject of a clause whose
// predicate is a deficiency after a copula, when the nearest judging word
// chose another concept of the same subject; -1 otherwise.
func copulaHead(c string, found []mention, bestLoc []int) int {
	m := copulaJudgedRE.get().FindStringIndex(c)
	if m == nil || bestLoc[1] > m[0] || auxRE.get().MatchString(c[:m[0]]) {
		return -1
	}
	h := firstMention(found, m[0])
	if h < 0 || found[h].loc[0] >= bestLoc[0] {
		return -1
	}
	return h
}

// inDelay reports whether a phrase of delay opening at p holds loc.
func inDelay(delays [][]int, p int, loc []int) bool {
	for _, sp := range delays {
		if sp[0] == p && loc[1] <= sp[1] {
			return true
		}
	}
	return false
}

// shareLeadRE ends the words before a share that closes a clause: "in",
// "for" or "across", perhaps with "only" or "just".
var shareLeadRE = lazyRE(`\b(?:in|for|across)(?: only| just)? $`)

// closingShareRE finds, from its first word, a share of the cases looked
// at: "well under half of the cases inspected", "a minority of reviews",
// "only 30 per cent of cases".
var closingShareRE = lazyRE(`^(?:only |just |well |a little |slightly )?(?:under |below |fewer than |less than )?(?:half|a (?:third|quarter|fifth|minority)|one in (?:two|three|four|five|ten)|two[- ]thirds|\d+(?:\.\d+)? ?(?:per ?cent|%)|\w+ (?:per ?cent|%)|(?:\w+|\d+) (?:of|out of) (?:the )?(?:\d+|\w+))\b[^,;.]{0,30}?\b(?:cases|reviews|records|assessments|plans|files|instances|people|those|the sample)\b`)

// trailingShare says whether the judging word at p opens a share that
// closes its clause ("... in under half of the cases").
func trailingShare(c string, p int) bool {
	return shareLeadRE.get().MatchString(c[max(0, p-12):p]) && closingShareRE.get().MatchString(c[p:])
}

// firstMention is the first concept mention, not a recommendation's, that
// ends before p: the head of the clause's subject.
func firstMention(found []mention, p int) int {
	h := -1
	for k, f := range found {
		if !f.rec && f.loc[1] <= p && (h < 0 || f.loc[0] < found[h].loc[0]) {
			h = k
		}
	}
	return h
}

// qualifierWords are the words of deficiency that qualify a noun:
// "poor oversight", "inadequate plans", "a lack of liaison".
const qualifierWords = `poor|weak|inadequate|insufficient|limited|inconsistent|ineffective|inaccurate|incomplete|patchy|superficial|unsatisfactory|deficient|minimal|lack of|absence of`

// practiceJudgedRE finds a word of deficiency qualifying an act of
// practice: "they suffered from poor management oversight", "he received
// inadequate supervision" judge practice, whoever the subject is.
//
// A failure to make a worker's checks ("came to that conclusion without
// speaking to her or visiting the address", "stayed with friends for months
// without any referral") names practice too.
var practiceJudgedRE = lazyRE(`\bwithout (?:any |a |an )?(?:referral|assessment|risk assessment|safety plan|review|checks?|enquir(?:y|ies)|follow-up)\b|\bwithout (?:first |ever |properly |any )?(?:speaking to|talking to|visiting|checking|contacting|consulting|conducting|making (?:any )?(?:checks|enquiries)|carrying out|undertaking|seeking|obtaining)\b|\b(?:` + qualifierWords + `)\s+(?:[a-z-]+\s+)?(?:oversight|supervision|assessments?|planning|plans?|practice|recording|communication|information[- ]sharing|liaison|risk management|quality assurance|leadership|staffing)\b`)

// reviewDocsRE finds a clause whose subject is the reviews themselves (as
// documents, in an inspectorate's report on them): "the quality of SFO
// reviews produced by probation regions", "reviews did not include the
// family's views". "Reviews of the plan" are practice, and are not
// matched.
var reviewDocsRE = lazyRE(`^\W*(?:(?:however|but|and|although|while|whereas|yet),? )?(?:the |these |those |some |many |most |all |a number of |too many |several |few |a few |(?:\w+ )?(?:per ?cent|%) of (?:the )?|(?:the )?quality of (?:the )?)?(?:(?:sfo|serious further offence|serious incident|significant case|initial case|learning|reflective learning|domestic homicide|safeguarding adults?|child practice|comprehensive|initial|submitted|local) )?reviews\b(?: of (?:serious|sfo|incidents?)\b| (?:we|submitted|received|produced|conducted|undertaken|completed|quality assured|inspected|sampled|examined|rated)\b| (?:\w+ly |not |still )?(?:did|do|were|are|had|have|remain(?:ed)?|lacked|fell|failed|tended|varied|focused|focussed)\b)`)

// judgedByRE ends the words before a concept that judge it wanting by
// qualifying it: "poor management oversight", "inadequate risk
// assessments", "a lack of joint working", "the weak quality of plans".
var judgedByRE = lazyRE(`\b(?:` + qualifierWords + `|sporadic|infrequent|ineffectual|little|gaps in|failures? (?:in|of))\s+(?:(?:quality|standard|level|use|consistency|extent)\s+of\s+)?(?:the\s+|any\s+)?$`)

// quantRE finds a share or a small number opening a judged subject:
// "only a third of", "too few", "very few", "45 per cent of".
var quantRE = lazyRE(`^(?:only|just|too few|very few|few|fewer than|less than|under|a minority of|\d+(?:\.\d+)? ?(?:per ?cent|%))\b`)

// quantifiedSubjects maps each trigger that opens a quantified subject
// ("only a third of people leaving prison were ...") to where that
// subject ends, its first finite verb, when a concept follows the verb:
// the concepts inside the subject name who or what was counted, not what
// was found wanting.
func quantifiedSubjects(c string, triggers []int, themeLocs [][][]int, doc func(int) bool) map[int]int {
	var out map[int]int
	for _, p := range triggers {
		if !quantRE.get().MatchString(c[p:]) {
			continue
		}
		v := finiteRE.get().FindStringIndex(c[p:])
		if v == nil {
			continue
		}
		e := p + v[0]
		later, counted := false, false
		for i, locs := range themeLocs {
			for _, loc := range locs {
				later = later || loc[0] >= e
				counted = counted || doc(i) && loc[0] >= p && loc[1] <= e
			}
		}
		// "Only a third of plans addressed the risk": when what is counted
		// is an assessment or a plan, the share judges it.
		if later && !counted {
			if out == nil {
				out = map[int]int{}
			}
			out[p] = e
		}
	}
	return out
}

// sharingMention returns the theme of the first mention in found of a
// theme of passing information on that ok accepts, or -1.
func (t *Taxonomy) sharingMention(found []mention, ok func(mention) bool) int {
	for _, m := range found {
		if t.themes[m.theme].sharing && ok(m) {
			return m.theme
		}
	}
	return -1
}

// qualifiedRE is the stretch between an assessment, a plan or a sharing
// of information and the area of need it is about: "of the risk of",
// "for any risks of further", "in cases where", "about his", "that he
// had stopped his".
var qualifiedRE = lazyRE(`^(?:[\w' ]{0,50}?\b(?:of|for|about|into|on|around|regarding|concerning|in relation to|relat(?:ing|ed) to|where|such as|including|that)\b[\w' ]{0,30}|,? in (?:cases|circumstances|situations) where\b[\w' ]{0,30}|\s*(?:the |his |her |their |any |previous |past |further |earlier |current )*)$`)

// whereRE finds the comma that opens the cases a finding is about: ", in
// cases where".
var whereRE = lazyRE(`^,? in (?:cases|circumstances|situations) where\b`)

// qualifies reports whether two mentions are a document or sharing theme
// and, just after it, a need it is about, in either order of a and b: the
// need in a phrase that qualifies the document ("an analysis of the risk
// of domestic abuse") or the object of the judging word that follows the
// document ("the assessments seldom explored his drinking"). a is the
// raised one.
func (t *Taxonomy) qualifies(c string, a, b mention, triggers, judging []int, found []mention) bool {
	doc, need, toNeed := a, b, true
	if t.themes[a.theme].need {
		doc, need, toNeed = b, a, false
	}
	d := &t.themes[doc.theme]
	// "Interventions responsive to these diversity factors", "no service
	// for his drinking": a service found wanting names its need as well.
	if !t.themes[need.theme].need || d.need || !documentTheme(d.id) && !d.sharing && d.id != corpus.ThemeInterventions {
		return false
	}
	// "Domestic abuse enquiries with the police": the two overlap, and the
	// enquiries found wanting name the need they are about (the need's own
	// enquiries found wanting are its finding alone). A need named only
	// inside another need's longer term ("safeguarding checks" in
	// "domestic abuse safeguarding checks") names nothing.
	if need.loc[0] < doc.loc[1] && doc.loc[0] < need.loc[1] {
		if !toNeed {
			return false
		}
		for _, o := range found {
			if o.theme != need.theme && t.themes[o.theme].need && o.loc[0] <= need.loc[0] && need.loc[1] <= o.loc[1] && o.loc[1]-o.loc[0] > need.loc[1]-need.loc[0] {
				return false // inside another need's longer term
			}
		}
		return true
	}
	if need.loc[0] < doc.loc[1] || need.loc[0]-doc.loc[1] > 80 {
		return false
	}
	gap := c[doc.loc[1]:need.loc[0]]
	// "Risk assessments were seriously flawed, consistently
	// underestimating the risk of domestic violence": a judging word after
	// the gap's last comma heads a phrase about the need, even one a
	// theme's own cue used (judging holds those too).
	if i := strings.LastIndexByte(gap, ','); i >= 0 && !strings.ContainsAny(gap, ";:") {
		for _, p := range judging {
			if p > doc.loc[1]+i && p < need.loc[0] {
				return true
			}
		}
	}
	if strings.ContainsAny(gap, ";:") || strings.Contains(gap, ",") && !whereRE.get().MatchString(gap) {
		return false
	}
	for _, p := range triggers {
		if p >= doc.loc[1] && p < need.loc[0] {
			return true
		}
	}
	return qualifiedRE.get().MatchString(gap)
}

// documentTheme reports whether a theme's concepts name a document
// practice is set out in: the plan or the assessment.
func documentTheme(id corpus.ThemeID) bool {
	return id == corpus.ThemeCaseManagementPlan || id == corpus.ThemeAssessmentQuality
}

// recShareRE finds a verb of sharing information in a recommendation.
var recShareRE = lazyRE(`\b(?:share[sd]?|sharing|exchang(?:e|ed|es|ing)|pass(?:ed|es|ing)? on)\b`)

// relativeRE finds a comma and a relative pronoun opening a clause that
// says more about what came before it: ", which the assessment had".
var relativeRE = lazyRE(`,\s+(?:which|who|whom|whose)\s`)

// relativeBetween reports whether a relative clause opens between a
// judging word at p and a concept at q.
func relativeBetween(c string, p, q int) bool { return relativeRE.get().MatchString(c[p:q]) }

// sharingVerbRE finds, straight after a negation, a verb of passing
// something on: "did not share", "was not passed to", "never sent".
var sharingVerbRE = lazyRE(`^\s*(?:\w+ly\s+)?(?:been\s+)?(?:share[sd]?|sharing|pass(?:ed|es)?(?:\s+on)?|sen[dt]|sends|told|informed|notified|made aware|forward(?:ed|s)?|provide[sd]?|disclose[sd]?|relay(?:ed|s)?|cop(?:y|ied) (?:in|to)|transfer(?:red|s)?)\b`)

// recordingVerbRE finds, straight after a negation, a verb of recording
// or explaining: "was not recorded", "were never explained".
var recordingVerbRE = lazyRE(`^\s*(?:\w+ly\s+)?(?:been\s+)?(?:recorded|documented|explained|written (?:up|down)|evidenced|minuted|noted)\b`)

// decisionToRE finds a decision named by what it decided: "the decision
// not to seek recall", "the choice to reduce contact".
var decisionToRE = lazyRE(`\b(?:decisions?|choice|judge?ments?)\s+(?:not\s+)?to\s+\w+`)

// accountedVerbRE finds, straight after a negation, a verb of accounting
// for a decision to someone: "[the decision not to seek recall] was not
// discussed with a manager".
var accountedVerbRE = lazyRE(`^\s*(?:\w+ly\s+)?(?:been\s+)?(?:discussed|agreed|approved|signed off|countersigned|scrutinised|challenged|questioned)\b`)

// agencyInfoRE finds information an agency holds, sought or passed on:
// "information from the police", "call-outs held by the police".
var agencyInfoRE = lazyRE(`\b(?:information|intelligence|records|details|call-?outs?|reports|checks|enquir(?:y|ies)|inquir(?:y|ies))\b(?:\s+[\w'-]+){0,3}\s+(?:from|held by|known to|with)\s+(?:the\s+)?(?:police|health|housing|gp|nhs|school|children'?s services|social work|mental health (?:team|services)|hospital|(?:local )?councils?|local authorit(?:y|ies))\b`)

// agencyOwnInfoRE finds an agency's information named by the agency
// first: "police domestic abuse call-out information".
var agencyOwnInfoRE = lazyRE(`\b(?:police|health|housing|gp|nhs|school|children'?s services|social work|mental health (?:team|services)|hospital)(?:\s+[\w'-]+){0,3}\s+(?:information|intelligence|records|reports|checks)\b`)

// agencyInfo reports whether a clause names information an agency holds.
func agencyInfo(c string) bool {
	return agencyInfoRE.get().MatchString(c) || agencyOwnInfoRE.get().MatchString(c)
}

// agencyHeldRE finds an agency holding information: "police held
// information on two previous partners".
var agencyHeldRE = lazyRE(`\b(?:police|health|housing|gp|nhs|hospital|school|children'?s services|mental health (?:team|services))(?:\s+[\w'-]+){0,2}\s+held\s+(?:\w+\s+){0,2}(?:information|intelligence|details|records|reports)\b`)

// occasionRE finds, between a passive negation and a concept, the verb
// and a preposition of place or time: "was not [discussed at any]
// supervision session".
var occasionRE = lazyRE(`^\s*(?:\w+\s+){1,2}(?:at|during|on|for|within|after|before|until|throughout)\s+(?:any|the|a|an|his|her|their|each|every|all|those|these)?\b`)

// occasionPenalty moves a concept in a phrase of occasion behind the
// subject of a passive negation.
const occasionPenalty = 24

// sharingPartnerRE is what stands between a sharing of information and
// the partner it was shared with: "liaison with the", "communication
// between the".
var sharingPartnerRE = lazyRE(`^\s+(?:with|between|from|to|by)\s+(?:(?:the|a|an|his|her|their|local|other|partner)\s+)?$`)

// staffTheyRE finds "they" that stands for staff or the reviewers, not the
// supervised person: "inspectors said they were not confident", "managers
// told us they could not".
var staffTheyRE = lazyRE(`\b(?:inspectors?|we|reviewers?|the review(?:ers| team)?|the panel|staff|workers|managers|practitioners|officers|leaders|seniors)\b(?:\s+[\w']+){0,3}\s+they(?:\s+\w+)?\s*$`)

// actorBeforeRE finds staff as the subject just before a negation, after
// a pronoun that stood for the reviewers: "they found leaders did not".
var actorBeforeRE = lazyRE(`\b(?:managers|leaders|leadership|workers|staff|practitioners|officers|supervisors|seniors|colleagues|the service|services|agencies|partners)(?:\s+(?:also|then|still|often|simply|routinely|had|have|has))*\s*$`)

// reviewerTheyRE finds "they" opening a clause with a verb of finding or
// reporting that reviewers and inspectors use: in "they highlighted the
// poor exchange of information" they are the reviewers, not the
// supervised person.
var reviewerTheyRE = lazyRE(`^\W*(?:[a-z]+(?: [a-z]+)?: )?(?:(?:and|but|however|although|though|while|whereas|yet),? )?they (?:also |further |repeatedly |consistently )?(?:highlighted|found|identified|noted|concluded|observed|judged|rated|inspected|examined|sampled|flagged|emphasised|stressed|pointed to|drew attention)\b`)

// approvedRE finds a manager signing off: "the senior countersigned",
// "the team leader approved the plan".
var approvedRE = lazyRE(`\b(?:manager|managers|senior|seniors|team leader|team leaders|spo|senior probation officer|senior practitioner|supervisor|line manager)\b(?:\s+\w+){0,2}?\s+(?:approved|countersigned|counter-signed|signed off|signed (?:it|the \w+|his \w+) off|endorsed|authorised|authorized|agreed|quality assured|ratified)\b`)

// providesNoRE follows a plan or an assessment that is said to hold
// nothing for what comes after: "made no provision for", "contained no
// measures to", "had little detail about".
var providesNoRE = lazyRE(`^\s+(?:made|makes|contained|contains|had|has|included|includes|held|holds|set out|sets out|offered|gave|gives|provided)\s+(?:\w+\s+)?(?:no|little|insufficient|limited|few|nothing by way of)\s+(?:\w+\s+)?(?:provision|measures?|actions?|arrangements?|steps|reference|mention|detail|strateg(?:y|ies)|contingenc(?:y|ies)|consideration|plans?|objectives?)\s+(?:for|to|about|on|regarding|of|in relation to)\b`)

// dropEmptyDocuments removes a plan or an assessment named as holding
// nothing for another theme's concept: "the plan made no provision for
// alerting the victim" finds the victim's safety wanting, and the plan
// only holds it.
func (t *Taxonomy) dropEmptyDocuments(c string, themeLocs [][][]int) {
	if !strings.Contains(c, " no ") && !strings.Contains(c, " little ") && !strings.Contains(c, " few ") && !strings.Contains(c, " insufficient ") && !strings.Contains(c, " limited ") && !strings.Contains(c, " nothing ") {
		return
	}
	for k := range t.themes {
		if !documentTheme(t.themes[k].id) || len(themeLocs[k]) == 0 {
			continue
		}
		kept := themeLocs[k][:0:0]
		for _, b := range themeLocs[k] {
			if m := providesNoRE.get().FindStringIndex(c[b[1]:]); m == nil || !t.mentionWithin(themeLocs, k, b[1]+m[1], 60) {
				kept = append(kept, b)
			}
		}
		themeLocs[k] = kept
	}
}

// mentionWithin reports whether a concept of a theme other than k starts
// from at, within reach bytes.
func (t *Taxonomy) mentionWithin(themeLocs [][][]int, k, at, reach int) bool {
	for i, locs := range themeLocs {
		if i == k {
			continue
		}
		for _, a := range locs {
			if a[0] >= at && a[0]-at <= reach {
				return true
			}
		}
	}
	return false
}

// themeIndex returns the index of theme id in t.themes, or -1.
func (t *Taxonomy) themeIndex(id corpus.ThemeID) int {
	for k := range t.themes {
		if t.themes[k].id == id {
			return k
		}
	}
	return -1
}

// containerRE finds the words between a thing and the document it is set
// out in: "the interventions [in the] plan".
var containerRE = lazyRE(`^\s+(?:in|within|from|set out in|listed in|named in|identified in|agreed in|recommended in)\s+(?:the|his|her|their|this)\s+$`)

// dropContainers removes a plan or an assessment named only as where
// another theme's concept is set out: "the interventions in the plan were
// not delivered" is about the interventions.
func (t *Taxonomy) dropContainers(c string, themeLocs [][][]int) {
	if !strings.Contains(c, "in ") && !strings.Contains(c, " from ") {
		return // every containerRE match holds one
	}
	for k := range t.themes {
		if !documentTheme(t.themes[k].id) || len(themeLocs[k]) == 0 {
			continue
		}
		kept := themeLocs[k][:0:0]
		for _, b := range themeLocs[k] {
			contained := false
			for i, locs := range themeLocs {
				if i == k {
					continue
				}
				for _, a := range locs {
					if a[1] < b[0] && b[0]-a[1] <= 24 && containerRE.get().MatchString(c[a[1]:b[0]]) {
						contained = true
					}
				}
			}
			if !contained {
				kept = append(kept, b)
			}
		}
		themeLocs[k] = kept
	}
}

// dropInside removes a mention that lies wholly inside a longer mention
// of another theme's concept, when neither names a document or a sharing
// of information (those name the need inside them too, see qualifies):
// "visits to the home address" is contact; the address is only where the
// visits were to be.
func (t *Taxonomy) dropInside(themeLocs [][][]int) {
	for k := range t.themes {
		if len(themeLocs[k]) == 0 || t.docOrSharing(k) {
			continue
		}
		kept := themeLocs[k][:0:0]
		for _, a := range themeLocs[k] {
			inside := false
			for i, locs := range themeLocs {
				if i == k || t.docOrSharing(i) {
					continue
				}
				for _, b := range locs {
					if b[0] <= a[0] && a[1] <= b[1] && b[1]-b[0] > a[1]-a[0] {
						inside = true
					}
				}
			}
			if !inside {
				kept = append(kept, a)
			}
		}
		themeLocs[k] = kept
	}
}

// docOrSharing reports whether theme k names a document practice is set
// out in or a sharing of information.
func (t *Taxonomy) docOrSharing(k int) bool {
	return documentTheme(t.themes[k].id) || t.themes[k].sharing
}

// dropModifiers removes an area of need named only as what a programme or
// service is for: "the only accredited domestic abuse programme" names the
// programme; its want is the intervention's, not a gap in work on the
// need.
func (t *Taxonomy) dropModifiers(themeLocs [][][]int) {
	iv := t.themeIndex(corpus.ThemeInterventions)
	if iv < 0 || len(themeLocs[iv]) == 0 {
		return
	}
	for k := range t.themes {
		if !t.themes[k].need || len(themeLocs[k]) == 0 {
			continue
		}
		kept := themeLocs[k][:0:0]
		for _, a := range themeLocs[k] {
			head := false
			for _, b := range themeLocs[iv] {
				if b[0] > a[0] && b[0]-a[1] <= 1 && b[0] >= a[1] {
					head = true
				}
			}
			if !head {
				kept = append(kept, a)
			}
		}
		themeLocs[k] = kept
	}
}

// yardstickRE finds a measure a clause holds practice against: what
// follows "not consistent with" is the standard, not what fell short.
var yardstickRE = lazyRE(`\b(consistent|inconsistent|in line|in keeping|commensurate|in accordance|compatible|at odds|out of step|in step) with\b|\b(proportionate|appropriate|proportional) to\b`)

// yardstickVerbRE finds a negated verb of measure: what follows "did not
// match" is the standard. An area of need after it ("did not reflect the
// known history of domestic abuse") is what was left out, and stays.
var yardstickVerbRE = lazyRE(`\b(did not|didn't|does not|do not|failed to|not|never) (match|reflect|mirror|correspond to|keep pace with)\b`)

// yardstickReach is how far after a yardstick phrase a concept is its
// standard.
const yardstickReach = 40

// dropYardsticks removes from the themes' concept locations those that
// name the standard after a yardstick phrase ("contact was reduced, which
// was not consistent with his assessed level of risk", "the frequency of
// contact did not match the level of risk" are about contact, not the
// assessment), when the clause names something else to judge.
func (t *Taxonomy) dropYardsticks(c string, themeLocs [][][]int) {
	if !strings.Contains(c, " with") && !strings.Contains(c, " to") && !strings.Contains(c, " match") && !strings.Contains(c, " reflect") && !strings.Contains(c, " mirror") {
		return
	}
	ys := yardstickRE.get().FindAllStringIndex(c, -1)
	vs := yardstickVerbRE.get().FindAllStringIndex(c, -1)
	if len(ys) == 0 && len(vs) == 0 {
		return
	}
	after := func(spans [][]int, loc []int) bool {
		for _, y := range spans {
			if loc[0] >= y[1] && loc[0]-y[1] <= yardstickReach {
				return true
			}
		}
		return false
	}
	standard := func(k int, loc []int) bool {
		return after(ys, loc) || !t.themes[k].need && after(vs, loc)
	}
	other := false
	for k, locs := range themeLocs {
		for _, loc := range locs {
			other = other || !standard(k, loc)
		}
	}
	if !other {
		return
	}
	for k, locs := range themeLocs {
		kept := locs[:0:0]
		for _, loc := range locs {
			if !standard(k, loc) {
				kept = append(kept, loc)
			}
		}
		themeLocs[k] = kept
	}
}

// omissionRE finds a phrase of omission: something left out of an
// assessment, a plan or a decision.
var omissionRE = lazyRE(`\b((no|little|without( any)?) (mention|reference|consideration|account|analysis|discussion|exploration|provision) (was made |was given )?(of|to|about|for)|(did not|does not|didn't|failed to|not) (mention|refer to|reference|consider|take account of|take into account|reflect|include|address|cover|explore)|(did not|didn't|failed to|never|not) (ask(ed)?|enquire[ds]?|inquire[ds]?)( him| her| them)? (about|into|after|what|whether|how|why|who|where))\b`)

// leftOutOfRE finds a passive omission from a document: "was not written
// into", "were never included in".
var leftOutOfRE = lazyRE(`\b(?:was|were|had been|has been)\s+(?:not|never)\s+(?:written|included|put|built|set out|reflected|mentioned|incorporated|captured)\s+(?:in|into|within)\s`)

// whetherRE finds an indirect question: what follows it is asked, not
// found.
var whetherRE = lazyRE(`\b(whether|if)\b`)

// omissionWords are strings one of which every omissionRE match holds.
var omissionWords = []string{"mention", "referen", "refer to", "consider", "account", "analysis", "discussion", "exploration", "provision", "reflect", "include", "address", "cover", "explore", "ask", "enquir", "inquir"}

// mayOmit reports whether c holds one of omissionWords.
func mayOmit(c string) bool {
	for _, w := range omissionWords {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// activeSlack is how much farther than an object after it an agent before
// an active negation must be to lose to it.
const activeSlack = 8

// passiveRecRE finds a recommendation word followed by a passive, whose
// subject is what is to be done: "plans should be reviewed", "must have
// been shared".
var passiveRecRE = lazyRE(`^(?:should|must|needs? to|ought to)(?: always| also| routinely| in future| then| now)?(?: be| have been| have| get)\b`)

// actorRE finds, in a concept's words, people who act: the staff and
// their managers.
var actorRE = lazyRE(`\b(?:managers?|leaders?|leadership|workers?|staff|practitioners?|officers?|supervisors?|seniors?|colleagues)\b`)

// activeRec reports whether the recommendation word at p has an active
// verb after it ("managers should monitor"), which makes the words before
// it the one who is to act.
func activeRec(c string, p int) bool {
	return !passiveRecRE.get().MatchString(c[p:])
}

// activeNeg reports whether the negation c[at:end] negates an active verb
// ("did not lead to", "failed to consider", "never asked"), whose object
// follows it, rather than a passive one ("was not reviewed").
func activeNeg(c string, at, end int) bool {
	w := strings.Trim(c[at:end], " ,.;:()\"'-")
	switch w {
	case "did not", "failed to", "didn't":
		return true
	case "not", "never":
		before := strings.TrimRight(c[:at], " ")
		if i := strings.LastIndexByte(before, ' '); i >= 0 {
			before = before[i+1:]
		}
		switch before {
		case "did", "does", "do", "could", "would", "should", "will", "can":
			return true
		case "was", "were", "is", "are", "been", "be", "being", "had", "has", "have":
			return false
		}
		return w == "never" // "he never asked"
	}
	return false
}

// raiseObject raises the theme, other than skip, whose concept starts
// first after an act's words (ending at from), within reach and the same
// phrase: the act's object.
func raiseObject(c string, found []mention, from, reach, skip int, raise func(int, bool, float64)) {
	obj, objAt := -1, len(c)
	for _, f := range found {
		if f.theme != skip && f.loc[0] >= from && f.loc[0] < objAt && f.loc[0]-from <= reach && !strings.ContainsAny(c[from:f.loc[0]], ",;") {
			obj, objAt = f.theme, f.loc[0]
		}
	}
	if obj >= 0 {
		raise(obj, false, 0.5)
	}
}

// negObjectReach is how far after a negated act's words its object may
// start: "did not use the SARA", "no referral was made to children's
// services".
const negObjectReach = 24

// orActRE finds a second act in the scope of a negation: "did not use the
// SARA or consider the Caledonian programme".
var orActRE = lazyRE(`\b(or|nor)\s+(to\s+)?(consider|use|refer|check|make|contact|share|seek|request|arrange|offer|explore|assess|complete|record|visit|inform|tell|ask|notify|review|update|invite|involve|consult|suggest)\b`)

// objectReach is how far after an omission its object may start.
const objectReach = 40

// absenceReach is how far from an absence cue's match the negation that
// made it a concern may stand (negatedNear looks 20 bytes before it and a
// short passive after it).
const absenceReach = 40

// usedSlack lets a judging word start just before a cue's match: the
// negation pattern's match takes the space before "not".
const usedSlack = 4

// unused returns the positions that lie in none of the spans.
func unused(at []int, spans [][2]int) []int {
	var out []int
next:
	for _, p := range at {
		for _, sp := range spans {
			if sp[0]-usedSlack <= p && p < sp[1] {
				continue next
			}
		}
		out = append(out, p)
	}
	return out
}

// mention is where a theme's concept is named in a clause.
type mention struct {
	theme int
	loc   []int
	rec   bool // reached by a recommendation, not a finding
}

// coordinateRE is the short stretch joining two coordinated noun phrases:
// "and", "or", a comma, "as well as", or a preposition that makes one the
// topic of the other ("enquiries with the police about domestic abuse").
// After "and", a gerund may take the second as its topic: "safeguarding
// children and managing the risk of domestic abuse".
var coordinateRE = lazyRE(`^[\s,]*(,|and|or|and/or|nor|as well as|about|regarding|concerning|in relation to|relating to|around|into|on)\s+([a-z]+ing\s+((the|their|his|her)\s+)?(risks?|needs?|issues?|impact)\s+(of|to|from|around)\s+)?((the|a|an|his|her|their|any|of|to|in|for|[a-z]+'s|[a-z]+s')\s+)*((?:close|closer|better|more|effective|timely|robust|thorough|clear|clearer|good|poor|regular|proper|consistent|improved|stronger|appropriate|accurate|adequate|sufficient|full)\s+)?$`)

// preventedRE finds what kept practice from being done: "which prevented
// them from", "stopped staff from"; the object follows its end.
var preventedRE = lazyRE(`\b(?:prevent(?:ed|s|ing)?|stop(?:ped|s|ping)?|hinder(?:ed|s|ing)?|kept|keeping|precluded|discouraged|deterred)\s+(?:(?:him|her|them|it|staff|managers|workers|practitioners|officers|leaders|the\s+\w+(?:\s+\w+)?)\s+)?from\s+(?:\w+ing\s+)?(?:(?:a|an|the|any|sufficient|adequate|effective|proper|regular|meaningful)\s+)?`)

// harmedRE finds a verb of harm done to practice and the words naming
// what was harmed up to its object: "undermined the work to", "impacted
// on the quality of", "limited the delivery of". "Affected" and
// "impacted" harm practice only with a word of practice after them ("the
// quality of", not "his understanding of"); "limited", "reduced" and
// "restricted" are verbs here only before a determiner.
var harmedRE = lazyRE(`\b(?:(?:undermin|hamper|imped|hinder|compromis|weaken|disrupt|constrain|curtail|erod|diminish|jeopardis|jeopardiz)(?:ed|es|e|s|ing)?(?:\s+(?:on|upon))?\s+|(?:affect|impact)(?:ed|s|ing)?(?:\s+(?:on|upon))?\s+(?:(?:` + harmDeterminers + `)\s+)*(?:` + harmedPractice + `)\s+|(?:limit|reduc|restrict)(?:ed|es|s|ing)\s+(?:the|their|his|her|its|staff'?s?)\s+)(?:(?:` + harmDeterminers + `|` + harmedPractice + `|of|on|to|for|in|with|and|level|amount|time|undertaken|carried|out|done|needed|required|helping|offenders|people|probation|change)\s+)*`)

// harmDeterminers and harmedPractice are the words before, and the words
// of practice, that a verb of harm takes as its object.
const (
	harmDeterminers = `the|their|his|her|its|all|some|much|staff'?s?|practitioners'?`
	harmedPractice  = `quality|delivery|provision|effectiveness|consistency|frequency|standards?|availability|continuity|ability|capacity|work|efforts?|attempts?|focus`
)

// harmedByRE finds a passive verb of harm and its agent's first words:
// "was limited by unmet", "were hampered by the".
var harmedByRE = lazyRE(`\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:limited|hampered|undermined|affected|impacted|constrained|restricted|hindered|compromised|weakened|disrupted|impeded)\s+by\s+(?:(?:the|a|an|their|his|her|its|unmet|high|heavy|ongoing|persistent|continuing)\s+)*`)

// harmedReach is how far after a verb of harm its object may start.
const harmedReach = 64

// passiveSubjectRE is what stands between a passive subject and the
// negation of its verb: "[the safety of his partner] was [never]".
var passiveSubjectRE = lazyRE(`^\s*(?:\w+\s+){0,2}?(?:was|were|had been|has been|have been|is|are)\s*$`)

// sharedHeadRE opens what a longer mention adds to a shorter one with the
// same start, when it adds a second noun to the first's head.
var sharedHeadRE = lazyRE(`^\s*(?:,\s*)?(?:and|or|and/or|as well as)\s+\S`)

// objectRE ends the words of a concept before the other concept it holds
// as the object of a preposition.
var objectRE = lazyRE(`\b(with|from|to|by|about|of|between|into|regarding|concerning)\s+((the|a|an|his|her|their|local|[a-z]+'s|[a-z]+s')\s+)?$`)

// coordinated reports whether the mentions a and b are joined by nothing
// but a coordinating word or a topic preposition, or one ends the other
// as its object ("enquiries with children's services" names both sharing
// information and safeguarding children; "missed appointments were", whose
// head is the other's, names one thing).
func coordinated(c string, a, b []int) bool {
	if b[0] <= a[0] && a[1] <= b[1] && b[1]-b[0] > a[1]-a[0] {
		a, b = b, a
	}
	if a[0] == b[0] && b[1] < a[1] {
		// b is the first of two nouns coordinated under a's head: "the
		// safety of his partner and her children" is about both of them.
		return sharedHeadRE.get().MatchString(c[b[1]:a[1]])
	}
	if a[0] < b[0] && b[1] <= a[1] {
		// b is the object of a preposition in a: "enquiries with
		// children's services", not "timescales for completing the
		// risk assessment".
		return objectRE.get().MatchString(c[a[0]:b[0]])
	}
	if a[0] > b[0] {
		a, b = b, a
	}
	if b[0] < a[1] {
		return false
	}
	// "controlling the quality of" + "risk assessments": a cue that ends
	// in a preposition takes the next as its object.
	if b[0]-a[1] <= 1 && objectRE.get().MatchString(c[a[0]:b[0]]) {
		return true
	}
	// A cue that ends inside a word ("safeguarding child" of "children")
	// is joined by what follows the word.
	gap := strings.TrimLeft(c[a[1]:b[0]], "abcdefghijklmnopqrstuvwxyz")
	if len(gap) > 40 {
		return false
	}
	return coordinateRE.get().MatchString(gap + " ")
}

// matchStarts returns where each matching cue first matches.
func matchStarts(cs []cue, s string, bits []uint64) []int {
	var at []int
	for _, c := range cs {
		if c.maybeIn(bits) {
			if loc := c.FindStringIndex(s); loc != nil {
				at = append(at, loc[0])
			}
		}
	}
	return at
}

// allInside reports whether every position lies inside one of the spans
// (a negation's match starts at the character before its word).
func allInside(at []int, spans [][]int) bool {
	for _, a := range at {
		in := false
		for _, sp := range spans {
			in = in || a >= sp[0]-1 && a < sp[1]
		}
		if !in {
			return false
		}
	}
	return true
}

// allMatches returns every match of the cues in s.
func allMatches(cs []cue, s string, bits []uint64) [][]int {
	var out [][]int
	for _, c := range cs {
		if c.maybeIn(bits) {
			out = append(out, c.findAll(s, -1)...)
		}
	}
	return out
}

// clauseMatches is allMatches in one clause of a longer sentence: bits
// are the sentence's, so a cue whose literals are all in other clauses is
// skipped by looking for them in the clause before running it.
func clauseMatches(cs []cue, c string, bits []uint64) [][]int {
	var out [][]int
	for _, cu := range cs {
		if cu.maybeIn(bits) && cu.maybe(c) {
			out = append(out, cu.findAll(c, -1)...)
		}
	}
	return out
}

// backRE finds a clause that points back to what was said before: opening
// with "this", "these", "it", "that", "such", "none of this" or "the
// reason for this", or ending
// with "of it", "about this", or judging "this" ("reviewers consider this
// too low"), or naming "this intelligence" or "these allegations" as the
// object of an act ("did not take account of this intelligence").
var backRE = lazyRE(`^\W*(?:(?:but|however|although|though|and|yet),?\s+)?(?:this|these|that|it|such|none of (?:this|these|it|that)|none|neither|the (?:rationale|reasons?|basis|justification|explanation) for (?:this|that|it|these|the (?:change|decision|reduction)))\b(?:\s+(?:information|concerns?|issues?|disclosures?|incidents?|behaviour|changes?|reports?|intelligence|fact|risks?|allegations?|call-?outs?|referrals?|records?|details|warnings?|pattern|situation|arrangement|decision))?\s+(?:was|were|is|are|had|has|did|could|should|would|went|remained|became)\b|\b(?:of|about|on|to)\s+(?:it|this|these|that)\W*$|\b(?:learned|learnt|knew|heard|told|aware|informed) (?:of|about) (?:this|it|these|that)\b|\b(?:considered|addressed|explored|recognised|noticed|discussed|questioned|picked up|acted on)\s+(?:this|that|these|it)\W*$|\b(?:pass|passed|share|shared|report|reported|relay|relayed|mention|mentioned|raise|raised|escalate|escalated)\s+(?:this|that|it|these)\s+(?:on\s+)?(?:to|with)\b|\b(?:consider(?:s|ed)?|found|find|judged?|thought|regard(?:s|ed)?|believe[sd]?|felt|view(?:s|ed)?)\s+(?:this|that|it|these)\s+(?:to be |as |was |were )?(?:too|far|much|not|un|in|poor|wrong|over|under|insufficient|inadequate|inappropriate)|\b(?:of|on|about|upon|with|from|into)\s+(?:this|these|such)\s+(?:information|intelligence|history|concerns?|allegations?|disclosures?|warnings?|incidents?|reports?|behaviour|evidence|details|risks?|call-?outs?|issues|matters|needs|factors)\b`)

func pointsBack(c string) bool {
	return backRE.get().MatchString(c) || personBackRE.get().MatchString(c)
}

// itSubject reports whether a clause opens with "it" as its subject.
func itSubject(c string) bool {
	c = strings.TrimLeft(c, " \t\"'(-,;:")
	for _, w := range []string{"but ", "however, ", "however ", "and ", "yet "} {
		c = strings.TrimPrefix(c, w)
	}
	return strings.HasPrefix(c, "it ") && !strings.HasPrefix(c, "it is ") && !strings.HasPrefix(c, "it was not clear") && !strings.HasPrefix(c, "it was unclear")
}

// personBackRE finds a clause opening with someone's safety or views ("her
// safety was not considered"): it points back to the person last named.
var personBackRE = lazyRE(`^\W*(?:(?:but|however|and|yet),?\s+)?(?:her|his|their)\s+(?:safety|views|wishes|welfare|protection|concerns)\b.{0,20}\b(?:was|were|had)\b`)

// personObjectRE finds contact with, or a risk to, someone named by a
// pronoun ("no contact was made with her", "the risk he posed to them"):
// with the supervised person a man, someone else, whom the clause before
// names. The first group is contact (or speaking to her), the second a
// risk.
var personObjectRE = lazyRE(`\b(contact(?:ed)? (?:was |were |had been |has been )?(?:made |attempted |established |had |maintained )?with her|(?:speak(?:ing)?|spoke|spoken|talk(?:ing|ed)?) (?:to|with) her)\b|\b((?:risks?|harm|danger|threat)(?: that)?(?: he| she| mr [a-z])?(?: might| could| may| would)?(?: pose[sd]?| present(?:ed)?)? to (?:them|her)|(?:place[sd]?|put|puts|putting|left|leave|leaves|expos(?:e|ed|es|ing)) (?:them|her) (?:at|to) (?:risk|harm|danger))(?:\s*$|\s*[,.;:)]|\s+(?:and|or|but|because|when|while|if|as|at|from|in|after|before|during|who|which|that|was|were|is|had|has|by|on|of|until|once)\b)|^\W*(?:(?:but|however|and|yet),?\s+)?((?:she|her) (?:was|were|had) (?:not|never) (?:been )?(?:told|informed|warned|consulted|contacted|updated|notified|asked))\b`)

// personObject returns the person theme a clause of contact with "her", of
// a risk to "them" or "her", or of her not being told is about (the person
// last named before it, if a victim or a child), and the theme the clause
// would otherwise raise (anyTheme: every theme it names).
func (t *Taxonomy) personObject(cl, ctx string, j judgement, kind corpus.SectionKind) (id, instead corpus.ThemeID, ok bool) {
	if !strings.Contains(cl, "her") && !strings.Contains(cl, "she ") && !strings.Contains(cl, " them") {
		return "", "", false
	}
	m := personObjectRE.get().FindStringSubmatchIndex(cl)
	if m == nil {
		return "", "", false
	}
	switch {
	case m[2] >= 0:
		instead = corpus.ThemeContactSupervision
	case m[4] >= 0:
		instead = corpus.ThemeAssessmentQuality
	default:
		// "She was not told when his licence conditions changed": the
		// clause is about her, whatever else it names.
		instead = anyTheme
	}
	// The nearest antecedent first: a person named earlier in the clause
	// ("a curfew at his partner's home without speaking to her").
	if m[0] > 0 {
		if id, ok = t.lastPersonNamed(cl[:m[0]], j, kind); ok {
			return id, instead, ok
		}
	}
	id, ok = t.lastPersonNamed(ctx, j, kind)
	return id, instead, ok
}

// anyTheme stands for every theme a clause would raise.
const anyTheme corpus.ThemeID = "*"

// personThemes are the themes whose concepts name a person other than the
// supervised one: what personBackRE points back to.
var personThemes = []corpus.ThemeID{corpus.ThemeVictimSafety, corpus.ThemeChildProtection}

// lastNamed returns the theme whose concept is named last in ctx (the text
// before a clause that points back) and that the clause's judgement can
// reach: delay judges only timing themes.
func (t *Taxonomy) lastNamed(ctx string, j judgement, kind corpus.SectionKind) (corpus.ThemeID, bool) {
	return t.named(ctx, j, kind, false)
}

// subjectNamed returns the theme whose concept is named first in ctx (the
// clause before one with no subject of its own: "the team manager reviewed
// the case once, and did not comment on the plan").
func (t *Taxonomy) subjectNamed(ctx string, j judgement, kind corpus.SectionKind) (corpus.ThemeID, bool) {
	return t.named(ctx, j, kind, true)
}

// pluralBackRE finds a clause pointing back to more than one thing.
var pluralBackRE = lazyRE(`^\W*(?:(?:but|however|although|though|and|yet),?\s+)?(?:neither|both|none of (?:these|them|this|it)|these|they|each of (?:these|them))\b`)

// coordinatedWith returns the themes whose concepts in ctx are coordinated
// with a concept of theme id ("his heroin use and his low mood").
func (t *Taxonomy) coordinatedWith(ctx string, id corpus.ThemeID, j judgement, kind corpus.SectionKind) []corpus.ThemeID {
	var bits []uint64
	if w := t.lits.words(); w > 0 {
		bits = make([]uint64, w)
		t.lits.scan(ctx, bits)
	}
	var ms []mention
	for i := range t.themes {
		th := &t.themes[i]
		if len(th.concepts) == 0 || !j.deficient && !th.timing || th.person && !j.deficient {
			continue
		}
		for _, loc := range allMatches(th.concepts, ctx, bits) {
			ms = append(ms, mention{theme: i, loc: loc})
		}
	}
	var out []corpus.ThemeID
	for _, a := range ms {
		if t.themes[a.theme].id != id {
			continue
		}
		for _, b := range ms {
			if other := t.themes[b.theme].id; other != id && !slices.Contains(out, other) && coordinated(ctx, a.loc, b.loc) {
				out = append(out, other)
			}
		}
	}
	return out
}

// needBackRE finds a clause naming an area of need only by a word that
// points back to it: "the problem", "these needs", "this behaviour".
var needBackRE = lazyRE(`\b(?:the (?:problems?|difficult(?:y|ies))|(?:this|that|these|those|such) (?:problems?|needs?|difficult(?:y|ies)|issues?|behaviours?))\b`)

// agencyPartnerRE finds children's services named as a partner in
// sharing information: where it came from or went to ("from the police and
// children's services", "between agencies such as children's social
// care"), or as the subject of a failure to pass it on ("children's
// services did not inform the team"; "children's services were not told"
// is a safeguarding finding).
var agencyPartnerRE = lazyRE(`\b(?:from|with|between|by|like|including|such as)\s+(?:(?:the|local|other|partner|relevant)\s+)*(?:(?:police|health|housing|education|schools?|probation|agencies|partners|services|gps?|nhs)\s*,?\s*(?:(?:and|or|as well as)\s+)?(?:the\s+)?)*children'?s (?:services|social care|social work(?: services)?)\b|^\W*(?:the\s+|local\s+)?children'?s (?:services|social care|social work(?: services)?)\s+(?:did not|didn't|had not|hadn't|failed to|never)\s+(?:share|inform|tell|pass|notify|provide|send|respond|reply|attend|update|alert|disclose)\w*\b`)

// childAgencyRE finds the names of children's services.
var childAgencyRE = lazyRE(`\bchildren'?s (?:services|social care|social work(?: services)?)\b`)

// agencyOnlyChildren reports whether the children a sentence names are
// only children's services in the part of a partner in sharing
// information: "safeguarding enquiries with children's services" and "no
// referral to children's services" name safeguarding acts, and stay.
func (t *Taxonomy) agencyOnlyChildren(s string, bits []uint64) bool {
	if !agencyPartnerRE.get().MatchString(s) || referralRE.get().MatchString(s) {
		return false
	}
	rest := childAgencyRE.get().ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
	for i := range t.themes {
		if th := &t.themes[i]; th.id == corpus.ThemeChildProtection {
			return !anyMatchIn(th.concepts, rest, bits) && !anyMatchIn(th.topics, rest, bits)
		}
	}
	return false
}

// referralRE finds a referral or a check, safeguarding acts of their own.
var referralRE = lazyRE(`\brefer(?:ral|red|ring)?s?\b|\bsafeguarding\b|\bchild protection\b|\b(?:checks?|checked|checking|enquir(?:y|ies|ed)|inquir(?:y|ies|ed))\b`)

// needThemes returns the themes flagged as areas of need, listed once
// when the taxonomy is compiled.
func (t *Taxonomy) needThemes() []corpus.ThemeID { return t.needIDs }

// lastPersonNamed is lastNamed among the themes that name a person.
func (t *Taxonomy) lastPersonNamed(ctx string, j judgement, kind corpus.SectionKind) (corpus.ThemeID, bool) {
	return t.namedAmong(ctx, j, kind, false, personThemes)
}

func (t *Taxonomy) named(ctx string, j judgement, kind corpus.SectionKind, first bool) (corpus.ThemeID, bool) {
	return t.namedAmong(ctx, j, kind, first, nil)
}

// namedAmong is named among the given themes (nil: all).
func (t *Taxonomy) namedAmong(ctx string, j judgement, kind corpus.SectionKind, first bool, among []corpus.ThemeID) (corpus.ThemeID, bool) {
	if kind == corpus.SectionBackground && !j.practice {
		return "", false
	}
	var bits []uint64
	if w := t.lits.words(); w > 0 {
		bits = make([]uint64, w)
		t.lits.scan(ctx, bits)
	}
	// The referent is the last thing named: the mention that starts last,
	// and of mentions starting together the shortest (the noun itself,
	// "the LS/CMI", not "the LS/CMI was completed").
	best, bestStart, bestLen := -1, -1, 0
	bestID := corpus.ThemeID("")
	for i := range t.themes {
		th := &t.themes[i]
		id := th.id
		// A delay judged on an assessment named before ("it had been due
		// for review") is about its timeliness.
		if !j.deficient && !th.timing && id == corpus.ThemeAssessmentQuality {
			id = corpus.ThemeAssessmentTimeliness
		} else if !j.deficient && !th.timing {
			continue
		}
		if len(th.concepts) == 0 || anyMatchIn(th.excludes, ctx, bits) || among != nil && !slices.Contains(among, th.id) {
			continue
		}
		names := th.concepts
		if among != nil {
			// A person is named by a topic word too: "the children".
			names = append(slices.Clip(th.concepts), th.topics...)
		}
		for _, loc := range allMatches(names, ctx, bits) {
			n := loc[1] - loc[0]
			if first && (best < 0 || loc[0] < bestStart || loc[0] == bestStart && n > bestLen) ||
				!first && (loc[0] > bestStart || loc[0] == bestStart && n < bestLen) {
				best, bestStart, bestLen, bestID = i, loc[0], n, id
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return bestID, true
}

// namesAny reports whether c names any theme's concept.
func (t *Taxonomy) namesAny(c string, bits []uint64) bool {
	for i := range t.themes {
		if anyMatchIn(t.themes[i].concepts, c, bits) {
			return true
		}
	}
	return false
}
