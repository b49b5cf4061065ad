package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
)

// The index benchmark loads the same extracted reviews into sirlearn's
// bleve index and into SQLite FTS5 (the sqlite3 command-line tool, an
// external-content FTS5 table over the section texts plus a narrow facet
// table) and reports ratios from one run. Both engines load from files on
// disk in a child process, so load time and peak memory are measured the
// same way; query latency is timed in-process for sirlearn and by sqlite3's
// own .timer for SQLite.

func (a *app) benchIndexCommand() *cobra.Command {
	var (
		reviews, queries, batch int
		dir                     string
		keep, reuse             bool
	)
	cmd := &cobra.Command{
		Use:   "index [--reviews 10000] [--queries 200] [--dir DIR]",
		Short: "Compare indexing and query speed, size and memory with SQLite FTS5",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := exec.LookPath("sqlite3"); err != nil {
				return fmt.Errorf("sqlite3 not found (apt-get install sqlite3): %w", err)
			}
			if dir == "" {
				dir = filepath.Join("bench-out", fmt.Sprintf("index-%d", reviews))
			}
			return a.benchIndex(cmd.Context(), dir, reviews, queries, batch, keep, reuse)
		},
	}
	cmd.Flags().IntVar(&reviews, "reviews", 10000, "generated reviews to load")
	cmd.Flags().IntVar(&queries, "queries", 200, "queries per shape")
	cmd.Flags().IntVar(&batch, "batch", 0, "reviews per bleve batch (default index.batch_size)")
	cmd.Flags().StringVar(&dir, "dir", "", "work folder (default bench-out/index-N)")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the indexes afterwards")
	cmd.Flags().BoolVar(&reuse, "reuse", false, "query the indexes kept by an earlier --keep run instead of loading")
	return cmd
}

// benchLoadCommand is the child process that loads reviews into bleve.
func (a *app) benchLoadCommand() *cobra.Command {
	var batch int
	return &cobra.Command{
		Use:    "load-bleve REVIEWS.gob INDEX BATCH",
		Hidden: true,
		Args:   withUsage(cobra.ExactArgs(3)),
		RunE: func(cmd *cobra.Command, args []string) error {
			batch, _ = strconv.Atoi(args[2])
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			ix, err := index.Open(context.Background(), args[1], index.Options{Holder: index.LockInfo{Command: "sirlearn bench load"}})
			if err != nil {
				return err
			}
			a.tuneGC()
			// Two writers, as sirlearn index uses.
			batches := make(chan []*corpus.Review, 2)
			errs := make(chan error, 2)
			for w := 0; w < 2; w++ {
				go func() {
					var first error
					for b := range batches {
						if err := ix.Put(cmd.Context(), b); err != nil && first == nil {
							first = err
						}
					}
					errs <- first
				}()
			}
			dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
			var buf []*corpus.Review
			for {
				var r corpus.Review
				if err := dec.Decode(&r); err == io.EOF {
					break
				} else if err != nil {
					close(batches)
					return fmt.Errorf("%s: %w", args[0], err)
				}
				buf = append(buf, &r)
				if len(buf) >= batch {
					batches <- buf
					buf = nil
				}
			}
			batches <- buf
			close(batches)
			for w := 0; w < 2; w++ {
				if err := <-errs; err != nil {
					return err
				}
			}
			// Loaded means merged too: the time bleve's merges take after
			// the last batch counts.
			loaded := time.Now()
			ctx, cancel := context.WithTimeout(cmd.Context(), 10*time.Minute)
			defer cancel()
			settled, err := ix.Settle(ctx, 3*time.Second)
			if err != nil {
				return err
			}
			quiet := time.Since(settled)
			// As `sirlearn index` does at the end of a load: the searches
			// below run on the compacted index, like SQLite's, which
			// builds its full-text index in one pass.
			var ru syscall.Rusage
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			cpuBefore := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			compacting := time.Now()
			if _, _, err := ix.Compact(ctx); err != nil {
				return err
			}
			// The parent reads the time the merges went on after the last
			// batch, the compaction's, and the CPU used before it; the
			// quiet time Settle waited to be sure is not work.
			fmt.Fprintf(cmd.OutOrStdout(), "merges-after-load %d %d %d %d\n", settled.Sub(loaded).Milliseconds(), quiet.Milliseconds(),
				time.Since(compacting).Milliseconds(), cpuBefore.Milliseconds())
			return ix.Close()
		},
	}
}

