package index

// OR and parentheses: bleve's query string has neither, so a query that
// uses them is parsed here into a tree whose leaves bleve parses.

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

// boolToken is one token of a query: an operator, a parenthesis or a leaf
// (a word, a "phrase", a field:value, with its + or -).
type boolToken struct {
	op   string // "(", ")", "OR", "AND", "-" or "" for a leaf
	text string
}

// needsTree reports whether the query uses OR, AND or parentheses outside
// phrases.
func needsTree(q string) bool {
	for _, t := range tokenize(q) {
		if t.op != "" && t.op != "-" {
			return true
		}
	}
	return false
}

// tokenize splits a query, keeping phrases whole.
func tokenize(q string) []boolToken {
	var out []boolToken
	var cur strings.Builder
	inQuote, inRegexp := false, false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		w := cur.String()
		cur.Reset()
		switch w {
		case "OR", "||":
			out = append(out, boolToken{op: "OR"})
		case "AND", "&&":
			out = append(out, boolToken{op: "AND"})
		default:
			out = append(out, boolToken{text: w})
		}
	}
	for _, r := range q {
		switch {
		case inRegexp:
			cur.WriteRune(r)
			inRegexp = r != '/'
		case r == '/' && !inQuote && (cur.Len() == 0 || strings.HasSuffix(cur.String(), ":")):
			// A /regular expression/ keeps its parentheses.
			inRegexp = true
			cur.WriteRune(r)
		case r == '"':
			inQuote = !inQuote
			cur.WriteRune(r)
		case inQuote:
			cur.WriteRune(r)
		case r == ' ' || r == '\t' || r == '\n':
			flush()
		case (r == '(' || r == ')') && !strings.HasSuffix(cur.String(), "\\"):
			flush()
			out = append(out, boolToken{op: string(r)})
		case r == '-' && cur.Len() == 0:
			out = append(out, boolToken{op: "-"})
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// treeParser parses: expr = and {OR and}; and = unary {[AND] unary};
// unary = - unary | ( expr ) | leaf.
type treeParser struct {
	toks      []boolToken
	pos       int
	textField string
	depth     int
}

func parseTree(q, textField string) (query.Query, error) {
	p := &treeParser{toks: tokenize(q), textField: textField}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("%w: unexpected %q in %q (parentheses unbalanced?)", corpus.ErrInvalid, p.toks[p.pos].op+p.toks[p.pos].text, q)
	}
	return e.query(), nil
}

// node is a parsed part: a query and whether it is negated.
type node struct {
	q   query.Query
	not bool
}

func (n node) query() query.Query {
	if n.not {
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(n.q)
		return b
	}
	return n.q
}

func (p *treeParser) peek() (boolToken, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return boolToken{}, false
}

func (p *treeParser) expr() (node, error) {
	first, err := p.and()
	if err != nil {
		return node{}, err
	}
	alts := []node{first}
	for {
		t, ok := p.peek()
		if !ok || t.op != "OR" {
			break
		}
		p.pos++
		n, err := p.and()
		if err != nil {
			return node{}, err
		}
		alts = append(alts, n)
	}
	if len(alts) == 1 {
		return first, nil
	}
	qs := make([]query.Query, len(alts))
	for i, a := range alts {
		qs[i] = a.query()
	}
	return node{q: bleve.NewDisjunctionQuery(qs...)}, nil
}

func (p *treeParser) and() (node, error) {
	var must, not []query.Query
	for {
		t, ok := p.peek()
		if !ok || t.op == "OR" || t.op == ")" {
			break
		}
		if t.op == "AND" {
			p.pos++
			continue
		}
		n, err := p.unary()
		if err != nil {
			return node{}, err
		}
		if n.not {
			not = append(not, n.q)
		} else {
			must = append(must, n.q)
		}
	}
	switch {
	case len(must) == 0 && len(not) == 0:
		return node{}, fmt.Errorf("%w: an empty part in the query (OR or a parenthesis with nothing beside it)", corpus.ErrInvalid)
	case len(not) == 0:
		return node{q: and(must...)}, nil
	case len(must) == 0 && len(not) == 1:
		return node{q: not[0], not: true}, nil
	}
	b := bleve.NewBooleanQuery()
	if len(must) > 0 {
		b.AddMust(must...)
	} else {
		b.AddMust(bleve.NewMatchAllQuery())
	}
	b.AddMustNot(not...)
	return node{q: b}, nil
}

func (p *treeParser) unary() (node, error) {
	t, _ := p.peek()
	switch t.op {
	case "-":
		p.pos++
		n, err := p.unary()
		if err != nil {
			return node{}, err
		}
		n.not = !n.not
		return n, nil
	case "(":
		if p.depth++; p.depth > 8 {
			return node{}, fmt.Errorf("%w: parentheses nested deeper than 8", corpus.ErrInvalid)
		}
		p.pos++
		n, err := p.expr()
		if err != nil {
			return node{}, err
		}
		if t, ok := p.peek(); !ok || t.op != ")" {
			return node{}, fmt.Errorf("%w: a parenthesis is not closed", corpus.ErrInvalid)
		}
		p.pos++
		p.depth--
		return n, nil
	case ")":
		return node{}, fmt.Errorf("%w: a parenthesis closes that was not opened", corpus.ErrInvalid)
	}
	p.pos++
	q, err := parseLeaf(t.text, p.textField)
	return node{q: q}, err
}
