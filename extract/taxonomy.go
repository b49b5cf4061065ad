package extract

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sirlearn/sirlearn/corpus"
)

//go:embed taxonomy.yaml
var defaultTaxonomyYAML []byte

// DefaultTaxonomyYAML returns the embedded taxonomy file.
func DefaultTaxonomyYAML() []byte { return append([]byte(nil), defaultTaxonomyYAML...) }

// taxonomyFile is the YAML shape of a taxonomy.
type taxonomyFile struct {
	Version         int                         `yaml:"version"`
	Negations       []string                    `yaml:"negations"`
	StrengthMarkers []string                    `yaml:"strength_markers"`
	Evaluation      evaluationFile              `yaml:"evaluation"`
	Sections        map[string]sectionRulesFile `yaml:"sections"`
	Themes          map[string]themeRulesFile   `yaml:"themes"`
}

type sectionRulesFile struct {
	Headings []string `yaml:"headings"`
	Content  []string `yaml:"content"`
}

// evaluationFile is the shared evaluation layer (see taxonomy.yaml).
type evaluationFile struct {
	Deficiency     []string    `yaml:"deficiency"`
	Delay          []string    `yaml:"delay"`
	Person         []string    `yaml:"person"`
	Subject        []string    `yaml:"subject"`
	Strength       []string    `yaml:"strength"`
	Cancel         []string    `yaml:"cancel"`
	Recommendation []string    `yaml:"recommendation"`
	Actions        []string    `yaml:"actions"`
	Practice       []string    `yaml:"practice"`
	General        generalFile `yaml:"general"`
}

type themeRulesFile struct {
	// Timing: delay words judge this theme's concepts deficient. Person:
	// so do negations whose subject is the supervised person. Sharing: the
	// theme is about passing information on, so what a negated verb of
	// sharing failed to pass on is its finding, not the other theme's.
	Timing  bool `yaml:"timing"`
	Person  bool `yaml:"person"`
	Sharing bool `yaml:"sharing"`
	// Need: the theme is an area of need or risk (drinking, abuse,
	// children's safety) that an assessment, a plan or the sharing of
	// information is about, so a finding about one of those that names
	// it is a finding about it too.
	Need bool `yaml:"need"`
	// NoModel: the learned model never raises the theme; its cues alone
	// do (an inspector who narrows or retires a theme sets it).
	NoModel   bool     `yaml:"no_model"`
	Concepts  []string `yaml:"concepts"`
	Topics    []string `yaml:"topics"`
	Concerns  []string `yaml:"concerns"`
	Absences  []string `yaml:"absences"`
	Strengths []string `yaml:"strengths"`
	Excludes  []string `yaml:"excludes"`
}

// Taxonomy is a compiled taxonomy: heading and content cues per section kind,
// and the cues that raise each learning theme.
type Taxonomy struct {
	sections  []sectionRules
	themes    []themeRules
	negation  *negFinder
	strengths []cue
	eval      evaluation
	negHinted bool // every negation contains one of negationHints
	// fingerprint names the taxonomy's text (a hash of the file).
	fingerprint string
	lits        *litMatcher      // over the literals of the theme cues
	general     *generalLexicon  // nil: none
	needIDs     []corpus.ThemeID // the themes flagged as areas of need
}

// evaluation is the compiled shared evaluation layer.
type evaluation struct {
	deficiency, delay, person, subject, strength, cancel, recommendation, actions, practice []cue
}

type sectionRules struct {
	kind     corpus.SectionKind
	headings []cue
	content  []cue
}

type themeRules struct {
	id        corpus.ThemeID
	timing    bool
	person    bool
	sharing   bool
	need      bool
	noModel   bool // the learned model never raises it
	concepts  []cue
	topics    []cue
	concerns  []cue
	absences  []cue
	strengths []cue
	excludes  []cue
	// own is the union of the literal ids of the concern and absence
	// cues, for one test of whether any could match a sentence; ownAlways
	// when one of them has no literals.
	own       []uint64
	ownAlways bool
}

// ownMaybe reports whether any of the theme's concern or absence cues
// could match a sentence with the literals found.
func (th *themeRules) ownMaybe(bits []uint64) bool {
	if th.ownAlways {
		return true
	}
	for i, w := range th.own {
		if i < len(bits) && w&bits[i] != 0 {
			return true
		}
	}
	return false
}