type benchShape struct {
	name   string
	bleve  func(term string) corpus.Query
	sqlite func(term string) string
}

func (a *app) benchIndex(ctx context.Context, dir string, n, nq, batch int, keep, reuse bool) error {
	if batch <= 0 {
		batch = a.v.GetInt("index.batch_size")
	}
	w := a.stdout
	corpusDir := filepath.Join(dir, "corpus")
	if _, err := os.Stat(filepath.Join(corpusDir, "truth.jsonl")); err != nil {
		start := time.Now()
		if err := synth.Generate(ctx, synth.Options{Out: corpusDir, Reviews: n, Seed: 1, Formats: []corpus.Format{corpus.FormatText}}); err != nil {
			return err
		}
		fmt.Fprintf(w, "generated %d reviews in %s\n", n, time.Since(start).Round(time.Millisecond))
	}
	reviewsFile := filepath.Join(dir, "reviews.gob")
	csvSections := filepath.Join(dir, "sections.csv")
	csvFacets := filepath.Join(dir, "facets.csv")
	if _, err := os.Stat(reviewsFile); err != nil {
		start := time.Now()
		if err := a.extractForBench(ctx, corpusDir, reviewsFile, csvSections, csvFacets); err != nil {
			return err
		}
		fmt.Fprintf(w, "extracted into %s in %s\n", reviewsFile, time.Since(start).Round(time.Millisecond))
	}
	blevePath := filepath.Join(dir, "bleve-index")
	sqlitePath := filepath.Join(dir, "fts.db")
	sections := countLines(csvSections)
	fmt.Fprintf(w, "\n%d reviews, %d sections\n", n, sections)
	if !reuse {
		if err := a.benchLoad(ctx, w, n, reviewsFile, csvSections, csvFacets, blevePath, sqlitePath, batch); err != nil {
			return err
		}
	}
	bSize, sSize := dirSize(blevePath), dirSize(sqlitePath)+dirSize(sqlitePath+"-wal")
	fmt.Fprintf(w, "size on disk sirlearn %6d MiB   sqlite %6d MiB   ratio %.2f\n", bSize>>20, sSize>>20, float64(bSize)/float64(sSize))
	return a.benchQueries(ctx, w, blevePath, sqlitePath, nq, keep || reuse)
}

