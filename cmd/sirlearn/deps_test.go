package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the one direction of imports from STYLE.md:
// cmd -> {search, index, ingest} -> extract -> corpus, no package reaching
// upward or sideways, and only index (and its internals) importing bleve.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "github.com/sirlearn/sirlearn/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/sirlearn/sirlearn/"
	allowed := map[string][]string{
		"corpus":       nil,
		"corpus/synth": {"corpus"},
		"extract":      {"corpus", "extract/internal/learn"},
		// The learned model knows nothing of the domain: words and weights.
		"extract/internal/learn": nil,
		"ingest":                 {"corpus", "ingest/internal/sandbox"},
		// The sandbox knows nothing of the domain: it runs bytes in children.
		"ingest/internal/sandbox": nil,
		"index":                   {"corpus", "index/internal/engine"},
		// The engine knows nothing of the domain: it extends bleve.
		"index/internal/engine": nil,
		"search":                {"corpus", "internal/qdpx", "internal/report"},
		"internal/report":       {"corpus"},
		// The exchange format knows the domain's reviews, nothing else.
		"internal/qdpx":    {"corpus"},
		"internal/testpdf": nil,
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], mod)
		rules, checked := allowed[pkg]
		for _, imp := range f[1:] {
			// (bleve's Snowball stemmer is a library of its own: the
			// learned model stems with it.)
			if strings.HasPrefix(imp, "github.com/blevesearch/") && !strings.HasPrefix(imp, "github.com/blevesearch/snowballstem") && pkg != "index" && !strings.HasPrefix(pkg, "index/internal/") {
				t.Errorf("%s imports %s: only index may import bleve", pkg, imp)
			}
			if !checked || !strings.HasPrefix(imp, mod) {
				continue
			}
			dep := strings.TrimPrefix(imp, mod)
			ok := false
			for _, r := range rules {
				ok = ok || r == dep
			}
			if !ok {
				t.Errorf("%s imports %s, against the direction of imports", pkg, dep)
			}
		}
	}
}