// DefaultTaxonomy compiles the embedded taxonomy.
func DefaultTaxonomy() (*Taxonomy, error) {
	return ParseTaxonomy(defaultTaxonomyYAML)
}

// LoadTaxonomy reads and compiles a taxonomy file; path "" means the
// embedded default.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	if path == "" {
		return DefaultTaxonomy()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("taxonomy %s: %w", path, err)
	}
	t, err := ParseTaxonomy(b)
	if err != nil {
		return nil, fmt.Errorf("taxonomy %s: %w", path, err)
	}
	return t, nil
}

// ParseTaxonomy compiles taxonomy YAML. Every problem is reported, joined:
// unknown section kinds or theme ids, bad regular expressions, missing
// themes, unknown keys.
func ParseTaxonomy(data []byte) (*Taxonomy, error) {
	return parseTaxonomyWith(data, precompiled(compiledPatterns()))
}

// parseTaxonomyWith compiles taxonomy YAML taking the literals of the
// patterns pre holds from it.
func parseTaxonomyWith(data []byte, pre precompiled) (*Taxonomy, error) {
	sum := sha256.Sum256(data)
	var f *taxonomyFile
	if hex.EncodeToString(sum[:]) == compiledSum {
		// The embedded file, decoded ahead of time.
		f = compiledFile()
	} else {
		var err error
		if f, err = decodeTaxonomy(data); err != nil {
			return nil, err
		}
	}
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	if f.Version != 1 {
		bad("version %d: want 1", f.Version)
	}
	compile := func(where string, pats []string) []cue {
		var out []cue
		for _, p := range pats {
			c, err := compileCue(p, pre)
			if err != nil {
				bad("%s: pattern %q: %v", where, p, err)
				continue
			}
			out = append(out, c)
		}
		return out
	}
	t := &Taxonomy{fingerprint: hex.EncodeToString(sum[:8])}
	if len(f.Negations) == 0 {
		bad("negations: empty")
	}
	var negs []string
	for _, n := range f.Negations {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			negs = append(negs, n)
		}
	}
	// Longest first, so that "did not" wins over "not" where both start.
	sort.SliceStable(negs, func(i, j int) bool { return len(negs[i]) > len(negs[j]) })
	if len(negs) > 0 {
		t.negation = newNegFinder(negs)
	}
	t.negHinted = hinted(f.Negations)
	t.strengths = compile("strength_markers", f.StrengthMarkers)
	t.eval = evaluation{
		deficiency:     compile("evaluation.deficiency", f.Evaluation.Deficiency),
		delay:          compile("evaluation.delay", f.Evaluation.Delay),
		person:         compile("evaluation.person", f.Evaluation.Person),
		subject:        compile("evaluation.subject", f.Evaluation.Subject),
		strength:       compile("evaluation.strength", f.Evaluation.Strength),
		cancel:         compile("evaluation.cancel", f.Evaluation.Cancel),
		recommendation: compile("evaluation.recommendation", f.Evaluation.Recommendation),
		actions:        compile("evaluation.actions", f.Evaluation.Actions),
		practice:       compile("evaluation.practice", f.Evaluation.Practice),
	}
	if g, err := newGeneralLexicon(f.Evaluation.General); err != nil {
		bad("%v", err)
	} else {
		t.general = g
	}
	for _, k := range corpus.SectionKinds() {
		r, ok := f.Sections[string(k)]
		if !ok {
			bad("sections: kind %q missing", k)
			continue
		}
		t.sections = append(t.sections, sectionRules{
			kind:     k,
			headings: compile("sections."+string(k)+".headings", r.Headings),
			content:  compile("sections."+string(k)+".content", r.Content),
		})
	}
	for k := range f.Sections {
		if !corpus.ValidSectionKind(corpus.SectionKind(k)) {
			bad("sections: unknown kind %q", k)
		}
	}
	for id, r := range f.Themes {
		if !corpus.ValidThemeID(corpus.ThemeID(id)) {
			// An inspector may add a theme: allow new ids that look like ids.
			if !regexp.MustCompile(`^[a-z][a-z0-9_]{1,40}$`).MatchString(id) {
				bad("themes: id %q must be lower_snake_case", id)
				continue
			}
		}
		tr := themeRules{
			id:        corpus.ThemeID(id),
			timing:    r.Timing,
			person:    r.Person,
			sharing:   r.Sharing,
			need:      r.Need,
			noModel:   r.NoModel,
			concepts:  compile("themes."+id+".concepts", r.Concepts),
			topics:    compile("themes."+id+".topics", r.Topics),
			concerns:  compile("themes."+id+".concerns", r.Concerns),
			absences:  compile("themes."+id+".absences", r.Absences),
			strengths: compile("themes."+id+".strengths", r.Strengths),
			excludes:  compile("themes."+id+".excludes", r.Excludes),
		}
		if id != string(corpus.ThemeGoodPractice) && len(tr.concerns)+len(tr.absences) == 0 {
			bad("themes.%s: no concerns or absences: it could never be raised", id)
		}
		t.themes = append(t.themes, tr)
		if tr.need {
			t.needIDs = append(t.needIDs, tr.id)
		}
	}
	for _, id := range corpus.ThemeIDs() {
		if _, ok := f.Themes[string(id)]; !ok {
			bad("themes: %q missing", id)
		}
	}
	sort.Slice(t.themes, func(i, j int) bool { return t.themes[i].id < t.themes[j].id })
	t.lits = newLitMatcher()
	register := func(cs []cue) {
		for i := range cs {
			var ids []int32
			for _, l := range cs[i].lits {
				ids = append(ids, t.lits.add(l))
			}
			cs[i].setIDs(ids)
		}
	}
	register(t.strengths)
	for _, cs := range []*[]cue{&t.eval.deficiency, &t.eval.delay, &t.eval.person, &t.eval.subject, &t.eval.strength, &t.eval.cancel, &t.eval.recommendation, &t.eval.actions, &t.eval.practice} {
		register(*cs)
	}
	for i := range t.themes {
		th := &t.themes[i]
		register(th.concepts)
		register(th.topics)
		register(th.concerns)
		register(th.absences)
		register(th.strengths)
		register(th.excludes)
	}
	t.lits.build()
	for i := range t.themes {
		th := &t.themes[i]
		th.own = make([]uint64, t.lits.words())
		for _, c := range append(append([]cue(nil), th.concerns...), th.absences...) {
			if c.lits == nil {
				th.ownAlways = true
			}
			for _, id := range c.ids {
				th.own[id>>6] |= 1 << (id & 63)
			}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %d problem(s):\n  %s", corpus.ErrInvalid, len(problems), strings.Join(problems, "\n  "))
	}
	return t, nil
}