// benchLoad loads both engines and prints time and peak memory.
func (a *app) benchLoad(ctx context.Context, w io.Writer, n int, reviewsFile, csvSections, csvFacets, blevePath, sqlitePath string, batch int) error {
	os.RemoveAll(blevePath)
	os.Remove(sqlitePath)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// Deleting the last run's indexes makes the disk busy for a while on
	// this kind of machine (seen: fsyncs held up for minutes); start quiet.
	syscall.Sync()
	bu, out, err := measured(ctx, nil, self, "bench", "load-bleve", reviewsFile, blevePath, strconv.Itoa(batch))
	bTime := bu.Wall
	if err != nil {
		return fmt.Errorf("bleve load: %w", err)
	}
	// The child waits until bleve's merges are done and says for how long
	// they went on after the last batch, and how long it then watched to be
	// sure; the watching is not load time.
	var mergeMs, quietMs int64
	var compactMs, cpuBeforeMs int64
	if _, err := fmt.Sscanf(strings.TrimSpace(out), "merges-after-load %d %d %d %d", &mergeMs, &quietMs, &compactMs, &cpuBeforeMs); err != nil {
		return fmt.Errorf("bleve load: unexpected output %q", out)
	}
	bTime -= time.Duration(quietMs) * time.Millisecond
	loadSQL := fmt.Sprintf(`PRAGMA journal_mode=WAL;
CREATE TABLE sections(id INTEGER PRIMARY KEY, review_id TEXT, kind TEXT, heading TEXT, text TEXT, rtext TEXT);
CREATE TABLE facets(id INTEGER PRIMARY KEY, authority TEXT, year TEXT, incident_type TEXT, incident_date TEXT, themes TEXT);
.mode csv
.import %s sections
.import %s facets
CREATE VIRTUAL TABLE sections_fts USING fts5(heading, text, rtext, content='sections', content_rowid='id', tokenize='porter unicode61');
INSERT INTO sections_fts(sections_fts) VALUES('rebuild');
CREATE INDEX facets_auth ON facets(authority, incident_date);
`, csvSections, csvFacets)
	syscall.Sync()
	su, _, err := measured(ctx, strings.NewReader(loadSQL), "sqlite3", "-bail", sqlitePath)
	if err != nil {
		return fmt.Errorf("sqlite load: %w", err)
	}
	sTime := su.Wall
	fmt.Fprintf(w, "bleve's merges went on %s after the last batch, and compacting took %s (both counted in the load time)\n",
		(time.Duration(mergeMs) * time.Millisecond).Round(time.Millisecond), (time.Duration(compactMs) * time.Millisecond).Round(time.Millisecond))
	// The bleve child's CPU includes its watching for merges, a sleep.
	bCPU, sCPU := bu.User+bu.Sys, su.User+su.Sys
	fmt.Fprintf(w, "load         sirlearn %8s (%6.0f reviews/s, CPU %8s, %5.0f µs/review, peak %4d MiB)   sqlite %8s (%6.0f reviews/s, CPU %8s, %5.0f µs/review, peak %4d MiB)\n",
		bTime.Round(time.Millisecond), float64(n)/bTime.Seconds(), bCPU.Round(time.Millisecond), float64(bCPU.Microseconds())/float64(n), bu.MaxRSSKiB>>10,
		sTime.Round(time.Millisecond), float64(n)/sTime.Seconds(), sCPU.Round(time.Millisecond), float64(sCPU.Microseconds())/float64(n), su.MaxRSSKiB>>10)
	fmt.Fprintf(w, "load ratios  sirlearn / sqlite: wall rate %.2f, CPU per review %.2f (peak memory of each process its own)\n",
		sTime.Seconds()/bTime.Seconds(), float64(bCPU)/float64(sCPU))
	// Without the compaction (index.compact_above: 0), the load as it was
	// before sirlearn compacted.
	bNo := bTime - time.Duration(compactMs)*time.Millisecond
	bCPUNo := time.Duration(cpuBeforeMs) * time.Millisecond
	fmt.Fprintf(w, "without compacting: sirlearn %s (CPU %s, %.0f µs/review): wall rate %.2f, CPU per review %.2f\n",
		bNo.Round(time.Millisecond), bCPUNo.Round(time.Millisecond), float64(bCPUNo.Microseconds())/float64(n),
		sTime.Seconds()/bNo.Seconds(), float64(bCPUNo)/float64(sCPU))
	return nil
}

// sqliteAPI is the API's search in one SQLite statement: the top ten
// matches with snippets, and counts of matches by authority, year,
// incident type, section kind and theme.
func sqliteAPI(t string) string {
	return fmt.Sprintf(`WITH m AS MATERIALIZED (SELECT rowid AS id FROM sections_fts WHERE sections_fts MATCH '{heading text}: %[1]s')
SELECT * FROM (SELECT 'hit', s.review_id, snippet(sections_fts, 1, '<mark>', '</mark>', '…', 24) FROM sections_fts f JOIN sections s ON s.id=f.rowid WHERE sections_fts MATCH '{heading text}: %[1]s' ORDER BY rank LIMIT 10)
UNION ALL SELECT 'authority', x.authority, count(*) FROM m JOIN facets x ON x.id=m.id GROUP BY x.authority
UNION ALL SELECT 'year', x.year, count(*) FROM m JOIN facets x ON x.id=m.id GROUP BY x.year
UNION ALL SELECT 'incident_type', x.incident_type, count(*) FROM m JOIN facets x ON x.id=m.id GROUP BY x.incident_type
UNION ALL SELECT 'section', s.kind, count(*) FROM m JOIN sections s ON s.id=m.id GROUP BY s.kind
UNION ALL SELECT 'theme', j.value, count(*) FROM m JOIN facets x ON x.id=m.id, json_each('["' || replace(x.themes, ' ', '","') || '"]') j WHERE x.themes <> '' GROUP BY j.value;`, t)
}

