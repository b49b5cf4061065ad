package extract

import (
	"regexp"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// Reviews name people by labels ("Ms H", "Person B") and say once who
// they are ("his partner, Ms H"; "Person B, the victim"). A finding later
// names only the label: "Ms H was never contacted". roles reads the
// definitions of a document and puts each label's relation in its place
// before the tagger reads a sentence, so that "Ms H was never contacted"
// is read as "his partner was never contacted". The evidence keeps the
// sentence as written.

// roleWords are the relations a label is given.
const roleWords = `(?:(?:new|former|previous|current|estranged|late)\s+)?(?:ex-?)?(?:partner|girlfriend|boyfriend|wife|husband|fiancée?|victim|complainer|complainant|mother|father|son|daughter|child|step-?(?:son|daughter|child)|brother|sister|grandmother|grandfather|neighbour|flatmate)`

var (
	// roleBeforeRE: "his partner, Ms H", "the victim (Person B)": the
	// words before a label.
	roleBeforeRE = lazyRE(`\b((?:his|her|their|the)\s+` + roleWords + `)\s*[,(]\s*$`)
	// roleAfterRE: "Ms H, his former partner", "Person B (the victim)":
	// the words after one.
	roleAfterRE = lazyRE(`^\s*[,(]\s*(?:who (?:was|is)\s+|then\s+)?((?:his|her|their|the)\s+` + roleWords + `)\b`)
)

// labelTitles open a label; a single letter or digit follows.
var labelTitles = []string{"mr ", "ms ", "mrs ", "miss ", "person ", "child ", "adult "}

// roleWindow is how far before and after a label its relation is looked
// for.
const roleWindow = 48

// role is a label and the relation it stands for, both lower case.
type role struct {
	label *regexp.Regexp
	as    string
}

// roles is what a document says its labels stand for.
type roles []role

// findRoles reads the definitions of labels in a document's sections.
func findRoles(sections []corpus.Section) roles {
	var out roles
	seen := map[string]bool{}
	add := func(label, as string) {
		seen[label] = true
		out = append(out, role{label: regexp.MustCompile(`(?i)\b` + strings.ReplaceAll(regexp.QuoteMeta(label), " ", `\s+`) + `\b`), as: strings.Join(strings.Fields(as), " ")})
	}
	for _, sec := range sections {
		for _, text := range []string{sec.Heading, sec.Text} {
			low := strings.ToLower(text)
			for _, title := range labelTitles {
				for from := 0; ; {
					i := strings.Index(low[from:], title)
					if i < 0 {
						break
					}
					i += from
					from = i + len(title)
					end := from + 1
					// A label: a word boundary before the title, one letter
					// or digit after it, and no letter after that.
					if end > len(low) || i > 0 && isLetter(low[i-1]) || !isLetter(low[from]) && (low[from] < '0' || low[from] > '9') || end < len(low) && isLetter(low[end]) {
						continue
					}
					label := low[i:end]
					if seen[label] {
						continue
					}
					if m := roleBeforeRE.get().FindStringSubmatch(low[max(0, i-roleWindow):i]); m != nil {
						add(label, m[1])
					} else if m := roleAfterRE.get().FindStringSubmatch(low[end:min(len(low), end+roleWindow)]); m != nil {
						add(label, m[1])
					}
				}
			}
		}
	}
	return out
}

// apply puts each label's relation in its place in s.
func (rs roles) apply(s string) string {
	for _, r := range rs {
		if r.label.MatchString(s) {
			s = r.label.ReplaceAllLiteralString(s, r.as)
		}
	}
	return s
}
