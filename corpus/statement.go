package corpus

import (
	"regexp"
	"strings"
)

// statementRE finds the finite verb of a statement: "was not", "were
// never", "had been", "did not", "was undertaken".
var statementRE = regexp.MustCompile(`(?i)\b(was|were|is|are|had|has|have|did|does)\s+(not|never|no|been|only|rarely|undertaken|completed|made|taken|shared|reviewed|offered|arranged|requested|considered|given|held|seen)\b|\b(did|does|could|would|should)\s+not\b|n't\b`)

// LooksLikeStatement reports whether a short line without its full stop
// is a sentence rather than a heading: "3. No home visit was undertaken
// during the licence" states a finding, where a heading names a topic
// ("3. Home visits") or asks a question ("Was the plan reviewed?").
func LooksLikeStatement(s string) bool {
	s = strings.TrimSpace(s)
	return !strings.HasSuffix(s, "?") && !questionRE.MatchString(s) && statementRE.MatchString(s)
}

// questionRE finds a heading that asks without its question mark, as
// templates write them: "What has been learned", "How the review was
// carried out".
var questionRE = regexp.MustCompile(`(?i)^\W*(\d{1,2}(\.\d{1,2})*\.?\s+)?(what|how|why|when|where|which|who|whether)\b`)