// benchQueries times the query shapes on both engines.
func (a *app) benchQueries(ctx context.Context, w io.Writer, blevePath, sqlitePath string, nq int, keep bool) error {
	// Queries, with the result cache off: this measures the engine.
	ix, err := index.Open(context.Background(), blevePath, index.Options{Holder: index.LockInfo{Command: "sirlearn bench"}, CacheEntries: -1})
	if err != nil {
		return err
	}
	defer ix.Close()
	terms := []string{"visit", "plan", "assessment", "accommodation", "breach", "recall", "alcohol", "children", "partner", "mappa",
		"lockdown", "caseload", "chronology", "interpreter", "hostel", "overdose", "curiosity", "caledonian", "vacancies", "police"}
	phrases := []string{"home visit", "case management plan", "risk assessment", "licence conditions", "good practice", "face value",
		"missed appointments", "mental health", "social worker", "care inspectorate"}
	auths := []string{"Glasgow City", "City of Edinburgh", "Fife", "North Lanarkshire", "South Lanarkshire", "Highland"}
	shapes := []benchShape{
		{"term", func(t string) corpus.Query { return corpus.Query{Text: t, Size: 10, NoFacets: true} },
			func(t string) string {
				return fmt.Sprintf("SELECT s.review_id, s.heading FROM sections_fts f JOIN sections s ON s.id=f.rowid WHERE sections_fts MATCH '{heading text}: %s' ORDER BY rank LIMIT 10;", t)
			}},
		{"phrase", func(t string) corpus.Query { return corpus.Query{Text: `"` + t + `"`, Size: 10, NoFacets: true} },
			func(t string) string {
				return fmt.Sprintf(`SELECT s.review_id, s.heading FROM sections_fts f JOIN sections s ON s.id=f.rowid WHERE sections_fts MATCH '{heading text}: "%s"' ORDER BY rank LIMIT 10;`, t)
			}},
		{"term+2 facets+dates", nil, nil},
		{"highlight", func(t string) corpus.Query { return corpus.Query{Text: t, Size: 10, Highlight: true, NoFacets: true} },
			func(t string) string {
				return fmt.Sprintf("SELECT s.review_id, s.heading, snippet(sections_fts, 1, '<mark>', '</mark>', '…', 24) FROM sections_fts f JOIN sections s ON s.id=f.rowid WHERE sections_fts MATCH '{heading text}: %s' ORDER BY rank LIMIT 10;", t)
			}},
		// As the API answers by section: a page of hits with snippets and
		// the counts of five facets over every match.
		{"api (facets+snippets)", func(t string) corpus.Query {
			return corpus.Query{Text: t, Size: 10, Highlight: true, Group: corpus.GroupSection}
		}, sqliteAPI},
	}
	shapes[2].bleve = func(t string) corpus.Query {
		i := len(t) % len(auths)
		return corpus.Query{Text: t, Size: 10, Filter: corpus.Filter{Authorities: []string{auths[i]}, IncidentTypes: []string{"serious_violence"}, From: "2019-01-01", To: "2020-12-31"}, NoFacets: true}
	}
	shapes[2].sqlite = func(t string) string {
		// From the text match, materialised, then the filters: SQLite's
		// planner otherwise starts from the facet index and runs the
		// match once per candidate (measured 30-40 times slower).
		i := len(t) % len(auths)
		return fmt.Sprintf("WITH m AS MATERIALIZED (SELECT rowid AS id, rank FROM sections_fts WHERE sections_fts MATCH '{heading text}: %s') SELECT s.review_id, s.heading FROM m JOIN facets x ON x.id=m.id JOIN sections s ON s.id=m.id WHERE x.authority='%s' AND x.incident_type='serious_violence' AND x.incident_date BETWEEN '2019-01-01' AND '2020-12-31' ORDER BY m.rank LIMIT 10;", t, auths[i])
	}
	// Hit counts must agree on the term queries, and on the phrases, which
	// sirlearn answers with its own searcher.
	if err := compareCounts(ctx, w, ix, sqlitePath, "term", terms, func(t string) string { return t }); err != nil {
		return err
	}
	if err := compareCounts(ctx, w, ix, sqlitePath, "phrase", phrases, func(p string) string { return `"` + p + `"` }); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%-22s %12s %12s %12s %12s %10s %10s\n", "query (latency)", "sirlearn p50", "sirlearn p99", "sqlite p50", "sqlite p99", "p50 ratio", "p99 ratio")
	for _, sh := range shapes {
		words := terms
		if sh.name == "phrase" {
			words = phrases
		}
		// One untimed run of each distinct query first: a server answers
		// from warm memory maps, and the timed runs should measure that.
		for i := 0; i < min(nq, len(words)); i++ {
			if _, err := ix.Search(ctx, sh.bleve(words[i])); err != nil {
				return err
			}
		}
		var bl []time.Duration
		var stmts []string
		for i := 0; i < nq; i++ {
			t := words[i%len(words)]
			q := sh.bleve(t)
			start := time.Now()
			if _, err := ix.Search(ctx, q); err != nil {
				return err
			}
			bl = append(bl, time.Since(start))
			stmts = append(stmts, sh.sqlite(t))
		}
		sl, complete, err := sqliteTimes(ctx, sqlitePath, stmts, sqliteBudget)
		if err != nil {
			return err
		}
		if !complete {
			fmt.Fprintf(w, "(sqlite ran %d of %d %s queries within its %s budget)\n", len(sl), nq, sh.name, sqliteBudget)
		}
		b50, b99 := percentile(bl, 50), percentile(bl, 99)
		s50, s99 := percentile(sl, 50), percentile(sl, 99)
		fmt.Fprintf(w, "%-22s %12s %12s %12s %12s %10.2f %10.2f\n", sh.name, b50.Round(time.Microsecond), b99.Round(time.Microsecond),
			s50.Round(time.Microsecond), s99.Round(time.Microsecond), float64(b50)/float64(max(s50, time.Microsecond)), float64(b99)/float64(max(s99, time.Microsecond)))
	}
	if !keep {
		defer os.RemoveAll(blevePath)
		defer os.Remove(sqlitePath)
	}
	return nil
}

