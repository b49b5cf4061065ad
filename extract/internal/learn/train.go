package learn

import (
	"math/rand/v2"
	"sort"
)

// Sample is a labelled passage: its section kind, its text and the themes
// it raises.
type Sample struct {
	Kind, Text string
	Themes     []string
}

// Options steer training. The zero value takes the defaults.
type Options struct {
	Epochs   int     // passes over the samples (12)
	Rate     float64 // step size (0.3)
	L2       float64 // weight decay a step (1e-4)
	MinCount int     // a feature must occur in this many samples (2)
	Prune    float64 // weights smaller than this are dropped (0.1)
	Seed     uint64  // order of the passes
}

func (o Options) withDefaults() Options {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Rate == 0 {
		o.Rate = 0.3
	}
	if o.L2 == 0 {
		o.L2 = 1e-4
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Prune == 0 {
		o.Prune = 0.1
	}
	return o
}

// Train fits one logistic model a theme by stochastic gradient descent.
// The same samples and options give the same model.
func Train(samples []Sample, themes []string, o Options) *Model {
	o = o.withDefaults()
	ti := make(map[string]int, len(themes))
	for i, t := range themes {
		ti[t] = i
	}
	// Features as numbers; those in fewer than MinCount samples dropped.
	count := map[string]int{}
	feats := make([][]string, len(samples))
	for i, s := range samples {
		feats[i] = dedupe(Features(s.Kind, s.Text))
		for _, f := range feats[i] {
			count[f]++
		}
	}
	names := make([]string, 0, len(count))
	for f, n := range count {
		if n >= o.MinCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	fi := make(map[string]int, len(names))
	for i, f := range names {
		fi[f] = i
	}
	type row struct {
		x []int
		y []bool
	}
	rows := make([]row, len(samples))
	for i, s := range samples {
		r := row{y: make([]bool, len(themes))}
		for _, f := range feats[i] {
			if j, ok := fi[f]; ok {
				r.x = append(r.x, j)
			}
		}
		for _, t := range s.Themes {
			if j, ok := ti[t]; ok {
				r.y[j] = true
			}
		}
		rows[i] = r
	}
	w := make([][]float64, len(themes))
	for t := range w {
		w[t] = make([]float64, len(names))
	}
	bias := make([]float64, len(themes))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5151))
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			r := rows[k]
			for t := range themes {
				wt := w[t]
				z := bias[t]
				for _, j := range r.x {
					z += wt[j]
				}
				g := sigmoid(z)
				if r.y[t] {
					g--
				}
				if g < 1e-3 && g > -1e-3 {
					continue
				}
				for _, j := range r.x {
					wt[j] -= o.Rate * (g + o.L2*wt[j])
				}
				bias[t] -= o.Rate * g
			}
		}
	}
	m := &Model{themes: append([]string(nil), themes...), bias: bias, weights: map[string][]weight{}}
	for j, f := range names {
		for t := range themes {
			if x := w[t][j]; x >= o.Prune || x <= -o.Prune {
				m.weights[f] = append(m.weights[f], weight{t, x})
			}
		}
	}
	return m
}

func dedupe(fs []string) []string {
	seen := make(map[string]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}
