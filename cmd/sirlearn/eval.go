package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
)

func (a *app) evalCommand() *cobra.Command {
	var (
		truthPath                                                  string
		asJSON                                                     bool
		minThemeF1, minSection, minDate, minAuth, minKind, minCase float64
		split                                                      string
		human                                                      bool
	)
	cmd := &cobra.Command{
		Use:   "eval --truth DIR/truth.jsonl DIR | eval --human [--index PATH]",
		Short: "Score extraction against the sample corpus's ground truth",
		Long: `Eval extracts every review listed in truth.jsonl and reports precision,
recall and F1 per theme with micro and macro averages, section-kind accuracy,
date, authority, incident type, order and MAPPA accuracy: overall and
separately for the dev and test paraphrase families. The --min-* flags make
it fail (exit 1) when the chosen split scores below them.

With --human it scores the tagger against the inspectors' decisions in the
index instead: precision, recall and F1 per theme and Cohen's kappa, over
every theme of the reviews marked checked and the decided themes of the
others. On real reviews this is the only honest measure of accuracy.`,
		Args: withUsage(cobra.RangeArgs(0, 1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if human {
				return a.evalHuman(cmd, asJSON)
			}
			if len(args) != 1 {
				return fmt.Errorf("eval needs the corpus folder DIR (or --human)")
			}
			dir := args[0]
			if truthPath == "" {
				truthPath = filepath.Join(dir, "truth.jsonl")
			}
			truth, err := synth.ReadTruth(truthPath)
			if err != nil {
				return err
			}
			ex, err := a.extractor()
			if err != nil {
				return err
			}
			var items []extract.EvalItem
			var caseItems []extract.CaseItem
			failed := 0
			for _, t := range truth {
				doc, err := ingest.ReadFile(cmd.Context(), filepath.Join(dir, t.File), a.limits())
				if err != nil {
					fmt.Fprintln(a.stderr, "error:", err)
					failed++
					doc = &corpus.Document{Source: t.File}
				}
				got := ex.Extract(doc)
				items = append(items, evalItem(t, got))
				kind := t.Kind
				if kind == "" { // a truth file written before kinds were
					kind = corpus.KindCaseReview
				}
				caseID := t.Case
				if caseID == "" { // each review its own case
					caseID = t.File
				}
				caseItems = append(caseItems, extract.CaseItem{File: t.File, Kind: kind, Case: caseID, Got: got})
			}
			reps := extract.Evaluate(items)
			cases := extract.EvaluateCases(caseItems)
			red := redactionRecall(extract.NewRedactor(), truth, items)
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(struct {
					Splits    map[string]*extract.SplitReport `json:"splits"`
					Cases     *extract.CaseReport             `json:"cases"`
					Redaction map[string]extract.Accuracy     `json:"redaction_recall"`
				}{reps, cases, red}); err != nil {
					return err
				}
			} else {
				printEval(a, reps)
				printCases(a, cases)
				fmt.Fprintln(a.stdout, "redaction recall of planted personal details, in the researcher view every researcher output is cut from:")
				kinds := make([]string, 0, len(red))
				for k := range red {
					kinds = append(kinds, k)
				}
				sort.Strings(kinds)
				leaks := 0
				for _, k := range kinds {
					fmt.Fprintf(a.stdout, "  %-15s %.3f (%d/%d)\n", k, red[k].Value(), red[k].Right, red[k].Total)
					leaks += red[k].Total - red[k].Right
				}
				fmt.Fprintf(a.stdout, "  leaks: %d\n", leaks)
			}
			rep, ok := reps[split]
			if !ok {
				return fmt.Errorf("--split %q: want all, dev, test or register2", split)
			}
			var fails []string
			check := func(name string, got, min float64) {
				if min > 0 && got < min {
					fails = append(fails, fmt.Sprintf("%s %.3f < %.3f", name, got, min))
				}
			}
			check("theme micro-F1", rep.MicroF1, minThemeF1)
			check("section-kind accuracy", rep.SectionKind.Value(), minSection)
			check("date accuracy", rep.Dates.Value(), minDate)
			check("authority accuracy", rep.Authority.Value(), minAuth)
			check("document-kind accuracy", cases.Kind.Value(), minKind)
			check("case-linking pair F1", cases.Pairs.F1(), minCase)
			if failed > 0 {
				fails = append(fails, fmt.Sprintf("%d files could not be read", failed))
			}
			if len(fails) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("eval (%s split) below the minimum: %s", split, strings.Join(fails, "; "))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&truthPath, "truth", "", "truth file (default DIR/truth.jsonl)")
	cmd.Flags().BoolVar(&human, "human", false, "score the tagger against the inspectors' decisions in the index")
	cmd.Flags().String("index", "", "with --human: index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the full report as JSON")
	cmd.Flags().StringVar(&split, "split", "test", "split the --min-* flags apply to: all, dev, test or register2")
	cmd.Flags().Float64Var(&minThemeF1, "min-theme-f1", 0, "fail below this theme micro-F1")
	cmd.Flags().Float64Var(&minSection, "min-section-accuracy", 0, "fail below this section-kind accuracy")
	cmd.Flags().Float64Var(&minDate, "min-date-accuracy", 0, "fail below this date accuracy")
	cmd.Flags().Float64Var(&minAuth, "min-authority-accuracy", 0, "fail below this authority accuracy")
	cmd.Flags().Float64Var(&minKind, "min-kind-accuracy", 0, "fail below this document-kind accuracy (all documents)")
	cmd.Flags().Float64Var(&minCase, "min-case-f1", 0, "fail below this case-linking pair F1 (all documents)")
	return cmd
}

func evalItem(t synth.Truth, got *corpus.Review) extract.EvalItem {
	it := extract.EvalItem{
		Style: t.Style, Authority: t.Authority, IncidentDate: t.IncidentDate, NotificationDate: t.NotificationDate,
		SubmittedDate: t.SubmittedDate, IncidentType: t.IncidentType, Order: t.Order, MAPPA: t.MAPPA,
		Themes: map[corpus.ThemeID]extract.EvalTheme{}, Got: got,
	}
	for _, s := range t.Sections {
		it.Sections = append(it.Sections, extract.EvalSection{Heading: s.Heading, Kind: s.Kind, First: s.First})
	}
	// A theme's split: test or register2 when all its evidence is of that
	// split, else dev. A review's: the split most of its evidence is from.
	perSplit := map[string]int{}
	for _, th := range t.Themes {
		et := extract.EvalTheme{}
		seen := map[string]bool{}
		for _, e := range th.Evidence {
			seen[e.Split] = true
			perSplit[e.Split]++
			et.Evidence = append(et.Evidence, e.Text)
			et.Polarities = append(et.Polarities, e.Polarity)
		}
		et.Split = "dev"
		if len(seen) == 1 && (seen["test"] || seen["register2"]) {
			for sp := range seen {
				et.Split = sp
			}
		}
		it.Themes[th.ID] = et
	}
	it.Split = "dev"
	for _, sp := range []string{"test", "register2"} {
		if perSplit[sp] > perSplit[it.Split] {
			it.Split = sp
		}
	}
	return it
}

func printEval(a *app, reps map[string]*extract.SplitReport) {
	w := a.stdout
	for _, name := range []string{"all", "dev", "test", "register2"} {
		r := reps[name]
		fmt.Fprintf(w, "== %s (%d reviews)\n", name, r.Reviews)
		fmt.Fprintf(w, "theme micro-F1 %.3f (P %.3f R %.3f)  macro-F1 %.3f  polarity agreement %.3f (%d/%d)\n", r.MicroF1, r.MicroCounts.Precision(), r.MicroCounts.Recall(), r.MacroF1,
			r.Polarity.Value(), r.Polarity.Right, r.Polarity.Total)
		fmt.Fprintf(w, "section kind %.3f (%d/%d)  dates %.3f  authority %.3f  incident type %.3f  order %.3f  mappa %.3f\n",
			r.SectionKind.Value(), r.SectionKind.Right, r.SectionKind.Total, r.Dates.Value(), r.Authority.Value(),
			r.Incident.Value(), r.Order.Value(), r.MAPPA.Value())
		if name == "all" {
			var kinds []string
			for k := range r.SectionsBy {
				kinds = append(kinds, string(k))
			}
			sort.Strings(kinds)
			fmt.Fprintln(w, "section kind accuracy by kind:")
			for _, k := range kinds {
				acc := r.SectionsBy[corpus.SectionKind(k)]
				fmt.Fprintf(w, "  %-26s %.3f (%d/%d)\n", k, acc.Value(), acc.Right, acc.Total)
			}
		}
		for _, m := range r.DateMisses {
			fmt.Fprintln(w, "  date miss:", m)
		}
		for _, m := range r.SectionMisses {
			fmt.Fprintln(w, "  section miss:", m)
		}
		fmt.Fprintf(w, "  %-24s %5s %5s %5s %4s %4s %4s\n", "theme", "P", "R", "F1", "TP", "FP", "FN")
		for _, id := range corpus.ThemeIDs() {
			ts, ok := r.Themes[id]
			if !ok {
				continue
			}
			fmt.Fprintf(w, "  %-24s %5.2f %5.2f %5.2f %4d %4d %4d\n", id, ts.Precision, ts.Recall, ts.F1, ts.TP, ts.FP, ts.FN)
		}
		if name != "all" {
			fmt.Fprintln(w, "worst themes:")
			for _, id := range extract.WorstThemes(r, 5) {
				ts := r.Themes[id]
				fmt.Fprintf(w, "  %s F1 %.2f\n", id, ts.F1)
				for _, m := range ts.Missed {
					fmt.Fprintf(w, "    missed:   %s\n", m)
				}
				for _, m := range ts.Spurious {
					fmt.Fprintf(w, "    spurious: %s\n", m)
				}
			}
		}
		fmt.Fprintln(w)
	}
}

func printCases(a *app, r *extract.CaseReport) {
	w := a.stdout
	fmt.Fprintf(w, "== documents and cases (%d documents)\n", r.Documents)
	fmt.Fprintf(w, "document kind %.3f (%d/%d)\n", r.Kind.Value(), r.Kind.Right, r.Kind.Total)
	for _, k := range []corpus.DocumentKind{corpus.KindNotification, corpus.KindCaseReview, corpus.KindLearningReview, corpus.KindNotAReview} {
		if acc, ok := r.KindsBy[k]; ok {
			fmt.Fprintf(w, "  %-16s %.3f (%d/%d)  taken as %v\n", k, acc.Value(), acc.Right, acc.Total, r.Confusion[k])
		}
	}
	fmt.Fprintf(w, "case linking (pairs of documents) P %.3f R %.3f F1 %.3f (TP %d FP %d FN %d)\n",
		r.Pairs.Precision(), r.Pairs.Recall(), r.Pairs.F1(), r.Pairs.TP, r.Pairs.FP, r.Pairs.FN)
	fmt.Fprintf(w, "counts (truth / extracted): cases %d / %d, notifications %d / %d, reviews %d / %d\n",
		r.Cases.Truth, r.Cases.Got, r.Notifications.Truth, r.Notifications.Got, r.Reviews.Truth, r.Reviews.Got)
	for _, m := range r.KindMisses {
		fmt.Fprintln(w, "  kind miss:", m)
	}
	for _, m := range r.CaseMisses {
		fmt.Fprintln(w, "  case miss:", m)
	}
	fmt.Fprintln(w)
}

// redactionRecall makes the researcher view of every extracted review, as
// indexing does, and counts the planted personal details (by kind) that
// are gone from it. Every researcher output (snippets at any cut, CSV,
// headings) is cut from that view, so a detail absent from it cannot be
// served; a detail present in it is a leak whatever the snippet window.
func redactionRecall(red *extract.Redactor, truth []synth.Truth, items []extract.EvalItem) map[string]extract.Accuracy {
	out := map[string]extract.Accuracy{}
	for i, t := range truth {
		rev := *items[i].Got
		rev.Sections = append([]corpus.Section(nil), rev.Sections...)
		red.RedactReview(&rev)
		var view strings.Builder
		for _, s := range rev.Sections {
			view.WriteString(s.RedactedHeading)
			view.WriteString("\n")
			view.WriteString(s.RedactedText)
			view.WriteString("\n")
		}
		for _, p := range t.Planted {
			acc := out[p.Kind]
			acc.Total++
			if !strings.Contains(view.String(), p.Text) {
				acc.Right++
			}
			out[p.Kind] = acc
		}
	}
	return out
}

func (a *app) evalHuman(cmd *cobra.Command, asJSON bool) error {
	var rep *extract.HumanReport
	err := a.inspect(cmd.Context(),
		func(ix *index.Index) error {
			m, h, err := ix.CodedReviews(cmd.Context())
			if err != nil {
				return err
			}
			rep = extract.EvaluateHuman(m, h)
			return nil
		},
		func(c *apiClient) error {
			rep = &extract.HumanReport{}
			return c.get(cmd.Context(), "/api/eval/human", nil, rep)
		})
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSONOut(a, rep)
	}
	w := a.stdout
	fmt.Fprintf(w, "the tagger against the inspectors: %d reviews with decisions (%d checked), %d review-theme pairs\n", rep.Reviews, rep.Checked, rep.Pairs)
	if rep.Pairs == 0 {
		fmt.Fprintln(w, "no decisions yet: accept, reject or add themes on the review page, or import a coded project")
		return nil
	}
	fmt.Fprintf(w, "micro P %.3f R %.3f F1 %.3f  Cohen's kappa %.3f\n", rep.Micro.Precision(), rep.Micro.Recall(), rep.Micro.F1(), rep.Kappa)
	fmt.Fprintf(w, "  %-24s %5s %5s %5s %4s %4s %4s\n", "theme", "P", "R", "F1", "TP", "FP", "FN")
	ids := make([]string, 0, len(rep.Themes))
	for id := range rep.Themes {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	for _, id := range ids {
		ts := rep.Themes[corpus.ThemeID(id)]
		fmt.Fprintf(w, "  %-24s %5.2f %5.2f %5.2f %4d %4d %4d\n", id, ts.Precision, ts.Recall, ts.F1, ts.TP, ts.FP, ts.FN)
	}
	return nil
}