// compareCounts prints how many of the queries get the same number of
// hits from both engines, and each that does not.
func compareCounts(ctx context.Context, w io.Writer, ix *index.Index, sqlitePath, kind string, queries []string, quote func(string) string) error {
	var countSQL strings.Builder
	for _, q := range queries {
		fmt.Fprintf(&countSQL, "SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '{heading text}: %s';\n", quote(q))
	}
	out, err := sqliteOutput(ctx, sqlitePath, countSQL.String())
	if err != nil {
		return err
	}
	counts := strings.Fields(out)
	mismatch := 0
	for i, q := range queries {
		res, err := ix.Search(ctx, corpus.Query{Text: quote(q), Size: 1})
		if err != nil {
			return err
		}
		if i < len(counts) && strconv.Itoa(res.Total) != counts[i] {
			mismatch++
			fmt.Fprintf(w, "hit count differs for %s: sirlearn %d, sqlite %s\n", quote(q), res.Total, counts[i])
		}
	}
	fmt.Fprintf(w, "%s hit counts: %d of %d queries agree\n", kind, len(queries)-mismatch, len(queries))
	return nil
}

// extractForBench reads and extracts the corpus in parallel and writes the
// reviews as a gob stream and the sections and facets as CSV for sqlite3.
// Each engine gets the extracted data in the form cheapest for it to read:
// sirlearn's own structs (what sirlearn index hands the index in memory),
// and CSV for sqlite3's .import. Decoding the same reviews from JSON took
// five times as long as from gob, a fifth of the load time.
func (a *app) extractForBench(ctx context.Context, corpusDir, reviewsFile, csvSections, csvFacets string) error {
	files, _, err := ingest.Collect([]string{corpusDir})
	if err != nil {
		return err
	}
	// With the researcher view, as sirlearn indexes: both engines load it.
	ex, err := a.indexingExtractor()
	if err != nil {
		return err
	}
	rf, err := os.Create(reviewsFile)
	if err != nil {
		return err
	}
	defer rf.Close()
	sf, err := os.Create(csvSections)
	if err != nil {
		return err
	}
	defer sf.Close()
	ff, err := os.Create(csvFacets)
	if err != nil {
		return err
	}
	defer ff.Close()
	rw := bufio.NewWriterSize(rf, 1<<20)
	sw, fw := csv.NewWriter(bufio.NewWriterSize(sf, 1<<20)), csv.NewWriter(bufio.NewWriterSize(ff, 1<<20))
	type res struct {
		i int
		r *corpus.Review
	}
	ch := make(chan res, 64)
	var wg sync.WaitGroup
	var next int64
	var mu sync.Mutex
	var firstErr error
	for wkr := 0; wkr < runtime.NumCPU(); wkr++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := int(next)
				next++
				mu.Unlock()
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				doc, err := ingest.ReadFile(ctx, files[i], a.limits())
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				ch <- res{i, ex.Extract(doc)}
			}
		}()
	}
	go func() { wg.Wait(); close(ch) }()
	id := 0
	enc := gob.NewEncoder(rw)
	for r := range ch {
		if err := enc.Encode(r.r); err != nil {
			return err
		}
		themes := strings.Join(themeIDs(r.r), " ")
		for _, s := range r.r.Sections {
			id++
			if err := sw.Write([]string{strconv.Itoa(id), r.r.ID, string(s.Kind), s.Heading, s.Text, s.RedactedHeading + "\n\n" + s.RedactedText}); err != nil {
				return err
			}
			if err := fw.Write([]string{strconv.Itoa(id), r.r.Authority, r.r.IncidentDate.Year(), r.r.IncidentType, string(r.r.IncidentDate), themes}); err != nil {
				return err
			}
		}
	}
	sw.Flush()
	fw.Flush()
	if err := rw.Flush(); err != nil {
		return err
	}
	return firstErr
}

