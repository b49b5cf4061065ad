package learn

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Model holds a logistic model a theme: a bias and a weight a feature.
type Model struct {
	themes  []string
	bias    []float64
	weights map[string][]weight
}

type weight struct {
	theme int
	w     float64
}

// Themes returns the themes the model scores, in the order of the
// probabilities it gives.
func (m *Model) Themes() []string { return m.themes }

// Probabilities fills out (one a theme, in Themes order; made when its
// capacity is short) with each theme's probability for a sentence of
// these features.
func (m *Model) Probabilities(features []string, out []float64) []float64 {
	out = m.start(out)
	var seen []*weight
	for _, f := range features {
		seen = m.add(out, m.weights[f], seen)
	}
	return m.finish(out)
}

// SentenceProbabilities is Probabilities(Features(kind, text), out)
// without making the features: each is looked up in eachFeature's buffer.
func (m *Model) SentenceProbabilities(kind, text string, out []float64) []float64 {
	out = m.start(out)
	var seen []*weight
	eachFeature(kind, text, func(f []byte) {
		seen = m.add(out, m.weights[string(f)], seen)
	})
	return m.finish(out)
}

func (m *Model) start(out []float64) []float64 {
	if cap(out) < len(m.themes) {
		out = make([]float64, len(m.themes))
	}
	out = out[:len(m.themes)]
	copy(out, m.bias)
	return out
}

// add adds a feature's weights once: seen holds the weights added, each
// feature's known by its first (a feature the model has no weights for
// adds nothing).
func (m *Model) add(out []float64, ws []weight, seen []*weight) []*weight {
	if len(ws) == 0 {
		return seen
	}
	for _, s := range seen {
		if s == &ws[0] {
			return seen
		}
	}
	for _, w := range ws {
		out[w.theme] += w.w
	}
	return append(seen, &ws[0])
}

func (m *Model) finish(out []float64) []float64 {
	for i, z := range out {
		out[i] = sigmoid(z)
	}
	return out
}

func sigmoid(z float64) float64 {
	z = math.Max(-30, math.Min(30, z))
	return 1 / (1 + math.Exp(-z))
}

// The encoded model is text, one line a record, tab-separated:
//
//	themes  <theme> ...
//	bias    <number> ...              (one a theme)
//	w       <feature> <i>:<number> ...  (i the theme's place)
const header = "# sirlearn learned themes 1"

// Encode writes the model as text, features sorted, numbers to four
// decimals, so that the same model is the same bytes.
func (m *Model) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	b.WriteString("themes\t" + strings.Join(m.themes, "\t") + "\n")
	b.WriteString("bias")
	for _, x := range m.bias {
		b.WriteString("\t" + num(x))
	}
	b.WriteString("\n")
	feats := make([]string, 0, len(m.weights))
	for f := range m.weights {
		feats = append(feats, f)
	}
	sort.Strings(feats)
	for _, f := range feats {
		b.WriteString("w\t" + f)
		for _, w := range m.weights[f] {
			b.WriteString("\t" + strconv.Itoa(w.theme) + ":" + num(w.w))
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// Parse reads a model Encode wrote.
func Parse(data []byte) (*Model, error) {
	m := &Model{weights: map[string][]weight{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != header {
				return nil, fmt.Errorf("learned model: line 1: not a model (%q)", truncate(text))
			}
			continue
		}
		if text == "" || text[0] == '#' {
			continue
		}
		p := strings.Split(text, "\t")
		switch p[0] {
		case "themes":
			m.themes = p[1:]
		case "bias":
			if len(p)-1 != len(m.themes) {
				return nil, fmt.Errorf("learned model: line %d: %d biases for %d themes", line, len(p)-1, len(m.themes))
			}
			m.bias = make([]float64, len(p)-1)
			for i, s := range p[1:] {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return nil, fmt.Errorf("learned model: line %d: %w", line, err)
				}
				m.bias[i] = x
			}
		case "w":
			if len(p) < 3 || m.bias == nil {
				return nil, fmt.Errorf("learned model: line %d: a weight line before the themes and biases, or without weights", line)
			}
			ws := make([]weight, 0, len(p)-2)
			for _, s := range p[2:] {
				i, x, ok := strings.Cut(s, ":")
				t, err1 := strconv.Atoi(i)
				v, err2 := strconv.ParseFloat(x, 64)
				if !ok || err1 != nil || err2 != nil || t < 0 || t >= len(m.themes) {
					return nil, fmt.Errorf("learned model: line %d: bad weight %q", line, truncate(s))
				}
				ws = append(ws, weight{t, v})
			}
			m.weights[p[1]] = ws
		default:
			return nil, fmt.Errorf("learned model: line %d: unknown record %q", line, truncate(p[0]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("learned model: %w", err)
	}
	if m.bias == nil {
		return nil, fmt.Errorf("learned model: no themes")
	}
	return m, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