// compileCue compiles a cue; cues that start with a letter get a word
// boundary so "late" does not match "related". Cues are stems at their end
// ("underestimat" matches "underestimated"); write \b where a cue must end.
// The compiled tables give the literals of the patterns they hold.
func compileCue(p string, pre precompiled) (cue, error) {
	s, err := cueSource(p)
	if err != nil {
		return cue{}, err
	}
	if c, ok := pre.cue(s); ok {
		return c, nil
	}
	return parseCue(s)
}

// cueSource returns the regular expression of a taxonomy pattern.
func cueSource(p string) (string, error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", errors.New("empty pattern")
	}
	if len(p) > 500 {
		return "", errors.New("pattern longer than 500 characters")
	}
	if c := p[0]; c >= 'a' && c <= 'z' || c == '(' {
		p = `\b` + p
	}
	return p, nil
}

// decodeTaxonomy decodes taxonomy YAML, refusing unknown keys.
func decodeTaxonomy(data []byte) (*taxonomyFile, error) {
	var f taxonomyFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: YAML: %v", corpus.ErrInvalid, err)
	}
	return &f, nil
}

// SectionKinds returns the section kinds the taxonomy knows, in order.
func (t *Taxonomy) SectionKinds() []corpus.SectionKind {
	out := make([]corpus.SectionKind, len(t.sections))
	for i, s := range t.sections {
		out[i] = s.kind
	}
	return out
}

// ThemeIDs returns the theme ids the taxonomy knows, sorted.
func (t *Taxonomy) ThemeIDs() []corpus.ThemeID {
	out := make([]corpus.ThemeID, len(t.themes))
	for i, th := range t.themes {
		out[i] = th.id
	}
	return out
}

// modelMay reports whether the learned model may raise the theme: the
// taxonomy has it and does not say no_model.
func (t *Taxonomy) modelMay(id corpus.ThemeID) bool {
	for i := range t.themes {
		if t.themes[i].id == id {
			return !t.themes[i].noModel
		}
	}
	return false
}
