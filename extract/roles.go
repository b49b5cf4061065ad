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

// labelWords is a label: a title or "Person" and a letter or number.
const labelWords = `(?:mr|ms|mrs|miss|person|child|adult)\s+[a-z0-9]`

var (
	// roleBeforeRE: "his partner, Ms H", "the victim (Person B)".
	roleBeforeRE = lazyRE(`\b((?:his|her|their|the)\s+` + roleWords + `)\s*[,(]\s*(` + labelWords + `)\b`)
	// roleAfterRE: "Ms H, his former partner", "Person B (the victim)".
	roleAfterRE = lazyRE(`\b(` + labelWords + `)\s*[,(]\s*(?:who (?:was|is)\s+|then\s+)?((?:his|her|their|the)\s+` + roleWords + `)\b`)
)

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
		label = strings.Join(strings.Fields(label), " ")
		if seen[label] {
			return
		}
		seen[label] = true
		out = append(out, role{label: regexp.MustCompile(`(?i)\b` + strings.ReplaceAll(regexp.QuoteMeta(label), " ", `\s+`) + `\b`), as: strings.Join(strings.Fields(as), " ")})
	}
	for _, sec := range sections {
		for _, text := range []string{sec.Heading, sec.Text} {
			low := strings.ToLower(text)
			if !strings.Contains(low, "mr") && !strings.Contains(low, "ms") && !strings.Contains(low, "miss") && !strings.Contains(low, "person") && !strings.Contains(low, "child") && !strings.Contains(low, "adult") {
				continue
			}
			for _, m := range roleBeforeRE.get().FindAllStringSubmatch(low, -1) {
				add(m[2], m[1])
			}
			for _, m := range roleAfterRE.get().FindAllStringSubmatch(low, -1) {
				add(m[1], m[2])
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