func themeIDs(r *corpus.Review) []string {
	out := make([]string, 0, len(r.Themes))
	for _, t := range r.Themes {
		out = append(out, string(t.ID))
	}
	return out
}

func sqliteOutput(ctx context.Context, db, script string) (string, error) {
	c := exec.CommandContext(ctx, "sqlite3", "-bail", db)
	c.Stdin = strings.NewReader(script)
	out, err := c.Output()
	if err != nil {
		return "", fmt.Errorf("sqlite3: %w", err)
	}
	return string(out), nil
}

var runTimeRE = regexp.MustCompile(`Run Time: real ([0-9.]+)`)

// sqliteBudget bounds the time SQLite may take for one query shape: its
// filtered and ranked queries take seconds each at 100,000 reviews.
const sqliteBudget = 3 * time.Minute

// sqliteTimes runs the statements with .timer on, ten to a sqlite3
// process, and returns each statement's real time as sqlite3 reports it; it
// starts no new process once the budget is spent, and then complete is
// false.
func sqliteTimes(ctx context.Context, db string, stmts []string, budget time.Duration) ([]time.Duration, bool, error) {
	start := time.Now()
	var ds []time.Duration
	for i := 0; i < len(stmts); i += 10 {
		if time.Since(start) > budget {
			return ds, false, nil
		}
		c := exec.CommandContext(ctx, "sqlite3", "-bail", db)
		c.Stdin = strings.NewReader(".timer on\n.output /dev/null\n" + strings.Join(stmts[i:min(i+10, len(stmts))], "\n") + "\n")
		out, err := c.CombinedOutput()
		if err != nil {
			return nil, false, fmt.Errorf("sqlite3: %w: %s", err, out)
		}
		for _, m := range runTimeRE.FindAllStringSubmatch(string(out), -1) {
			f, _ := strconv.ParseFloat(m[1], 64)
			ds = append(ds, time.Duration(f*float64(time.Second)))
		}
	}
	if len(ds) == 0 {
		return nil, false, fmt.Errorf("sqlite3 printed no timings")
	}
	return ds, true, nil
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	if i > 0 {
		i--
	}
	return s[min(i, len(s)-1)]
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	n := 0
	for {
		if _, err := r.Read(); err != nil {
			return n
		}
		n++
	}
}

func dirSize(p string) int64 {
	var n int64
	_ = filepath.Walk(p, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
